/**
 * Gradient check by the one-direction identity of jax's check_vjp: for random directions v (on
 * the inputs) and u (on the outputs), <J v, u> must equal <v, J^T u>. J v comes from central
 * differences in float64; J^T u from the reference's backward. Expected values therefore never
 * come from the code under test alone: the left side only evaluates the forward pass.
 *
 * Precision: with eps = 1e-6 in float64, truncation error is O(eps^2 f''') ~ 1e-12 and rounding
 * O(2^-52 |f| / eps) ~ 1e-10 relative, so rtol 1e-6 leaves a margin of about 10^4.
 */
import { Generator, Tensor, noGrad, ops } from "../../reference/index.js";
function dot(a, b) {
    let s = 0;
    for (let i = 0; i < a.length; i++)
        s += a[i] * b[i];
    return s;
}
function randomLike(t, gen) {
    return Float64Array.from({ length: t.numel() }, () => gen.normal());
}
/**
 * Checks every float64 input of `f` separately. `f` must be deterministic (inject dropout masks).
 * Inputs must be float64 leaves that require grad; their `.grad` is reset.
 */
export function checkVjp(f, inputs, options) {
    const eps = options.eps ?? 1e-6;
    const rtol = options.rtol ?? 1e-6;
    const atol = options.atol ?? 1e-9;
    const gen = new Generator(options.seed);
    for (const x of inputs) {
        if (x.dtype !== 'float64' || !x.requiresGrad)
            throw new Error('checkVjp needs float64 leaves that require grad');
    }
    const outputs = f(inputs);
    const us = outputs.map((o) => randomLike(o, gen));
    // J^T u by backward of sum_k <out_k, u_k>
    let total = null;
    outputs.forEach((o, k) => {
        if (o.numel() === 0 || !o.requiresGrad)
            return;
        const uk = new Tensor('float64', o.shape, Float64Array.from(us[k]));
        const term = ops.sum(ops.mul(o, uk));
        total = total === null ? term : ops.add(total, term);
    });
    for (const x of inputs)
        x.grad = null;
    if (total !== null)
        total.backward();
    const results = [];
    inputs.forEach((x, index) => {
        if (x.numel() === 0)
            return;
        const v = randomLike(x, gen);
        const original = Float64Array.from(x.data);
        const evaluate = (sign) => noGrad(() => {
            const xd = x.data;
            for (let i = 0; i < xd.length; i++)
                xd[i] = original[i] + sign * eps * v[i];
            const outs = f(inputs);
            return outs.reduce((s, o, k) => s + dot(o.data, us[k]), 0);
        });
        const numerical = (evaluate(+1) - evaluate(-1)) / (2 * eps);
        x.data.set(original);
        const g = x.grad;
        const analytical = g === null ? 0 : dot(v, g.data);
        if (!(Math.abs(numerical - analytical) <= atol + rtol * Math.max(Math.abs(numerical), Math.abs(analytical)))) {
            throw new Error(`gradient of input ${index} (shape [${x.shape.join(', ')}]): <J v, u> = ${numerical} by central differences but <v, J^T u> = ${analytical} by backward (rtol ${rtol}, atol ${atol}, seed ${options.seed})`);
        }
        results.push({ input: index, numerical, analytical });
    });
    return results;
}
