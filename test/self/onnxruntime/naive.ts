/**
 * Independent expectations for the ONNX Runtime tests: a plain float64 loop for nn.RNN written from
 * the documented formula `h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)` (docs/spec.md §3.2), not
 * from reference/, plus a seeded case generator.
 *
 * Packed semantics are obtained the way the spec states them (§3.3: "exactly what you get by
 * running every sequence separately without padding"): every batch entry runs alone over its own
 * length; the output is zero past it.
 */
import type { PlainTensor, RnnCase } from '../../../impl/contract.ts';
import type { RnnCaseSpec } from '../../harness/random-cases.ts';

export { makeRnnCase, uniformF32, type RnnCaseSpec } from '../../harness/random-cases.ts';

export interface NaiveRnnResult {
  output: PlainTensor;
  h_n: PlainTensor;
}

/**
 * The float64 loop. Reads the (float32) parameters and inputs as float64 and returns float64 data
 * labelled with the case's dtype, so `compareTensors` measures ORT against the float64 truth.
 */
export function naiveRnn(c: RnnCase): NaiveRnnResult {
  const cfg = c.config;
  const H = cfg.hiddenSize;
  const D = cfg.bidirectional ? 2 : 1;
  const unbatched = c.input.shape.length === 2;
  const bf = !unbatched && cfg.batchFirst;
  const [L, N, I] = unbatched
    ? [c.input.shape[0], 1, c.input.shape[1]]
    : bf
      ? [c.input.shape[1], c.input.shape[0], c.input.shape[2]]
      : [c.input.shape[0], c.input.shape[1], c.input.shape[2]];
  const x = (t: number, b: number, i: number) => Number(c.input.data[bf ? (b * L + t) * I + i : (t * N + b) * I + i]);
  const lens = c.lengths ?? Array.from({ length: N }, () => L);
  const T = c.lengths ? Math.max(...c.lengths) : L;
  const act = cfg.nonlinearity === 'tanh' ? Math.tanh : (v: number) => (v > 0 ? v : 0);
  const P = (name: string) => c.params[name].data as ArrayLike<number>;

  const out = new Float64Array(T * N * D * H);
  const hn = new Float64Array(cfg.numLayers * D * N * H);
  for (let b = 0; b < N; b++) {
    const len = lens[b];
    // this sequence's layer input, [len][inDim]
    let seq: number[][] = Array.from({ length: len }, (_, t) => Array.from({ length: I }, (_, i) => x(t, b, i)));
    for (let k = 0; k < cfg.numLayers; k++) {
      const next: number[][] = Array.from({ length: len }, () => new Array(D * H).fill(0));
      for (let d = 0; d < D; d++) {
        const sfx = d === 1 ? '_reverse' : '';
        const wih = P(`weight_ih_l${k}${sfx}`);
        const whh = P(`weight_hh_l${k}${sfx}`);
        const bih = cfg.bias ? P(`bias_ih_l${k}${sfx}`) : null;
        const bhh = cfg.bias ? P(`bias_hh_l${k}${sfx}`) : null;
        const inDim = seq.length > 0 ? seq[0].length : k === 0 ? I : D * H;
        let h = Array.from({ length: H }, (_, j) => (c.h0 ? Number(c.h0.data[((k * D + d) * N + b) * H + j]) : 0));
        for (let s = 0; s < len; s++) {
          const t = d === 0 ? s : len - 1 - s;
          const hNew = new Array<number>(H);
          for (let j = 0; j < H; j++) {
            let acc = 0;
            for (let i = 0; i < inDim; i++) acc += Number(wih[j * inDim + i]) * seq[t][i];
            if (bih) acc += Number(bih[j]);
            for (let i = 0; i < H; i++) acc += Number(whh[j * H + i]) * h[i];
            if (bhh) acc += Number(bhh[j]);
            hNew[j] = act(acc);
          }
          h = hNew;
          for (let j = 0; j < H; j++) next[t][d * H + j] = h[j];
        }
        for (let j = 0; j < H; j++) hn[((k * D + d) * N + b) * H + j] = h[j];
      }
      seq = next;
    }
    for (let t = 0; t < len; t++) {
      for (let j = 0; j < D * H; j++) out[(bf ? b * T + t : t * N + b) * D * H + j] = seq[t][j];
    }
  }
  const dtype = cfg.dtype;
  if (unbatched) {
    return { output: { dtype, shape: [L, D * H], data: out }, h_n: { dtype, shape: [cfg.numLayers * D, H], data: hn } };
  }
  return {
    output: { dtype, shape: bf ? [N, T, D * H] : [T, N, D * H], data: out },
    h_n: { dtype, shape: [cfg.numLayers * D, N, H], data: hn },
  };
}

/** A small one-layer tanh case (L=5, N=3, I=3, H=4, padded, no h0), with `overrides`. */
export function rnnSpec(overrides: Partial<RnnCaseSpec> = {}): RnnCaseSpec {
  return {
    seed: 1, inputSize: 3, hiddenSize: 4, numLayers: 1, nonlinearity: 'tanh', bias: true, batchFirst: false,
    bidirectional: false, L: 5, N: 3, withH0: false, lengths: null, enforceSorted: true, unbatched: false, ...overrides,
  };
}

/** Deep copy of every tensor's data, to check that an adapter did not mutate its inputs. */
export function snapshot(ts: Array<PlainTensor | undefined>): Array<number[] | undefined> {
  return ts.map((t) => (t ? Array.from(t.data as ArrayLike<number | bigint>, Number) : undefined));
}

/** A tensor's elements as JS numbers (bigints converted; -0 kept). */
export function values(t: PlainTensor): number[] {
  return Array.from(t.data as ArrayLike<number | bigint>, Number);
}
