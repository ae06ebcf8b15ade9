import { z } from 'zod';
import type { PlainTensor } from '../../impl/contract.ts';
export declare const GOLDEN_DIR: string;
export declare const EXPORTER: string;
declare const tensorSchema: z.ZodObject<{
    dtype: z.ZodEnum<{
        float32: "float32";
        float64: "float64";
        int64: "int64";
        int32: "int32";
        int16: "int16";
        int8: "int8";
        uint8: "uint8";
        bool: "bool";
    }>;
    shape: z.ZodArray<z.ZodNumber>;
    data: z.ZodArray<z.ZodUnion<readonly [z.ZodNumber, z.ZodString, z.ZodBoolean]>>;
}, z.core.$strip>;
export type TensorJson = z.infer<typeof tensorSchema>;
export declare const caseSchema: z.ZodObject<{
    id: z.ZodString;
    group: z.ZodEnum<{
        embedding: "embedding";
        rnn: "rnn";
        tensor: "tensor";
        packing: "packing";
    }>;
    api: z.ZodString;
    description: z.ZodString;
    seed: z.ZodOptional<z.ZodNumber>;
    args: z.ZodRecord<z.ZodString, z.ZodUnknown>;
    inputs: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
    params: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodObject<{
        dtype: z.ZodEnum<{
            float32: "float32";
            float64: "float64";
            int64: "int64";
            int32: "int32";
            int16: "int16";
            int8: "int8";
            uint8: "uint8";
            bool: "bool";
        }>;
        shape: z.ZodArray<z.ZodNumber>;
        data: z.ZodArray<z.ZodUnion<readonly [z.ZodNumber, z.ZodString, z.ZodBoolean]>>;
    }, z.core.$strip>>>;
    upstream: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodObject<{
        dtype: z.ZodEnum<{
            float32: "float32";
            float64: "float64";
            int64: "int64";
            int32: "int32";
            int16: "int16";
            int8: "int8";
            uint8: "uint8";
            bool: "bool";
        }>;
        shape: z.ZodArray<z.ZodNumber>;
        data: z.ZodArray<z.ZodUnion<readonly [z.ZodNumber, z.ZodString, z.ZodBoolean]>>;
    }, z.core.$strip>>>;
    expected: z.ZodObject<{
        outputs: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodType<unknown, unknown, z.core.$ZodTypeInternals<unknown, unknown>>>>;
        grads: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodType<unknown, unknown, z.core.$ZodTypeInternals<unknown, unknown>>>>;
        error: z.ZodOptional<z.ZodObject<{
            type: z.ZodString;
            message: z.ZodString;
            phase: z.ZodOptional<z.ZodEnum<{
                forward: "forward";
                construct: "construct";
                backward: "backward";
            }>>;
        }, z.core.$strip>>;
        warnings: z.ZodOptional<z.ZodArray<z.ZodObject<{
            type: z.ZodString;
            message: z.ZodString;
        }, z.core.$strip>>>;
    }, z.core.$strip>;
    deviation: z.ZodOptional<z.ZodString>;
    onnx: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type GoldenCase = z.infer<typeof caseSchema>;
declare const manifestSchema: z.ZodObject<{
    format: z.ZodLiteral<1>;
    torch: z.ZodString;
    onnx: z.ZodString;
    numpy: z.ZodString;
    python: z.ZodString;
    exporter_sha256: z.ZodString;
    cases: z.ZodArray<z.ZodString>;
    files: z.ZodRecord<z.ZodString, z.ZodString>;
}, z.core.$strip>;
export type Manifest = z.infer<typeof manifestSchema>;
export declare class GoldenError extends Error {
    name: string;
}
export declare function sha256(bytes: Buffer | string): string;
export interface GoldenSet {
    manifest: Manifest;
    cases: GoldenCase[];
}
/**
 * Loads and checks every case. `exporterPath` (default scripts/export_golden.py) is hashed to
 * detect fixtures left stale by an exporter change; pass null to skip that check.
 */
export declare function loadGolden(dir?: string, exporterPath?: string | null): GoldenSet;
/** A fixture tensor as `{dtype, shape, data}` with the exact typed-array values. */
export declare function decodeTensor(t: TensorJson): PlainTensor & {
    dtype: TensorJson['dtype'];
};
/** The inverse of decodeTensor, with the exporter's element rules (for round-trip tests). JSON.stringify writes -0 as 0; the exporter writes -0.0. */
export declare function encodeTensor(t: PlainTensor): TensorJson;
/**
 * A tagged JS value (FIXTURES.md "A JS value") as a JavaScript caller would write it:
 * `{"$bigint"}` -> bigint, `{"$num"}` -> NaN / ±Infinity / -0, `{"$typed"}` -> a typed array,
 * `{"$tensor"}` -> `makeTensor(...)`, `{"$str"}` -> string, `{"$none"}` -> null; an untagged
 * object is a record of JS values (a case's `args`).
 */
export declare function decodeJsValue(v: unknown, makeTensor: (t: PlainTensor) => unknown): unknown;
export {};
