/**
 * Three places where the reference once parted from PyTorch (issue 11), each pinned by values that
 * do not come from the reference: torch 1.13's own output (Debian python3-torch 1.13.1, printed by
 * the Python quoted beside each case) and an exact-rational oracle written here.
 *  - scale_grad_by_freq: torch's `grad_weight[k].add_(grad[n], 1/count)` rounds once (an FMA) in
 *    float32 and float64; multiply-then-add rounds twice and is 1 ulp off in some elements.
 *  - tensor() of an array that contains itself: PyTorch's TypeError, never a JS stack overflow.
 *  - pad_sequence takes any iterable (torch 1.13 calls tuple() on it) and a Tensor (its rows).
 */
import { describe, expect, it } from 'vitest';
import { asTorch } from '../torch-version.ts';
import { fc, test } from '@fast-check/vitest';
import { Tensor, nn, tensor } from '../../../reference/index.ts';
import { embedding } from '../../../reference/functional.ts';
import { fusedMultiplyAdd } from '../../../reference/fused-multiply-add.ts';
import { expectError } from '../expect-error.ts';

type Float = 'float32' | 'float64';

// ---- an exact oracle: values as m * 2^e with BigInt m, rounding by bisection over bit patterns ----
interface Exact {
  m: bigint;
  e: number;
}

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double (a float32 value is a double too). */
function exact(x: number): Exact {
  view.setFloat64(0, x);
  const word = view.getBigUint64(0);
  const biased = Number((word >> 52n) & 0x7ffn);
  const mantissa = (word & 0xfffffffffffffn) + (biased === 0 ? 0n : 1n << 52n);
  return { m: word >> 63n ? -mantissa : mantissa, e: Math.max(biased, 1) - 1075 };
}

const aligned = (a: Exact, b: Exact): [bigint, bigint, number] => {
  const e = Math.min(a.e, b.e);
  return [a.m << BigInt(a.e - e), b.m << BigInt(b.e - e), e];
};
const plus = (a: Exact, b: Exact): Exact => {
  const [x, y, e] = aligned(a, b);
  return { m: x + y, e };
};
const times = (a: Exact, b: Exact): Exact => ({ m: a.m * b.m, e: a.e + b.e });
const compare = (a: Exact, b: Exact) => {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The positive value with this bit pattern; the pattern of +inf stands for 2^(emax+1), as IEEE's overflow rule treats it. */
function fromBits(bits: bigint, dtype: Float): Exact {
  if (dtype === 'float64') {
    if (bits === 0x7ff0000000000000n) return { m: 1n, e: 1024 };
    view.setBigUint64(0, bits);
    return exact(view.getFloat64(0));
  }
  if (bits === 0x7f800000n) return { m: 1n, e: 128 };
  view.setUint32(0, Number(bits));
  return exact(view.getFloat32(0));
}

function toNumber(bits: bigint, dtype: Float): number {
  if (dtype === 'float64') {
    view.setBigUint64(0, bits);
    return view.getFloat64(0);
  }
  view.setUint32(0, Number(bits));
  return view.getFloat32(0);
}

/**
 * The float nearest to v, ties to the even bit pattern: positive floats are ordered like their bit
 * patterns, so bisect for lo <= |v| < hi, then compare the two distances exactly.
 */
function nearest(v: Exact, dtype: Float): number {
  const negative = v.m < 0n;
  const a = { m: negative ? -v.m : v.m, e: v.e };
  let lo = 0n;
  let hi = dtype === 'float64' ? 0x7ff0000000000000n : 0x7f800000n;
  if (compare(a, fromBits(hi, dtype)) >= 0) return negative ? -Infinity : Infinity;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (compare(fromBits(mid, dtype), a) <= 0) lo = mid;
    else hi = mid;
  }
  const below = plus(a, { ...fromBits(lo, dtype), m: -fromBits(lo, dtype).m });
  const above = plus(fromBits(hi, dtype), { ...a, m: -a.m });
  const order = compare(below, above);
  const bits = order < 0 || (order === 0 && lo % 2n === 0n) ? lo : hi;
  const magnitude = toNumber(bits, dtype);
  return negative ? -magnitude : magnitude;
}

/** Exact a*b + c rounded once, by the oracle; zero sums keep IEEE's sign rule (only the reference's inputs decide it). */
function oracleFma(a: number, b: number, c: number, dtype: Float): number {
  const sum = plus(times(exact(a), exact(b)), exact(c));
  return sum.m === 0n ? (dtype === 'float32' ? Math.fround(a * b + c) : a * b + c) : nearest(sum, dtype);
}

