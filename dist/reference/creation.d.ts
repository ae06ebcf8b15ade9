/**
 * `torch.tensor` and `torch.as_tensor` for JavaScript data (shared/spec/pytorch-semantics.md §1).
 *
 * `tensor(data)` always copies. Without `dtype` it infers one as DESIGN.md's JavaScript rule says:
 * integer numbers and bigints are Python ints (int64), other numbers Python floats (float32),
 * booleans bool, a typed array keeps its element type, a Tensor its dtype; nested arrays promote
 * (§1.1). Shapes come from the first element at each depth and ragged input raises PyTorch's errors
 * (§1.3); explicit dtypes convert with PyTorch's truncation and overflow rules (§1.2).
 * `asTensor(data)` shares memory with a Tensor or typed array of matching dtype, else copies (§1.4).
 */
import { type DType } from './dtype.ts';
import { Tensor } from './tensor.ts';
/** What `tensor()` accepts: scalars, typed arrays, Tensors and (nested) arrays of them. */
export type TensorData = number | bigint | boolean | Tensor | ArrayBufferView | readonly TensorData[];
export interface TensorOptions {
    dtype?: DType;
    requiresGrad?: boolean;
    device?: string;
    pinMemory?: boolean;
}
/** `torch.tensor(data, dtype=None, device=None, requires_grad=False, pin_memory=False)`: always a copy. */
export declare function tensor(data: TensorData, options?: TensorOptions): Tensor;
/** `torch.as_tensor(data, dtype=None)`: shares memory when it can (spec §1.4). */
export declare function asTensor(data: TensorData, options?: Pick<TensorOptions, 'dtype' | 'device'>): Tensor;
