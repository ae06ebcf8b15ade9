export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';
export declare const DTYPES: readonly DType[];
export type Storage = Float32Array | Float64Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;
/** One element as JavaScript holds it: number for floats, small ints and bool, bigint for int64. */
export type Scalar = number | bigint;
export declare function isFloatingPoint(dtype: DType): boolean;
export declare function allocate(dtype: DType, n: number): Storage;
/** The dtype a typed array stands for (DESIGN.md: typed arrays play the role of numpy arrays). */
export declare function dtypeOfTypedArray(a: ArrayBufferView): DType | undefined;
/** numpy's name for a typed array that has no torch dtype (for the TypeError of spec §1.6). */
export declare function numpyNameOfTypedArray(a: ArrayBufferView): string;
/** Legacy type names used in PyTorch's messages, e.g. `torch.FloatTensor`. */
export declare function legacyTypeName(dtype: DType): string;
/** ScalarType names as ATen prints them (`Long`, `Float`, ...). */
export declare function scalarTypeName(dtype: DType): string;
export declare function promoteTypes(a: DType, b: DType): DType;
/** A Python scalar as rnnspec sees it: an int (integer number or bigint), a float, or a bool. */
export type PyScalar = {
    kind: 'int';
    value: bigint;
} | {
    kind: 'float';
    value: number;
} | {
    kind: 'bool';
    value: boolean;
};
/** Stores a Python scalar into an element of `dtype`, raising PyTorch's overflow error. */
export declare function convertScalar(x: PyScalar, dtype: DType): Scalar;
/**
 * The C cast of Tensor.to(dtype): truncation toward zero for floats to ints, modular wrap between
 * integer widths, nonzero -> true for bool. No error (PyTorch does not check here).
 */
export declare function castElement(v: Scalar, from: DType, to: DType): Scalar;
