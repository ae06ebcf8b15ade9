/**
 * ONNX Runtime (onnxruntime-node, CPU) behind the adapter contract: rnnspec's second oracle.
 *
 * Every value comes out of an ORT session running a graph built in rnn-graph.ts / embedding-graph.ts;
 * JavaScript only moves data between layouts (adds the batch dim of unbatched input, cuts a packed
 * output to the longest sequence like `pad_packed_sequence`) and rejects, with PyTorch's message,
 * the inputs ORT would silently accept although PyTorch raises (see impl/torch-checks.ts, `checkIndices`).
 *
 * Capabilities and why (spec onnx-and-peers.md):
 * - RNN float32 only: ORT's CPU RNN kernel has no float64 ("Could not find an implementation for RNN(14)").
 * - no gradients: onnxruntime-node is an inference build.
 * - dropout in training mode: no. ONNX RNN has no dropout between layers; the injected masks
 *   could be multiplied in with extra graph inputs, but that is not declared or tested here.
 *   (dropout > 0 in eval mode, or with one layer, has no effect and is supported.)
 * - packed: yes, through `sequence_lens` on every layer. ORT takes lengths in any order, so
 *   enforce_sorted only decides whether unsorted lengths are an error (checked in JS, as PyTorch).
 * - unbatched: yes, by viewing (L, I) as (L, 1, I) in JS (batch_first is ignored for unbatched
 *   input in PyTorch 1.13, spec §3.2) and dropping the batch dim of the results.
 * - h0 absent: zeros are fed to the graph's `h0` input (PyTorch: identical to explicit zeros),
 *   so cases with and without h0 share a session.
 * - Embedding float32 and float64 (Gather has both), int64 and int32 indices; max_norm forward AND
 *   the weight after the in-place renorm, both computed by ORT (ScatterND of the renormed rows);
 *   padding_idx and scale_grad_by_freq only act on gradients, so their forward is the plain lookup
 *   ORT does: claimed for forward cases (gradients: false covers the rest).
 * Cases carrying `upstream` are answered with forward values only (no `grads`).
 */
import type * as ort from 'onnxruntime-node';
import type { Adapter, Capabilities, EmbeddingCase, EmbeddingResult, RnnCase, RnnResult } from '../contract.ts';
import { SessionCache, type SessionCacheStats } from './session-cache.ts';
import { type ExportedRnnInputs, type ExportedRnnOutputs } from './exported.ts';
export { buildRnnModel, buildRnnGraphBytes, rnnParamNames, rnnSignatureKey, type RnnGraphSignature } from './rnn-graph.ts';
export { buildEmbeddingModel, buildEmbeddingGraphBytes, embeddingSignatureKey, type EmbeddingGraphSignature } from './embedding-graph.ts';
export { SessionCache, DEFAULT_SESSION_OPTIONS, type SessionCacheStats } from './session-cache.ts';
export { runExportedModel, exportedModelCache, type ExportedRnnInputs, type ExportedRnnOutputs } from './exported.ts';
export { UnsupportedError } from './tensors.ts';
export declare const ONNX_RUNTIME_CAPABILITIES: Capabilities;
export interface OnnxRuntimeAdapterOptions {
    /** Defaults to DEFAULT_SESSION_OPTIONS (one thread, all graph optimisations, quiet log). */
    sessionOptions?: ort.InferenceSession.SessionOptions;
}
export interface OnnxRuntimeAdapter extends Adapter {
    name: 'onnxruntime';
    rnn(c: RnnCase): Promise<RnnResult>;
    embedding(c: EmbeddingCase): Promise<EmbeddingResult>;
    /** PyTorch-exported models, sharing this adapter's session cache. */
    runExportedModel(onnxPath: string, inputs: ExportedRnnInputs): Promise<ExportedRnnOutputs>;
    /** Session cache statistics: hits, misses, creation times. */
    cacheStats(): SessionCacheStats;
    readonly cache: SessionCache;
    dispose(): Promise<void>;
}
export declare function createOnnxRuntimeAdapter(options?: OnnxRuntimeAdapterOptions): OnnxRuntimeAdapter;
