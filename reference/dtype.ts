/**
 * Dtypes: names, storage, promotion and the conversion of one Python scalar into a dtype.
 *
 * Storage is a contiguous row-major typed array per dtype; int64 uses BigInt64Array so every
 * int64 value (including 2^53 + 1) round-trips exactly; bool is a Uint8Array of 0/1.
 * Conversions follow docs/spec.md §1.2: floats truncate toward zero into
 * integers, NaN/inf/out-of-range raise "value cannot be converted to type <t> without overflow",
 * negative ints wrap into uint8 down to -255, and a Python int reaches float32 through float64.
 */
import { RuntimeError } from './errors.ts';

export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool'];

export type Storage =
  | Float32Array
  | Float64Array
  | BigInt64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array;

/** One element as JavaScript holds it: number for floats, small ints and bool, bigint for int64. */
export type Scalar = number | bigint;

export function isFloatingPoint(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

export function allocate(dtype: DType, n: number): Storage {
  switch (dtype) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int64': return new BigInt64Array(n);
    case 'int32': return new Int32Array(n);
    case 'int16': return new Int16Array(n);
    case 'int8': return new Int8Array(n);
    case 'uint8': case 'bool': return new Uint8Array(n);
  }
}

/** The dtype a typed array stands for (docs/design.md §7: typed arrays play the role of numpy arrays). */
export function dtypeOfTypedArray(a: ArrayBufferView): DType | undefined {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof BigInt64Array) return 'int64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Int16Array) return 'int16';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof Uint8Array) return 'uint8';
  return undefined;
}

/**
 * numpy's name for a typed array that has no torch dtype (for the TypeError of docs/spec.md §1.6);
 * undefined for one numpy has no counterpart of (Uint8ClampedArray).
 */
export function numpyNameOfTypedArray(a: ArrayBufferView): string | undefined {
  if (a instanceof Uint16Array) return 'numpy.uint16';
  if (a instanceof Uint32Array) return 'numpy.uint32';
  if (a instanceof BigUint64Array) return 'numpy.uint64';
  return undefined;
}

/** Legacy type names used in PyTorch's messages, e.g. `torch.FloatTensor`. */
export function legacyTypeName(dtype: DType): string {
  const names: Record<DType, string> = {
    float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', int64: 'torch.LongTensor',
    int32: 'torch.IntTensor', int16: 'torch.ShortTensor', int8: 'torch.CharTensor',
    uint8: 'torch.ByteTensor', bool: 'torch.BoolTensor',
  };
  return names[dtype];
}

/** ScalarType names as ATen prints them (`Long`, `Float`, ...). */
export function scalarTypeName(dtype: DType): string {
  const names: Record<DType, string> = {
    float32: 'Float', float64: 'Double', int64: 'Long', int32: 'Int', int16: 'Short',
    int8: 'Char', uint8: 'Byte', bool: 'Bool',
  };
  return names[dtype];
}

// ---- promotion (torch.promote_types over bool < integers < floating) -------------------------

const INT_RANGE: Record<string, [bigint, bigint]> = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int16: [-(2n ** 15n), 2n ** 15n - 1n],
  int8: [-128n, 127n],
  uint8: [0n, 255n],
};

export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'bool') return b;
  if (b === 'bool') return a;
  if (a === 'float64' || b === 'float64') return 'float64';
  if (a === 'float32' || b === 'float32') return 'float32';
  // two different integer types: the smallest signed type that holds both ranges. Every signed type
  // holds the narrower ones; uint8 (0..255) needs int16 or wider.
  const signed = ['int8', 'int16', 'int32', 'int64'] as const;
  const rank = (t: DType) => (t === 'uint8' ? 1 : signed.indexOf(t as (typeof signed)[number]));
  return signed[Math.max(rank(a), rank(b))];
}

// ---- one Python scalar into a dtype (torch.tensor(data, dtype=...)), docs/spec.md §1.2 ---------------

/** A Python scalar as rnnspec sees it: an int (integer number or bigint), a float, or a bool. */
export type PyScalar = { kind: 'int'; value: bigint } | { kind: 'float'; value: number } | { kind: 'bool'; value: boolean };

/** The Python scalar a JavaScript number, bigint or boolean stands for (an integer number is an int). */
export function pyScalar(x: number | bigint | boolean): PyScalar {
  if (typeof x === 'boolean') return { kind: 'bool', value: x };
  if (typeof x === 'bigint') return { kind: 'int', value: x };
  return Number.isInteger(x) ? { kind: 'int', value: BigInt(x) } : { kind: 'float', value: x };
}

