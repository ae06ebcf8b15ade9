/**
 * `F.linear`: y = x W^T + b, for x (M, K), W (N, K), b (N).
 *
 * Float32 follows the summation order torch 1.13 uses on Debian's netlib BLAS (docs/spec.md §6.2): each
 * dot product accumulates sequentially in float32 from 0 over k, then the bias is added.
 * Float64 accumulates in the same order in double.
 */
import { attach } from '../autograd.ts';
import { RuntimeError } from '../errors.ts';
import { Tensor } from '../tensor.ts';
import type { FloatStorage } from './pointwise.ts';

/** x (M, K) . W (N, K)^T + b (N) -> (M, N). */
export function linear(x: Tensor, W: Tensor, b: Tensor | null = null): Tensor {
  const [M, K] = x.shape;
  const [N, K2] = W.shape;
  if (x.dim() !== 2 || W.dim() !== 2 || K !== K2) {
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${x.shape.join('x')} and ${[...W.shape].reverse().join('x')})`);
  }
  if (x.dtype !== W.dtype || (b !== null && b.dtype !== W.dtype)) {
    throw new RuntimeError('mat1 and mat2 must have the same dtype');
  }
  const out = new Tensor(x.dtype, [M, N]);
  const xv = x.data as FloatStorage, wv = W.data as FloatStorage, o = out.data as FloatStorage;
  const bv = b === null ? null : (b.data as FloatStorage);
  const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let acc = 0;
      for (let k = 0; k < K; k++) acc = round(acc + round(xv[m * K + k] * wv[n * K + k]));
      o[m * N + n] = bv === null ? acc : acc + bv[n];
    }
  }
  // dy/dx = W, dy/dW = x (outer products summed over rows), dy/db = 1 (summed over rows)
  return attach(out, 'AddmmBackward0', [x, W, b], [x, W], (g, [xs, Ws]) => {
    const gv = g.data as FloatStorage, xsv = xs.data as FloatStorage, wsv = Ws.data as FloatStorage;
    const gx = new Float64Array(M * K), gW = new Float64Array(N * K), gb = new Float64Array(N);
    for (let m = 0; m < M; m++) {
      for (let n = 0; n < N; n++) {
        const gmn = gv[m * N + n];
        gb[n] += gmn;
        for (let k = 0; k < K; k++) {
          gx[m * K + k] += gmn * wsv[n * K + k];
          gW[n * K + k] += gmn * xsv[m * K + k];
        }
      }
    }
    const pack = (values: Float64Array, shape: number[]) => {
      const t = new Tensor(x.dtype, shape);
      (t.data as FloatStorage).set(values);
      return t;
    };
    return [pack(gx, [M, K]), pack(gW, [N, K]), b === null ? null : pack(gb, [N])];
  });
}
