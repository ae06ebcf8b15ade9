/**
 * What PyTorch's Python layer says about JavaScript values: the type name and repr it prints in
 * messages (`must be Tensor, not list`, `dropout=1e-05`), and `torch.empty(size, dtype)` with the
 * argument parser's errors for sizes that are not ints (spec §2.6, §3.4).
 */
import type { DType } from './dtype.ts';
import { Tensor } from './tensor.ts';
/**
 * Python's `type(x).__name__` for a JavaScript value, as PyTorch's messages print it: an integer
 * number is an int and any other number a float (DESIGN.md's rule), a typed array a numpy array.
 */
export declare function pythonTypeName(x: unknown): string;
/** Python's repr of a number or bool as PyTorch's messages print it (True, inf, 1e-05). */
export declare function pyRepr(v: number | boolean): string;
/**
 * `torch.empty(size, dtype=dtype)`. The parser picks an overload on the first size alone (it must
 * be an int), then converts the rest, where a bool passes as an int; a negative size fails in
 * the allocator ("Trying to create tensor with negative dimension").
 */
export declare function empty(size: readonly unknown[], dtype?: DType): Tensor;
