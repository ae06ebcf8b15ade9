/**
 * The pieces the fast reference is built from: the one matrix-product kernel (ops/matmul.ts), with
 * its float32 accumulation order, and split, the autograd node with one output per block.
 * Expected values are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, ops } from '../../../reference/index.ts';
import { matmulTransposed } from '../../../reference/ops/matmul.ts';

const values = (t: Tensor) => Array.from(t.data as Float64Array);

describe('matmulTransposed (C = A B^T)', () => {
  it('multiplies a 2x3 by the transpose of a 5x3 (more columns than one block of four)', () => {
    const A = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const B = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 2, 0, -1]);
    const C = new Float64Array(10);

    matmulTransposed(A, 0, B, C, 0, 2, 3, 5, false);

    // row (1, 2, 3): 1, 2, 3, 1+2+3, 2-3; row (4, 5, 6): 4, 5, 6, 15, 8-6
    expect(Array.from(C)).toEqual([1, 2, 3, 6, -1, 4, 5, 6, 15, 2]);
  });

  it('float32 accumulates sequentially from 0 with one rounding per add: 2^24 + 1 - 2^24 is 0, not 1', () => {
    const A = Float32Array.from([2 ** 24, 1, -(2 ** 24)]);
    const ones = Float32Array.from([1, 1, 1]);
    const C32 = new Float32Array(1);
    const C64 = new Float64Array(1);

    matmulTransposed(A, 0, ones, C32, 0, 1, 3, 1, true);
    matmulTransposed(Float64Array.from(A), 0, Float64Array.from(ones), C64, 0, 1, 3, 1, false);

    // fl32(2^24 + 1) = 2^24 (a tie, rounded to even), then 2^24 - 2^24 = 0; in double the sum is exact
    expect(C32[0]).toBe(0);
    expect(C64[0]).toBe(1);
  });

  it('float32 rounds every product before adding it: -1 + (1 + 2^-12)^2 is 2^-11, not 2^-11 + 2^-24', () => {
    const x = 1 + 2 ** -12;
    const A = Float32Array.from([1, x]);
    const B = Float32Array.from([-1, x]);
    const C = new Float32Array(1);

    matmulTransposed(A, 0, B, C, 0, 1, 2, 1, true);

    // x^2 = 1 + 2^-11 + 2^-24 exactly; fl32(x^2) drops the 2^-24 (a tie, to even): -1 + 1 + 2^-11.
    // Without rounding the product, -1 + x^2 = 2^-11 + 2^-24 would be exact in float32.
    expect(C[0]).toBe(2 ** -11);
  });

  it('reads A from an offset and writes C at an offset, leaving the rest of C alone', () => {
    const A = Float64Array.from([9, 9, 1, 2]);
    const B = Float64Array.from([3, 4]);
    const C = Float64Array.from([7, 0, 7]);

    matmulTransposed(A, 2, B, C, 1, 1, 2, 1, false);

    expect(Array.from(C)).toEqual([7, 1 * 3 + 2 * 4, 7]);
  });
});

describe('split (one autograd node, one output per block)', () => {
  it('returns views of consecutive row blocks sharing storage and version counter', () => {
    const x = new Tensor('float64', [3, 2], Float64Array.from([1, 2, 3, 4, 5, 6]));

    const [a, b] = ops.split(x, [1, 2]);

    expect(a.shape).toEqual([1, 2]);
    expect(values(b)).toEqual([3, 4, 5, 6]);
    x.data[2] = 30;
    expect(b.data[0]).toBe(30);
    b.detach().add_(1);
    expect(x._version).toBe(1);
  });

  it('backward puts each block gradient in its rows and zeros where no gradient arrived', () => {
    const x = new Tensor('float64', [4, 1], Float64Array.from([1, 2, 3, 4])).requiresGrad_();
    const [, middle, last] = ops.split(x, [1, 2, 1]);

    ops.add(ops.sum(ops.mul(middle, middle)), ops.sum(last)).backward();

    // d/dx of x1^2 + x2^2 + x3: rows 1 and 2 get 2 x, row 3 gets 1, row 0 (no gradient) 0
    expect(values(x.grad as Tensor)).toEqual([0, 4, 6, 1]);
    expect(middle.gradFn?.name).toBe('SplitWithSizesBackward0');
  });

  it('refuses sizes that do not add up to the first dimension, with PyTorch\'s message', () => {
    const x = new Tensor('float64', [3, 2]);

    expect(() => ops.split(x, [1, 1])).toThrow(
      "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 0), but got split_sizes=[1, 1]",
    );
  });
});

describe('linear (torch.addmm) checks its shapes with PyTorch words', () => {
  it('mat1 (N x K) and mat2 = W^T (K2 x H) must agree on K (torch 1.13 probed: F.linear(zeros(2, 3), zeros(4, 5)))', () => {
    expect(() => ops.linear(new Tensor('float32', [2, 3]), new Tensor('float32', [4, 5]), null)).toThrow('mat1 and mat2 shapes cannot be multiplied (2x3 and 5x4)');
  });
  it("its result's grad_fn is AddmmBackward0, as torch's", () => {
    const x = new Tensor('float32', [2, 3]).requiresGrad_();
    expect(ops.linear(x, new Tensor('float32', [4, 3]), null).gradFn?.name).toBe('AddmmBackward0');
  });
});
