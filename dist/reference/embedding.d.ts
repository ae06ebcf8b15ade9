import type { DType } from './dtype.ts';
import { type EmbeddingOptions } from './functional.ts';
import { Module } from './module.ts';
import { type Generator } from './random.ts';
import { Tensor } from './tensor.ts';
export interface EmbeddingModuleOptions extends EmbeddingOptions {
    /** Use this tensor as the weight (shared, not copied; the padding row is not zeroed). */
    _weight?: Tensor | null;
    /** Weight dtype when no `_weight` is given; default float32. */
    dtype?: DType;
    /** Source of the N(0, 1) init; default the global generator (`manualSeed`). */
    generator?: Generator;
}
export interface FromPretrainedOptions extends EmbeddingOptions {
    /** true (the default): the weight does not require grad. */
    freeze?: boolean;
}
export declare class Embedding extends Module {
    readonly numEmbeddings: number;
    readonly embeddingDim: number;
    /** Stored normalised (-1 on 5 rows becomes 4); a bool is stored as given. */
    paddingIdx: number | boolean | null;
    maxNorm: number | null;
    normType: number;
    scaleGradByFreq: boolean;
    sparse: boolean;
    readonly weight: Tensor;
    constructor(numEmbeddings: number, embeddingDim: number, options?: EmbeddingModuleOptions);
    /** `Embedding.from_pretrained`: the module wraps `embeddings` itself; frozen by default. */
    static fromPretrained(embeddings: Tensor, options?: FromPretrainedOptions): Embedding;
    /** `reset_parameters()`: init.normal_(weight), then the padding row zeroed; each bumps `_version`. */
    resetParameters(generator?: Generator): void;
    /** `weight[padding_idx].fill_(0)` under no_grad; a bool index selects a copy, so nothing is zeroed. */
    private fillPaddingIdxWithZero;
    forward(input: Tensor): Tensor;
    /** PyTorch's repr, e.g. `Embedding(5, 3, padding_idx=4, max_norm=1.5)`. */
    toString(): string;
}
