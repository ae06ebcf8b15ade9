/**
 * fast-check arbitraries for nn.Embedding / F.embedding: a table (V, D, dtype), an index tensor of
 * rank 0-3 with in-range indices, the weight's values, an upstream gradient, and the options, each
 * option independently present or omitted so that PyTorch's defaults get exercised.
 * Everything is plain data; tests build the tensors.
 */
import * as fc from 'fast-check';
export type FloatDType = 'float32' | 'float64';
export type IndexDType = 'int64' | 'int32';
export interface EmbeddingOptionsDraw {
    paddingIdx?: number;
    maxNorm?: number;
    normType?: number;
    scaleGradByFreq?: boolean;
    sparse?: boolean;
}
export type OptionName = keyof EmbeddingOptionsDraw;
export interface EmbeddingDraw {
    V: number;
    D: number;
    dtype: FloatDType;
    indexDtype: IndexDType;
    /** Shape of the index tensor (rank 0-3, dims 0-4). */
    shape: number[];
    /** Row-major indices in [0, V). */
    indices: number[];
    /** Row-major (V, D) weight, exactly representable in `dtype`. */
    weight: number[];
    /** Row-major (*shape, D) upstream gradient: small integers, so sums of them are exact in float32. */
    upstream: number[];
    options: EmbeddingOptionsDraw;
}
/** p values for which "renormed rows have norm <= max_norm" holds (p = 0 and p < 0 are not norms). */
export declare const NORM_TYPES: readonly [1, 2, 3, number, 0.5, 1.5];
/** Overrides of the option value distributions (the differential campaign draws wider ones). */
export interface OptionValues {
    maxNorm?: fc.Arbitrary<number>;
    normTypes?: readonly number[];
}
/**
 * One embedding call. `options` lists the options that may appear (each randomly omitted unless in
 * `require`); by default all of them. sparse + scaleGradByFreq is never drawn together, because
 * PyTorch rejects it at backward (tested as an error case).
 */
export declare function embeddingArb(constraints?: {
    options?: readonly OptionName[];
    require?: readonly OptionName[];
    dtypes?: readonly FloatDType[];
    maxRows?: number;
    maxDim?: number;
    values?: OptionValues;
}): fc.Arbitrary<EmbeddingDraw>;
