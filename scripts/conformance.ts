/**
 * `npm run conformance`: runs the conformance suite (every golden RNN and Embedding case) against
 * implementations and prints the feature x implementation matrix; writes the same report as JSON,
 * Markdown and JUnit XML.
 *
 *   npm run conformance                                   reference and onnxruntime
 *   npm run conformance -- --adapter ./my-adapter.ts      a third-party adapter module
 *   npm run conformance -- --adapter reference --case rnn/tanh_l1_uni_bias_f32
 *   options: --out DIR (default out/conformance), --timeout MS (per case, default 20000), --quiet,
 *            --in-process (run a module adapter in this thread instead of a worker)
 *
 * When both the reference and onnxruntime run, the report has a "disagreements" section (golden,
 * reference and onnxruntime voted case by case, test/conformance/oracles/vote.ts); when onnxruntime runs, an
 * "ONNX export fidelity" section (PyTorch's exported models in ORT, test/conformance/oracles/fidelity.ts).
 *
 * An adapter module exports `default` or `adapter` (an Adapter, see impl/contract.ts) or
 * `createAdapter()` returning one (or a promise of one). A module adapter runs in a worker thread
 * (test/conformance/isolation/worker-adapter.ts), so that even a synchronous infinite loop is stopped at the time-out.
 * Exit code: 0 when no case failed, 1 when some case failed, 2 on a usage or loading error.
 */
import { resolve } from 'node:path';
import type { Adapter } from '../impl/contract.ts';
import { loadGolden } from '../test/harness/golden.ts';
import { suiteCases } from '../test/conformance/cases.ts';
import { formatText, runMeta, summarize, writeReports, type AdapterMeta, type ImplementationReport, type ReportExtras } from '../test/conformance/report/index.ts';
import { loadIsolatedAdapter } from '../test/conformance/isolation/worker-adapter.ts';
import { loadAdapterModule } from '../test/conformance/isolation/load-adapter.ts';
import { runSuite } from '../test/conformance/judge.ts';
import { voteSuite } from '../test/conformance/oracles/vote.ts';

const BUILT_IN: Record<string, () => Promise<Adapter>> = {
  reference: async () => (await import('../impl/reference/index.ts')).createReferenceAdapter(),
  onnxruntime: async () => (await import('../impl/onnxruntime/index.ts')).createOnnxRuntimeAdapter(),
  'tfjs-cpu': async () => (await import('../impl/tfjs/index.ts')).createTfjsAdapter('cpu'),
  'tfjs-wasm': async () => (await import('../impl/tfjs/index.ts')).createTfjsAdapter('wasm'),
};

interface Args {
  adapters: string[];
  cases: string[];
  out: string;
  timeoutMs: number;
  quiet: boolean;
  inProcess: boolean;
}

function usage(message: string): never {
  console.error(`conformance: ${message}\nusage: npm run conformance -- [--adapter NAME|PATH]... [--case ID]... [--out DIR] [--timeout MS] [--quiet] [--in-process]\nbuilt-in adapters: ${Object.keys(BUILT_IN).join(', ')}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { adapters: [], cases: [], out: 'out/conformance', timeoutMs: 20_000, quiet: false, inProcess: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--adapter') args.adapters.push(value());
    else if (a === '--case') args.cases.push(value());
    else if (a === '--out') args.out = value();
    else if (a === '--timeout') args.timeoutMs = Number(value());
    else if (a === '--quiet') args.quiet = true;
    else if (a === '--in-process') args.inProcess = true;
    else usage(`unknown argument '${a}'`);
  }
  if (!(args.timeoutMs > 0)) usage('--timeout needs a positive number of milliseconds');
  if (args.adapters.length === 0) args.adapters = ['reference', 'onnxruntime'];
  return args;
}

/** A built-in adapter by name, or an adapter module by path (in a worker thread unless --in-process). */
async function loadAdapter(spec: string, args: Args): Promise<{ adapter: Adapter; isolated: boolean }> {
  if (spec in BUILT_IN) return { adapter: await BUILT_IN[spec](), isolated: false };
  if (args.inProcess) return { adapter: await loadAdapterModule(spec), isolated: false };
  return { adapter: await loadIsolatedAdapter(spec, args.timeoutMs), isolated: true };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const args = parseArgs(process.argv.slice(2));
  const golden = loadGolden();
  let cases = suiteCases(golden.cases);
  if (args.cases.length > 0) {
    const unknown = args.cases.filter((id) => !cases.some((c) => c.id === id));
    if (unknown.length > 0) usage(`no suite case ${unknown.join(', ')} (golden cases with outputs of api rnn or embedding)`);
    cases = cases.filter((c) => args.cases.includes(c.id));
  }
  const reports: ImplementationReport[] = [];
  const loaded: Adapter[] = [];
  const adapterMeta: AdapterMeta[] = [];
  for (const spec of args.adapters) {
    let adapter: Adapter;
    let isolated: boolean;
    try {
      ({ adapter, isolated } = await loadAdapter(spec, args));
    } catch (e) {
      console.error(`conformance: cannot load adapter '${spec}': ${(e as Error).message}`);
      process.exit(2);
    }
    let done = 0;
    const results = await runSuite(adapter, cases, {
      // an isolated adapter stops its own worker at timeoutMs (restart included in the grace)
      timeoutMs: isolated ? args.timeoutMs + 10_000 : args.timeoutMs,
      adapterArg: `--adapter ${spec}`,
      onResult: () => {
        done++;
        if (!args.quiet && process.stderr.isTTY) process.stderr.write(`\r${adapter.name}: ${done}/${cases.length} cases`);
      },
    });
    if (!args.quiet && process.stderr.isTTY) process.stderr.write('\n');
    loaded.push(adapter);
    adapterMeta.push({ name: adapter.name, builtIn: spec in BUILT_IN, loadedFrom: spec in BUILT_IN ? spec : resolve(spec) });
    reports.push(summarize(adapter.name, results));
  }
  const extras: ReportExtras = {};
  const reference = loaded.find((a) => a.name === 'reference');
  const onnxruntime = loaded.find((a) => a.name === 'onnxruntime');
  if (reference && onnxruntime) extras.disagreements = await voteSuite(cases, reference, onnxruntime);
  if (onnxruntime) extras.exportFidelity = await (await import('../test/conformance/oracles/fidelity.ts')).exportFidelity(cases);
  for (const adapter of loaded) await adapter.dispose?.();
  const meta = runMeta({ pytorch: golden.manifest.torch, adapters: adapterMeta, startedAt, argv: ['npm', 'run', 'conformance', '--', ...process.argv.slice(2)] }, reports);
  console.log(formatText(reports, extras, { meta }));
  const paths = writeReports(args.out, reports, extras, meta);
  console.log(`\nreports: ${Object.values(paths).join(', ')}`);
  process.exitCode = reports.some((r) => r.cases.some((c) => c.status === 'fail')) ? 1 : 0;
}

await main();
