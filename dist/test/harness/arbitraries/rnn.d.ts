/**
 * fast-check arbitraries for nn.RNN and packed sequences: small sizes, the constructor options each
 * randomly present or omitted (so PyTorch's defaults get exercised), sequence lengths, and a seed
 * from which the test draws every tensor value. Everything is plain data; tests build the tensors.
 */
import * as fc from 'fast-check';
import { Generator, Tensor, type DType } from '../../../reference/index.ts';
export type FloatDType = 'float32' | 'float64';
/** The options of `new RNN(inputSize, hiddenSize, options)`, each one possibly omitted. */
export interface RnnOptionsDraw {
    numLayers?: number;
    nonlinearity?: 'tanh' | 'relu';
    bias?: boolean;
    batchFirst?: boolean;
    bidirectional?: boolean;
}
export interface RnnDraw {
    inputSize: number;
    hiddenSize: number;
    options: RnnOptionsDraw;
    /** Padded sequence length L and batch N. */
    L: number;
    N: number;
    /** Pass an explicit h_0 (else the default zeros). */
    withH0: boolean;
    /** Seeds every tensor value the test draws. */
    seed: number;
}
export interface PackedDraw extends RnnDraw {
    /** One length per batch entry, each in [1, L]; non-increasing when enforceSorted. */
    lengths: number[];
    /** undefined: omitted (PyTorch's default, true). */
    enforceSorted?: boolean;
}
export declare const optionsArb: (maxLayers?: number) => fc.Arbitrary<RnnOptionsDraw>;
export declare function rnnArb(c?: {
    maxLayers?: number;
    maxL?: number;
    maxN?: number;
    minN?: number;
    options?: fc.Arbitrary<RnnOptionsDraw>;
}): fc.Arbitrary<RnnDraw>;
/**
 * Lengths in [1, L] for each of N entries, with enforceSorted true, false or omitted (then the
 * default, true); sorted non-increasing unless enforceSorted is false.
 */
export declare function lengthsArb(L: number, N: number): fc.Arbitrary<{
    lengths: number[];
    enforceSorted?: boolean;
}>;
/** A draw of rnnArb with packed lengths (lengthsArb). */
export declare function packedArb(c?: Parameters<typeof rnnArb>[0]): fc.Arbitrary<PackedDraw>;
/** A tensor of N(0, 1) draws (row-major) from `gen`, rounded to `dtype`. */
export declare function randn(gen: Generator, shape: readonly number[], dtype?: DType): Tensor;
/** A 0/1 tensor, each element 1 with probability `keep`. */
export declare function bernoulli(gen: Generator, shape: readonly number[], keep: number, dtype?: DType): Tensor;
/**
 * A dropout probability in (0, 0.95] on a 1/1000 grid. (fc.double favours 0 and denormals, which
 * switch dropout off or make 1 - p round to 1; a grid hits the ~23% of p values for which
 * fl32(1/fl32(1-p)) and fl32(1/(1-p)) differ.)
 */
export declare const dropoutArb: fc.Arbitrary<number>;
