/**
 * What PyTorch checks before it computes, for adapters whose backend would silently answer where
 * PyTorch raises (docs/spec.md §3.4): errors carry PyTorch's exception type as `name` and its exact text.
 * Shared by the ONNX Runtime and tfjs adapters.
 */
import type { PlainTensor, RnnCase } from './contract.ts';

export function torchError(type: 'RuntimeError' | 'IndexError' | 'ValueError' | 'TypeError', message: string): Error {
  const e = new Error(message);
  e.name = type;
  return e;
}

function shapeStr(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

/** pack_padded_sequence's checks of `lengths` for a padded (T, N) input, in PyTorch's order. */
export function checkPacked(lengths: readonly number[], enforceSorted: boolean, T: number, N: number): void {
  if (T === 0 || N === 0) throw torchError('RuntimeError', 'Cannot pack empty tensors.');
  if (lengths.length !== N) {
    throw torchError('RuntimeError', `Expected \`len(lengths)\` to be equal to batch_size, but got ${lengths.length} (batch_size=${N})`);
  }
  if (enforceSorted) {
    for (let b = 1; b < lengths.length; b++) {
      if (lengths[b] > lengths[b - 1]) {
        throw torchError(
          'RuntimeError',
          '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.',
        );
      }
    }
  }
  // Sorted (as pack_padded_sequence does) the last length is the minimum.
  if (Math.min(...lengths) <= 0) {
    throw torchError('RuntimeError', "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  }
  // torch 1.13 packs garbage here (docs/spec.md §5); rnnspec's documented deviation raises instead.
  const i = lengths.findIndex((l) => l > T);
  if (i >= 0) throw torchError('ValueError', `pack_padded_sequence: lengths[${i}]=${lengths[i]} exceeds the padded sequence length ${T}`);
}

/**
 * With enforce_sorted=False PyTorch permutes h0 with `index_select(1, sorted_indices)` before its
 * shape check (docs/spec.md §5): a batch larger than N keeps rows 0..N-1 (the permutation only names them),
 * a smaller one fails inside index_select.
 */
function checkPackedH0Rows(h0: PlainTensor, lengths: readonly number[]): void {
  const rows = h0.shape[1];
  // sorted_indices: lengths sorted descending (stable, as torch's CPU sort is for small batches)
  const sorted = lengths.map((l, b) => [l, b]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, b]) => b);
  const bad = sorted.find((b) => b >= rows);
  if (bad !== undefined) throw torchError('RuntimeError', `INDICES element is out of DATA bounds, id=${bad} axis_dim=${rows}`);
}

/** The time-major layout of a checked nn.RNN case. */
export interface RnnInputLayout {
  L: number;
  N: number;
  I: number;
  /** 2-D input without lengths: run as a batch of one. */
  unbatched: boolean;
  /** batch_first as it acts (PyTorch 1.13 ignores it for unbatched input). */
  batchFirst: boolean;
  /** The lengths as torch.as_tensor(lengths, dtype=int64) makes them (floats truncated); packed input only. */
  lengths?: number[];
  /** The h0 shape nn.RNN expects, (layers * D, N, H); a packed, unsorted h0 may have more rows (rows 0..N-1 count). */
  hShape: [number, number, number];
}

/** pack_padded_sequence's and nn.RNN's checks of a case's input and h0, in PyTorch's order. */
export function checkRnnInput(c: RnnCase): RnnInputLayout {
  const cfg = c.config;
  const rank = c.input.shape.length;
  const packed = c.lengths !== undefined;
  const unbatched = rank === 2 && !packed;
  if (packed && rank !== 3) throw torchError('RuntimeError', `input must have 2 dimensions, got ${rank - 1}`);
  if (rank === 0) throw torchError('IndexError', 'Dimension out of range (expected to be in range of [-1, 0], but got 1)');
  if (rank !== 2 && rank !== 3) throw torchError('RuntimeError', `input must have 3 dimensions, got ${rank === 1 ? 2 : rank + 1}`);
  const batchFirst = !unbatched && cfg.batchFirst;
  const s = c.input.shape;
  const [L, N, I] = unbatched ? [s[0], 1, s[1]] : batchFirst ? [s[1], s[0], s[2]] : [s[0], s[1], s[2]];
  const lengths = c.lengths?.map(Math.trunc);
  if (lengths) checkPacked(lengths, c.enforceSorted ?? true, L, N); // pack_padded_sequence runs first
  if (I !== cfg.inputSize) {
    throw torchError('RuntimeError', `input.size(-1) must be equal to input_size. Expected ${cfg.inputSize}, got ${I}`);
  }
  if (L === 0 && !packed) throw torchError('RuntimeError', 'Expected sequence length to be larger than 0 in RNN');
  const hShape: [number, number, number] = [(cfg.bidirectional ? 2 : 1) * cfg.numLayers, N, cfg.hiddenSize];
  const h0 = c.h0;
  if (h0) {
    const unsortedLarger = lengths && !(c.enforceSorted ?? true) && h0.shape.length === 3 && h0.shape[1] !== N;
    if (unsortedLarger) checkPackedH0Rows(h0, lengths);
    if (h0.shape.length !== rank) {
      throw torchError(
        'RuntimeError',
        unbatched
          ? `For unbatched 2-D input, hx should also be 2-D but got ${h0.shape.length}-D tensor`
          : `For batched 3-D input, hx should also be 3-D but got ${h0.shape.length}-D tensor`,
      );
    }
    const got = unbatched ? [h0.shape[0], 1, h0.shape[1]] : [...h0.shape];
    if (unsortedLarger) got[1] = N; // the permutation kept rows 0..N-1
    if (got.some((d, i) => d !== hShape[i])) {
      throw torchError('RuntimeError', `Expected hidden size (${hShape.join(', ')}), got ${shapeStr(got)}`);
    }
  }
  return { L, N, I, unbatched, batchFirst, ...(lengths ? { lengths } : {}), hShape };
}

/** Index range, as F.embedding checks it (docs/spec.md §2.2, §2.3); backends that would wrap negatives (ORT's Gather) or
 * raise in their own words (tfjs) call it first. */
export function checkEmbeddingIndices(indices: PlainTensor, V: number, E: number, maxNorm: boolean): void {
  const idx = Array.from(indices.data as ArrayLike<number | bigint>, Number);
  if (idx.every((i) => i >= 0 && i < V)) return;
  if (maxNorm) {
    // embedding_renorm_ visits the sorted distinct indices and select()s each row; select() wraps
    // negatives down to -V, so the first failure is the smallest index outside [-V, V).
    const bad = [...new Set(idx)].sort((a, b) => a - b).find((i) => i < -V || i >= V);
    if (bad !== undefined) {
      throw torchError('IndexError', `select(): index ${bad} out of range for tensor of size [${V}, ${E}] at dimension 0`);
    }
  }
  // the lookup is weight.index_select(0, indices), whose messages differ for an empty weight
  if (V === 0) throw torchError('RuntimeError', 'index_select(): self indexing axis dim should be positive');
  if (E === 0) throw torchError('RuntimeError', `INDICES element is out of DATA bounds, id=${idx.find((i) => i < 0 || i >= V)} axis_dim=${V}`);
  throw torchError('IndexError', 'index out of range in self');
}
