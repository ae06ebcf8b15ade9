/**
 * `torch.tensor` and `torch.as_tensor` for JavaScript data (docs/spec.md §1).
 *
 * `tensor(data)` always copies. Without `dtype` it infers one as the JavaScript rule of docs/design.md §7 says:
 * integer numbers and bigints are Python ints (int64), other numbers Python floats (float32),
 * booleans bool, a typed array keeps its element type, a Tensor its dtype; nested arrays promote
 * (§1.1). Shapes come from the first element at each depth and ragged input raises PyTorch's errors
 * (§1.3); explicit dtypes convert with PyTorch's truncation and overflow rules (§1.2).
 * `asTensor(data)` shares memory with a Tensor or typed array of matching dtype, else copies (§1.4).
 */
import {
  allocate, castElement, convertScalar, dtypeOfTypedArray, isFloatingPoint, numpyNameOfTypedArray, pyScalar, unpackLong,
  promoteTypes, type DType, type PyScalar, type Storage,
} from './dtype.ts';
import { AssertionError, PyTypeError, RuntimeError, ValueError } from './errors.ts';
import { pythonTypeName } from './python.ts';
import { Tensor, numelOf } from './tensor.ts';
import { warn } from './warnings.ts';
import { sinceTorch } from './version.ts';

/** What `tensor()` accepts: scalars, typed arrays, Tensors and (nested) arrays of them. */
export type TensorData = number | bigint | boolean | Tensor | ArrayBufferView | readonly TensorData[];

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
  device?: string;
  pinMemory?: boolean;
}

type TypedArray = ArrayBufferView & ArrayLike<number | bigint>;

function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/** True for the values that PyTorch walks as sequences (lists and numpy arrays). */
function isSequence(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || isTypedArray(x);
}

// ---- dtype inference (infer_scalar_type in torch/csrc/utils/tensor_new.cpp) --------------------
/**
 * `lists` holds the arrays being walked (x's ancestors). PyTorch refuses a list that contains
 * itself; a longer cycle ([[0, z]] in z) recurses until its C stack overflows (a segfault in 1.13
 * and 2.6), so rnnspec refuses every cycle with that same TypeError.
 */
function inferScalarType(x: unknown, lists = new Set<unknown>()): DType {
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'bigint') return 'int64';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int64' : 'float32';
  if (x instanceof Tensor) return x.dtype;
  if (isTypedArray(x)) {
    const dtype = dtypeOfTypedArray(x);
    if (dtype === undefined) {
      const numpy = numpyNameOfTypedArray(x);
      if (numpy === undefined) throw new PyTypeError(`rnnspec: a ${x.constructor.name} stands for no numpy array; use a Uint8Array for uint8`);
      throw new PyTypeError(sinceTorch(
        '2.6',
        // 2.x gives a torch.uint16/32/64 tensor, a dtype rnnspec does not implement: a documented deviation
        `tensor(): ${numpy} arrays give torch.${numpy.slice('numpy.'.length)}, a dtype rnnspec does not implement`,
        `can't convert np.ndarray of type ${numpy}. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint8, and bool.`,
      ));
    }
    return dtype;
  }
  if (Array.isArray(x)) {
    if (x.length === 0) return 'float32'; // the default dtype
    if (lists.has(x)) throw new PyTypeError('new(): self-referential lists are incompatible');
    lists.add(x);
    const dtype = x.map((item) => inferScalarType(item, lists)).reduce(promoteTypes);
    lists.delete(x);
    return dtype;
  }
  if (typeof x === 'string') throw new PyTypeError("new(): invalid data type 'str'");
  throw new RuntimeError(`Could not infer dtype of ${pythonTypeName(x)}`);
}

// ---- shape (compute_sizes): the first element at each depth -----------------------------------
/** torch/csrc/utils/tensor_new.cpp's MAX_DIMS (128 dims pass and 129 fail in 1.13 and 2.6). */
const MAX_DIMS = 128;

function computeSizes(x: unknown): number[] {
  const sizes: number[] = [];
  let seq = x;
  while (isSequence(seq)) {
    sizes.push(seq.length);
    // also ends a cycle through first elements (z = [z]), which PyTorch walks until this limit
    if (sizes.length > MAX_DIMS) throw new ValueError(`too many dimensions '${pythonTypeName(seq)}'`);
    if (seq.length === 0) break;
    seq = seq[0];
  }
  // a Python str is a sequence of str: PyTorch walks into it until it passes MAX_DIMS (a str as
  // the whole of data is refused before, as an invalid data type)
  if (typeof seq === 'string') throw new ValueError("too many dimensions 'str'");
  return sizes;
}

// ---- storing one Python scalar (store_scalar) -------------------------------------------------
function toPyScalar(x: unknown, dtype: DType): PyScalar {
  if (typeof x === 'boolean' || typeof x === 'bigint' || typeof x === 'number') return pyScalar(x);
  if (x instanceof Tensor) return tensorAsScalar(x, dtype);
  const name = pythonTypeName(x);
  if (isFloatingPoint(dtype)) throw new PyTypeError(`must be real number, not ${name}`);
  throw new PyTypeError(`'${name}' object cannot be interpreted as an integer`);
}

