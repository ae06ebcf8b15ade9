import { AttributeError } from './errors.ts';
import { Tensor } from './tensor.ts';
export interface EmbeddingOptions {
    /** A row whose gradient stays zero; negative values count from the end. A bool is accepted and then rejected, as in PyTorch. */
    paddingIdx?: number | boolean | null;
    maxNorm?: number | null;
    normType?: number;
    scaleGradByFreq?: boolean;
    sparse?: boolean;
}
/** `F.embedding`: the lookup, after the in-place `max_norm` renorm when asked for. */
export declare function embedding(input: Tensor, weight: Tensor, options?: EmbeddingOptions): Tensor;
/**
 * Rescales, in place, each distinct referenced row whose p-norm exceeds `maxNorm` (spec §2.3) and
 * bumps `weight._version` once, even when no row changes. No gradient flows through it.
 */
export declare function embeddingRenorm_(weight: Tensor, indices: Tensor, maxNorm: number, normType: number): Tensor;
/** `x.attr` on a value that has no such attribute. */
export declare function attributeError(x: unknown, attr: string): AttributeError;
