/**
 * What a case exercises (its features, the rows of the conformance matrix) and what it requires of
 * an adapter. A case whose requirements the adapter's declared capabilities do not meet is
 * `unsupported`, with the first unmet requirement as the reason; it is never run, never passed.
 */
import { claimsWithoutBias, type Capabilities, type EmbeddingCase, type RnnCase } from '../../impl/contract.ts';
import type { TensorCase } from './tensor-probe.ts';

export function rnnFeatures(c: RnnCase): string[] {
  const { config } = c;
  const f = ['rnn.forward', `rnn.${config.nonlinearity}`, `rnn.${config.dtype}`];
  if (!config.bias) f.push('rnn.no_bias');
  if (config.batchFirst && c.input.shape.length === 3) f.push('rnn.batch_first');
  if (config.bidirectional) f.push('rnn.bidirectional');
  if (config.numLayers > 1) f.push('rnn.multi_layer');
  if (c.h0) f.push('rnn.h0');
  if (c.input.shape.length === 2 && !c.lengths) f.push('rnn.unbatched');
  if (c.lengths) f.push('rnn.packed');
  if (c.dropoutMasks && c.dropoutMasks.length > 0) f.push('rnn.dropout');
  if (c.upstream) f.push('rnn.gradients');
  return f;
}

/** null when supported, else why not. */
export function rnnUnsupported(c: RnnCase, caps: Capabilities): string | null {
  const r = caps.rnn;
  const { config } = c;
  if (!r) return 'nn.RNN is not claimed';
  if (!r.dtypes.includes(config.dtype)) return `${config.dtype} is not claimed (rnn dtypes: ${r.dtypes.join(', ') || 'none'})`;
  if (!r.nonlinearities.includes(config.nonlinearity)) return `nonlinearity '${config.nonlinearity}' is not claimed`;
  if (!config.bias && !claimsWithoutBias(r)) return 'bias=False is not claimed';
  if (config.batchFirst && !r.batchFirst) return 'batch_first is not claimed';
  if (config.bidirectional && !r.bidirectional) return 'bidirectional is not claimed';
  if (config.numLayers > r.maxLayers) return `num_layers=${config.numLayers} exceeds the claimed maximum ${r.maxLayers}`;
  if (c.h0 && !r.h0) return 'an initial hidden state h0 is not claimed';
  if (c.input.shape.length === 2 && !c.lengths && !r.unbatched) return 'unbatched (2-D) input is not claimed';
  if (c.lengths && !r.packed) return 'packed sequences are not claimed';
  if (c.dropoutMasks && c.dropoutMasks.length > 0 && !r.dropout) return 'dropout in training mode (injected masks) is not claimed';
  return null;
}

/** null when the adapter can also give the case's gradients, else why not. */
export function rnnGradientsUnsupported(c: RnnCase, caps: Capabilities): string | null {
  return c.upstream && !caps.rnn?.gradients ? 'RNN gradients are not claimed' : null;
}

export function embeddingFeatures(c: EmbeddingCase): string[] {
  const { config } = c;
  const f = ['embedding.forward', `embedding.${config.dtype}`, `embedding.indices_${c.indices.dtype}`];
  if (config.paddingIdx !== null) f.push('embedding.padding_idx');
  if (config.maxNorm !== null) f.push('embedding.max_norm');
  if (config.scaleGradByFreq) f.push('embedding.scale_grad_by_freq');
  if (c.upstream) f.push(config.sparse ? 'embedding.sparse_gradients' : 'embedding.gradients');
  return f;
}

export function embeddingUnsupported(c: EmbeddingCase, caps: Capabilities): string | null {
  const e = caps.embedding;
  const { config } = c;
  if (!e) return 'nn.Embedding is not claimed';
  if (!e.dtypes.includes(config.dtype)) return `${config.dtype} is not claimed (embedding dtypes: ${e.dtypes.join(', ') || 'none'})`;
  if (!e.indexDtypes.includes(c.indices.dtype as 'int64' | 'int32')) return `${c.indices.dtype} indices are not claimed`;
  if (config.maxNorm !== null && !e.maxNorm) return 'max_norm is not claimed';
  return null;
}