const floatsOf = (dtype: Float, xs: number[]) => (dtype === 'float32' ? Float32Array.from(xs) : Float64Array.from(xs));

// ---- 1. scale_grad_by_freq rounds once --------------------------------------------------------
describe('scale_grad_by_freq accumulates with one rounding per term, like torch 1.13', () => {
  it('float64: three rows of index 1 give the bits torch 1.13 gives, where multiply-then-add is 1 ulp off', () => {
    // torch 1.13 printed these (python3 -c: w = nn.Embedding(2, 3, dtype=torch.float64, scale_grad_by_freq=True);
    // w(torch.tensor([1, 1, 1])).backward(g); w.weight.grad[1].tolist())
    const g = [
      [-0.7312715117751976, -0.10101787042252375, -0.8122808264515302],
      [-0.25059395899671943, -0.21348981007154788, -0.9130254192869451],
      [-0.7810227454112812, 0.05476079809602563, 0.42317985437054584],
    ];
    const torchGradRow1 = [-0.5876294053943995, -0.086582294132682, -0.43404213045597645];
    const weight = new Tensor('float64', [2, 3]).requiresGrad_(true);

    embedding(tensor([1, 1, 1]), weight, { scaleGradByFreq: true }).backward(tensor(g, { dtype: 'float64' }));

    expect(Array.from((weight.grad as Tensor).data as Float64Array)).toEqual([0, 0, 0, ...torchGradRow1]);
    const twoRoundings = [0, 1, 2].map((j) => g.reduce((acc, row) => acc + row[j] * (1 / 3), 0));
    expect(twoRoundings.map((v, j) => v === torchGradRow1[j])).toEqual([false, false, false]); // the case discriminates
  });

  it('float32: index 0 seven times, a tiny first term then ±3, gives the bits torch 1.13 gives, where fround(g*s + acc) rounds twice', () => {
    // 3 * fl32(1/7) has 25 significant bits, a float32 tie; the tiny accumulator decides the tie
    // only if nothing rounds before the final float32 rounding. torch 1.13 printed
    // [0.4285714626312256, -0.4285714626312256, 0.4285714328289032, -0.4285714328289032]
    // for w = nn.Embedding(1, 4, scale_grad_by_freq=True); w(torch.zeros(7, dtype=torch.long)).backward(g)
    const t = 2 ** -55;
    const g = [[t, -t, -t, t], [3, -3, 3, -3], ...Array.from({ length: 5 }, () => [0, 0, 0, 0])];
    const torchGrad = [0.4285714626312256, -0.4285714626312256, 0.4285714328289032, -0.4285714328289032];
    const weight = new Tensor('float32', [1, 4]).requiresGrad_(true);

    embedding(tensor(Array(7).fill(0)), weight, { scaleGradByFreq: true }).backward(tensor(g, { dtype: 'float32' }));

    expect(Array.from((weight.grad as Tensor).data as Float32Array)).toEqual(torchGrad);
    const s = Math.fround(1 / 7);
    const doubleRounded = [0, 1, 2, 3].map((j) => g.reduce((acc, row) => Math.fround(row[j] * s + acc), 0));
    expect(doubleRounded.map((v, j) => v === torchGrad[j])).toEqual([true, true, false, false]);
  });

  test.prop([
    fc.constantFrom<Float>('float32', 'float64'),
    fc.integer({ min: 2, max: 9 }),
    fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 9 * 4, maxLength: 9 * 4 }),
  ])('every element equals the oracle\'s sequential once-rounded sums (count %s, 4 columns)', (dtype, count, drawn) => {
    const round = dtype === 'float32' ? Math.fround : (v: number) => v;
    const g = Array.from({ length: count }, (_, n) => drawn.slice(n * 4, n * 4 + 4).map(round));
    const s = round(1 / count);
    // oracleFma: the exact sum rounded once, and an exact zero signed by IEEE's rule (-0 + -0 is -0)
    const expected = [0, 1, 2, 3].map((j) => g.reduce((acc, row) => oracleFma(row[j], s, acc, dtype), 0));
    const weight = new Tensor(dtype, [1, 4]).requiresGrad_(true);

    embedding(tensor(Array(count).fill(0)), weight, { scaleGradByFreq: true }).backward(new Tensor(dtype, [count, 4], floatsOf(dtype, g.flat())));

    expect(Array.from((weight.grad as Tensor).data as Float32Array | Float64Array)).toEqual(expected);
  });
});

