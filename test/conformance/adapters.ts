/**
 * Where the implementations under test come from: a built-in adapter by name (the reference,
 * ONNX Runtime, tfjs on its cpu and wasm backends), an adapter module by path (run in a worker
 * thread unless in-process), or an Adapter object handed over by a program. The backends are
 * optional peer dependencies of rnnspec, loaded only when asked for, with a clear message when
 * one is not installed. A built-in adapter may ship a baseline of its backend's known bugs.
 */
import { join, resolve } from 'node:path';
import type { Adapter } from '../../impl/contract.ts';
import type { TorchVersion } from '../harness/golden.ts';
import { PACKAGE_ROOT } from '../harness/package-root.ts';
import { AdapterLoadError, loadAdapterModule } from './isolation/load-adapter.ts';
import { loadIsolatedAdapter } from './isolation/worker-adapter.ts';

export { AdapterLoadError } from './isolation/load-adapter.ts';

interface BuiltIn {
  /** npm packages the adapter needs (optional peer dependencies of rnnspec). */
  peers: string[];
  load(options: { torch?: TorchVersion }): Promise<Adapter>;
  /** A baseline of the backend's own known deviations from PyTorch, shipped with rnnspec. */
  baseline?: string;
}

export const BUILT_IN: Record<string, BuiltIn> = {
  reference: { peers: [], load: async ({ torch }) => (await import('../../impl/reference/index.ts')).createReferenceAdapter({ torch }) },
  onnxruntime: {
    peers: ['onnxruntime-node'],
    load: async () => (await import('../../impl/onnxruntime/index.ts')).createOnnxRuntimeAdapter(),
    baseline: join(PACKAGE_ROOT, 'impl', 'onnxruntime', 'baseline.json'),
  },
  'tfjs-cpu': {
    peers: ['@tensorflow/tfjs'],
    load: async () => (await import('../../impl/tfjs/index.ts')).createTfjsAdapter('cpu'),
    baseline: join(PACKAGE_ROOT, 'impl', 'tfjs', 'baseline.json'),
  },
  'tfjs-wasm': {
    peers: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'],
    load: async () => (await import('../../impl/tfjs/index.ts')).createTfjsAdapter('wasm'),
    baseline: join(PACKAGE_ROOT, 'impl', 'tfjs', 'baseline.json'),
  },
};

/** Whether an optional peer dependency can be imported from here. */
async function installed(name: string): Promise<boolean> {
  try {
    await import(name);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return false;
    throw e;
  }
}

export async function builtInAvailable(name: string): Promise<boolean> {
  for (const peer of BUILT_IN[name].peers) if (!(await installed(peer))) return false;
  return true;
}

/** What the caller named: a built-in adapter, a module path or an Adapter object. */
export type AdapterSpec = string | Adapter;

export interface LoadedAdapter {
  adapter: Adapter;
  /** How it was named: the built-in name, the resolved module path, or `(object)`. */
  source: string;
  /** Runs in a worker thread, which enforces its own time-out. */
  isolated: boolean;
  /** A baseline shipped with a built-in adapter. */
  baseline?: string;
}

export interface LoadOptions {
  /** The folder relative module paths are taken from (the caller's, not rnnspec's). */
  cwd?: string;
  /** Per-call time-out of an isolated adapter, in ms. */
  timeoutMs?: number;
  /** Load a module adapter in this thread instead of a worker. */
  inProcess?: boolean;
  /** The PyTorch version the reference emulates. */
  torch?: TorchVersion;
}

export async function loadAdapter(spec: AdapterSpec, options: LoadOptions = {}): Promise<LoadedAdapter> {
  if (typeof spec !== 'string') return { adapter: spec, source: '(object)', isolated: false };
  const builtIn = BUILT_IN[spec];
  if (builtIn) {
    for (const peer of builtIn.peers) {
      if (!(await installed(peer))) throw new AdapterLoadError(`the ${spec} adapter needs ${peer}, an optional peer dependency of rnnspec: npm install -D ${peer}`);
    }
    return { adapter: await builtIn.load({ torch: options.torch }), source: spec, isolated: false, baseline: builtIn.baseline };
  }
  const path = resolve(options.cwd ?? process.cwd(), spec);
  if (!/[\\/]|\.[cm]?[jt]s$/.test(spec)) {
    throw new AdapterLoadError(`'${spec}' is neither a built-in adapter (${Object.keys(BUILT_IN).join(', ')}) nor a path to an adapter module (.js, .mjs, .ts, .mts)`);
  }
  if (options.inProcess) return { adapter: await loadAdapterModule(path), source: path, isolated: false };
  return { adapter: await loadIsolatedAdapter(path, options.timeoutMs ?? 20_000), source: path, isolated: true };
}
