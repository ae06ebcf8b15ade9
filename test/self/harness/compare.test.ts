/** Tests of the comparator itself: it must catch what a lenient comparator hides (STYLE.md). */
import { describe, expect, it } from 'vitest';
import { compareTensors, type Comparable } from '../../harness/compare.ts';
import { EXACT, TOLERANCES } from '../../harness/tolerances.ts';

const f32 = (data: number[], shape = [data.length]): Comparable => ({ dtype: 'float32', shape, data: Float32Array.from(data) });
const tol = TOLERANCES.float32.forward;

describe('compareTensors', () => {
  it('checks shape before dtype before values', () => {
    expect(compareTensors(f32([1, 2]), f32([1, 2], [1, 2]), { name: 'y', tolerance: tol }).message).toBe('y has shape [2] but should have [1, 2]');
    const f64: Comparable = { dtype: 'float64', shape: [2], data: Float64Array.from([1, 2]) };
    expect(compareTensors(f32([1, 2]), f64, { name: 'y', tolerance: tol }).message).toBe('y has dtype float32 but should have float64');
  });
  it('reports the worst element in the one failure format with its context', () => {
    const c = compareTensors(f32([0.5, 0.1201, 2], [3]), f32([0.5, 0.1302, 2], [3]), { name: 'output', tolerance: tol, context: 'rnn case=x impl=y' });
    expect(c.ok).toBe(false);
    expect(c.message).toBe(`output[1] = ${Math.fround(0.1201)} but should be ${Math.fround(0.1302)} (atol 0.00001, rtol 0.0000013) [rnn case=x impl=y]`);
  });
  it('counts the elements outside the tolerance and names the worst by its index', () => {
    const c = compareTensors(f32([0, 1, 2, 3, 4, 5], [2, 3]), f32([0, 1.5, 2, 3, 4.2, 5], [2, 3]), { name: 'h_n', tolerance: tol });
    expect(c.mismatch).toEqual({ count: 2, index: [0, 1], actual: 1, expected: 1.5 });
    expect(compareTensors(f32([1, 2]), f32([1, 2], [1, 2]), { name: 'y', tolerance: tol }).mismatch).toBeUndefined();
    expect(compareTensors(f32([1, 2]), f32([1, 2]), { name: 'y', tolerance: tol }).mismatch).toBeUndefined();
  });
  it('NaN equals only NaN, and never Infinity', () => {
    expect(compareTensors(f32([NaN]), f32([NaN]), { name: 'y', tolerance: tol }).ok).toBe(true);
    expect(compareTensors(f32([NaN]), f32([Infinity]), { name: 'y', tolerance: tol }).ok).toBe(false);
    expect(compareTensors(f32([Infinity]), f32([NaN]), { name: 'y', tolerance: tol }).ok).toBe(false);
    expect(compareTensors(f32([1]), f32([NaN]), { name: 'y', tolerance: tol }).ok).toBe(false);
  });
  it('infinities match only themselves', () => {
    expect(compareTensors(f32([Infinity]), f32([Infinity]), { name: 'y', tolerance: tol }).ok).toBe(true);
    expect(compareTensors(f32([-Infinity]), f32([Infinity]), { name: 'y', tolerance: tol }).ok).toBe(false);
    expect(compareTensors(f32([3e38]), f32([Infinity]), { name: 'y', tolerance: { rtol: 1, atol: 1 } }).ok).toBe(false);
  });
  it('signed zeros differ only when asked', () => {
    expect(compareTensors(f32([-0]), f32([0]), { name: 'y', tolerance: EXACT }).ok).toBe(true);
    expect(compareTensors(f32([-0]), f32([0]), { name: 'y', tolerance: EXACT, signedZeros: true }).ok).toBe(false);
  });
  it('headroom is the worst |a-e| / (atol + rtol |e|)', () => {
    const c = compareTensors(f32([1 + 2 ** -10]), f32([1]), { name: 'y', tolerance: { rtol: 0, atol: 2 ** -9 } });
    expect(c.ok).toBe(true);
    expect(c.headroom).toBe(0.5);
    expect(c.maxAbsError).toBe(2 ** -10);
  });
  it('exact comparison of int64 values beyond 2^53', () => {
    const a: Comparable = { dtype: 'int64', shape: [1], data: BigInt64Array.from([2n ** 53n + 1n]) };
    const e: Comparable = { dtype: 'int64', shape: [1], data: BigInt64Array.from([2n ** 53n]) };
    expect(compareTensors(a, e, { name: 'i', tolerance: EXACT }).ok).toBe(false);
    expect(compareTensors(a, a, { name: 'i', tolerance: EXACT }).ok).toBe(true);
  });
});
