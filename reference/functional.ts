/**
 * F.embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2., scale_grad_by_freq=False, sparse=False)
 *
 *   forward:  out[*n, :] = W[input[*n], :]            a copy of shape (*input.shape, D)
 *   max_norm: before the lookup, for each distinct referenced row r (ascending), in place and without grad:
 *             if ||W_r||_p > max_norm:  W_r <- W_r * max_norm / (||W_r||_p + 1e-7)
 *   backward: dW[k] = sum over positions n with input_n = k != padding_idx of s_n * g_n,
 *             s_n = 1, or 1 / count(k in input) with scale_grad_by_freq; sparse=True gives the same
 *             terms as an uncoalesced COO tensor.
 *
 * Follows docs/spec.md §2.2 (forward), §2.3 (max_norm), §2.4 (backward) and the
 * error texts of §2.6, in PyTorch 1.13's order of checks (torch/nn/functional.py `embedding`, then
 * aten/src/ATen/native/Embedding.cpp).
 */
import { attach, isGradEnabled, noGrad } from './autograd.ts';
import { isFloatingPoint, legacyTypeName, scalarTypeName } from './dtype.ts';
import { fusedMultiplyAdd } from './fused-multiply-add.ts';
import { AssertionError, AttributeError, IndexError, PyTypeError, RuntimeError } from './errors.ts';
import { pythonTypeName } from './python.ts';
import { checkIndexSelect } from './ops/index.ts';
import type { FloatStorage } from './ops/pointwise.ts';
import { SparseCooTensor } from './sparse.ts';
import { Tensor } from './tensor.ts';

export interface EmbeddingOptions {
  /** A row whose gradient stays zero; negative values count from the end. A bool is accepted and then rejected, as in PyTorch. */
  paddingIdx?: number | boolean | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  sparse?: boolean;
}

/** `F.embedding`: the lookup, after the in-place `max_norm` renorm when asked for. */
export function embedding(input: Tensor, weight: Tensor, options: EmbeddingOptions = {}): Tensor {
  const { maxNorm = null, normType = 2, scaleGradByFreq = false, sparse = false } = options;
  const paddingIdx = normalizePaddingIdx(options.paddingIdx ?? null, weight);
  if (maxNorm !== null) {
    if (!(input instanceof Tensor)) throw attributeError(input, 'contiguous');
    if (!(weight instanceof Tensor)) throw attributeError(weight, 'detach');
    noGrad(() => embeddingRenorm_(weight.detach(), input, maxNorm, normType));
  }
  return torchEmbedding(weight, input, paddingIdx, scaleGradByFreq, sparse);
}

/** F.embedding's Python-side check: None becomes -1 (never matches), -k becomes V - k. */
function normalizePaddingIdx(paddingIdx: number | boolean | null, weight: Tensor): number | boolean {
  if (paddingIdx === null) return -1;
  const p = Number(paddingIdx); // Python compares a bool as 0 or 1
  if (p > 0 && !(p < size0(weight))) throw new AssertionError('Padding_idx must be within num_embeddings');
  if (p < 0) {
    const V = size0(weight);
    if (!(p >= -V)) throw new AssertionError('Padding_idx must be within num_embeddings');
    return V + p;
  }
  return typeof paddingIdx === 'bigint' ? p : paddingIdx; // an int64 padding_idx is a Python int too
}

function size0(weight: Tensor): number {
  if (!(weight instanceof Tensor)) throw attributeError(weight, 'size');
  if (weight.dim() === 0) throw new IndexError('Dimension specified as 0 but tensor has no dimensions');
  return weight.shape[0];
}

// ---- torch.embedding(weight, indices, padding_idx, scale_grad_by_freq, sparse) -------------------
function torchEmbedding(weight: Tensor, indices: Tensor, paddingIdx: number | boolean, scaleGradByFreq: boolean, sparse: boolean): Tensor {
  checkArgument('embedding', 'weight', 1, weight, 'Tensor');
  checkArgument('embedding', 'indices', 2, indices, 'Tensor');
  checkArgument('embedding', 'padding_idx', 3, paddingIdx, 'int');
  checkArgument('embedding', 'scale_grad_by_freq', 4, scaleGradByFreq, 'bool');
  checkArgument('embedding', 'sparse', 5, sparse, 'bool');
  if (weight.dim() !== 2) throw new RuntimeError("'weight' must be 2-D");
  checkIndexDtype(indices, 1, 'embedding');
  const [V, D] = weight.shape;
  const index = indexValues(indices);
  checkIndexSelect(weight, 0, index); // the lookup is weight.index_select(0, indices): no negative wrap
  const rows = index.map(Number);
  const out = new Tensor(weight.dtype, [...indices.shape, D]);
  rows.forEach((r, n) => out.data.set(weight.data.subarray(r * D, (r + 1) * D) as never, n * D));
  // d out[n] / d W[input_n] = I. PyTorch 1.13's EmbeddingBackward0 saves weight and indices, so an
  // in-place change of either (e.g. a later max_norm call) fails this node's backward.
  // paddingIdx passed the int check above, so it is a number here.
  return attach(out, 'EmbeddingBackward0', [weight], [weight, indices], (g, [, savedIndices]) => [
    sparse
      ? embeddingSparseBackward(g, savedIndices, V, paddingIdx as number, scaleGradByFreq)
      : embeddingDenseBackward(g, savedIndices, V, paddingIdx as number, scaleGradByFreq),
  ]);
}

