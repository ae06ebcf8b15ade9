/** Conversions between the contract's plain `{dtype, shape, data}` tensors and ORT tensors. */
import * as ort from 'onnxruntime-node';
import type { PlainTensor } from '../contract.ts';
export declare function numel(shape: readonly number[]): number;
/**
 * An ORT tensor reading the plain tensor's data. ORT only reads feeds, so the caller's array is
 * passed as is (no copy) and never written to; a `shape` override re-views the same data.
 */
export declare function toOrt(t: PlainTensor, shape?: readonly number[]): ort.Tensor;
export declare function fromOrt(t: ort.Tensor, shape?: readonly number[]): PlainTensor;
/** Thrown for a case outside the declared capabilities (the suite should not send it). */
export declare class UnsupportedError extends Error {
    name: string;
}
