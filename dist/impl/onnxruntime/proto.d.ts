/**
 * Small helpers over onnx-proto (protobufjs-generated ONNX classes) to write ONNX graphs by hand:
 * nodes, attributes, typed graph inputs/outputs with static or symbolic dims, int64 constants, and
 * the serialised ModelProto bytes that `InferenceSession.create(bytes)` accepts.
 *
 * onnx-proto is a CommonJS module whose `module.exports` is the protobufjs root, so from ESM it is
 * reached through its default export.
 */
import onnxProto from 'onnx-proto';
import type { onnx as O } from 'onnx-proto';
export declare const onnx: typeof onnxProto.onnx;
export type { O as OnnxTypes };
type TensorProtoDataType = O.TensorProto.DataType;
/** The opset every rnnspec-built graph uses (RNN-14, Unsqueeze-13 with an `axes` input, ...). */
export declare const OPSET = 14;
/** IR version 7 is what opset 14 was released with; ORT 1.30 accepts it. */
export declare const IR_VERSION = 7;
export type ElemType = 'float32' | 'float64' | 'int32' | 'int64' | 'bool';
export declare function dataType(t: ElemType): TensorProtoDataType;
/** A dimension: a number is static, a string is a symbolic (dynamic) dim such as `'L'`. */
export type Dim = number | string;
/** A graph input or output. `shape` undefined: any rank (ONNX "shape not specified"). */
export declare function valueInfo(name: string, elem: ElemType, shape?: readonly Dim[]): O.IValueInfoProto;
export type AttrValue = number | string | number[] | string[] | {
    float: number;
} | {
    floats: number[];
};
/** Integers become INT/INTS, strings STRING/STRINGS; wrap floats as `{float}` / `{floats}`. */
export declare function attribute(name: string, value: AttrValue): O.IAttributeProto;
/** One node. An empty string in `inputs` is ONNX's "optional input omitted". */
export declare function node(opType: string, inputs: readonly string[], outputs: readonly string[], attributes?: Record<string, AttrValue>, name?: string): O.INodeProto;
/** A constant tensor (graph initializer), stored little-endian in `rawData`. */
export declare function initializer(name: string, elem: ElemType, dims: readonly number[], values: ArrayLike<number> | readonly bigint[]): O.ITensorProto;
export interface GraphSpec {
    name: string;
    inputs: O.IValueInfoProto[];
    outputs: O.IValueInfoProto[];
    nodes: O.INodeProto[];
    initializers?: O.ITensorProto[];
    docString?: string;
}
export declare function model(g: GraphSpec): O.IModelProto;
/** The serialised model: what `InferenceSession.create(bytes)` and an `.onnx` file contain. */
export declare function encodeModel(m: O.IModelProto): Uint8Array;
