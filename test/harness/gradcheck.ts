/**
 * Gradient check by the one-direction identity of jax's check_vjp: for random directions v (on
 * the inputs) and u (on the outputs), <J v, u> must equal <v, J^T u>. J v comes from central
 * differences in float64; J^T u from the reference's backward. Expected values therefore never
 * come from the code under test alone: the left side only evaluates the forward pass.
 *
 * Precision: with eps = 1e-6 in float64, truncation error is O(eps^2 f''') ~ 1e-12 and rounding
 * O(2^-52 |f| / eps) ~ 1e-10 of |f|, so rtol 1e-6 leaves a margin of about 10^4 where the
 * directional derivative is not much smaller than |f|; where it is, the rounding allowance
 * (ROUNDING_ULPS) bounds the error instead.
 */
import { Generator, Tensor, noGrad, ops } from '../../reference/index.ts';

/**
 * How many ulps of sum_i |out_i u_i| the rounding error of one <f, u> may reach. Measured
 * (2026-11-30): over about 3,700 directional checks of rnn-gradients and packed-sequence
 * property runs, |<J v, u> - <v, J^T u>| * eps / (2^-52 sum_i |out_i u_i|) was at most 1.56; a
 * ReLU RNN with dropout (seed 491804499) failed the old rtol/atol alone at 0.56 of it, a directional
 * derivative of 2.7e-4 off by 1.5e-9. 16 leaves a tenfold margin.
 */
const ROUNDING_ULPS = 16;

export interface VjpResult {
  input: number;
  /** <J v, u> by central differences. */
  numerical: number;
  /** <v, J^T u> by backward. */
  analytical: number;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function randomLike(t: Tensor, gen: Generator): Float64Array {
  return Float64Array.from({ length: t.numel() }, () => gen.normal());
}

/**
 * Checks every float64 input of `f` separately. `f` must be deterministic (inject dropout masks).
 * Inputs must be float64 leaves that require grad; their `.grad` is reset.
 */
export function checkVjp(
  f: (inputs: Tensor[]) => Tensor[],
  inputs: Tensor[],
  options: { seed: number; eps?: number; rtol?: number; atol?: number },
): VjpResult[] {
  const eps = options.eps ?? 1e-6;
  const rtol = options.rtol ?? 1e-6;
  const atol = options.atol ?? 1e-9;
  const gen = new Generator(options.seed);
  for (const x of inputs) {
    if (x.dtype !== 'float64' || !x.requiresGrad) throw new Error('checkVjp needs float64 leaves that require grad');
  }
  const outputs = f(inputs);
  const us = outputs.map((o) => randomLike(o, gen));
  // J^T u by backward of sum_k <out_k, u_k>
  let total: Tensor | null = null;
  outputs.forEach((o, k) => {
    if (o.numel() === 0 || !o.requiresGrad) return;
    const uk = new Tensor('float64', o.shape, Float64Array.from(us[k]));
    const term = ops.sum(ops.mul(o, uk));
    total = total === null ? term : ops.add(total, term);
  });
  for (const x of inputs) x.grad = null;
  if (total !== null) (total as Tensor).backward();

  const results: VjpResult[] = [];
  inputs.forEach((x, index) => {
    if (x.numel() === 0) return;
    const v = randomLike(x, gen);
    const original = Float64Array.from(x.data as Float64Array);
    let magnitude = 0; // sum_i |out_i u_i|, the scale of <f, u>'s rounding error
    const evaluate = (sign: number): number =>
      noGrad(() => {
        const xd = x.data as Float64Array;
        for (let i = 0; i < xd.length; i++) xd[i] = original[i] + sign * eps * v[i];
        const outs = f(inputs);
        outs.forEach((o, k) => (magnitude = Math.max(magnitude, dot(Array.from(o.data as Float64Array, Math.abs), us[k].map(Math.abs)))));
        return outs.reduce((s, o, k) => s + dot(o.data as Float64Array, us[k]), 0);
      });
    const numerical = (evaluate(+1) - evaluate(-1)) / (2 * eps);
    // <f, u> is computed to about ROUNDING_ULPS ulps of `magnitude`; the central difference divides
    // that error by eps. A small directional derivative of a large <f, u> is judged within it.
    const rounding = (ROUNDING_ULPS * Number.EPSILON * magnitude) / eps;
    (x.data as Float64Array).set(original);
    const g = x.grad as Tensor | null;
    const analytical = g === null ? 0 : dot(v, g.data as Float64Array);
    if (!(Math.abs(numerical - analytical) <= atol + rounding + rtol * Math.max(Math.abs(numerical), Math.abs(analytical)))) {
      throw new Error(
        `gradient of input ${index} (shape [${x.shape.join(', ')}]): <J v, u> = ${numerical} by central differences but <v, J^T u> = ${analytical} by backward (rtol ${rtol}, atol ${atol}, rounding ${rounding}, seed ${options.seed})`,
      );
    }
    results.push({ input: index, numerical, analytical });
  });
  return results;
}
