/**
 * nn.Embedding's forward as an ONNX graph (opset 14), float32 or float64, int64 or int32 indices.
 *
 * Without max_norm:   output = Gather(weight, indices, axis=0);  weight_after = Identity(weight).
 *
 * With max_norm, the in-place renorm of `F.embedding` (docs/spec.md §2.3) followed by the lookup, both in ORT:
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
import { type OnnxTypes, encodeModel, initializer, model, node, onnx, valueInfo } from './proto.ts';

export interface EmbeddingGraphSignature {
  dtype: 'float32' | 'float64';
  indexDtype: 'int64' | 'int32';
  /** null: no max_norm (plain lookup); else the norm_type of the renorm. */
  normType: number | null;
}

export function embeddingSignatureKey(s: EmbeddingGraphSignature): string {
  return ['embedding', s.dtype, s.indexDtype, s.normType === null ? 'no_max_norm' : `max_norm_p=${s.normType}`].join('|');
}

function pNorm(p: number, rows: string, out: string, dtype: 'float32' | 'float64', nodes: OnnxTypes.INodeProto[], inits: OnnxTypes.ITensorProto[]) {
  const keep = { keepdims: 1 };
  if (p === 2) nodes.push(node('ReduceL2', [rows], [out], { axes: [1], ...keep }));
  else if (p === 1) nodes.push(node('ReduceL1', [rows], [out], { axes: [1], ...keep }));
  else if (p === Infinity || p === -Infinity) {
    nodes.push(node('Abs', [rows], ['abs_rows']));
    nodes.push(node(p > 0 ? 'ReduceMax' : 'ReduceMin', ['abs_rows'], [out], { axes: [1], ...keep }));
  } else if (p === 0) {
    inits.push(initializer('zero_w', dtype, [], [0]));
    nodes.push(node('Equal', [rows, 'zero_w'], ['is_zero']));
    nodes.push(node('Not', ['is_zero'], ['nonzero']));
    nodes.push(node('Cast', ['nonzero'], ['nonzero_f'], { to: dtype === 'float32' ? onnx.TensorProto.DataType.FLOAT : onnx.TensorProto.DataType.DOUBLE }));
    nodes.push(node('ReduceSum', ['nonzero_f', 'axes1'], [out], keep));
  } else if (Number.isFinite(p)) {
    inits.push(initializer('p', dtype, [], [p]));
    inits.push(initializer('inv_p', dtype, [], [1 / p]));
    nodes.push(node('Abs', [rows], ['abs_rows']));
    nodes.push(node('Pow', ['abs_rows', 'p'], ['abs_pow']));
    nodes.push(node('ReduceSum', ['abs_pow', 'axes1'], ['sum_pow'], keep));
    nodes.push(node('Pow', ['sum_pow', 'inv_p'], [out]));
  } else {
    throw new Error(`norm_type ${p} cannot be expressed as an ONNX reduction`);
  }
}

export function buildEmbeddingModel(s: EmbeddingGraphSignature): OnnxTypes.IModelProto {
  const DT = onnx.TensorProto.DataType;
  const inputs = [valueInfo('weight', s.dtype, ['V', 'E']), valueInfo('indices', s.indexDtype)];
  const nodes: OnnxTypes.INodeProto[] = [];
  const inits: OnnxTypes.ITensorProto[] = [];
  let table = 'weight';
  if (s.normType === null) {
    nodes.push(node('Identity', ['weight'], ['weight_after']));
  } else {
    inputs.push(valueInfo('max_norm', 'float64', []));
    inits.push(
      initializer('shape_m1_1', 'int64', [2], [-1, 1]),
      initializer('axes1', 'int64', [1], [1]),
      initializer('eps', 'float64', [], [1e-7]),
      initializer('one', 'float64', [], [1]),
    );
    nodes.push(node('Cast', ['indices'], ['indices64'], { to: DT.INT64 }));
    nodes.push(node('Reshape', ['indices64', 'shape_m1_1'], ['flat']));
    nodes.push(node('GatherND', ['weight', 'flat'], ['rows']));
    pNorm(s.normType, 'rows', 'norm_w', s.dtype, nodes, inits);
    nodes.push(node('Cast', ['norm_w'], ['norm'], { to: DT.DOUBLE }));
    nodes.push(node('Greater', ['norm', 'max_norm'], ['too_long']));
    nodes.push(node('Add', ['norm', 'eps'], ['norm_eps']));
    nodes.push(node('Div', ['max_norm', 'norm_eps'], ['shrink']));
    nodes.push(node('Where', ['too_long', 'shrink', 'one'], ['scale64']));
    nodes.push(node('Cast', ['scale64'], ['scale'], { to: s.dtype === 'float32' ? DT.FLOAT : DT.DOUBLE }));
    nodes.push(node('Mul', ['rows', 'scale'], ['renormed']));
    nodes.push(node('ScatterND', ['weight', 'flat', 'renormed'], ['weight_after']));
    table = 'weight_after';
  }
  nodes.push(node('Gather', [table, 'indices'], ['output'], { axis: 0 }));
  return model({
    name: embeddingSignatureKey(s),
    inputs,
    outputs: [valueInfo('output', s.dtype), valueInfo('weight_after', s.dtype, ['V', 'E'])],
    nodes,
    initializers: inits,
    docString: 'nn.Embedding forward built by rnnspec impl/onnxruntime/embedding-graph.ts',
  });
}

export function buildEmbeddingGraphBytes(s: EmbeddingGraphSignature): Uint8Array {
  return encodeModel(buildEmbeddingModel(s));
}
