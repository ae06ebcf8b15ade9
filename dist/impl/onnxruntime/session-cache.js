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
export const DEFAULT_SESSION_OPTIONS = {
    // Small graphs: one thread avoids thread-pool hand-offs that cost more than the work (measured
    // by scripts/bench-onnxruntime.ts). Override through createOnnxRuntimeAdapter({ sessionOptions }).
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // ORT logs a failing kernel at ERROR level before rejecting the promise; the rejection carries
    // the same message, so only fatal messages are printed.
    logSeverityLevel: 4,
};
export class SessionCache {
    options;
    map = new Map();
    counters = { hits: 0, misses: 0, creationMsTotal: 0, creationMsMax: 0 };
    creations = [];
    constructor(options = DEFAULT_SESSION_OPTIONS) {
        this.options = options;
    }
    /**
     * The session for `key`; `source` is called only on a miss and gives the model bytes (or a file
     * path for ORT to read).
     */
    get(key, source) {
        const cached = this.map.get(key);
        if (cached) {
            this.counters.hits++;
            return cached;
        }
        this.counters.misses++;
        const created = (async () => {
            const t0 = performance.now();
            const src = source();
            const session = typeof src === 'string' ? await ort.InferenceSession.create(src, this.options) : await ort.InferenceSession.create(src, this.options);
            const ms = performance.now() - t0;
            this.counters.creationMsTotal += ms;
            this.counters.creationMsMax = Math.max(this.counters.creationMsMax, ms);
            this.creations.push({ key, ms });
            return session;
        })();
        this.map.set(key, created);
        created.catch(() => {
            if (this.map.get(key) === created)
                this.map.delete(key);
        });
        return created;
    }
    has(key) {
        return this.map.has(key);
    }
    stats() {
        return { ...this.counters, sessions: this.map.size, creations: [...this.creations] };
    }
    resetStats() {
        this.counters.hits = 0;
        this.counters.misses = 0;
        this.counters.creationMsTotal = 0;
        this.counters.creationMsMax = 0;
        this.creations.length = 0;
    }
    /** Releases every session; the cache stays usable (later lookups create new sessions). */
    async dispose() {
        const all = [...this.map.values()];
        this.map.clear();
        for (const p of all) {
            try {
                await (await p).release();
            }
            catch {
                // a creation that failed has nothing to release
            }
        }
    }
}
