/**
 * torch.nn.utils.rnn packing helpers of the reference (docs/spec.md §3.3, §3.4):
 * the §3.3 worked example literally, the packing bookkeeping against layouts computed here from
 * the lengths, round trips, gradients by finite differences, and the error table.
 */
import { beforeEach, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Generator, Tensor, tensor, withTorchVersion } from '../../../reference/index.ts';
import {
  PackedSequence, packPaddedSequence, packSequence, padPackedSequence, padSequence, unpackSequence, unpadSequence,
} from '../../../reference/packed-sequence.ts';
import { randn } from '../../harness/arbitraries/rnn.ts';
import { checkVjp } from '../../harness/gradcheck.ts';
import { expectError } from '../expect-error.ts';

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 60 }); // keeps a seed fixed by the mutation run

// ---- Arrange helpers ----------------------------------------------------------------------------
const values = (t: Tensor | null) => (t === null ? null : Array.from(t.data as ArrayLike<number | bigint>, Number));


/** A batch to pack: lengths in [1, T], trailing feature dims, options each possibly omitted. */
const batchArb = fc
  .record({
    lengths: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
    extraT: fc.integer({ min: 0, max: 2 }),
    features: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    options: fc.record({ batchFirst: fc.boolean(), enforceSorted: fc.boolean() }, { requiredKeys: [] }),
  })
  .map((b) => ({ ...b, lengths: b.options.enforceSorted === false ? b.lengths : [...b.lengths].sort((x, y) => y - x) }));

type Batch = typeof batchArb extends fc.Arbitrary<infer T> ? T : never;

function padded(b: Batch) {
  const T = Math.max(...b.lengths) + b.extraT;
  const B = b.lengths.length;
  const x = randn(new Generator(b.seed), b.options.batchFirst ? [B, T, ...b.features] : [T, B, ...b.features]);
  const F = b.features.reduce((p, q) => p * q, 1);
  /** Element (t, b, f) of x as a flat feature row. */
  const at = (t: number, batch: number) =>
    Array.from(x.data as Float64Array).slice(((b.options.batchFirst ? batch * T + t : t * B + batch) * F), ((b.options.batchFirst ? batch * T + t : t * B + batch) + 1) * F);
  return { x, T, B, F, at };
}

/** The order PackedSequence sorts the batch in: stable, by decreasing length (or as given). */
function sortedOrder(lengths: number[], enforceSorted: boolean | undefined): number[] {
  const order = lengths.map((_, i) => i);
  if (enforceSorted !== false) return order;
  // insertion sort: stable by construction, independent of Array.prototype.sort
  for (let i = 1; i < order.length; i++) {
    for (let j = i; j > 0 && lengths[order[j - 1]] < lengths[order[j]]; j--) [order[j - 1], order[j]] = [order[j], order[j - 1]];
  }
  return order;
}

// ---- the worked example of §3.3 ------------------------------------------------------------------
describe('the docs/spec.md §3.3 worked example', () => {
  let input: Tensor;
  beforeEach(() => {
    input = tensor([[1, 2, 0], [3, 0, 0], [4, 5, 6]], { dtype: 'float32' }); // in each test, not at collection
  });

  test('[[1,2,0],[3,0,0],[4,5,6]] batch_first, lengths [2,1,3], enforce_sorted=False packs to data [4,1,3,5,2,6], batch_sizes [3,2,1], sorted [2,0,1], unsorted [1,2,0]', () => {
    const packed = packPaddedSequence(input, [2, 1, 3], { batchFirst: true, enforceSorted: false });

    expect(values(packed.data)).toEqual([4, 1, 3, 5, 2, 6]);
    expect(values(packed.batchSizes)).toEqual([3, 2, 1]);
    expect(values(packed.sortedIndices)).toEqual([2, 0, 1]);
    expect(values(packed.unsortedIndices)).toEqual([1, 2, 0]);
    expect([packed.batchSizes.dtype, packed.sortedIndices?.dtype, packed.unsortedIndices?.dtype]).toEqual(['int64', 'int64', 'int64']);
  });

  test('pad_packed_sequence restores the padded batch and the lengths in the original order', () => {
    const packed = packPaddedSequence(input, [2, 1, 3], { batchFirst: true, enforceSorted: false });

    const [out, lengths] = padPackedSequence(packed, { batchFirst: true });

    expect(out.tolist()).toEqual([[1, 2, 0], [3, 0, 0], [4, 5, 6]]);
    expect(values(lengths)).toEqual([2, 1, 3]);
    expect(lengths.dtype).toBe('int64');
  });

  test('with enforce_sorted (the default) and sorted lengths, the indices are null', () => {
    const packed = packPaddedSequence(tensor([[4, 5, 6], [1, 2, 0], [3, 0, 0]], { dtype: 'float32' }), [3, 2, 1], { batchFirst: true });

    expect(values(packed.data)).toEqual([4, 1, 3, 5, 2, 6]);
    expect(packed.sortedIndices).toBeNull();
    expect(packed.unsortedIndices).toBeNull();
  });
});

