/** Conversions between the contract's plain `{dtype, shape, data}` tensors and ORT tensors. */
import * as ort from 'onnxruntime-node';
const ORT_TYPES = {
    float32: 'float32',
    float64: 'float64',
    int64: 'int64',
    int32: 'int32',
    int16: 'int16',
    int8: 'int8',
    uint8: 'uint8',
    bool: 'bool',
};
export function numel(shape) {
    return shape.reduce((a, b) => a * b, 1);
}
/**
 * An ORT tensor reading the plain tensor's data. ORT only reads feeds, so the caller's array is
 * passed as is (no copy) and never written to; a `shape` override re-views the same data.
 */
export function toOrt(t, shape = t.shape) {
    const type = ORT_TYPES[t.dtype];
    if (!type)
        throw new TypeError(`onnxruntime adapter: dtype ${t.dtype} has no ONNX Runtime tensor type`);
    if (numel(shape) !== t.data.length) {
        throw new RangeError(`onnxruntime adapter: ${t.data.length} elements do not fill shape [${shape.join(', ')}]`);
    }
    return new ort.Tensor(type, t.data, [...shape]);
}
export function fromOrt(t, shape = t.dims) {
    return { dtype: t.type === 'float64' ? 'float64' : t.type, shape: [...shape], data: t.data };
}
/** Thrown for a case outside the declared capabilities (the suite should not send it). */
export class UnsupportedError extends Error {
    name = 'UnsupportedError';
}
