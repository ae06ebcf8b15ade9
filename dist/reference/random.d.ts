/**
 * rnnspec's own seedable random generator (PyTorch's Mersenne-Twister/Philox streams are not
 * reproduced, so tests of random init and dropout check statistics or inject values; spec §2.1, §3.1).
 *
 * xoshiro128** seeded through splitmix32; doubles carry 53 random bits; normals come from the
 * Box-Muller transform.
 */
export declare class Generator {
    private s;
    private spareNormal;
    constructor(seed?: number);
    manualSeed(seed: number): this;
    private nextUint32;
    /** Uniform on [0, 1). */
    random(): number;
    /** Uniform on [low, high), like `Tensor.uniform_(low, high)`. */
    uniform(low: number, high: number): number;
    /** N(mean, std^2), like `Tensor.normal_(mean, std)`. */
    normal(mean?: number, std?: number): number;
    /** 1 with probability p, else 0. */
    bernoulli(p: number): number;
}
/** The default generator, reseeded by `manualSeed`. */
export declare const defaultGenerator: Generator;
export declare function manualSeed(seed: number): Generator;
