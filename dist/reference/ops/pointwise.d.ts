import { Tensor } from '../tensor.ts';
export type FloatStorage = Float32Array | Float64Array;
/** A new tensor of x's dtype and shape whose element i is f(x_i). */
export declare function map(x: Tensor, f: (v: number, i: number) => number): Tensor;
/** Sums the rows of g ([..., n] -> [n]): the gradient of a broadcast bias. */
export declare function sumToLastDim(g: Tensor, n: number): Tensor;
/** a + b, where b has a's shape or is 1-D of a's last size (a bias added to every row). */
export declare function add(a: Tensor, b: Tensor): Tensor;
/** a * b elementwise (same shape). */
export declare function mul(a: Tensor, b: Tensor): Tensor;
/** x * c for a number c (the constant is rounded to x's dtype first, as ATen does). */
export declare function mulScalar(x: Tensor, c: number): Tensor;
/** tanh(x). */
export declare function tanh(x: Tensor): Tensor;
/** relu(x) = max(x, 0). */
export declare function relu(x: Tensor): Tensor;
/** The sum of all elements, a 0-d tensor. */
export declare function sum(x: Tensor): Tensor;