/** padding_idx and scale_grad_by_freq act only on gradients, so they are checked here. */
export function embeddingGradientsUnsupported(c: EmbeddingCase, caps: Capabilities): string | null {
  const e = caps.embedding;
  if (!c.upstream || !e) return null;
  if (!e.gradients) return 'Embedding gradients are not claimed';
  if (c.config.paddingIdx !== null && !e.paddingIdx) return 'padding_idx (its zero gradient row) is not claimed';
  if (c.config.scaleGradByFreq && !e.scaleGradByFreq) return 'scale_grad_by_freq is not claimed';
  return null;
}

/**
 * An error case (contract v2) runs when `errors` is claimed and the call it makes is one the adapter
 * claims (its dtype, options, h0, packing...). The index dtype is not required: a bad one is the error.
 */
export function errorsUnsupported(c: { kind: 'rnn'; input: RnnCase } | { kind: 'embedding'; input: EmbeddingCase }, caps: Capabilities): string | null {
  const notErrors = caps.errors ? null : 'errors (the golden error cases) are not claimed';
  if (c.kind === 'rnn') return rnnUnsupported(c.input, caps) ?? rnnGradientsUnsupported(c.input, caps) ?? notErrors;
  const indexDtypeClaimed = c.input.indices.dtype === 'int64' || c.input.indices.dtype === 'int32';
  const input = indexDtypeClaimed ? c.input : { ...c.input, indices: { ...c.input.indices, dtype: caps.embedding?.indexDtypes[0] ?? 'int64' } };
  return embeddingUnsupported(input, caps) ?? embeddingGradientsUnsupported(c.input, caps) ?? notErrors;
}

/** Contract v2's optional result fields, by the feature a case exercises with them: the claim, and the reason when not claimed. */
export function optionalFeatures(c: { kind: 'rnn'; input: RnnCase } | { kind: 'embedding'; input: EmbeddingCase }, caps: Capabilities): Record<string, string | null> {
  if (c.kind === 'rnn') return c.input.lengths ? { 'rnn.packed_internals': caps.rnn?.packedInternals ? null : 'packed internals are not claimed' } : {};
  const f: Record<string, string | null> = {};
  if (c.input.config.sparse && c.input.upstream) f['embedding.sparse_coo'] = caps.embedding?.sparseCoo ? null : 'sparse COO gradients are not claimed';
  if (c.input.config.maxNorm !== null) f['embedding.in_place_renorm'] = caps.embedding?.inPlaceRenorm ? null : 'the in-place renorm of the caller\'s weight is not claimed';
  return f;
}

/** The dtypes of a tensor source's typed arrays, and int64 for a bigint. */
function sourceDtypes(v: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) sourceDtypes(x, into);
  else if (typeof v === 'bigint') into.add('int64');
  else if (ArrayBuffer.isView(v)) into.add(typedArrayDtype(v));
  return into;
}

const TYPED_DTYPES: Record<string, string> = {
  Float32Array: 'float32', Float64Array: 'float64', BigInt64Array: 'int64', Int32Array: 'int32', Int16Array: 'int16', Int8Array: 'int8', Uint8Array: 'uint8',
};

/** The dtype a typed array keeps (docs/spec.md §1.1); another view type by its constructor's name. */
export function typedArrayDtype(v: ArrayBufferView): string {
  return TYPED_DTYPES[v.constructor.name] ?? v.constructor.name;
}

/** A tensor-creation case runs when tensor creation is claimed with the dtypes of its source and result. */
export function tensorUnsupported(c: TensorCase, resultDtype: string, caps: Capabilities): string | null {
  const t = caps.tensor;
  if (!t) return 'tensor creation is not claimed';
  for (const dtype of [resultDtype, ...sourceDtypes(c.data)]) if (!t.dtypes.includes(dtype)) return `${dtype} tensors are not claimed (tensor dtypes: ${t.dtypes.join(', ') || 'none'})`;
  if (c.dtype === undefined && t.inferDtype === false && !ArrayBuffer.isView(c.data)) return 'dtype inference from plain JS values is not claimed';
  return null;
}

/** The features that only a gradient check exercises (reported unsupported when gradients are). */
export const GRADIENT_FEATURES = new Set(['rnn.gradients', 'embedding.gradients', 'embedding.sparse_gradients', 'embedding.padding_idx', 'embedding.scale_grad_by_freq']);
