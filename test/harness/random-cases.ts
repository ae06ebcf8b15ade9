/**
 * Seeded random nn.RNN cases in the adapter contract's form, for scripts and tests alike: every
 * parameter drawn from PyTorch's init range U(-1/sqrt(H), 1/sqrt(H)), inputs uniform.
 */
import type { PlainTensor, RnnCase, RnnConfig } from '../../impl/contract.ts';
import { prng } from './prng.ts';

export function uniformF32(rand: () => number, n: number, lo: number, hi: number): Float32Array {
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * rand());
}

/** A float32 case to generate: the module's options (eval mode, no dropout) and the input's. */
export interface RnnCaseSpec extends Pick<RnnConfig, 'inputSize' | 'hiddenSize' | 'numLayers' | 'nonlinearity' | 'bias' | 'batchFirst' | 'bidirectional'> {
  seed: number;
  L: number;
  N: number;
  withH0: boolean;
  /** packed: one length per batch entry, each in 1..L; `null`: padded input. */
  lengths: number[] | null;
  enforceSorted: boolean;
  unbatched: boolean;
  /** Input values are uniform in [-inputScale, inputScale]. */
  inputScale?: number;
}

/** A float32 RnnCase with PyTorch's init range U(-1/sqrt(H), 1/sqrt(H)) for every parameter. */
export function makeRnnCase(s: RnnCaseSpec): RnnCase {
  const rand = prng(s.seed);
  const D = s.bidirectional ? 2 : 1;
  const H = s.hiddenSize;
  const k = 1 / Math.sqrt(H);
  const config: RnnConfig = {
    inputSize: s.inputSize,
    hiddenSize: H,
    numLayers: s.numLayers,
    nonlinearity: s.nonlinearity,
    bias: s.bias,
    batchFirst: s.batchFirst,
    dropout: 0,
    bidirectional: s.bidirectional,
    training: false,
    dtype: 'float32',
  };
  const params: Record<string, PlainTensor> = {};
  for (let l = 0; l < s.numLayers; l++) {
    for (const sfx of s.bidirectional ? ['', '_reverse'] : ['']) {
      const inDim = l === 0 ? s.inputSize : D * H;
      params[`weight_ih_l${l}${sfx}`] = { dtype: 'float32', shape: [H, inDim], data: uniformF32(rand, H * inDim, -k, k) };
      params[`weight_hh_l${l}${sfx}`] = { dtype: 'float32', shape: [H, H], data: uniformF32(rand, H * H, -k, k) };
      if (s.bias) {
        params[`bias_ih_l${l}${sfx}`] = { dtype: 'float32', shape: [H], data: uniformF32(rand, H, -k, k) };
        params[`bias_hh_l${l}${sfx}`] = { dtype: 'float32', shape: [H], data: uniformF32(rand, H, -k, k) };
      }
    }
  }
  const scale = s.inputScale ?? 1;
  const N = s.unbatched ? 1 : s.N;
  const inputShape = s.unbatched ? [s.L, s.inputSize] : s.batchFirst ? [N, s.L, s.inputSize] : [s.L, N, s.inputSize];
  const input: PlainTensor = { dtype: 'float32', shape: inputShape, data: uniformF32(rand, s.L * N * s.inputSize, -scale, scale) };
  const c: RnnCase = { config, params, input };
  if (s.withH0) {
    const hShape = s.unbatched ? [s.numLayers * D, H] : [s.numLayers * D, N, H];
    c.h0 = { dtype: 'float32', shape: hShape, data: uniformF32(rand, s.numLayers * D * N * H, -1, 1) };
  }
  if (s.lengths && !s.unbatched) {
    c.lengths = s.enforceSorted ? [...s.lengths].sort((a, b) => b - a) : [...s.lengths];
    c.enforceSorted = s.enforceSorted;
  }
  return c;
}

