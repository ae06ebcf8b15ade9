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
import { matmulTransposed, transposed } from './matmul.ts';
import { sumToLastDim, type FloatStorage } from './pointwise.ts';

/** x (M, K) . W (N, K)^T + b (N) -> (M, N). */
export function linear(x: Tensor, W: Tensor, b: Tensor | null = null): Tensor {
  checkLinear(x, W, b);
  // dy/dx = W, dy/dW = x (outer products summed over rows), dy/db = 1 (summed over rows)
  return attach(linearValues(x, W, b), 'AddmmBackward0', [x, W, b], [x, W], (g, [xs, Ws]) => linearGrads(g, xs, Ws, b !== null));
}

/** torch.addmm's shape and dtype checks, with its messages. */
export function checkLinear(x: Tensor, W: Tensor, b: Tensor | null): void {
  if (x.dim() !== 2 || W.dim() !== 2) throw new RuntimeError(`rnnspec: ops.linear takes 2-D x and W, got [${x.shape.join(', ')}] and [${W.shape.join(', ')}]`);
  if (x.shape[1] !== W.shape[1]) {
    throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${x.shape.join('x')} and ${[...W.shape].reverse().join('x')})`);
  }
  if (x.dtype !== W.dtype || (b !== null && b.dtype !== W.dtype)) {
    throw new RuntimeError('mat1 and mat2 must have the same dtype');
  }
}

/** x W^T + b as a new tensor, outside the graph (shapes and dtypes already checked). */
export function linearValues(x: Tensor, W: Tensor, b: Tensor | null): Tensor {
  const [M, K] = x.shape;
  const N = W.shape[0];
  const out = new Tensor(x.dtype, [M, N]);
  const y = out.data as FloatStorage;
  matmulTransposed(x.data as FloatStorage, 0, W.data as FloatStorage, y, 0, M, K, N, x.dtype === 'float32'); // x W^T
  if (b !== null) {
    const bv = b.data as FloatStorage;
    for (let i = 0; i < y.length; i++) y[i] += bv[i % N]; // then + b, rounded once more in float32
  }
  return out;
}

/** The gradients of x W^T + b for an upstream g (M, N): [g W, g^T x, g summed over rows], each summed in double. */
export function linearGrads(g: Tensor, x: Tensor, W: Tensor, withBias: boolean): [Tensor, Tensor, Tensor | null] {
  const [M, K] = x.shape;
  const N = W.shape[0];
  const gv = g.data as FloatStorage;
  const gx = new Tensor(x.dtype, [M, K]), gW = new Tensor(x.dtype, [N, K]);
  const sums = (rows: number, cols: number) => new Float64Array(rows * cols);
  const gxSums = sums(M, K), gWSums = sums(N, K);
  matmulTransposed(gv, 0, transposed(W.data as FloatStorage, N, K), gxSums, 0, M, N, K, false); // g W
  matmulTransposed(transposed(gv, M, N), 0, transposed(x.data as FloatStorage, M, K), gWSums, 0, N, M, K, false); // g^T x
  (gx.data as FloatStorage).set(gxSums);
  (gW.data as FloatStorage).set(gWSums);
  return [gx, gW, withBias ? sumToLastDim(g, N) : null];
}