/** The C type c10's overflow messages name an integer dtype by (torch 1.13 and 2.6 probed): `int` for int32, `int8_t`, ... */
export function c10TypeName(dtype: DType): string {
  const names: Partial<Record<DType, string>> = { int64: 'int64_t', int32: 'int', int16: 'int16_t', int8: 'int8_t', uint8: 'uint8_t' };
  return names[dtype]!;
}

/**
 * Stores a Python scalar into an element of `dtype`, raising PyTorch's overflow error, which names
 * the dtype as torch.tensor() does (`int8`) or, for fill_ and at::full, as c10 does (`int8_t`).
 */
export function convertScalar(x: PyScalar, dtype: DType, name: (dtype: DType) => string = (d) => d): Scalar {
  const overflow = (d: DType) => new RuntimeError(`value cannot be converted to type ${name(d)} without overflow`);
  if (dtype === 'bool') {
    if (x.kind === 'bool') return x.value ? 1 : 0;
    if (x.kind === 'int') return x.value !== 0n ? 1 : 0;
    return x.value !== 0 ? 1 : 0; // NaN is truthy in Python: NaN !== 0
  }
  if (isFloatingPoint(dtype)) {
    return Number(x.value); // an int goes through double (and True is 1); a float32 storage then rounds once
  }
  // integer targets
  const [lo, hi] = INT_RANGE[dtype];
  if (x.kind === 'float') {
    // a float is range-checked as a double, then truncated toward zero: -0.5 overflows uint8, 2.5 gives 2;
    // int64's max is 2^63 as a double, so 2.0 ** 63 passes and wraps to -2^63 (torch 1.13 probed)
    if (!Number.isFinite(x.value) || x.value < Number(lo) || x.value > Number(hi)) throw overflow(dtype);
    const t = BigInt(Math.trunc(x.value));
    return dtype === 'int64' ? BigInt.asIntN(64, t) : Number(t);
  }
  let v = BigInt(x.value); // True is 1
  if (dtype === 'uint8' && v < 0n && -v <= hi) v += 256n; // c10's checked_convert lets -255..-1 wrap
  if (v < lo || v > hi) throw overflow(dtype);
  return dtype === 'int64' ? v : Number(v);
}

/** A Python int read as a C long (int64), as PyTorch's argument parser reads it: beyond that range it overflows. */
export function unpackLong(x: PyScalar): void {
  const [min, max] = INT_RANGE.int64;
  if (x.kind === 'int' && (x.value < min || x.value > max)) throw new RuntimeError('Overflow when unpacking long');
}

/**
 * at::fill_ and at::full's conversion of a Python scalar (c10's checked_convert): convertScalar's
 * rules with c10's type names, and a finite double beyond float32's range refused.
 */
export function fillElement(x: PyScalar, dtype: DType): Scalar {
  unpackLong(x); // a Python int becomes an int64 Scalar first
  const v = Number(x.value); // an int here is within int64, far inside float32's range
  if (dtype === 'float32' && Number.isFinite(v) && Math.abs(v) > 3.4028234663852886e38) {
    throw new RuntimeError('value cannot be converted to type float without overflow');
  }
  return convertScalar(x, dtype, c10TypeName);
}

/**
 * The C cast of Tensor.to(dtype): truncation toward zero for floats to ints, modular wrap between
 * integer widths, nonzero -> true for bool. No error (PyTorch does not check here).
 */
export function castElement(v: Scalar, from: DType, to: DType): Scalar {
  if (to === 'bool') return (typeof v === 'bigint' ? v !== 0n : v !== 0) ? 1 : 0;
  if (isFloatingPoint(to)) return Number(v); // a float32 storage rounds it on store
  const b = isFloatingPoint(from) ? (Number.isFinite(v) ? BigInt(Math.trunc(v as number)) : 0n) : BigInt(v);
  switch (to) {
    case 'int64': return BigInt.asIntN(64, b);
    case 'int32': return Number(BigInt.asIntN(32, b));
    case 'int16': return Number(BigInt.asIntN(16, b));
    case 'int8': return Number(BigInt.asIntN(8, b));
    default: return Number(BigInt.asUintN(8, b)); // uint8
  }
}
