/**
 * Loads an adapter module: it exports `createAdapter()` (returning an Adapter or a promise of
 * one), or `default` / `adapter` as an Adapter or as such a factory. JavaScript (`.js`, `.mjs`,
 * `.cjs`) is imported as it is; TypeScript (`.ts`, `.mts`, `.cts`) through tsx, so that a user's
 * adapter needs no build step. A relative path is taken from `cwd` (the caller's folder).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Adapter } from '../../../impl/contract.ts';

export class AdapterLoadError extends Error {
  override name = 'AdapterLoadError';
}

const TYPESCRIPT = /\.[cm]?tsx?$/;

export async function loadAdapterModule(path: string, cwd = process.cwd()): Promise<Adapter> {
  const file = resolve(cwd, path);
  if (!existsSync(file)) throw new AdapterLoadError(`adapter module ${file} does not exist`);
  let mod: Record<string, unknown>;
  try {
    const url = pathToFileURL(file).href;
    mod = TYPESCRIPT.test(file) ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url);
  } catch (e) {
    throw new AdapterLoadError(`adapter module ${path} failed to load: ${e instanceof Error ? e.message : String(e)}`);
  }
  const exported = (m: Record<string, unknown>) => m.createAdapter ?? m.default ?? m.adapter;
  let candidate = exported(mod);
  // a TypeScript module compiled as CommonJS (no "type": "module" nearby) nests its exports in default
  const nested = candidate as Record<string, unknown> | undefined;
  if (nested && typeof nested === 'object' && !('capabilities' in nested) && exported(nested) !== undefined) candidate = exported(nested);
  if (typeof candidate === 'function') candidate = await (candidate as () => Adapter | Promise<Adapter>)();
  const adapter = candidate as Adapter | undefined;
  if (!adapter || typeof adapter.name !== 'string' || typeof adapter.capabilities !== 'object' || adapter.capabilities === null) {
    throw new AdapterLoadError(`${path} exports no adapter: export default (or 'adapter') an object with name and capabilities, or createAdapter()`);
  }
  return adapter;
}
