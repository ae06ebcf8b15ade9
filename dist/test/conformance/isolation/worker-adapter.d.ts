import type { Adapter } from '../../../impl/contract.ts';
/** Loads the adapter module at `path` in a worker; each call is stopped after `timeoutMs`. */
export declare function loadIsolatedAdapter(path: string, timeoutMs: number): Promise<Adapter>;
