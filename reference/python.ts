/**
 * What PyTorch's Python layer says about JavaScript values: the type name and repr it prints in
 * messages (`must be Tensor, not list`, `dropout=1e-05`), and `torch.empty(size, dtype)` with the
 * argument parser's errors for sizes that are not ints (docs/spec.md §2.6, §3.4).
 */
import type { DType } from './dtype.ts';
import { PyTypeError } from './errors.ts';
import { Tensor } from './tensor.ts';
import { sinceTorch } from './version.ts';

/**
 * Python's `type(x).__name__` for a JavaScript value, as PyTorch's messages print it: an integer
 * number is an int and any other number a float (docs/design.md §7), a typed array a numpy array.
 */
export function pythonTypeName(x: unknown): string {
  if (x === null || x === undefined) return 'NoneType';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float';
  if (typeof x === 'bigint') return 'int';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'string') return 'str';
  if (Array.isArray(x)) return 'list';
  if (ArrayBuffer.isView(x)) return 'numpy.ndarray';
  if (x instanceof Set) return 'set';
  if (x instanceof Tensor) return 'Tensor';
  return typeof x === 'function' ? 'function' : 'dict';
}

/** Python's repr of a number or bool as PyTorch's messages print it (True, inf, 1e-05). */
export function pyRepr(v: number | boolean): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v === Infinity ? 'inf' : '-inf';
  if (v !== 0 && Math.abs(v) < 1e-4) return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(v);
}

/**
 * `torch.empty(size, dtype=dtype)`. The parser picks an overload on the first size alone (it must
 * be an int), then converts the rest, where a bool passes as an int; a negative size fails in
 * the allocator ("Trying to create tensor with negative dimension").
 */
export function empty(size: readonly unknown[], dtype?: DType): Tensor {
  if (!Number.isInteger(size[0])) {
    throw new PyTypeError(
      `empty() received an invalid combination of arguments - got (tuple, dtype=${dtype === undefined ? 'NoneType' : 'torch.dtype'}, device=NoneType), but expected one of:\n` +
        sinceTorch(
          '2.6',
          ' * (tuple of ints size, *, tuple of names names, torch.memory_format memory_format = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n' +
            ' * (tuple of ints size, *, torch.memory_format memory_format = None, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n',
          ' * (tuple of ints size, *, tuple of names names, torch.memory_format memory_format, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)\n' +
            ' * (tuple of SymInts size, *, torch.memory_format memory_format, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)\n',
        ),
    );
  }
  const dims = size.map((d) => (typeof d === 'boolean' ? Number(d) : d));
  const bad = dims.findIndex((d) => !Number.isInteger(d));
  if (bad !== -1) {
    const type = pythonTypeName(dims[bad]);
    throw new PyTypeError(sinceTorch(
      '2.6',
      `empty(): argument 'size' failed to unpack the object at pos ${bad + 1} with error "type must be tuple of ints,but got ${type}"`,
      `empty(): argument 'size' must be tuple of SymInts, but found element of type ${type} at pos ${bad + 1}`,
    ));
  }
  return new Tensor(dtype ?? 'float32', dims as number[]);
}