describe('fusedMultiplyAdd rounds a*b + c once, as the exact oracle does', () => {
  const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
  const anyFloat = fc.float({ noNaN: true, noDefaultInfinity: true }).map(Math.fround);

  test.prop([anyDouble, anyDouble, anyDouble])('float64 over every exponent, subnormals included', (a, b, c) => {
    expect(fusedMultiplyAdd(a, b, c, 'float64')).toBe(oracleFma(a, b, c, 'float64'));
  });

  test.prop([fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true }), fc.integer({ min: -3, max: 3 })])(
    'float64 with c = -fl(a*b) + k ulp, where a*b + c cancels to the rounding error of a*b',
    (a, b, k) => {
      const c = -(a * b) + k * Number.EPSILON * Math.abs(a * b);
      expect(fusedMultiplyAdd(a, b, c, 'float64')).toBe(oracleFma(a, b, c, 'float64'));
    },
  );

  it('float32: 2^127 * 4 + 0 is past float32 range, so inf (worked out by hand)', () => {
    expect(fusedMultiplyAdd(2 ** 127, 4, 0, 'float32')).toBe(Infinity);
    expect(fusedMultiplyAdd(-(2 ** 127), 4, 0, 'float32')).toBe(-Infinity);
  });

  test.prop([anyFloat, anyFloat, anyFloat])('float32 over every exponent, subnormals included', (a, b, c) => {
    expect(fusedMultiplyAdd(a, b, c, 'float32')).toBe(oracleFma(a, b, c, 'float32'));
  });

  it.each([
    ['(1 + 2^-52)^2 - 1 is the tie 2^-51 + 2^-104, to even: 2^-51', 1 + 2 ** -52, 1 + 2 ** -52, -1, 2 ** -51],
    ['2^600 * 2^424 overflows alone, but minus 2^1023 it is 2^1023', 2 ** 600, 2 ** 424, -(2 ** 1023), 2 ** 1023],
    ['2^-600 * 2^-475 + 2^-1074 is 1.5 subnormal steps, to even: 2^-1073', 2 ** -600, 2 ** -475, 2 ** -1074, 2 ** -1073],
    ['3 * -1 + 3 is +0', 3, -1, 3, 0],
    ['-0 * 1 + -0 is -0', -0, 1, -0, -0],
    ['inf * 0 + 1 is nan', Infinity, 0, 1, NaN],
    ['1 * 1 + inf is inf', 1, 1, Infinity, Infinity],
    ['1 * 1 - inf is -inf', 1, 1, -Infinity, -Infinity],
    // exact with exactly 53 significant bits down to 2^-1074: no rounding step at all, and an odd last bit stays
    ['2^-1074 * (2^52 + 1) + 0 is 2^-1022 + 2^-1074, exact', 2 ** -1074, 2 ** 52 + 1, 0, 2 ** -1022 + 2 ** -1074],
  ])('float64: %s (values worked out by hand)', (_, a, b, c, want) => {
    expect(fusedMultiplyAdd(a, b, c, 'float64')).toBe(want); // toBe uses Object.is: +0 is not -0, nan is nan
    if ([a, b, c].every(Number.isFinite)) expect(oracleFma(a, b, c, 'float64')).toBe(want); // the oracle takes finite values
  });
});

// ---- 2. tensor() of an array that contains itself ---------------------------------------------
describe('tensor() of a self-referential array raises PyTorch\'s TypeError, not a stack overflow', () => {
  it('[0, z] in z: TypeError new(): self-referential lists are incompatible (torch 1.13 and 2.6)', () => {
    const z: unknown[] = [0];
    z.push(z);
    expectError(() => tensor(z as never), 'TypeError', 'new(): self-referential lists are incompatible');
  });

  it('a longer cycle, [[0, z]] in z (a segfault in torch 1.13 and 2.6), raises the same TypeError', () => {
    const z: unknown[] = [[0]];
    (z[0] as unknown[]).push(z);
    expectError(() => tensor(z as never), 'TypeError', 'new(): self-referential lists are incompatible');
  });

  it('a cycle through first elements, [z] in z, runs into the dimension limit: ValueError too many dimensions \'list\'', () => {
    const z: unknown[] = [];
    z.push(z);
    expectError(() => tensor(z as never), 'ValueError', "too many dimensions 'list'");
  });

  it('128 nested arrays give a 128-d tensor and 129 raise ValueError (probed in torch 1.13 and 2.6)', () => {
    const nest = (n: number): unknown => (n === 0 ? 0 : [nest(n - 1)]);
    expect(tensor(nest(128) as never).shape).toEqual(Array(128).fill(1));
    expectError(() => tensor(nest(129) as never), 'ValueError', "too many dimensions 'list'");
  });

  it('with an explicit dtype the cycle meets store_scalar: TypeError \'list\' object cannot be interpreted as an integer', () => {
    const z: unknown[] = [0];
    z.push(z);
    expectError(() => tensor(z as never, { dtype: 'int64' }), 'TypeError', "'list' object cannot be interpreted as an integer");
    expectError(() => tensor(z as never, { dtype: 'float32' }), 'TypeError', 'must be real number, not list');
  });

  it('the same array twice, not a cycle, is still fine: [y, y] gives [[1], [1]]', () => {
    const y = [1];
    expect(tensor([y, y]).tolist()).toEqual([[1n], [1n]]);
  });
});

