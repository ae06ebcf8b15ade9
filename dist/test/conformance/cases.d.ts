/**
 * The suite's cases: every golden RNN and Embedding case that has outputs, turned into the
 * adapter contract's framework-neutral form, with PyTorch's expected results beside it.
 */
import type { EmbeddingCase, PlainTensor, RnnCase } from '../../impl/contract.ts';
import { type GoldenCase, type TensorJson } from '../harness/golden.ts';
export interface ExpectedResult {
    outputs: Record<string, PlainTensor>;
    grads: Record<string, PlainTensor>;
}
export type SuiteCase = {
    kind: 'rnn';
    id: string;
    features: string[];
    input: RnnCase;
    expected: ExpectedResult;
    onnx?: string;
} | {
    kind: 'embedding';
    id: string;
    features: string[];
    input: EmbeddingCase;
    expected: ExpectedResult;
};
/** A golden rnn case (with outputs or an error) as the adapter contract's RnnCase, without upstream. */
export declare function rnnInputOf(c: GoldenCase): RnnCase;
/** A sparse gradient `{indices, values, size}` as the dense (V, D) tensor it stands for. */
export declare function sparseToDense(s: {
    indices: TensorJson;
    values: TensorJson;
    size: number[];
}): PlainTensor;
/** Golden cases the adapter contract can express: RNN and Embedding cases with outputs. */
export declare function suiteCases(golden: readonly GoldenCase[]): SuiteCase[];
