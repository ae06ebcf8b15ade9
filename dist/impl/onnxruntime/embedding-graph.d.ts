/**
 * nn.Embedding's forward as an ONNX graph (opset 14), float32 or float64, int64 or int32 indices.
 *
 * Without max_norm:   output = Gather(weight, indices, axis=0);  weight_after = Identity(weight).
 *
 * With max_norm, the in-place renorm of `F.embedding` (spec §2.3) followed by the lookup, both in ORT:
 *   flat     = Reshape(Cast(indices, int64), [-1, 1])           every referenced row (duplicates too)
 *   rows     = GatherND(weight, flat)                           [n, E]
 *   norm     = Cast(p-norm of rows in the weight dtype, double)  [n, 1]   (torch: norm(), then double)
 *   scale    = Where(norm > max_norm, max_norm / (norm + 1e-7), 1)        in double, like torch
 *   renormed = rows * Cast(scale, weight dtype)                  float32: fl32(r * fl32(scale)), like torch
 *   weight_after = ScatterND(weight, flat, renormed)             only referenced rows change
 *   output   = Gather(weight_after, indices, axis=0)             the lookup sees the renormed rows
 * A row referenced twice is written twice with the same value, so ScatterND's "duplicate indices"
 * caveat does not change the result. `weight_after` therefore comes from ORT, not from JavaScript.
 *
 * p-norms: 2 ReduceL2, 1 ReduceL1, inf ReduceMax(Abs), -inf ReduceMin(Abs), 0 ReduceSum(x != 0)
 * (torch counts non-zero entries), any other p (also negative) Pow(ReduceSum(Pow(Abs(x), p)), 1/p).
 *
 * Graph interface: inputs `weight` [V, E], `indices` (any rank), `max_norm` (float64 scalar, only
 * in max_norm graphs); outputs `output` and `weight_after`. V, E and the index rank are dynamic, so
 * the signature is only dtype, index dtype and the norm type (or "no max_norm").
 */
import { type OnnxTypes } from './proto.ts';
export interface EmbeddingGraphSignature {
    dtype: 'float32' | 'float64';
    indexDtype: 'int64' | 'int32';
    /** null: no max_norm (plain lookup); else the norm_type of the renorm. */
    normType: number | null;
}
export declare function embeddingSignatureKey(s: EmbeddingGraphSignature): string;
export declare function buildEmbeddingModel(s: EmbeddingGraphSignature): OnnxTypes.IModelProto;
export declare function buildEmbeddingGraphBytes(s: EmbeddingGraphSignature): Uint8Array;
