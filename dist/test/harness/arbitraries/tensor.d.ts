/** fast-check arbitraries for tensor creation: JS data of every kind `tensor()` accepts. */
import * as fc from 'fast-check';
/** A row-major shape of rank 0-3 with small dims (0 allowed). */
export declare const shapeArb: (maxRank?: number, maxDim?: number) => fc.Arbitrary<number[]>;
/** Nested JS arrays of the given shape, leaves from `leaf`. */
export declare function nestedArb<T>(shape: readonly number[], leaf: fc.Arbitrary<T>): fc.Arbitrary<unknown>;
export declare const intLeaf: fc.Arbitrary<number>;
/** Non-integer finite numbers (what DESIGN.md's JS rule infers as Python floats). */
export declare const floatLeaf: fc.Arbitrary<number>;
export declare const boolLeaf: fc.Arbitrary<boolean>;
/** A nested array with its shape, and the leaf kind used. */
export declare const nestedDataArb: fc.Arbitrary<{
    shape: number[];
    kind: "bool" | "int" | "float";
    data: unknown;
}>;
export declare const float64ArrayArb: fc.Arbitrary<Float64Array<ArrayBuffer>>;
export declare const float32ArrayArb: fc.Arbitrary<Float32Array<ArrayBuffer>>;
