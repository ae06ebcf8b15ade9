/**
 * torch.nn.utils.rnn of PyTorch 1.13: PackedSequence and its helpers
 * (docs/spec.md §3.3; errors §3.4; quirks §5).
 *
 * A PackedSequence keeps only the valid steps of a batch, time-major, the batch sorted by
 * decreasing length (`sorted_indices`; `unsorted_indices` is its inverse):
 *
 *     batch_sizes[t] = #{b : len_b > t}          data = cat_t( input[t, :batch_sizes[t]] )
 *
 * e.g. [[1,2,0],[3,0,0],[4,5,6]] (batch_first) with lengths [2,1,3], enforce_sorted=False gives
 * data [4,1,3,5,2,6], batch_sizes [3,2,1], sorted_indices [2,0,1], unsorted_indices [1,2,0].
 * Everything is built from differentiable ops, so gradients flow back to the padded input or data.
 */
import { asTensor, type TensorData } from './creation.ts';
import { fillElement, type DType, type Scalar } from './dtype.ts';
import { AttributeError, IndexError, PyTypeError, RuntimeError, ValueError } from './errors.ts';
import { pythonTypeName } from './python.ts';
import { Tensor } from './tensor.ts';
import { cat, indexSelect, narrow, stack, transpose, view } from './ops/index.ts';
import { torchAtLeast } from './version.ts';

export class PackedSequence {
  readonly data: Tensor;
  /** int64, one entry per time step. */
  readonly batchSizes: Tensor;
  readonly sortedIndices: Tensor | null;
  readonly unsortedIndices: Tensor | null;

  /** `PackedSequence(data, batch_sizes, sorted_indices=None, unsorted_indices=None)`. */
  constructor(data: Tensor, batchSizes: Tensor | readonly number[], sortedIndices: Tensor | null = null, unsortedIndices: Tensor | null = null) {
    this.data = data;
    this.batchSizes = asTensor(batchSizes as TensorData, { dtype: 'int64' });
    this.sortedIndices = sortedIndices;
    this.unsortedIndices = unsortedIndices ?? (sortedIndices && int64(invertPermutation(numbers(sortedIndices))));
  }

  /** Destructures like the namedtuple: `const [data, batchSizes] = packed`. */
  *[Symbol.iterator](): Generator<Tensor | null> {
    yield* [this.data, this.batchSizes, this.sortedIndices, this.unsortedIndices];
  }
}

// ---- small helpers ------------------------------------------------------------------------------
export function numbers(t: Tensor): number[] {
  return Array.from(t.data as ArrayLike<number | bigint>, Number);
}

function int64(values: readonly number[], shape: readonly number[] = [values.length]): Tensor {
  return new Tensor('int64', shape, BigInt64Array.from(values, BigInt));
}

/**
 * `invert_permutation`: torch scatters arange(n) to the indices, so one out of [0, n) is its
 * scatter error; a repeated index leaves a slot unwritten (uninitialised memory in torch, which
 * rnnspec refuses rather than copy).
 */
function invertPermutation(p: readonly number[]): number[] {
  const inverse = new Array<number>(p.length).fill(-1);
  p.forEach((j, i) => {
    if (!(j >= 0 && j < p.length)) throw new RuntimeError(`index ${j} is out of bounds for dimension 0 with size ${p.length}`);
    inverse[j] = i;
  });
  if (inverse.includes(-1)) {
    throw new RuntimeError(`rnnspec: sorted_indices [${p.join(', ')}] is not a permutation: PyTorch leaves unsorted_indices partly uninitialised`);
  }
  return inverse;
}

/** x[..., i, ...] along `dim` (a copy, differentiable). */
export function select(x: Tensor, dim: number, i: number): Tensor {
  return view(narrow(x, dim, i, 1), x.shape.filter((_, k) => k !== dim));
}

/** at::full's conversion of the padding value (a Python float: pad_sequence's padding_value is one). */
function paddingElement(value: number, dtype: DType): Scalar {
  return fillElement({ kind: 'float', value }, dtype);
}

/** A constant tensor of `shape` filled with `element`. */
function full(shape: readonly number[], element: Scalar, dtype: DType): Tensor {
  const out = new Tensor(dtype, shape);
  out.data.fill(element as never);
  return out;
}

