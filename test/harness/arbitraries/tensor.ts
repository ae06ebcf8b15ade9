/** fast-check arbitraries for tensor creation: JS data of every kind `tensor()` accepts. */
import * as fc from 'fast-check';

/** A row-major shape of rank 0-3 with small dims (0 allowed). */
export const shapeArb = (maxRank = 3, maxDim = 4) => fc.array(fc.integer({ min: 0, max: maxDim }), { maxLength: maxRank });

/** Nested JS arrays of the given shape, leaves from `leaf`. */
export function nestedArb<T>(shape: readonly number[], leaf: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  if (shape.length === 0) return leaf;
  const [n, ...rest] = shape;
  return fc.array(nestedArb(rest, leaf), { minLength: n, maxLength: n });
}

export const intLeaf = fc.integer({ min: -1000, max: 1000 });
/** Non-integer finite numbers (what the rule of docs/design.md §7 infers as Python floats). */
export const floatLeaf = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x));
export const boolLeaf = fc.boolean();

/** A nested array with its shape, and the leaf kind used. */
export const nestedDataArb = fc
  .record({ shape: shapeArb(3, 3).filter((s) => s.every((d) => d > 0)), kind: fc.constantFrom('int', 'float', 'bool') })
  .chain(({ shape, kind }) =>
    nestedArb<unknown>(shape, kind === 'int' ? intLeaf : kind === 'float' ? floatLeaf : boolLeaf).map((data) => ({ shape, kind, data })),
  );

export const float64ArrayArb = fc.float64Array({ minLength: 0, maxLength: 12 });
export const float32ArrayArb = fc.float32Array({ minLength: 0, maxLength: 12 });
