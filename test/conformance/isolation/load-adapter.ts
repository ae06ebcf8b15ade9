/**
 * Loads an adapter module: it exports `createAdapter()` (returning an Adapter or a promise of
 * one), or `default` / `adapter` as an Adapter or as such a factory.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Adapter } from '../../../impl/contract.ts';

export async function loadAdapterModule(path: string): Promise<Adapter> {
  const mod = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  let candidate = mod.createAdapter ?? mod.default ?? mod.adapter;
  if (typeof candidate === 'function') candidate = await (candidate as () => Adapter | Promise<Adapter>)();
  const adapter = candidate as Adapter | undefined;
  if (!adapter || typeof adapter.name !== 'string' || typeof adapter.capabilities !== 'object') {
    throw new Error(`${path} exports no adapter: export default (or 'adapter') an object with name and capabilities, or createAdapter()`);
  }
  return adapter;
}