/** Indices that sort `lengths` in decreasing order. STABLE: ties keep their order. */
function sortDescending(lengths: readonly number[]): number[] {
  // PyTorch's CPU sort was stable only for <= 16 elements on the spec's build (§3.3), so with ties
  // in larger batches its sorted_indices (and the order of `data`) may differ from these.
  return lengths.map((_, i) => i).sort((a, b) => lengths[b] - lengths[a]); // Array.prototype.sort is stable
}

// ---- pack_padded_sequence -----------------------------------------------------------------------
/** The checks of ATen's `_pack_padded_sequence` on a time-major input (T, B, *), in its order. */
function checkPackable(x: Tensor, lengths: Tensor): number[] {
  if (lengths.dim() !== 1) {
    throw new RuntimeError(`'lengths' argument should be a 1D CPU int64 tensor, but got ${lengths.dim()}D cpu Long tensor`);
  }
  if (x.dim() < 2) throw new IndexError(`Dimension out of range (expected to be in range of [-1, 0], but got 1)`);
  const B = x.shape[1];
  const lens = numbers(lengths);
  if (x.numel() === 0) throw new RuntimeError('Cannot pack empty tensors.');
  if (lens.length !== B) throw new RuntimeError(`Expected \`len(lengths)\` to be equal to batch_size, but got ${lens.length} (batch_size=${B})`);
  if (lens[B - 1] <= 0) {
    throw new RuntimeError("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  }
  for (let b = 0; b + 1 < B; b++) {
    if (lens[b + 1] > lens[b]) {
      throw new RuntimeError(
        '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.',
      );
    }
  }
  return lens;
}

/** `pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True)`. */
export function packPaddedSequence(
  input: Tensor,
  lengths: readonly number[] | Tensor,
  options: { batchFirst?: boolean; enforceSorted?: boolean } = {},
): PackedSequence {
  const { batchFirst = false, enforceSorted = true } = options;
  const callerLengths = asTensor(lengths as TensorData, { dtype: 'int64' }); // float lengths truncate
  let sortedLengths = callerLengths;
  let sortedIndices: Tensor | null = null;
  if (!enforceSorted) {
    if (callerLengths.dim() > 1) throw new IndexError('index_select(): Index is supposed to be a vector');
    // torch.sort keeps 0-d lengths 0-d (checkPackable refuses them), and index_select reads a 0-d index as one
    const order = sortDescending(numbers(callerLengths));
    sortedIndices = int64(order, callerLengths.shape);
    sortedLengths = int64(order.map((i) => Number(callerLengths.data[i])), callerLengths.shape);
    input = indexSelect(input, batchFirst ? 0 : 1, order);
  }
  const x = batchFirst ? transpose(input, 0, 1) : input; // (T, B, *)
  const lens = checkPackable(x, sortedLengths);
  // rnnspec deviation: 1.13 does not check this and silently packs garbage (§3.3, issues #144207, #146744).
  const T = x.shape[0];
  numbers(callerLengths).forEach((len, i) => {
    if (len > T) throw new ValueError(`pack_padded_sequence: lengths[${i}]=${len} exceeds the padded sequence length ${T}`);
  });
  const batchSizes = Array.from({ length: lens[0] }, (_, t) => lens.filter((len) => len > t).length);
  const data = cat(batchSizes.map((n, t) => narrow(select(x, 0, t), 0, 0, n)), 0);
  return new PackedSequence(data, int64(batchSizes), sortedIndices, null);
}

// ---- pad_sequence and pack_sequence -------------------------------------------------------------
/** The broadcast check of `copy_` of a sequence into its padded slot (docs/spec.md §3.4). */
function checkSlot(slot: readonly number[], seq: Tensor): void {
  const n = Math.max(slot.length, seq.dim());
  const result: number[] = [];
  for (let k = 0; k < n; k++) {
    const a = slot[slot.length - n + k] ?? 1;
    const b = seq.shape[seq.dim() - n + k] ?? 1;
    if (a !== b && a !== 1 && b !== 1) {
      throw new RuntimeError(`The size of tensor a (${a}) must match the size of tensor b (${b}) at non-singleton dimension ${k}`);
    }
    result.push(a === 1 ? b : a);
  }
  if (result.join() !== slot.join()) {
    throw new RuntimeError(`output with shape [${slot.join(', ')}] doesn't match the broadcast shape [${result.join(', ')}]`);
  }
  if (seq.shape.join() !== slot.join()) {
    throw new RuntimeError(`rnnspec: pad_sequence does not broadcast a sequence of shape [${seq.shape.join(', ')}] into [${slot.join(', ')}] as PyTorch does`);
  }
}

/**
 * pad_sequence's `tuple(sequences)`: any iterable (a Tensor iterates along dim 0), each item a
 * Tensor, checked with the messages of torch 1.13's Python layer and argument parser.
 */
function sequenceTuple(sequences: Iterable<unknown> | Tensor): Tensor[] {
  if (sequences instanceof Tensor) {
    if (sequences.dim() === 0) throw new PyTypeError('iteration over a 0-d tensor');
    return Array.from({ length: sequences.shape[0] }, (_, i) => select(sequences, 0, i));
  }
  if (typeof (sequences as { [Symbol.iterator]?: unknown } | null | undefined)?.[Symbol.iterator] !== 'function') {
    throw new RuntimeError(`pad_sequence: Expected iterable for input sequences, but got arg of type: <class '${pythonTypeName(sequences)}'>`);
  }
  const items = Array.from(sequences);
  items.forEach((item, i) => {
    if (!(item instanceof Tensor)) throw new PyTypeError(`expected Tensor as element ${i} in argument 0, but got ${pythonTypeName(item)}`);
  });
  return items as Tensor[];
}

/** `pad_sequence(sequences, batch_first=False, padding_value=0.0)`: (T_max, B, *) or (B, T_max, *). */
export function padSequence(
  sequenceIterable: Iterable<Tensor> | Tensor,
  options: { batchFirst?: boolean; paddingValue?: number; paddingSide?: 'left' | 'right' } = {},
): Tensor {
  const { batchFirst = false, paddingValue = 0, paddingSide } = options;
  if (paddingSide !== undefined && !torchAtLeast('2.6')) throw new PyTypeError("pad_sequence() got an unexpected keyword argument 'padding_side'");
  const sequences = sequenceTuple(sequenceIterable);
  if (sequences.length === 0) throw new RuntimeError('received an empty list of sequences');
  if (paddingSide !== undefined && paddingSide !== 'left' && paddingSide !== 'right') {
    throw new RuntimeError(`Expected padding_side to be one of left or right, but got ${String(paddingSide)}.`);
  }
  // 2.x's C++ slices sequences[0].sizes() first; 1.13 (and 2.x for a later one) reads size(0)
  if (torchAtLeast('2.6') && sequences[0].dim() === 0) throw new RuntimeError('ArrayRef: invalid slice, N = 1; size = 0');
  if (sequences.some((s) => s.dim() === 0)) throw new IndexError('Dimension specified as 0 but tensor has no dimensions');
  const { dtype } = sequences[0];
  const trailing = sequences[0].shape.slice(1);
  const T = Math.max(...sequences.map((s) => s.shape[0]));
  const padding = paddingElement(paddingValue, dtype);
  const columns = sequences.map((seq) => {
    checkSlot([seq.shape[0], ...trailing], seq);
    const s = seq.to(dtype);
    if (s.shape[0] === T) return s;
    const pad = full([T - s.shape[0], ...trailing], padding, dtype);
    return cat(paddingSide === 'left' ? [pad, s] : [s, pad], 0);
  });
  return stack(columns, batchFirst ? 0 : 1);
}

/** `pack_sequence(sequences, enforce_sorted=True)` = pack_padded_sequence(pad_sequence(sequences), lengths). */
export function packSequence(sequences: readonly Tensor[], options: { enforceSorted?: boolean } = {}): PackedSequence {
  if (sequences.some((s) => s.dim() === 0)) throw new IndexError('Dimension specified as 0 but tensor has no dimensions');
  const lengths = sequences.map((s) => s.shape[0]);
  return packPaddedSequence(padSequence(sequences), lengths, { enforceSorted: options.enforceSorted ?? true });
}

// ---- pad_packed_sequence and the unpacking helpers ----------------------------------------------
/** The rows of `data` that hold sorted sequence b: step t of it is row sum_{s<t} batch_sizes[s] + b. */
function rowsOf(batchSizes: readonly number[], b: number): number[] {
  const rows: number[] = [];
  let offset = 0;
  for (const n of batchSizes) {
    if (b < n) rows.push(offset + b);
    offset += n;
  }
  return rows;
}

/** A hand-built batch_sizes that grows beyond batch_sizes[0] fails in 1.13's copy of that run of steps. */
function checkBatchSizes(batchSizes: readonly number[], trailing: readonly number[]): void {
  for (let t = 0; t < batchSizes.length; ) {
    let end = t;
    while (end < batchSizes.length && batchSizes[end] === batchSizes[t]) end++;
    if (batchSizes[t] > batchSizes[0]) {
      const [run, max, n] = [end - t, batchSizes[0], batchSizes[t]];
      throw new RuntimeError(`output with shape [${[run, max, ...trailing].join(', ')}] doesn't match the broadcast shape [${[run, n, ...trailing].join(', ')}]`);
    }
    t = end;
  }
}

/**
 * `pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None)`:
 * returns [padded, lengths], both in the original (unsorted) batch order; lengths is int64.
 */
export function padPackedSequence(
  sequence: PackedSequence,
  options: { batchFirst?: boolean; paddingValue?: number; totalLength?: number | null } = {},
): [Tensor, Tensor] {
  const { batchFirst = false, paddingValue = 0, totalLength = null } = options;
  const batchSizes = numbers(sequence.batchSizes);
  let T = batchSizes.length;
  if (totalLength !== null) {
    if (totalLength < T) {
      throw new ValueError(
        `Expected total_length to be at least the length of the longest sequence in input, but got total_length=${totalLength} and max sequence length being ${T}`,
      );
    }
    T = totalLength;
  }
  const { data } = sequence;
  const trailing = data.shape.slice(1);
  const padding = paddingElement(paddingValue, data.dtype);
  checkBatchSizes(batchSizes, trailing);
  const columns = Array.from({ length: batchSizes[0] }, (_, b) => {
    const steps = indexSelect(data, 0, rowsOf(batchSizes, b));
    return steps.shape[0] === T ? steps : cat([steps, full([T - steps.shape[0], ...trailing], padding, data.dtype)], 0);
  });
  let padded = stack(columns, batchFirst ? 0 : 1);
  let lengths = columns.map((_, b) => rowsOf(batchSizes, b).length);
  if (sequence.unsortedIndices !== null) {
    const unsorted = numbers(sequence.unsortedIndices);
    padded = indexSelect(padded, batchFirst ? 0 : 1, unsorted);
    lengths = unsorted.map((i) => lengths[i]);
  }
  return [padded, int64(lengths)];
}

/**
 * `unpad_sequence(padded_sequences, lengths, batch_first=False)`: sequence b is padded[:len_b, b].
 * Unlike 1.13, which transposes its argument in place when batch_first=False (§5), this leaves it alone.
 */
export function unpadSequence(padded: Tensor, lengths: readonly number[] | Tensor, options: { batchFirst?: boolean } = {}): Tensor[] {
  // 2.x builds its index with torch.arange(max_length, device=lengths.device): lengths must be a Tensor
  if (torchAtLeast('2.6') && !(lengths instanceof Tensor)) throw new AttributeError(`'${pythonTypeName(lengths)}' object has no attribute 'device'`);
  const batchDim = options.batchFirst ? 0 : 1;
  const lens = lengths instanceof Tensor ? numbers(lengths) : [...lengths];
  const T = padded.shape[1 - batchDim];
  const count = Math.min(padded.shape[batchDim], lens.length); // Python's zip stops at the shorter
  return Array.from({ length: count }, (_, b) => narrow(select(padded, batchDim, b), 0, 0, Math.min(Math.max(lens[b], 0), T)));
}

/** `unpack_sequence(packed_sequences)`: the original sequences, in the original order. */
export function unpackSequence(packed: PackedSequence): Tensor[] {
  const [padded, lengths] = padPackedSequence(packed, { batchFirst: true });
  return unpadSequence(padded, lengths, { batchFirst: true });
}