// ---- bookkeeping properties -----------------------------------------------------------------------
describe('pack_padded_sequence bookkeeping', () => {
  test.prop([batchArb])('batch_sizes[t] = #{b : len_b > t}; data row sum_{s<t} batch_sizes[s] + r holds x[t, order[r]]; indices are the stable order and its inverse', (b) => {
    const { x, at } = padded(b);

    const packed = packPaddedSequence(x, b.lengths, b.options);

    const order = sortedOrder(b.lengths, b.options.enforceSorted);
    const batchSizes = Array.from({ length: Math.max(...b.lengths) }, (_, t) => b.lengths.filter((len) => len > t).length);
    const rows = batchSizes.flatMap((n, t) => Array.from({ length: n }, (_, r) => at(t, order[r])));
    expect(values(packed.batchSizes)).toEqual(batchSizes);
    expect(packed.data.shape).toEqual([rows.length, ...b.features]);
    expect(values(packed.data)).toEqual(rows.flat());
    if (b.options.enforceSorted === false) {
      expect(values(packed.sortedIndices)).toEqual(order);
      expect(order.map((_, i) => values(packed.unsortedIndices)![order[i]])).toEqual(order.map((_, i) => i));
    } else {
      expect(packed.sortedIndices).toBeNull();
    }
  });

  test.prop([batchArb, fc.double({ min: -3, max: 3, noNaN: true }), fc.integer({ min: 0, max: 2 })])(
    'pad_packed_sequence(pack_padded_sequence(x)) gives x inside each length and padding_value beyond, up to total_length; lengths come back in the caller order',
    (b, paddingValue, extra) => {
      const { x, at, B, F } = padded(b);
      const totalLength = Math.max(...b.lengths) + extra;

      const [out, lengths] = padPackedSequence(packPaddedSequence(x, b.lengths, b.options), { batchFirst: b.options.batchFirst, paddingValue, totalLength });

      const expected = (t: number, batch: number) => (t < b.lengths[batch] ? at(t, batch) : new Array<number>(F).fill(paddingValue));
      const cells = b.options.batchFirst
        ? Array.from({ length: B }, (_, batch) => Array.from({ length: totalLength }, (_, t) => expected(t, batch)))
        : Array.from({ length: totalLength }, (_, t) => Array.from({ length: B }, (_, batch) => expected(t, batch)));
      expect(out.shape).toEqual(b.options.batchFirst ? [B, totalLength, ...b.features] : [totalLength, B, ...b.features]);
      expect(values(out)).toEqual(cells.flat(2));
      expect(values(lengths)).toEqual(b.lengths);
    },
  );

  test('ties keep their order (a stable sort; PyTorch CPU sort is only stable up to 16 elements)', () => {
    const lengths = [2, 3, 2, 3, 1, 3, 2, 2, 3, 1, 1, 2, 3, 2, 3, 3, 1, 2, 2, 3];

    const packed = packPaddedSequence(new Tensor('float32', [3, lengths.length]), lengths, { enforceSorted: false });

    expect(values(packed.sortedIndices)).toEqual([1, 3, 5, 8, 12, 14, 15, 19, 0, 2, 6, 7, 11, 13, 17, 18, 4, 9, 10, 16]);
  });

  test('lengths may be an int64 or int32 tensor; float lengths are truncated like torch.as_tensor(lengths, dtype=int64)', () => {
    const x = tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float64' }); // (T=3, B=2), no feature dims: data is 1-D

    const fromInt32 = packPaddedSequence(x, new Tensor('int32', [2], Int32Array.from([3, 1])));
    const fromFloats = packPaddedSequence(x, [3.7, 1.2]);

    expect(values(fromInt32.data)).toEqual([1, 2, 3, 5]);
    expect(values(fromFloats.batchSizes)).toEqual([2, 1, 1]);
  });

  test('integer data (token ids) packs and pads with an integer padding value', () => {
    const ids = [new Tensor('int64', [3], BigInt64Array.from([5n, 6n, 7n])), new Tensor('int64', [1], BigInt64Array.from([8n]))];

    const [out] = padPackedSequence(packSequence(ids), { batchFirst: true, paddingValue: -1 });

    expect(out.dtype).toBe('int64');
    expect(values(out)).toEqual([5, 6, 7, 8, -1, -1]);
  });

  test('padding values convert like at::full: integers truncate toward zero, NaN pads floats', () => {
    const ints = [new Tensor('int64', [2], BigInt64Array.from([10n, 11n])), new Tensor('int64', [1], BigInt64Array.from([20n]))];

    expect(values(padSequence(ints, { paddingValue: 0.5 }))).toEqual([10, 20, 11, 0]);
    expect(values(padSequence(ints, { paddingValue: -1.5 }))).toEqual([10, 20, 11, -1]);
    expect(values(padSequence([f32([1]), f32([2])], { paddingValue: NaN }))).toEqual([0, 0, NaN, 0]);
  });

  test('PackedSequence(data, batch_sizes, sorted_indices) computes unsorted_indices as the inverse and destructures like the namedtuple', () => {
    const p = new PackedSequence(new Tensor('float32', [3, 1]), [2, 1], new Tensor('int64', [2], BigInt64Array.from([1n, 0n])));

    const [data, batchSizes, sorted, unsorted] = p;

    expect(values(unsorted)).toEqual([1, 0]);
    expect([data, batchSizes, sorted]).toEqual([p.data, p.batchSizes, p.sortedIndices]);
    expect(batchSizes?.dtype).toBe('int64');
  });
});

