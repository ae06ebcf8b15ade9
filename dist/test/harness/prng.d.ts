/** mulberry32: a small seeded PRNG in [0, 1), so a fast-check counterexample is just a seed and sizes. */
export declare function prng(seed: number): () => number;
