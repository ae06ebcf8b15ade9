/**
 * fast-check arbitraries for nn.Embedding / F.embedding: a table (V, D, dtype), an index tensor of
 * rank 0-3 with in-range indices, the weight's values, an upstream gradient, and the options, each
 * option independently present or omitted so that PyTorch's defaults get exercised.
 * Everything is plain data; tests build the tensors.
 */
import * as fc from 'fast-check';
import { shapeArb } from './tensor.ts';

export type FloatDType = 'float32' | 'float64';
export type IndexDType = 'int64' | 'int32';

export interface EmbeddingOptionsDraw {
  paddingIdx?: number;
  maxNorm?: number;
  normType?: number;
  scaleGradByFreq?: boolean;
  sparse?: boolean;
}
export type OptionName = keyof EmbeddingOptionsDraw;

export interface EmbeddingDraw {
  V: number;
  D: number;
  dtype: FloatDType;
  indexDtype: IndexDType;
  /** Shape of the index tensor (rank 0-3, dims 0-4). */
  shape: number[];
  /** Row-major indices in [0, V). */
  indices: number[];
  /** Row-major (V, D) weight, exactly representable in `dtype`. */
  weight: number[];
  /** Row-major (*shape, D) upstream gradient: small integers, so sums of them are exact in float32. */
  upstream: number[];
  options: EmbeddingOptionsDraw;
}

/** p values for which "renormed rows have norm <= max_norm" holds (p = 0 and p < 0 are not norms). */
export const NORM_TYPES = [1, 2, 3, Infinity, 0.5, 1.5] as const;

const weightValue = (dtype: FloatDType) =>
  dtype === 'float32'
    ? fc.float({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true })
    : fc.double({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true });

/** Overrides of the option value distributions (the differential campaign draws wider ones). */
export interface OptionValues {
  maxNorm?: fc.Arbitrary<number>;
  normTypes?: readonly number[];
}

function optionsArb(V: number, allowed: readonly OptionName[], required: readonly OptionName[], values: OptionValues = {}): fc.Arbitrary<EmbeddingOptionsDraw> {
  const all = {
    paddingIdx: fc.integer({ min: -V, max: V - 1 }), // negative values exercise the normalisation
    maxNorm: values.maxNorm ?? fc.double({ min: 0.05, max: 6, noNaN: true }),
    normType: fc.constantFrom(...(values.normTypes ?? NORM_TYPES)),
    scaleGradByFreq: fc.boolean(),
    sparse: fc.boolean(),
  };
  const model = Object.fromEntries(allowed.map((k) => [k, all[k]])) as { [K in OptionName]: fc.Arbitrary<unknown> };
  return fc.record(model, { requiredKeys: required.filter((k) => allowed.includes(k)) }) as fc.Arbitrary<EmbeddingOptionsDraw>;
}

/**
 * One embedding call. `options` lists the options that may appear (each randomly omitted unless in
 * `require`); by default all of them. sparse + scaleGradByFreq is never drawn together, because
 * PyTorch rejects it at backward (tested as an error case).
 */
export function embeddingArb(
  constraints: { options?: readonly OptionName[]; require?: readonly OptionName[]; dtypes?: readonly FloatDType[]; maxRows?: number; maxDim?: number; values?: OptionValues } = {},
): fc.Arbitrary<EmbeddingDraw> {
  const allowed = constraints.options ?? (['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse'] as const);
  const required = constraints.require ?? [];
  return fc
    .record({
      V: fc.integer({ min: 1, max: constraints.maxRows ?? 6 }),
      D: fc.integer({ min: 0, max: constraints.maxDim ?? 4 }),
      dtype: fc.constantFrom(...(constraints.dtypes ?? (['float32', 'float64'] as const))),
      indexDtype: fc.constantFrom<IndexDType>('int64', 'int32'),
      shape: shapeArb(3, 4),
    })
    .chain(({ V, D, dtype, indexDtype, shape }) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return fc.record({
        V: fc.constant(V),
        D: fc.constant(D),
        dtype: fc.constant(dtype),
        indexDtype: fc.constant(indexDtype),
        shape: fc.constant(shape),
        indices: fc.array(fc.integer({ min: 0, max: V - 1 }), { minLength: n, maxLength: n }),
        weight: fc.array(weightValue(dtype), { minLength: V * D, maxLength: V * D }),
        upstream: fc.array(fc.integer({ min: -8, max: 8 }), { minLength: n * D, maxLength: n * D }),
        options: optionsArb(V, allowed, required, constraints.values).filter((o) => !(o.sparse && o.scaleGradByFreq)),
      });
    });
}
