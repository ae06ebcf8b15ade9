/** Conversions between the contract's plain `{dtype, shape, data}` tensors and ORT tensors. */
import * as ort from 'onnxruntime-node';
import type { PlainTensor } from '../contract.ts';

const ORT_TYPES: Record<string, ort.Tensor.Type> = {
  float32: 'float32',
  float64: 'float64',
  int64: 'int64',
  int32: 'int32',
  int16: 'int16',
  int8: 'int8',
  uint8: 'uint8',
  bool: 'bool',
};

export function numel(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * An ORT tensor reading the plain tensor's data. ORT only reads feeds, so the caller's array is
 * passed as is (no copy) and never written to; a `shape` override re-views the same data.
 */
export function toOrt(t: PlainTensor, shape: readonly number[] = t.shape): ort.Tensor {
  const type = ORT_TYPES[t.dtype];
  if (!type) throw new TypeError(`onnxruntime adapter: dtype ${t.dtype} has no ONNX Runtime tensor type`);
  if (numel(shape) !== t.data.length) {
    throw new RangeError(`onnxruntime adapter: ${t.data.length} elements do not fill shape [${shape.join(', ')}]`);
  }
  return new ort.Tensor(type, t.data as never, [...shape]);
}

export function fromOrt(t: ort.Tensor, shape: readonly number[] = t.dims): PlainTensor {
  return { dtype: t.type === 'float64' ? 'float64' : t.type, shape: [...shape], data: t.data as PlainTensor['data'] };
}

/** Thrown for a case outside the declared capabilities (the suite should not send it). */
export class UnsupportedError extends Error {
  override name = 'UnsupportedError';
}

/** Nested JS arrays as ORT takes them: flat leaves and the dims (ragged input is not ORT's to check). */
function flatten(data: unknown): { flat: unknown[]; dims: number[] } {
  const dims: number[] = [];
  for (let level = data; Array.isArray(level); level = level[0]) dims.push(level.length);
  return { flat: Array.isArray(data) ? (data as unknown[]).flat(Infinity) : [data], dims };
}

/**
 * tensor() and asTensor() of the contract on ONNX Runtime: `new ort.Tensor(type, data, dims)`, or
 * without a dtype `new ort.Tensor(data, dims)`, as it is (a typed array is passed through, so ORT's
 * own copy-or-alias behaviour is what the suite sees). Nested arrays are flattened here: ORT takes
 * flat data and dims.
 */
export function createTensor(data: unknown, dtype?: string): PlainTensor {
  const { flat, dims } = ArrayBuffer.isView(data) ? { flat: data, dims: [(data as unknown as ArrayLike<unknown>).length] } : flatten(data);
  const t = dtype === undefined ? new ort.Tensor(flat as never, dims) : new ort.Tensor(dtype as ort.Tensor.Type, flat as never, dims);
  return { dtype: t.type, shape: [...t.dims], data: t.data as PlainTensor['data'] };
}