/**
 * embedding_dense_backward_cpu: gW[k] += s_n * g_n in input order (`grad_weight[k].add_(grad[n], s)`),
 * one rounding per element in the grad's dtype: with s = 1 a plain sum (in double, then rounded to
 * float32: still one correct rounding of a sum of two floats), with s = 1/count a fused
 * multiply-add in float32 and float64 alike (torch 1.13's output differs from multiply-then-add in
 * either dtype).
 */
function embeddingDenseBackward(grad: Tensor, indices: Tensor, numWeights: number, paddingIdx: number, scaleGradByFreq: boolean): Tensor {
  const D = grad.shape[grad.dim() - 1];
  const gradWeight = new Tensor(grad.dtype, [numWeights, D]);
  const rows = indexValues(indices).map(Number);
  const counts = new Map<number, number>();
  for (const k of rows) counts.set(k, (counts.get(k) ?? 0) + 1); // padding positions count too
  const dtype = grad.dtype as 'float32' | 'float64';
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  const g = grad.data as FloatStorage;
  const gW = gradWeight.data as FloatStorage;
  rows.forEach((k, n) => {
    if (k === paddingIdx) return; // the padding row gets no gradient
    const s = scaleGradByFreq ? round(1 / counts.get(k)!) : 1; // divided by the count, not its square root
    for (let j = 0; j < D; j++) {
      const at = k * D + j;
      gW[at] = s === 1 ? round(g[n * D + j] + gW[at]) : fusedMultiplyAdd(g[n * D + j], s, gW[at], dtype);
    }
  });
  return gradWeight;
}

/** embedding_sparse_backward: row n of g at index input_n, padding positions dropped, duplicates kept. */
function embeddingSparseBackward(grad: Tensor, indices: Tensor, numWeights: number, paddingIdx: number, scaleGradByFreq: boolean): SparseCooTensor {
  if (scaleGradByFreq) throw new RuntimeError('embedding_backward: scale_grad_by_freq not supported with sparse gradients');
  const D = grad.shape[grad.dim() - 1];
  const kept = indexValues(indices).map((k, n) => [k, n] as const).filter(([k]) => k !== BigInt(paddingIdx));
  const nnz = kept.length * D === 0 ? 0 : kept.length; // PyTorch tests grad.numel() == 0, so D = 0 keeps nothing
  const cooIndices = new Tensor('int64', [1, nnz]);
  const values = new Tensor(grad.dtype, [nnz, D]);
  for (let m = 0; m < nnz; m++) {
    const [k, n] = kept[m];
    (cooIndices.data as BigInt64Array)[m] = k;
    values.data.set(grad.data.subarray(n * D, (n + 1) * D) as never, m * D);
  }
  return new SparseCooTensor(cooIndices, values, [numWeights, D]);
}

// ---- torch.embedding_renorm_(weight, indices, max_norm, norm_type) ------------------------------
/**
 * Rescales, in place, each distinct referenced row whose p-norm exceeds `maxNorm` (docs/spec.md §2.3) and
 * bumps `weight._version` once, even when no row changes. No gradient flows through it.
 */