// ---- pad_sequence, pack_sequence, unpad/unpack ------------------------------------------------------
const sequencesArb = fc.record({
  lengths: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 }),
  features: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  batchFirst: fc.option(fc.boolean(), { nil: undefined }),
  paddingValue: fc.option(fc.double({ min: -2, max: 2, noNaN: true }), { nil: undefined }),
});

function makeSequences(s: { lengths: number[]; features: number[]; seed: number }) {
  const gen = new Generator(s.seed);
  return s.lengths.map((len) => randn(gen, [len, ...s.features]));
}

describe('pad_sequence, pack_sequence, unpad_sequence, unpack_sequence', () => {
  test.prop([sequencesArb])('pad_sequence puts sequence b at [:len_b, b] (or [b, :len_b]) and padding_value (default 0) elsewhere', (s) => {
    const seqs = makeSequences(s);
    const T = Math.max(...s.lengths);
    const F = s.features.reduce((a, b) => a * b, 1);

    const out = padSequence(seqs, { batchFirst: s.batchFirst, paddingValue: s.paddingValue });

    const row = (b: number, t: number) => (t < s.lengths[b] ? values(seqs[b])!.slice(t * F, (t + 1) * F) : new Array<number>(F).fill(s.paddingValue ?? 0));
    const B = seqs.length;
    const expected = s.batchFirst
      ? Array.from({ length: B }, (_, b) => Array.from({ length: T }, (_, t) => row(b, t)))
      : Array.from({ length: T }, (_, t) => Array.from({ length: B }, (_, b) => row(b, t)));
    expect(out.shape).toEqual(s.batchFirst ? [B, T, ...s.features] : [T, B, ...s.features]);
    expect(values(out)).toEqual(expected.flat(2));
  });

  test.prop([sequencesArb.filter((s) => s.lengths.every((l) => l > 0)), fc.boolean()])('unpack_sequence(pack_sequence(seqs, enforce_sorted=False)) gives back every sequence', (s, unsorted) => {
    const seqs = makeSequences({ ...s, lengths: unsorted ? s.lengths : [...s.lengths].sort((a, b) => b - a) });

    const back = unpackSequence(packSequence(seqs, { enforceSorted: !unsorted }));

    expect(back.map((t) => t.shape)).toEqual(seqs.map((t) => t.shape));
    expect(back.map(values)).toEqual(seqs.map(values));
  });

  test.prop([sequencesArb])('unpad_sequence(pad_sequence(seqs), lengths) gives back every sequence and leaves its argument unchanged', (s) => {
    const seqs = makeSequences(s);
    const paddedSeqs = padSequence(seqs, { batchFirst: s.batchFirst });
    const before = { shape: paddedSeqs.shape, data: values(paddedSeqs) };

    const back = unpadSequence(paddedSeqs, tensor(s.lengths), { batchFirst: s.batchFirst }); // a Tensor, as 2.x requires

    expect(back.map(values)).toEqual(seqs.map(values));
    expect({ shape: paddedSeqs.shape, data: values(paddedSeqs) }).toEqual(before); // 1.13 transposes in place (docs/spec.md §5); rnnspec does not
  });

  test('pack_sequence packs like the worked example', () => {
    const seqs = [tensor([1, 2], { dtype: 'float32' }), tensor([3], { dtype: 'float32' }), tensor([4, 5, 6], { dtype: 'float32' })];

    const packed = packSequence(seqs, { enforceSorted: false });

    expect(values(packed.data)).toEqual([4, 1, 3, 5, 2, 6]);
    expect(values(packed.batchSizes)).toEqual([3, 2, 1]);
  });
});

