/**
 * `npx tsx scripts/measure-tolerances.ts`: the measurement behind test/harness/tolerances.ts's
 * reduction-length rule. For nn.RNN cases of growing fan-in K = in_features + H (and L*N for the
 * weight gradients), float32 results of the reference and of ONNX Runtime are compared with the
 * reference's float64 result on the same (float32-representable) values; printed: the worst
 * |a - e| / (atol + rtol |e|) at today's float32 tolerances, i.e. the headroom the flat tolerance
 * leaves. A value above 1 means the flat tolerance would reject a correct float32 implementation.
 */
import type { PlainTensor, RnnCase } from '../impl/contract.ts';
import { createOnnxRuntimeAdapter } from '../impl/onnxruntime/index.ts';
import { createReferenceAdapter } from '../impl/reference/index.ts';
import { compareTensors } from '../test/harness/compare.ts';
import { prng } from '../test/harness/prng.ts';
import { TOLERANCES } from '../test/harness/tolerances.ts';

const reference = createReferenceAdapter();
const ort = createOnnxRuntimeAdapter();

function uniform(rand: () => number, shape: number[], bound: number, dtype: 'float32' | 'float64'): PlainTensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Float32Array.from({ length: n }, () => (2 * rand() - 1) * bound);
  return { dtype, shape, data: dtype === 'float32' ? v : Float64Array.from(v) };
}

function makeCase(I: number, H: number, L: number, N: number, nonlinearity: 'tanh' | 'relu', dtype: 'float32' | 'float64', seed: number, grads: boolean): RnnCase {
  const rand = prng(seed);
  const k = 1 / Math.sqrt(H);
  const params: Record<string, PlainTensor> = {};
  for (let l = 0; l < 2; l++) {
    params[`weight_ih_l${l}`] = uniform(rand, [H, l === 0 ? I : H], k, dtype);
    params[`weight_hh_l${l}`] = uniform(rand, [H, H], k, dtype);
    params[`bias_ih_l${l}`] = uniform(rand, [H], k, dtype);
    params[`bias_hh_l${l}`] = uniform(rand, [H], k, dtype);
  }
  const c: RnnCase = {
    config: { inputSize: I, hiddenSize: H, numLayers: 2, nonlinearity, bias: true, batchFirst: false, dropout: 0, bidirectional: false, training: false, dtype },
    params, input: uniform(rand, [L, N, I], 1, dtype),
  };
  if (grads) c.upstream = { output: uniform(rand, [L, N, H], 1, dtype), h_n: uniform(rand, [2, N, H], 1, dtype) };
  return c;
}

const as64 = (t: PlainTensor): PlainTensor => ({ dtype: 'float64', shape: t.shape, data: Float64Array.from(t.data as Float32Array) });
const headroom = (a: PlainTensor, e: PlainTensor, q: 'forward' | 'gradient') => compareTensors(as64(a), e, { name: 'x', tolerance: TOLERANCES.float32[q] }).headroom;

console.log('K = I + H (2 layers, L=16, N=4, upstream in [-1,1]); worst headroom at the flat float32 tolerance over 3 seeds');
console.log('I=H\tK\tnonlin\tref32 fwd\tort32 fwd\tref32 grad(L*N=64)');
for (const size of [16, 32, 64, 128, 256, 512]) {
  for (const nl of ['tanh', 'relu'] as const) {
    let rf = 0, of = 0, rg = 0;
    for (const seed of [1, 2, 3]) {
      const grads = size <= 256;
      const c32 = makeCase(size, size, 16, 4, nl, 'float32', seed, grads);
      const c64 = makeCase(size, size, 16, 4, nl, 'float64', seed, grads);
      const e = reference.rnn!(c64) as Awaited<ReturnType<NonNullable<typeof reference.rnn>>>;
      const r = reference.rnn!(c32) as typeof e;
      const o = await ort.rnn({ ...c32, upstream: undefined });
      rf = Math.max(rf, headroom(r.output, e.output, 'forward'), headroom(r.h_n, e.h_n, 'forward'));
      of = Math.max(of, headroom(o.output, e.output, 'forward'), headroom(o.h_n, e.h_n, 'forward'));
      if (grads) for (const [name, g] of Object.entries(r.grads!)) rg = Math.max(rg, headroom(g, e.grads![name], 'gradient'));
    }
    console.log(`${size}\t${2 * size}\t${nl}\t${rf.toPrecision(3)}\t\t${of.toPrecision(3)}\t\t${size <= 256 ? rg.toPrecision(3) : '-'}`);
  }
}

console.log('\nweight gradients vs the number of summed terms L*N (I=H=16)');
console.log('L*N\tnonlin\tref32 grad');
for (const [L, N] of [[16, 4], [64, 8], [256, 8], [256, 64]] as const) {
  for (const nl of ['tanh', 'relu'] as const) {
    let rg = 0;
    for (const seed of [1, 2]) {
      const e = reference.rnn!(makeCase(16, 16, L, N, nl, 'float64', seed, true)) as Awaited<ReturnType<NonNullable<typeof reference.rnn>>>;
      const r = reference.rnn!(makeCase(16, 16, L, N, nl, 'float32', seed, true)) as typeof e;
      for (const [name, g] of Object.entries(r.grads!)) rg = Math.max(rg, headroom(g, e.grads![name], 'gradient'));
    }
    console.log(`${L * N}\t${nl}\t${rg.toPrecision(3)}`);
  }
}
await ort.dispose?.();
