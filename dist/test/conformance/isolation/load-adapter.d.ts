import type { Adapter } from '../../../impl/contract.ts';
export declare function loadAdapterModule(path: string): Promise<Adapter>;
