/**
 * The reference as an adapter: rnnspec's own TypeScript implementation behind the adapter contract,
 * claiming everything (float32 and float64, every RNN and Embedding option, gradients). It is also
 * the worked example of an adapter. Uses reference/ only through its public index.
 */
import type { Adapter } from '../contract.ts';
export declare function createReferenceAdapter(): Adapter;
export default createReferenceAdapter;
