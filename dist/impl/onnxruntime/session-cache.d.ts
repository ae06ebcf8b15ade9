/**
 * ONNX Runtime sessions cached by graph signature.
 *
 * Creating a session costs about 1-3 ms once ORT is warm (the first one 10-170 ms) while running a
 * small RNN case costs tens of microseconds, so a property campaign must never build a session per
 * case. The key is the signature string of the graph (`rnnSignatureKey`, `embeddingSignatureKey`,
 * or `file:<path>` for a model read from disk): everything that is static in the graph. Shapes that
 * vary between cases (L, N, input_size, V, E, the index rank) are symbolic dims, so cases differing
 * only in them share a session.
 *
 * The map holds the creation *promise*, so concurrent cases of one signature create it once.
 * A failed creation is not cached (the next call retries and fails again with the same message).
 * No eviction: a campaign creates at most a few hundred small sessions (one per configuration).
 */
import * as ort from 'onnxruntime-node';
export interface SessionCacheStats {
    /** Lookups answered by an existing (or in-flight) session. */
    hits: number;
    /** Lookups that created a session. */
    misses: number;
    /** Sessions alive now. */
    sessions: number;
    /** Sum and maximum of session creation times (graph building + InferenceSession.create), ms. */
    creationMsTotal: number;
    creationMsMax: number;
    /** Every creation: key and milliseconds, in order. */
    creations: Array<{
        key: string;
        ms: number;
    }>;
}
export declare const DEFAULT_SESSION_OPTIONS: ort.InferenceSession.SessionOptions;
export declare class SessionCache {
    private readonly options;
    private readonly map;
    private readonly counters;
    private readonly creations;
    constructor(options?: ort.InferenceSession.SessionOptions);
    /**
     * The session for `key`; `source` is called only on a miss and gives the model bytes (or a file
     * path for ORT to read).
     */
    get(key: string, source: () => Uint8Array | string): Promise<ort.InferenceSession>;
    has(key: string): boolean;
    stats(): SessionCacheStats;
    resetStats(): void;
    /** Releases every session; the cache stays usable (later lookups create new sessions). */
    dispose(): Promise<void>;
}