// ---- gradients ------------------------------------------------------------------------------------
describe('packing is differentiable (finite differences, float64)', () => {
  test.prop([batchArb])('pack_padded_sequence: gradient of data w.r.t. the padded input', (b) => {
    const { x } = padded(b);
    x.requiresGrad_(true);

    checkVjp(() => [packPaddedSequence(x, b.lengths, b.options).data], [x], { seed: b.seed });
  });

  test.prop([batchArb, fc.integer({ min: 0, max: 2 })])('pad_packed_sequence: gradient of the padded output w.r.t. the packed data', (b, extra) => {
    const template = packPaddedSequence(padded(b).x, b.lengths, b.options);
    const data = randn(new Generator(b.seed + 1), template.data.shape).requiresGrad_(true);

    checkVjp(() => {
      const packed = new PackedSequence(data, template.batchSizes, template.sortedIndices, template.unsortedIndices);
      return [padPackedSequence(packed, { batchFirst: b.options.batchFirst, totalLength: Math.max(...b.lengths) + extra })[0]];
    }, [data], { seed: b.seed });
  });

  test.prop([sequencesArb])('pad_sequence and unpad_sequence: gradients w.r.t. every sequence', (s) => {
    const seqs = makeSequences(s).map((t) => t.requiresGrad_(true));

    checkVjp(() => [padSequence(seqs, { batchFirst: s.batchFirst, paddingValue: s.paddingValue })], seqs, { seed: s.seed });
    checkVjp(() => unpadSequence(padSequence(seqs, { batchFirst: s.batchFirst }), tensor(s.lengths), { batchFirst: s.batchFirst }), seqs, { seed: s.seed });
  });

  test.prop([sequencesArb.filter((s) => s.lengths.every((l) => l > 0))])('pack_sequence and unpack_sequence: gradients w.r.t. every sequence', (s) => {
    const seqs = makeSequences(s).map((t) => t.requiresGrad_(true));

    checkVjp(() => [packSequence(seqs, { enforceSorted: false }).data], seqs, { seed: s.seed });
    checkVjp(() => unpackSequence(packSequence(seqs, { enforceSorted: false })), seqs, { seed: s.seed });
  });
});

// ---- errors ---------------------------------------------------------------------------------------
const f32 = (shape: number[]) => new Tensor('float32', shape);

