import type { Adapter, Capabilities, EmbeddingCase, EmbeddingResult, RnnCase, RnnResult } from '../contract.ts';
export type TfjsBackend = 'cpu' | 'wasm';
export declare function tfjsCapabilities(backend: TfjsBackend): Capabilities;
export interface TfjsAdapter extends Adapter {
    name: 'tfjs-cpu' | 'tfjs-wasm';
    backend: TfjsBackend;
    rnn(c: RnnCase): Promise<RnnResult>;
    embedding(c: EmbeddingCase): Promise<EmbeddingResult>;
    /** Tensors the tfjs engine holds (all backends): constant across successful calls when nothing leaks. */
    numTensors(): Promise<number>;
    dispose(): Promise<void>;
}
/**
 * `tfjs-cpu` (the default, also for `--adapter impl/tfjs/index.ts`) or `tfjs-wasm`. tfjs is loaded (and the wasm backend registered) on the first call.
 *
 * dispose() only retires the adapter (later calls reject): every tensor, variable and layer a call
 * creates is already released when it returns, and the tfjs engine and its backends are
 * process-wide singletons that other code may be using; a removed wasm backend could not even be
 * registered again (tfjs-backend-wasm registers its factory once, when it is first imported).
 */
export declare function createTfjsAdapter(backend?: TfjsBackend): TfjsAdapter;
export default createTfjsAdapter;
