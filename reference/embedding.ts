/**
 * nn.Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.,
 *              scale_grad_by_freq=False, sparse=False, _weight=None, dtype=None)
 *
 *   weight: a Parameter of shape (V, D) = (num_embeddings, embedding_dim), drawn from N(0, 1) with
 *           row padding_idx then zeroed, or `_weight` itself (same storage, nothing zeroed);
 *   forward(input) = F.embedding(input, weight, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse).
 *
 * Follows docs/spec.md §2.1 (construction, padding_idx normalisation), §2.5
 * (from_pretrained) and the errors of §2.6. Random init uses rnnspec's own Generator, not torch's
 * stream, so only its statistics match PyTorch.
 */
import { noGrad } from './autograd.ts';
import type { DType } from './dtype.ts';
import { AssertionError, IndexError } from './errors.ts';
import { attributeError, embedding, type EmbeddingOptions } from './functional.ts';
import { empty, pyRepr } from './python.ts';
import { Module, Parameter } from './module.ts';
import { defaultGenerator, type Generator } from './random.ts';
import { Tensor } from './tensor.ts';
import { torchAtLeast } from './version.ts';

export interface EmbeddingModuleOptions extends EmbeddingOptions {
  /** Use this tensor as the weight (shared, not copied; the padding row is not zeroed). */
  _weight?: Tensor | null;
  /** Weight dtype when no `_weight` is given; default float32. */
  dtype?: DType;
  /** Source of the N(0, 1) init; default the global generator (`manualSeed`). */
  generator?: Generator;
  /** 2.x: wrap `_weight` as a Parameter that does not require grad (from_pretrained's freeze). */
  _freeze?: boolean;
}

export interface FromPretrainedOptions extends EmbeddingOptions {
  /** true (the default): the weight does not require grad. */
  freeze?: boolean;
}

export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  /** Stored normalised (-1 on 5 rows becomes 4); a bool is stored as given. */
  paddingIdx: number | boolean | null;
  maxNorm: number | null;
  normType: number;
  scaleGradByFreq: boolean;
  sparse: boolean;
  readonly weight: Tensor;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingModuleOptions = {}) {
    super();
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = normalizePaddingIdx(options.paddingIdx ?? null, numEmbeddings);
    this.maxNorm = options.maxNorm ?? null;
    this.normType = options.normType ?? 2;
    this.scaleGradByFreq = options.scaleGradByFreq ?? false;
    this.sparse = options.sparse ?? false;
    const _weight = options._weight ?? null;
    if (_weight === null) {
      this.weight = this.registerParameter('weight', Parameter(empty([numEmbeddings, embeddingDim], options.dtype)));
      this.resetParameters(options.generator);
    } else {
      if (!(_weight instanceof Tensor)) throw attributeError(_weight, 'shape');
      if (_weight.shape.join() !== [numEmbeddings, embeddingDim].join()) {
        throw new AssertionError('Shape of weight does not match num_embeddings and embedding_dim');
      }
      this.weight = this.registerParameter('weight', Parameter(_weight, !(options._freeze ?? false)));
    }
  }

  /** `Embedding.from_pretrained`: the module wraps `embeddings` itself; frozen by default. */
  static fromPretrained(embeddings: Tensor, options: FromPretrainedOptions = {}): Embedding {
    if (!(embeddings instanceof Tensor)) throw attributeError(embeddings, 'dim');
    if (embeddings.dim() !== 2) throw new AssertionError('Embeddings parameter is expected to be 2-dimensional');
    const [rows, cols] = embeddings.shape;
    const { freeze = true, ...rest } = options;
    // 2.x builds the Parameter frozen (so a frozen integer weight is fine); 1.13 froze it afterwards
    const module = new Embedding(rows, cols, { ...rest, _weight: embeddings, ...(torchAtLeast('2.6') ? { _freeze: freeze } : {}) });
    module.weight.requiresGrad = !freeze;
    return module;
  }

  /** `reset_parameters()`: init.normal_(weight), then the padding row zeroed; each bumps `_version`. */
  resetParameters(generator: Generator = defaultGenerator): void {
    noGrad(() => this.weight._applyInplace(() => generator.normal(0, 1)));
    this.fillPaddingIdxWithZero();
  }

  /** `weight[padding_idx].fill_(0)` under no_grad; a bool index selects a copy, so nothing is zeroed. */
  private fillPaddingIdxWithZero(): void {
    const p = this.paddingIdx;
    if (p === null || typeof p === 'boolean') return;
    if (!Number.isInteger(p)) {
      throw new IndexError('only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)');
    }
    const [V, D] = this.weight.shape;
    if (p >= V || p < -V) throw new IndexError(`index ${p} is out of bounds for dimension 0 with size ${V}`);
    const r = p < 0 ? p + V : p;
    this.weight.data.fill(0 as never, r * D, (r + 1) * D);
    this.weight._versionCounter.value++; // an in-place op on a view bumps the shared version
  }

  forward(input: Tensor): Tensor {
    return embedding(input, this.weight, {
      paddingIdx: this.paddingIdx,
      maxNorm: this.maxNorm,
      normType: this.normType,
      scaleGradByFreq: this.scaleGradByFreq,
      sparse: this.sparse,
    });
  }

  /** PyTorch's repr, e.g. `Embedding(5, 3, padding_idx=4, max_norm=1.5)`. */
  override toString(): string {
    let s = `Embedding(${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${pyRepr(this.paddingIdx)}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyRepr(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyRepr(this.normType)}`;
    if (this.scaleGradByFreq) s += ', scale_grad_by_freq=True';
    if (this.sparse) s += ', sparse=True';
    return s + ')';
  }
}

/** The module's check: 0 < p < V kept, -V <= p < 0 stored as V + p, else AssertionError. */
function normalizePaddingIdx(paddingIdx: number | boolean | null, numEmbeddings: number): number | boolean | null {
  if (paddingIdx === null) return null;
  const p = Number(paddingIdx); // Python compares a bool as 0 or 1
  if (p > 0 && !(p < numEmbeddings)) throw new AssertionError('Padding_idx must be within num_embeddings');
  if (p < 0) {
    if (!(p >= -numEmbeddings)) throw new AssertionError('Padding_idx must be within num_embeddings');
    return numEmbeddings + p;
  }
  return paddingIdx;
}