describe('packing errors (docs/spec.md §3.4)', () => {
  test.each<[string, () => unknown, string, string]>([
    ['lengths not sorted with enforce_sorted', () => packPaddedSequence(f32([3, 2, 1]), [1, 2]), 'RuntimeError',
      '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.'],
    ['pack_sequence, lengths not sorted', () => packSequence([f32([1]), f32([2])]), 'RuntimeError',
      '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.'],
    ['a length 0', () => packPaddedSequence(f32([3, 2, 1]), [2, 0]), 'RuntimeError', "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0"],
    ['a length 0, unsorted', () => packPaddedSequence(f32([3, 2, 1]), [0, 2], { enforceSorted: false }), 'RuntimeError', "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0"],
    ['pack_sequence with an empty tensor', () => packSequence([f32([2]), f32([0])]), 'RuntimeError', "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0"],
    ['len(lengths) != batch', () => packPaddedSequence(f32([3, 2, 1]), [3, 2, 1]), 'RuntimeError', 'Expected `len(lengths)` to be equal to batch_size, but got 3 (batch_size=2)'],
    ['len(lengths) > batch, unsorted', () => packPaddedSequence(f32([3, 2, 1]), [3, 2, 1], { enforceSorted: false }), 'RuntimeError', 'INDICES element is out of DATA bounds, id=2 axis_dim=2'],
    ['len(lengths) > batch, unsorted, batch_first', () => packPaddedSequence(f32([2, 3, 1]), [3, 2, 1], { batchFirst: true, enforceSorted: false }), 'IndexError', 'index out of range in self'],
    ['lengths 2-D', () => packPaddedSequence(f32([3, 2, 1]), tensor([[2, 1]])), 'RuntimeError', "'lengths' argument should be a 1D CPU int64 tensor, but got 2D cpu Long tensor"],
    ['lengths 0-D', () => packPaddedSequence(f32([3, 2, 1]), tensor(2)), 'RuntimeError', "'lengths' argument should be a 1D CPU int64 tensor, but got 0D cpu Long tensor"],
    ['lengths 2-D, unsorted', () => packPaddedSequence(f32([3, 2, 1]), tensor([[2, 1]]), { enforceSorted: false }), 'IndexError', 'index_select(): Index is supposed to be a vector'],
    ['empty input (T = 0)', () => packPaddedSequence(f32([0, 2, 1]), [1, 1]), 'RuntimeError', 'Cannot pack empty tensors.'],
    ['empty input (B = 0)', () => packPaddedSequence(f32([3, 0, 1]), []), 'RuntimeError', 'Cannot pack empty tensors.'],
    ['pack_sequence of empty tensors only', () => packSequence([f32([0])]), 'RuntimeError', 'Cannot pack empty tensors.'],
    ['1-D input', () => packPaddedSequence(f32([3]), [1]), 'IndexError', 'Dimension out of range (expected to be in range of [-1, 0], but got 1)'],
    ['1-D input, batch_first', () => packPaddedSequence(f32([3]), [1], { batchFirst: true }), 'IndexError', 'Dimension out of range (expected to be in range of [-1, 0], but got 1)'],
    ['pack_sequence([])', () => packSequence([]), 'RuntimeError', 'received an empty list of sequences'],
    ['pad_sequence([])', () => padSequence([]), 'RuntimeError', 'received an empty list of sequences'],
    ['pad_sequence trailing dims differ', () => padSequence([f32([2, 3]), f32([3, 4])]), 'RuntimeError', 'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1'],
    ['pad_sequence, a sequence of more dims', () => padSequence([f32([2]), f32([3, 3])]), 'RuntimeError', "output with shape [3] doesn't match the broadcast shape [3, 3]"],
    ['pad_sequence, a wider trailing dim than the first sequence\'s 1', () => padSequence([f32([2, 1]), f32([2, 3])]), 'RuntimeError', "output with shape [2, 1] doesn't match the broadcast shape [2, 3]"],
    ['pad_sequence, a trailing dim of 1 where the first has 3 (1.13 broadcasts it: rnnspec deviation)', () => padSequence([f32([2, 3]), f32([2, 1])]), 'RuntimeError',
      'rnnspec: pad_sequence does not broadcast a sequence of shape [2, 1] into [2, 3] as PyTorch does'],
    ['pack_sequence of a 0-d tensor (1.13)', () => withTorchVersion('1.13', () => packSequence([f32([2]), f32([])])), 'IndexError', 'Dimension specified as 0 but tensor has no dimensions'],
    ['pack_sequence of a 0-d tensor first (2.6: its size(0), before pad_sequence)', () => withTorchVersion('2.6', () => packSequence([f32([])])), 'IndexError', 'Dimension specified as 0 but tensor has no dimensions'],
    ['len(lengths) > batch of a 2-D input, unsorted', () => packPaddedSequence(f32([3, 2]), [2, 1, 3], { enforceSorted: false }), 'RuntimeError', 'INDICES element is out of DATA bounds, id=2 axis_dim=2'],
    ['lengths 0-D, unsorted', () => packPaddedSequence(f32([3, 1, 2]), tensor(2), { enforceSorted: false }), 'RuntimeError', "'lengths' argument should be a 1D CPU int64 tensor, but got 0D cpu Long tensor"],
    // enforce_sorted=False index_selects the batch before any check; on an empty input index_select has its own messages (1.13 and 2.6 probed)
    ['lengths 0-D, unsorted, B = 0: index_select reads the 0-d index first', () => packPaddedSequence(f32([3, 0]), tensor(2), { enforceSorted: false }), 'RuntimeError', 'index_select(): self indexing axis dim should be positive'],
    ['empty input (B = 0), unsorted', () => packPaddedSequence(f32([3, 0, 2]), [2], { enforceSorted: false }), 'RuntimeError', 'index_select(): self indexing axis dim should be positive'],
    ['empty input (B = 0), unsorted, batch_first', () => packPaddedSequence(f32([0, 3]), [2], { batchFirst: true, enforceSorted: false }), 'RuntimeError', 'index_select(): self indexing axis dim should be positive'],
    ['empty input (B = 0), unsorted, no lengths', () => packPaddedSequence(f32([3, 0, 2]), [], { enforceSorted: false }), 'RuntimeError', 'Cannot pack empty tensors.'],
    ['empty input (T = 0), len(lengths) > batch, unsorted', () => packPaddedSequence(f32([0, 2]), [5, 1, 1], { enforceSorted: false }), 'RuntimeError', 'INDICES element is out of DATA bounds, id=2 axis_dim=2'],
    ['empty input (T = 0), len(lengths) > batch, unsorted, batch_first', () => packPaddedSequence(f32([2, 0, 3]), [1, 1, 1], { batchFirst: true, enforceSorted: false }), 'RuntimeError', 'INDICES element is out of DATA bounds, id=2 axis_dim=2'],
    ['total_length too small', () => padPackedSequence(packSequence([f32([3]), f32([1])]), { totalLength: 2 }), 'ValueError',
      'Expected total_length to be at least the length of the longest sequence in input, but got total_length=2 and max sequence length being 3'],
    ['pad_sequence of 0-d tensors (1.13)', () => withTorchVersion('1.13', () => padSequence([f32([]), f32([])])), 'IndexError', 'Dimension specified as 0 but tensor has no dimensions'],
    ['pad_sequence of 0-d tensors (2.6)', () => withTorchVersion('2.6', () => padSequence([f32([]), f32([])])), 'RuntimeError', 'ArrayRef: invalid slice, N = 1; size = 0'],
    ['pad_sequence, a later 0-d tensor (2.6)', () => withTorchVersion('2.6', () => padSequence([f32([1]), f32([])])), 'IndexError', 'Dimension specified as 0 but tensor has no dimensions'],
    ['unpad_sequence with a list of lengths (2.6)', () => withTorchVersion('2.6', () => unpadSequence(f32([2, 1]), [2])), 'AttributeError', "'list' object has no attribute 'device'"],
    ['pad_sequence, padding_side in 1.13', () => withTorchVersion('1.13', () => padSequence([f32([2])], { paddingSide: 'left' })), 'TypeError', "pad_sequence() got an unexpected keyword argument 'padding_side'"],
    ['pad_sequence, padding 300 into uint8', () => padSequence([new Tensor('uint8', [2]), new Tensor('uint8', [1])], { paddingValue: 300 }), 'RuntimeError', 'value cannot be converted to type uint8_t without overflow'],
    ['pad_sequence, padding -0.5 into uint8', () => padSequence([new Tensor('uint8', [2]), new Tensor('uint8', [1])], { paddingValue: -0.5 }), 'RuntimeError', 'value cannot be converted to type uint8_t without overflow'],
    ['pad_sequence, padding NaN into int64', () => padSequence([new Tensor('int64', [2]), new Tensor('int64', [1])], { paddingValue: NaN }), 'RuntimeError', 'value cannot be converted to type int64_t without overflow'],
    ['pad_sequence, padding 2^31 into int32 (c10 calls it int)', () => padSequence([new Tensor('int32', [2]), new Tensor('int32', [1])], { paddingValue: 2 ** 31 }), 'RuntimeError', 'value cannot be converted to type int without overflow'],
    ['pad_sequence, padding -2^31 - 1 into int32', () => padSequence([new Tensor('int32', [2]), new Tensor('int32', [1])], { paddingValue: -(2 ** 31) - 1 }), 'RuntimeError', 'value cannot be converted to type int without overflow'],
    ['pad_sequence, padding 32768 into int16', () => padSequence([new Tensor('int16', [2]), new Tensor('int16', [1])], { paddingValue: 32768 }), 'RuntimeError', 'value cannot be converted to type int16_t without overflow'],
    ['pad_sequence, padding -32769 into int16', () => padSequence([new Tensor('int16', [2]), new Tensor('int16', [1])], { paddingValue: -32769 }), 'RuntimeError', 'value cannot be converted to type int16_t without overflow'],
    ['pad_sequence, padding 128 into int8', () => padSequence([new Tensor('int8', [2]), new Tensor('int8', [1])], { paddingValue: 128 }), 'RuntimeError', 'value cannot be converted to type int8_t without overflow'],
    ['pad_sequence, padding -129 into int8', () => padSequence([new Tensor('int8', [2]), new Tensor('int8', [1])], { paddingValue: -129 }), 'RuntimeError', 'value cannot be converted to type int8_t without overflow'],
    ['pad_sequence, padding 3.5e38 into float32', () => padSequence([f32([2]), f32([1])], { paddingValue: 3.5e38 }), 'RuntimeError', 'value cannot be converted to type float without overflow'],
    ['pad_sequence, padding 1e40 into float32', () => padSequence([f32([2]), f32([1])], { paddingValue: 1e40 }), 'RuntimeError', 'value cannot be converted to type float without overflow'],
    ['a hand-built PackedSequence with a negative sorted index (torch 1.13 probed)', () => new PackedSequence(f32([3, 2]), [2, 1], tensor([-1, 0])), 'RuntimeError', 'index -1 is out of bounds for dimension 0 with size 2'],
    ['a hand-built PackedSequence with a sorted index past the batch', () => new PackedSequence(f32([3, 2]), [2, 1], tensor([2, 0])), 'RuntimeError', 'index 2 is out of bounds for dimension 0 with size 2'],
    ['a hand-built PackedSequence with a repeated sorted index (1.13 leaves memory uninitialised: rnnspec deviation)', () => new PackedSequence(f32([3, 2]), [2, 1], tensor([0, 0])), 'RuntimeError',
      'rnnspec: sorted_indices [0, 0] is not a permutation: PyTorch leaves unsorted_indices partly uninitialised'],
    ['pad_packed_sequence of a hand-built PackedSequence with increasing batch_sizes', () => padPackedSequence(new PackedSequence(f32([4, 1]), [1, 3])), 'RuntimeError',
      "output with shape [1, 1, 1] doesn't match the broadcast shape [1, 3, 1]"],
    ['total_length 0', () => padPackedSequence(packSequence([f32([2])]), { totalLength: 0 }), 'ValueError',
      'Expected total_length to be at least the length of the longest sequence in input, but got total_length=0 and max sequence length being 2'],
  ])('%s', (_, call, type, message) => {
    expectError(call, type, message);
  });

  test.each<[string, number[], boolean, number[], string]>([
    ['time-major', [3, 2, 1], false, [4, 1], 'pack_padded_sequence: lengths[0]=4 exceeds the padded sequence length 3'],
    ['batch_first', [2, 3, 1], true, [2, 5], 'pack_padded_sequence: lengths[1]=5 exceeds the padded sequence length 3'],
  ])('a length longer than the padded input (%s) raises ValueError where 1.13 packs garbage (rnnspec deviation)', (_, shape, batchFirst, lengths, message) => {
    expectError(() => packPaddedSequence(f32(shape), lengths, { batchFirst, enforceSorted: false }), 'ValueError', message);
  });

  test('padding values at the edge of each dtype are accepted as torch accepts them (1.13 and 2.6 probed)', () => {
    const padded = (dtype: 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'float32' | 'float64', paddingValue: number) =>
      padSequence([new Tensor(dtype, [1]), new Tensor(dtype, [2])], { paddingValue }).tolist();
    expect(padded('int32', 2 ** 31 - 1)).toEqual([[0, 0], [2 ** 31 - 1, 0]]);
    expect(padded('int32', -(2 ** 31))).toEqual([[0, 0], [-(2 ** 31), 0]]);
    expect(padded('int16', 32767)).toEqual([[0, 0], [32767, 0]]);
    expect(padded('int16', -32768)).toEqual([[0, 0], [-32768, 0]]);
    expect(padded('int8', 127)).toEqual([[0, 0], [127, 0]]);
    expect(padded('int8', -128)).toEqual([[0, 0], [-128, 0]]);
    expect(padded('uint8', 255)).toEqual([[0, 0], [255, 0]]);
    expect(padded('uint8', 0)).toEqual([[0, 0], [0, 0]]);
    expect(padded('int64', 2 ** 63)).toEqual([[0n, 0n], [-(2n ** 63n), 0n]]); // 2^63 - 1 rounds to 2^63 as a double: it passes the check and wraps
    expect(padded('int64', -(2 ** 63))).toEqual([[0n, 0n], [-(2n ** 63n), 0n]]);
    expect(padded('float32', 3.4028234663852886e38)).toEqual([[0, 0], [3.4028234663852886e38, 0]]); // FLT_MAX itself fits
    expect(padded('float32', Infinity)).toEqual([[0, 0], [Infinity, 0]]); // an infinity is no overflow
    expect(padded('float64', 1e300)).toEqual([[0, 0], [1e300, 0]]); // only float32 is range-checked here
  });
  test('bool sequences pad with the truthiness of the (float) padding value', () => {
    const bools = () => [tensor([true]), tensor([true, true])];
    expect(padSequence(bools()).tolist()).toEqual([[true, true], [false, true]]);
    expect(padSequence(bools(), { paddingValue: 2.5 }).tolist()).toEqual([[true, true], [true, true]]);
  });

  test('unpad_sequence zips the batch with the lengths: it stops at the shorter (torch 1.13 probed)', () => {
    const padded = f32([3, 2, 4]);
    expect(unpadSequence(padded, tensor([2, 1, 3])).map((s) => s.shape)).toEqual([[2, 4], [1, 4]]);
    expect(unpadSequence(padded, tensor([2])).map((s) => s.shape)).toEqual([[2, 4]]);
  });

  test("1.13's own checks come first: unsorted lengths longer than T report the sort order", () => {
    expectError(
      () => packPaddedSequence(f32([3, 2, 1]), [1, 5]),
      'RuntimeError',
      '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.',
    );
  });

  test('fewer lengths than batch entries with enforce_sorted=False drops the extra entries, as index_select does in 1.13', () => {
    const x = tensor([[0, 1], [2, 3], [4, 5]], { dtype: 'float32' }).detach();

    const packed = packPaddedSequence(new Tensor('float32', [3, 2, 1], x.data), [2], { enforceSorted: false });

    expect(values(packed.data)).toEqual([0, 2]);
    expect(values(packed.batchSizes)).toEqual([1, 1]);
  });
});
