/**
 * The one matrix product of the reference: C = A B^T for row-major A (M, K) and B (N, K), i.e.
 * every C[m, n] is the dot product of row m of A with row n of B. It is the loop
 *
 *     for (let m = 0; m < M; m++)
 *       for (let n = 0; n < N; n++) {
 *         let acc = 0;
 *         for (let k = 0; k < K; k++) acc = round(acc + round(A[m, k] * B[n, k]));
 *         C[m, n] = acc;
 *       }
 *
 * with `round` = Math.fround for float32 and the identity otherwise, written four columns of C at
 * a time so that each A[m, k] is read once for four products (both operands are read along k,
 * contiguously). Every dot product still accumulates sequentially from 0 in k order with one
 * rounding per multiply and per add: the order torch 1.13 uses on Debian's reference BLAS for
 * float32 (docs/spec.md §6.2), which is what makes the reference reproduce its float32 results bit for bit.
 * Gradients call it with `float32 = false`: they accumulate in double and round once when stored.
 */
import type { FloatStorage } from './pointwise.ts';

/**
 * C[cOffset + m*N + n] = sum_k A[aOffset + m*K + k] * B[n*K + k] for m < M, n < N.
 * `float32`: round every product and every partial sum to float32 (pass it for float32 forward results).
 */
export function matmulTransposed(
  A: FloatStorage, aOffset: number, B: FloatStorage, C: FloatStorage, cOffset: number,
  M: number, K: number, N: number, float32: boolean,
): void {
  const fr = Math.fround;
  for (let m = 0; m < M; m++) {
    const a = aOffset + m * K;
    const c = cOffset + m * N;
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      const b0 = n * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      if (float32) {
        for (let k = 0; k < K; k++) {
          const x = A[a + k];
          s0 = fr(s0 + fr(x * B[b0 + k]));
          s1 = fr(s1 + fr(x * B[b1 + k]));
          s2 = fr(s2 + fr(x * B[b2 + k]));
          s3 = fr(s3 + fr(x * B[b3 + k]));
        }
      } else {
        for (let k = 0; k < K; k++) {
          const x = A[a + k];
          s0 += x * B[b0 + k];
          s1 += x * B[b1 + k];
          s2 += x * B[b2 + k];
          s3 += x * B[b3 + k];
        }
      }
      C[c + n] = s0;
      C[c + n + 1] = s1;
      C[c + n + 2] = s2;
      C[c + n + 3] = s3;
    }
    for (; n < N; n++) {
      const b = n * K;
      let s = 0;
      if (float32) for (let k = 0; k < K; k++) s = fr(s + fr(A[a + k] * B[b + k]));
      else for (let k = 0; k < K; k++) s += A[a + k] * B[b + k];
      C[c + n] = s;
    }
  }
}

/** The (cols, rows) transpose of a row-major (rows, cols) matrix, in a new Float64Array or `out`. */
export function transposed(src: FloatStorage, rows: number, cols: number, out: FloatStorage = new Float64Array(rows * cols)): FloatStorage {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[c * rows + r] = src[r * cols + c];
  }
  return out;
}
