/**
 * Elementwise ops with their derivatives beside them: add (with a trailing bias broadcast), mul,
 * tanh, relu, sum. Float32 results are rounded once per op, as ATen's float kernels round.
 */
import { attach } from '../autograd.ts';
import { RuntimeError } from '../errors.ts';
import { Tensor } from '../tensor.ts';

export type FloatStorage = Float32Array | Float64Array;

/** A new tensor of x's dtype and shape whose element i is f(x_i). */
export function map(x: Tensor, f: (v: number, i: number) => number): Tensor {
  const out = new Tensor(x.dtype, x.shape);
  const a = x.data as FloatStorage;
  const o = out.data as FloatStorage;
  for (let i = 0; i < o.length; i++) o[i] = f(a[i], i);
  return out;
}

function sameShape(a: Tensor, b: Tensor): boolean {
  return a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
}

function checkDtypes(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) throw new RuntimeError(`expected both operands to have the same dtype, got ${a.dtype} and ${b.dtype}`);
}

/** Sums the rows of g ([..., n] -> [n]): the gradient of a broadcast bias. */
export function sumToLastDim(g: Tensor, n: number): Tensor {
  const out = new Tensor(g.dtype, [n]);
  const a = g.data as FloatStorage;
  const acc = new Float64Array(n);
  for (let i = 0; i < a.length; i++) acc[i % n] += a[i];
  (out.data as FloatStorage).set(acc);
  return out;
}

/** a + b, where b has a's shape or is 1-D of a's last size (a bias added to every row). */
export function add(a: Tensor, b: Tensor): Tensor {
  checkDtypes(a, b);
  const n = b.numel();
  if (!sameShape(a, b) && !(b.dim() === 1 && a.shape[a.dim() - 1] === n)) {
    throw new RuntimeError(`The size of tensor a (${a.shape.join(', ')}) must match the size of tensor b (${b.shape.join(', ')})`);
  }
  const bv = b.data as FloatStorage;
  const out = map(a, (v, i) => v + bv[i % n]);
  // d(a+b)/da = 1, d(a+b)/db = 1 (summed over the broadcast rows)
  return attach(out, 'AddBackward0', [a, b], [], (g) => [g, sameShape(a, b) ? g : sumToLastDim(g, n)]);
}

/** a * b elementwise (same shape). */
export function mul(a: Tensor, b: Tensor): Tensor {
  checkDtypes(a, b);
  if (!sameShape(a, b)) throw new RuntimeError(`mul: shapes [${a.shape}] and [${b.shape}] differ`);
  const bv = b.data as FloatStorage;
  const out = map(a, (v, i) => v * bv[i]);
  // d(ab)/da = b, d(ab)/db = a
  return attach(out, 'MulBackward0', [a, b], [a, b], (g, [sa, sb]) => {
    const gv = g.data as FloatStorage;
    return [map(sb, (v, i) => gv[i] * v), map(sa, (v, i) => gv[i] * v)];
  });
}

/** x * c for a number c (the constant is rounded to x's dtype first, as ATen does). */
export function mulScalar(x: Tensor, c: number): Tensor {
  const k = x.dtype === 'float32' ? Math.fround(c) : c;
  const out = map(x, (v) => v * k);
  // d(cx)/dx = c
  return attach(out, 'MulBackward0', [x], [], (g) => [map(g, (v) => v * k)]);
}

/** tanh(x). */
export function tanh(x: Tensor): Tensor {
  const out = map(x, Math.tanh);
  // d tanh(u)/du = 1 - h^2
  return attach(out, 'TanhBackward0', [x], [out], (g, [h]) => {
    const hv = h.data as FloatStorage;
    return [map(g, (v, i) => v * (1 - hv[i] * hv[i]))];
  });
}

/** relu(u) = max(u, 0) as ATen's clamp_min computes it: NaN stays NaN and -0 stays -0 (only u < 0 becomes 0). */
export const reluOf = (u: number): number => (u < 0 ? 0 : u);
/** g * d relu(u)/du from the result r: 0 where r <= 0, else g (threshold_backward: a NaN r passes g). */
export const reluGradOf = (r: number, g: number): number => (r <= 0 ? 0 : g);

export function relu(x: Tensor): Tensor {
  const out = map(x, reluOf);
  return attach(out, 'ReluBackward0', [x], [out], (g, [r]) => {
    const rv = r.data as FloatStorage;
    return [map(g, (v, i) => reluGradOf(rv[i], v))];
  });
}

/** The sum of all elements, a 0-d tensor. */
export function sum(x: Tensor): Tensor {
  const out = new Tensor(x.dtype, []);
  let acc = 0;
  for (const v of x.data as FloatStorage) acc += v;
  (out.data as FloatStorage)[0] = acc;
  // d sum(x)/dx_i = 1
  return attach(out, 'SumBackward0', [x], [], (g) => [map(x, () => (g.data as FloatStorage)[0])]);
}
