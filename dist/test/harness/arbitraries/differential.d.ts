/**
 * fast-check arbitraries for the differential properties (test/self/differential/): random nn.RNN and
 * nn.Embedding cases in the adapter contract's form (impl/contract.ts), over every option the
 * ONNX Runtime adapter claims (impl/onnxruntime/index.ts), so that both the reference and ORT can
 * run each case. Constructor options are each randomly omitted, and an omitted one takes PyTorch's
 * default; `h0` and `enforceSorted` are omitted from the case itself (the adapters' defaults).
 * Tensor values come from a seed (mulberry32), so a draw is a handful of small numbers.
 */
import * as fc from 'fast-check';
import type { EmbeddingCase, RnnCase } from '../../../impl/contract.ts';
import { type EmbeddingDraw } from './embedding.ts';
import { type RnnOptionsDraw } from './rnn.ts';
export type InputForm = 'padded' | 'unbatched' | 'packed';
export interface RnnDiffDraw {
    inputSize: number;
    hiddenSize: number;
    options: RnnOptionsDraw;
    /** Omitted: 0. Never active: with 2+ layers in training mode it is drawn in eval mode instead (ORT has no dropout). */
    dropout?: number;
    /** Omitted: true (a fresh module is in training mode). */
    training?: boolean;
    form: InputForm;
    /** Padded sequence length and batch (N is 1 for unbatched input, at least 1 for packed input). */
    L: number;
    N: number;
    withH0: boolean;
    /** Packed input: one length per batch entry in [1, L], non-increasing unless enforceSorted is false. */
    lengths?: number[];
    enforceSorted?: boolean;
    /** Input values are uniform in [-inputScale, inputScale]. */
    inputScale: number;
    seed: number;
}
export declare function rnnDiffArb(c?: {
    maxLayers?: number;
    maxL?: number;
    maxN?: number;
    maxSize?: number;
}): fc.Arbitrary<RnnDiffDraw>;
/** The contract-form case: float32 parameters in PyTorch's init range U(-1/sqrt(H), 1/sqrt(H)), h0 in [-1, 1]. */
export declare function rnnCaseFromDraw(d: RnnDiffDraw): RnnCase;
/** The norm types the ORT graph implements (1, 2, ±inf, 0, and other p through Pow). */
export declare const DIFF_NORM_TYPES: readonly [2, 1, 3, number, number, 0, 0.5, 1.5, -1];
export interface EmbeddingDiffDraw extends EmbeddingDraw {
    /** Replace the index at `position` (mod numel) by an out-of-range `value`: both must raise PyTorch's error. */
    outOfRange?: {
        position: number;
        value: number;
    };
}
export declare function embeddingDiffArb(): fc.Arbitrary<EmbeddingDiffDraw>;
export declare function embeddingCaseFromDraw(d: EmbeddingDiffDraw): EmbeddingCase;
