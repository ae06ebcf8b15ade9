/**
 * fast-check arbitraries for nn.Embedding / F.embedding: a table (V, D, dtype), an index tensor of
 * rank 0-3 with in-range indices, the weight's values, an upstream gradient, and the options, each
 * option independently present or omitted so that PyTorch's defaults get exercised.
 * Everything is plain data; tests build the tensors.
 */
import * as fc from 'fast-check';
import { shapeArb } from "./tensor.js";
/** p values for which "renormed rows have norm <= max_norm" holds (p = 0 and p < 0 are not norms). */
export const NORM_TYPES = [1, 2, 3, Infinity, 0.5, 1.5];
const weightValue = (dtype) => dtype === 'float32'
    ? fc.float({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true })
    : fc.double({ min: -4, max: 4, noNaN: true, noDefaultInfinity: true });
function optionsArb(V, allowed, required, values = {}) {
    const all = {
        paddingIdx: fc.integer({ min: -V, max: V - 1 }), // negative values exercise the normalisation
        maxNorm: values.maxNorm ?? fc.double({ min: 0.05, max: 6, noNaN: true }),
        normType: fc.constantFrom(...(values.normTypes ?? NORM_TYPES)),
        scaleGradByFreq: fc.boolean(),
        sparse: fc.boolean(),
    };
    const model = Object.fromEntries(allowed.map((k) => [k, all[k]]));
    return fc.record(model, { requiredKeys: required.filter((k) => allowed.includes(k)) });
}
/**
 * One embedding call. `options` lists the options that may appear (each randomly omitted unless in
 * `require`); by default all of them. sparse + scaleGradByFreq is never drawn together, because
 * PyTorch rejects it at backward (tested as an error case).
 */
export function embeddingArb(constraints = {}) {
    const allowed = constraints.options ?? ['paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse'];
    const required = constraints.require ?? [];
    return fc
        .record({
        V: fc.integer({ min: 1, max: constraints.maxRows ?? 6 }),
        D: fc.integer({ min: 0, max: constraints.maxDim ?? 4 }),
        dtype: fc.constantFrom(...(constraints.dtypes ?? ['float32', 'float64'])),
        indexDtype: fc.constantFrom('int64', 'int32'),
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