export function embeddingRenorm_(weight: Tensor, indices: Tensor, maxNorm: number, normType: number): Tensor {
  checkArgument('embedding_renorm_', 'input', 1, weight, 'Tensor');
  checkArgument('embedding_renorm_', 'indices', 2, indices, 'Tensor');
  if (weight.requiresGrad && isGradEnabled()) {
    if (weight.isLeaf) throw new RuntimeError('a leaf Variable that requires grad is being used in an in-place operation.');
    throw new RuntimeError('rnnspec: embedding_renorm_ on a non-leaf tensor that requires grad is not implemented (PyTorch has no derivative for it)');
  }
  if (weight.dim() !== 2) {
    throw new RuntimeError(`Expected 2-dimensional tensor, but got ${weight.dim()}-dimensional tensor for argument #1 'self' (while checking arguments for embedding_renorm_)`);
  }
  checkIndexDtype(indices, 2, 'embedding_renorm_');
  const D = weight.shape[1];
  const sorted = indexValues(indices).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  sorted.forEach((i, n) => {
    if (n > 0 && i === sorted[n - 1]) return; // each distinct index once (-1 and V-1 are distinct)
    const r = selectRow(weight, i);
    if (!isFloatingPoint(weight.dtype)) {
      throw new RuntimeError(`norm(): input dtype should be either floating point or complex. Got ${scalarTypeName(weight.dtype)} instead.`);
    }
    const round = weight.dtype === 'float32' ? Math.fround : (v: number) => v;
    const row = (weight.data as FloatStorage).subarray(r * D, (r + 1) * D);
    const norm = pNorm(row, normType, round); // torch's norm is computed in the weight dtype
    if (norm > maxNorm) {
      const scale = round(maxNorm / (norm + 1e-7)); // in double, then rounded to the weight dtype
      for (let j = 0; j < D; j++) row[j] = row[j] * scale; // a Float32Array store rounds: fl32(r * fl32(scale))
    }
  });
  weight._versionCounter.value++;
  return weight;
}

/** `weight[i]` (select): Python-style wrap of a negative i, else the select() IndexError. */
function selectRow(weight: Tensor, i: bigint): number {
  const [V, D] = weight.shape;
  if (i < -BigInt(V) || i >= BigInt(V)) {
    throw new IndexError(`select(): index ${i} out of range for tensor of size [${V}, ${D}] at dimension 0`);
  }
  return Number(i < 0n ? i + BigInt(V) : i);
}

/**
 * ||x||_p as torch.norm computes it, in the weight dtype (`round` is Math.fround for float32):
 * p = 0 counts non-zeros, p = ±inf is max/min |x|, else (sum |x|^p)^(1/p) with every power and
 * partial sum rounded, so float32 powers overflow to inf and underflow as torch's do
 * (|1e20|^2 is inf, so a row [1e20, 1] renorms to [0, 0]).
 */
function pNorm(x: ArrayLike<number>, p: number, round: (v: number) => number): number {
  const a = Array.from(x, Math.abs);
  if (p === 0) return a.filter((v) => v !== 0).length;
  if (p === Infinity) return a.reduce((m, v) => Math.max(m, v), 0);
  if (p === -Infinity) return a.reduce((m, v) => Math.min(m, v), Infinity);
  const power = (v: number) => (p === 1 ? v : p === 2 ? v * v : Math.pow(v, p));
  const sum = a.reduce((s, v) => round(s + round(power(v))), 0);
  return round(p === 1 ? sum : p === 2 ? Math.sqrt(sum) : Math.pow(sum, 1 / p));
}

// ---- argument checks with PyTorch's texts ------------------------------------------------------
/** Index values in row-major order, as bigints (int64 indices can exceed 2^53). */
function indexValues(indices: Tensor): bigint[] {
  return Array.from(indices.data as ArrayLike<number | bigint>, (v) => BigInt(v));
}

/** checkScalarTypes(fn, indices, {Long, Int}). */
function checkIndexDtype(indices: Tensor, position: number, fn: string): void {
  if (indices.dtype === 'int64' || indices.dtype === 'int32') return;
  const got = indices.dtype === 'bool' ? 'CPUBoolType' : legacyTypeName(indices.dtype);
  throw new RuntimeError(
    `Expected tensor for argument #${position} 'indices' to have one of the following scalar types: Long, Int; but got ${got} instead (while checking arguments for ${fn})`,
  );
}

/** The Python argument parser's check of one argument of a torch function. */
function checkArgument(fn: string, name: string, position: number, value: unknown, expected: 'Tensor' | 'int' | 'bool'): void {
  const ok =
    expected === 'Tensor' ? value instanceof Tensor
    : expected === 'bool' ? typeof value === 'boolean'
    : Number.isInteger(value); // padding_idx, the one int, arrives normalised to a number (false for any non-number)
  if (!ok) throw new PyTypeError(`${fn}(): argument '${name}' (position ${position}) must be ${expected}, not ${pythonTypeName(value)}`);
}

/** `x.attr` on a value that has no such attribute. */
export function attributeError(x: unknown, attr: string): AttributeError {
  return new AttributeError(`'${pythonTypeName(x)}' object has no attribute '${attr}'`);
}
