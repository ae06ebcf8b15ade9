/**
 * Small helpers over onnx-proto (protobufjs-generated ONNX classes) to write ONNX graphs by hand:
 * nodes, attributes, typed graph inputs/outputs with static or symbolic dims, int64 constants, and
 * the serialised ModelProto bytes that `InferenceSession.create(bytes)` accepts.
 *
 * onnx-proto is a CommonJS module whose `module.exports` is the protobufjs root, so from ESM it is
 * reached through its default export.
 */
import onnxProto from 'onnx-proto';
export const onnx = onnxProto.onnx;
/** The opset every rnnspec-built graph uses (RNN-14, Unsqueeze-13 with an `axes` input, ...). */
export const OPSET = 14;
/** IR version 7 is what opset 14 was released with; ORT 1.30 accepts it. */
export const IR_VERSION = 7;
export function dataType(t) {
    const D = onnx.TensorProto.DataType;
    switch (t) {
        case 'float32': return D.FLOAT;
        case 'float64': return D.DOUBLE;
        case 'int32': return D.INT32;
        case 'int64': return D.INT64;
        case 'bool': return D.BOOL;
    }
}
/** A graph input or output. `shape` undefined: any rank (ONNX "shape not specified"). */
export function valueInfo(name, elem, shape) {
    const tensorType = { elemType: dataType(elem) };
    if (shape) {
        tensorType.shape = { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) };
    }
    return { name, type: { tensorType } };
}
/** Integers become INT/INTS, strings STRING/STRINGS; wrap floats as `{float}` / `{floats}`. */
export function attribute(name, value) {
    const A = onnx.AttributeProto.AttributeType;
    const enc = (s) => new TextEncoder().encode(s);
    if (typeof value === 'number')
        return { name, type: A.INT, i: value };
    if (typeof value === 'string')
        return { name, type: A.STRING, s: enc(value) };
    if (Array.isArray(value)) {
        if (value.length > 0 && typeof value[0] === 'string')
            return { name, type: A.STRINGS, strings: value.map(enc) };
        return { name, type: A.INTS, ints: value };
    }
    if ('float' in value)
        return { name, type: A.FLOAT, f: value.float };
    return { name, type: A.FLOATS, floats: value.floats };
}
/** One node. An empty string in `inputs` is ONNX's "optional input omitted". */
export function node(opType, inputs, outputs, attributes = {}, name) {
    return {
        opType,
        input: [...inputs],
        output: [...outputs],
        name: name ?? `${opType}_${outputs[0]}`,
        attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    };
}
function rawBytes(a) {
    return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}
/** A constant tensor (graph initializer), stored little-endian in `rawData`. */
export function initializer(name, elem, dims, values) {
    let raw;
    switch (elem) {
        case 'int64':
            raw = rawBytes(BigInt64Array.from(values, (v) => BigInt(v)));
            break;
        case 'int32':
            raw = rawBytes(Int32Array.from(values));
            break;
        case 'float32':
            raw = rawBytes(Float32Array.from(values));
            break;
        case 'float64':
            raw = rawBytes(Float64Array.from(values));
            break;
        case 'bool':
            raw = Uint8Array.from(values, (v) => (v ? 1 : 0));
            break;
    }
    return { name, dataType: dataType(elem), dims: [...dims], rawData: raw };
}
export function model(g) {
    return {
        irVersion: IR_VERSION,
        producerName: 'rnnspec',
        producerVersion: '0.1.0',
        opsetImport: [{ domain: '', version: OPSET }],
        graph: {
            name: g.name,
            input: g.inputs,
            output: g.outputs,
            node: g.nodes,
            initializer: g.initializers ?? [],
            docString: g.docString ?? '',
        },
    };
}
/** The serialised model: what `InferenceSession.create(bytes)` and an `.onnx` file contain. */
export function encodeModel(m) {
    return onnx.ModelProto.encode(onnx.ModelProto.create(m)).finish();
}
