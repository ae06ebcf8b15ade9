/**
 * fast-check arbitraries for nn.RNN and packed sequences: small sizes, the constructor options each
 * randomly present or omitted (so PyTorch's defaults get exercised), sequence lengths, and a seed
 * from which the test draws every tensor value. Everything is plain data; tests build the tensors.
 */
import * as fc from 'fast-check';
import { Generator, Tensor } from "../../../reference/index.js";
export const optionsArb = (maxLayers = 3) => fc.record({
    numLayers: fc.integer({ min: 1, max: maxLayers }),
    nonlinearity: fc.constantFrom('tanh', 'relu'),
    bias: fc.boolean(),
    batchFirst: fc.boolean(),
    bidirectional: fc.boolean(),
}, { requiredKeys: [] });
export function rnnArb(c = {}) {
    return fc.record({
        inputSize: fc.integer({ min: 1, max: 4 }),
        hiddenSize: fc.integer({ min: 1, max: 4 }),
        options: c.options ?? optionsArb(c.maxLayers),
        L: fc.integer({ min: 1, max: c.maxL ?? 5 }),
        N: fc.integer({ min: c.minN ?? 1, max: c.maxN ?? 4 }),
        withH0: fc.boolean(),
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    });
}
/**
 * Lengths in [1, L] for each of N entries, with enforceSorted true, false or omitted (then the
 * default, true); sorted non-increasing unless enforceSorted is false.
 */
export function lengthsArb(L, N) {
    return fc
        .record({ lengths: fc.array(fc.integer({ min: 1, max: L }), { minLength: N, maxLength: N }), enforceSorted: fc.boolean() }, { requiredKeys: ['lengths'] })
        .map(({ lengths, enforceSorted }) => ({
        lengths: enforceSorted === false ? lengths : [...lengths].sort((a, b) => b - a),
        ...(enforceSorted === undefined ? {} : { enforceSorted }),
    }));
}
/** A draw of rnnArb with packed lengths (lengthsArb). */
export function packedArb(c = {}) {
    return rnnArb(c).chain((d) => lengthsArb(d.L, d.N).map((p) => ({ ...d, ...p })));
}
/** A tensor of N(0, 1) draws (row-major) from `gen`, rounded to `dtype`. */
export function randn(gen, shape, dtype = 'float64') {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: n }, () => gen.normal());
    return new Tensor(dtype, shape, dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values));
}
/** A 0/1 tensor, each element 1 with probability `keep`. */
export function bernoulli(gen, shape, keep, dtype = 'float64') {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: n }, () => (gen.random() < keep ? 1 : 0));
    return new Tensor(dtype, shape, dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values));
}
/**
 * A dropout probability in (0, 0.95] on a 1/1000 grid. (fc.double favours 0 and denormals, which
 * switch dropout off or make 1 - p round to 1; a grid hits the ~23% of p values for which
 * fl32(1/fl32(1-p)) and fl32(1/(1-p)) differ.)
 */
export const dropoutArb = fc.integer({ min: 1, max: 950 }).map((i) => i / 1000);