/** `float(t)` or `t.__index__()` of a Tensor standing where a scalar is expected. */
function tensorAsScalar(t: Tensor, target: DType): PyScalar {
  if (isFloatingPoint(target)) {
    if (t.numel() !== 1) throw new ValueError('only one element tensors can be converted to Python scalars');
  } else if (t.numel() !== 1 || isFloatingPoint(t.dtype)) {
    throw new PyTypeError('only integer tensors of a single element can be converted to an index');
  }
  const v = t.data[0];
  if (t.dtype === 'bool') return { kind: 'bool', value: v !== 0 };
  if (isFloatingPoint(t.dtype)) return { kind: 'float', value: v as number };
  return { kind: 'int', value: BigInt(v) };
}

function storeScalar(x: unknown, dtype: DType, out: Storage, at: number): void {
  const s = toPyScalar(x, dtype);
  if (dtype !== 'bool' && !isFloatingPoint(dtype)) unpackLong(s); // into bool or a float type, a huge int converts
  out[at] = convertScalar(s, dtype) as never;
}

/** recursive_store: fills `out` row-major, checking every length against `sizes`. */
function recursiveStore(x: unknown, sizes: number[], dim: number, dtype: DType, out: Storage, at: number): number {
  if (dim === sizes.length) {
    storeScalar(x, dtype, out, at);
    return at + 1;
  }
  if (isTypedArray(x)) {
    const src = inferScalarType(x); // refuses typed arrays without a torch dtype
    if (x.length !== sizes[dim]) throw new ValueError(`expected sequence of length ${sizes[dim]} at dim ${dim} (got ${x.length})`);
    if (dim !== sizes.length - 1) throw new PyTypeError('not a sequence');
    for (let i = 0; i < x.length; i++) out[at + i] = castElement(x[i], src, dtype) as never;
    return at + x.length;
  }
  if (!Array.isArray(x)) throw new PyTypeError('not a sequence');
  if (x.length !== sizes[dim]) throw new ValueError(`expected sequence of length ${sizes[dim]} at dim ${dim} (got ${x.length})`);
  for (const item of x) at = recursiveStore(item, sizes, dim + 1, dtype, out, at);
  return at;
}

function checkDevice(options: TensorOptions): void {
  const device = options.device ?? 'cpu';
  if (device === 'cpu') return;
  if (/^cuda(:\d+)?$/.test(device)) throw new AssertionError('Torch not compiled with CUDA enabled');
  throw new RuntimeError(`rnnspec: device '${device}' is not supported; rnnspec runs on 'cpu' only`);
}

function finish(t: Tensor, options: TensorOptions): Tensor {
  if (options.requiresGrad) {
    if (!isFloatingPoint(t.dtype)) throw new RuntimeError('Only Tensors of floating point and complex dtype can require gradients');
    t.requiresGrad_(true);
  }
  return t;
}

/** `torch.tensor(data, dtype=None, device=None, requires_grad=False, pin_memory=False)`: always a copy. */
export function tensor(data: TensorData, options: TensorOptions = {}): Tensor {
  checkDevice(options);
  const pinned = options.pinMemory ?? false;
  if (data instanceof Tensor) {
    warn(
      'To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).',
    );
    const dtype = options.dtype ?? data.dtype;
    const out = new Tensor(dtype, data.shape, undefined, { pinned });
    for (let i = 0; i < out.data.length; i++) out.data[i] = castElement(data.data[i], data.dtype, dtype) as never;
    return finish(out, options);
  }
  if (typeof data === 'string') throw new PyTypeError("new(): invalid data type 'str'");
  const sizes = computeSizes(data);
  const dtype = options.dtype ?? inferScalarType(data); // an explicit dtype skips inference
  if (Array.isArray(data) && data.length > 0 && isTypedArray(data[0])) {
    warn(
      'Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting the list to a single numpy.ndarray with numpy.array() before converting to a tensor.',
    );
  }
  const storage = allocate(dtype, numelOf(sizes));
  if (storage.length > 0) recursiveStore(data, sizes, 0, dtype, storage, 0); // an empty tensor has no element to store (a 0-d one has one)
  return finish(new Tensor(dtype, sizes, storage, { pinned }), options);
}

/** `torch.as_tensor(data, dtype=None)`: shares memory when it can (docs/spec.md §1.4). */
export function asTensor(data: TensorData, options: Pick<TensorOptions, 'dtype' | 'device'> = {}): Tensor {
  checkDevice(options);
  if (data instanceof Tensor) return options.dtype === undefined ? data : data.to(options.dtype);
  if (isTypedArray(data)) {
    const own = inferScalarType(data);
    if (options.dtype === undefined || options.dtype === own) return new Tensor(own, [data.length], data as Storage);
  }
  return tensor(data, options);
}