// ---- 3. pad_sequence takes what tuple() takes ---------------------------------------------------
describe('padSequence takes any iterable and a Tensor, as torch 1.13\'s tuple(sequences) does', () => {
  const { padSequence } = nn.utils.rnn;
  const a = () => tensor([1, 2, 3], { dtype: 'float32' });
  const b = () => tensor([4, 5], { dtype: 'float32' });
  // torch 1.13: pad_sequence(x) for each x below printed [[1.0, 4.0], [2.0, 5.0], [3.0, 0.0]]
  const padded = [[1, 4], [2, 5], [3, 0]];

  it.each([
    ['a generator', () => (function* () { yield a(); yield b(); })()],
    ['an iterator', () => [a(), b()][Symbol.iterator]()],
    ['an array', () => [a(), b()]],
  ])('%s of tensors is padded like a list', (_, make) => {
    expect(padSequence(make()).tolist()).toEqual(padded);
  });

  it('a Set of one tensor gives its column: [[1.0], [2.0], [3.0]] (torch 1.13)', () => {
    expect(padSequence(new Set([a()])).tolist()).toEqual([[1], [2], [3]]);
  });

  it('a 2-D Tensor is iterated along dim 0: [[1,2],[3,4],[5,6]] gives [[1,3,5],[2,4,6]] (torch 1.13)', () => {
    expect(padSequence(tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float32' })).tolist()).toEqual([[1, 3, 5], [2, 4, 6]]);
  });

  it('gradients flow back through the rows of a Tensor argument', () => {
    const x = tensor([[1, 2], [3, 4]], { dtype: 'float32', requiresGrad: true });
    padSequence(x).backward(tensor([[1, 2], [3, 4]], { dtype: 'float32' }));
    expect((x.grad as Tensor).tolist()).toEqual([[1, 3], [2, 4]]); // out[t, b] = x[b, t]
  });

  it.each([
    ['an int', 3, 'RuntimeError', "pad_sequence: Expected iterable for input sequences, but got arg of type: <class 'int'>"],
    ['a float', 2.5, 'RuntimeError', "pad_sequence: Expected iterable for input sequences, but got arg of type: <class 'float'>"],
    ['a bool', true, 'RuntimeError', "pad_sequence: Expected iterable for input sequences, but got arg of type: <class 'bool'>"],
    ['null (None)', null, 'RuntimeError', "pad_sequence: Expected iterable for input sequences, but got arg of type: <class 'NoneType'>"],
    ['a string (iterated, so its items are str)', 'ab', 'TypeError', 'expected Tensor as element 0 in argument 0, but got str'],
    ['an empty string', '', 'RuntimeError', 'received an empty list of sequences'],
    ['a list of ints', [1, 2], 'TypeError', 'expected Tensor as element 0 in argument 0, but got int'],
    ['a list holding None', () => [tensor([1.5]), null], 'TypeError', 'expected Tensor as element 1 in argument 0, but got NoneType'],
    ['an empty generator', (function* () {})(), 'RuntimeError', 'received an empty list of sequences'],
    ['a 0-d Tensor', () => tensor(1.5), 'TypeError', 'iteration over a 0-d tensor'],
    ['a 1-d Tensor (its items are 0-d)', () => tensor([1.5, 2.5]), 'IndexError', 'Dimension specified as 0 but tensor has no dimensions'],
  ])('%s raises torch 1.13\'s error', asTorch('1.13', (_, input, type, message) => {
    // a Tensor row is a thunk, built in the test rather than at collection
    expectError(() => padSequence((typeof input === 'function' ? input() : input) as never), type, message);
  }));
});
