/**
 * The ORT RNN graph builder against an independent float64 loop (naive.ts), with the float32
 * forward tolerance of tolerances.ts: ORT's float32 result vs the float64 loop run on the same
 * float32 parameters and inputs.
 *
 * Property runs: env var RNNSPEC_RUNS (default 40), e.g. `RNNSPEC_RUNS=500 npx vitest run test/self/onnxruntime`.
 */
import { afterAll, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createOnnxRuntimeAdapter } from '../../../impl/onnxruntime/index.ts';
import type { PlainTensor, RnnCase, RnnResult } from '../../../impl/contract.ts';
import { expectClose } from '../../harness/compare.ts';
import { TOLERANCES } from '../../harness/tolerances.ts';
import { makeRnnCase, naiveRnn, snapshot, values, rnnSpec, type RnnCaseSpec } from './naive.ts';

const RUNS = Number(process.env.RNNSPEC_RUNS ?? 40);
const FWD = TOLERANCES.float32.forward;

const adapter = createOnnxRuntimeAdapter();
afterAll(() => adapter.dispose());

let worstHeadroom = 0;
afterAll(() => {
  console.log(`onnxruntime rnn: worst headroom ${worstHeadroom.toPrecision(3)} of the float32 forward budget; cache ${JSON.stringify({ ...adapter.cacheStats(), creations: undefined })}`);
});

/** Runs the case through ORT and checks it against the float64 loop (and that inputs are untouched). */
async function check(c: RnnCase, label: string): Promise<RnnResult> {
  const before = snapshot([c.input, c.h0, ...Object.values(c.params)]);
  const r = await adapter.rnn(c);
  expect(snapshot([c.input, c.h0, ...Object.values(c.params)])).toEqual(before);
  const e = naiveRnn(c);
  for (const [name, a, x] of [['output', r.output, e.output], ['h_n', r.h_n, e.h_n]] as Array<[string, PlainTensor, PlainTensor]>) {
    const cmp = expectClose(a, x, { name, tolerance: FWD, context: `rnn ${label} impl=onnxruntime` });
    worstHeadroom = Math.max(worstHeadroom, cmp.headroom);
    expect(a.data).toBeInstanceOf(Float32Array);
  }
  if (c.lengths) {
    // Past each sequence's length the padded output is exactly +0 (pad_packed_sequence's padding).
    const cfg = c.config;
    const DH = (cfg.bidirectional ? 2 : 1) * cfg.hiddenSize;
    const [T, N] = cfg.batchFirst ? [r.output.shape[1], r.output.shape[0]] : [r.output.shape[0], r.output.shape[1]];
    expect(T).toBe(Math.max(...c.lengths));
    for (let b = 0; b < N; b++) {
      for (let t = c.lengths[b]; t < T; t++) {
        for (let j = 0; j < DH; j++) {
          const v = r.output.data[(cfg.batchFirst ? b * T + t : t * N + b) * DH + j];
          expect(Object.is(v, 0), `output[t=${t}, b=${b}, ${j}] = ${v} past length ${c.lengths[b]}`).toBe(true);
        }
      }
    }
  }
  return r;
}

const base = rnnSpec();

describe('onnxruntime RNN graph: named configurations vs a float64 loop', () => {
  const cases: Array<[string, Partial<RnnCaseSpec>]> = [
    ['tanh', {}],
    ['relu', { nonlinearity: 'relu', inputScale: 3 }],
    ['bias false', { bias: false }],
    ['batch_first', { batchFirst: true }],
    ['bidirectional', { bidirectional: true }],
    ['2 layers', { numLayers: 2 }],
    ['3 layers bidirectional relu', { numLayers: 3, bidirectional: true, nonlinearity: 'relu' }],
    ['h0 given', { withH0: true }],
    ['h0 given, 2 layers bidirectional batch_first', { withH0: true, numLayers: 2, bidirectional: true, batchFirst: true }],
    ['packed sorted', { lengths: [5, 3, 1] }],
    ['packed unsorted, enforce_sorted=false', { lengths: [2, 5, 3], enforceSorted: false }],
    ['packed, max length below L', { lengths: [3, 2, 2] }],
    ['packed 2-layer bidirectional batch_first with h0', { lengths: [2, 4, 1], enforceSorted: false, numLayers: 2, bidirectional: true, batchFirst: true, withH0: true, L: 4 }],
    ['packed 3-layer bidirectional relu no bias', { lengths: [1, 5, 3], enforceSorted: false, numLayers: 3, bidirectional: true, nonlinearity: 'relu', bias: false }],
    ['unbatched', { unbatched: true }],
    ['unbatched batch_first (ignored) with h0', { unbatched: true, batchFirst: true, withH0: true }],
    ['unbatched 2-layer bidirectional', { unbatched: true, numLayers: 2, bidirectional: true, withH0: true }],
    ['L=1 N=1 H=1', { L: 1, N: 1, hiddenSize: 1, inputSize: 1 }],
    ['long sequence L=200', { L: 200, N: 2, numLayers: 2, bidirectional: true }],
  ];
  for (const [label, over] of cases) {
    test(label, async () => {
      await check(makeRnnCase({ ...base, ...over }), label);
    });
  }

  test('packed: h_n follows packed semantics (forward: last valid step; reverse: t = 0)', async () => {
    const c = makeRnnCase({ ...base, bidirectional: true, lengths: [2, 5, 3], enforceSorted: false, withH0: true });
    const r = await check(c, 'packed h_n');
    // forward h_n of sequence b equals output[len_b - 1, b, :H]; reverse h_n equals output[0, b, H:]
    const H = c.config.hiddenSize;
    const N = 3;
    for (let b = 0; b < N; b++) {
      for (let j = 0; j < H; j++) {
        expect(r.h_n.data[(0 * N + b) * H + j]).toBe(r.output.data[((c.lengths![b] - 1) * N + b) * 2 * H + j]);
        expect(r.h_n.data[(1 * N + b) * H + j]).toBe(r.output.data[(0 * N + b) * 2 * H + H + j]);
      }
    }
  });

  test('batch 0 (PyTorch: no error) gives empty output and h_n', async () => {
    const c = makeRnnCase({ ...base, N: 0, numLayers: 2, bidirectional: true });
    const r = await adapter.rnn(c);
    expect(r.output.shape).toEqual([5, 0, 8]);
    expect(r.h_n.shape).toEqual([4, 0, 4]);
  });

  test('absent h0 equals explicit zeros, and both share one session', async () => {
    // an adapter of its own: the file's shared one may hold this graph already (the properties draw configurations)
    const own = createOnnxRuntimeAdapter();
    try {
      const c = makeRnnCase({ ...base, hiddenSize: 7 });
      const a = await own.rnn(c);
      const b = await own.rnn({ ...c, h0: { dtype: 'float32', shape: [1, 3, 7], data: new Float32Array(21) } });
      expect(values(b.output)).toEqual(values(a.output));
      expect(values(b.h_n)).toEqual(values(a.h_n));
      expect(own.cacheStats().misses).toBe(1);
    } finally {
      await own.dispose();
    }
  });
});

describe('onnxruntime RNN: inputs PyTorch rejects but ORT would accept', () => {
  test('length 0 in a packed batch', async () => {
    await expect(adapter.rnn(makeRnnCase({ ...base, lengths: [5, 0, 2], enforceSorted: false }))).rejects.toThrow(
      "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0",
    );
  });
  test('unsorted lengths with enforce_sorted', async () => {
    const c = makeRnnCase({ ...base, lengths: [2, 5, 3], enforceSorted: false });
    await expect(adapter.rnn({ ...c, enforceSorted: true })).rejects.toThrow('`lengths` array must be sorted in decreasing order');
  });
  test('float lengths are truncated, as torch.as_tensor(lengths, dtype=int64) does', async () => {
    const c = makeRnnCase({ ...base, lengths: [5, 3, 1] });
    const r = await adapter.rnn({ ...c, lengths: [4.9, 3.2, 1.7] });
    const e = naiveRnn({ ...c, lengths: [4, 3, 1] });
    expectClose(r.output, e.output, { name: 'output', tolerance: FWD });
    expectClose(r.h_n, e.h_n, { name: 'h_n', tolerance: FWD });
  });
  test('packed with enforce_sorted=false: an h0 batch larger than N keeps rows 0..N-1; a smaller one fails like index_select', async () => {
    const c = makeRnnCase({ ...base, lengths: [2, 5, 3], enforceSorted: false, withH0: true, numLayers: 2 });
    const big = new Float32Array(2 * 4 * 4).map((_, i) => Math.sin(i));
    const h0: PlainTensor = { dtype: 'float32', shape: [2, 4, 4], data: big };
    const r = await adapter.rnn({ ...c, h0 });
    const kept = new Float32Array(2 * 3 * 4);
    for (let k = 0; k < 2; k++) kept.set(big.subarray(k * 16, k * 16 + 12), k * 12);
    const e = naiveRnn({ ...c, h0: { dtype: 'float32', shape: [2, 3, 4], data: kept } });
    expectClose(r.output, e.output, { name: 'output', tolerance: FWD });
    expectClose(r.h_n, e.h_n, { name: 'h_n', tolerance: FWD });
    const small: PlainTensor = { dtype: 'float32', shape: [2, 2, 4], data: new Float32Array(16) };
    // sorted_indices of lengths [2, 5, 3] are [1, 2, 0]: index 2 is the first outside a batch of 2
    await expect(adapter.rnn({ ...c, h0: small })).rejects.toThrow('INDICES element is out of DATA bounds, id=2 axis_dim=2');
    await expect(adapter.rnn({ ...c, h0, enforceSorted: true, lengths: [5, 3, 2] })).rejects.toThrow('Expected hidden size (2, 3, 4), got [2, 4, 4]');
  });
  test('a length above L (torch packs garbage): rnnspec\'s documented ValueError', async () => {
    await expect(adapter.rnn(makeRnnCase({ ...base, lengths: [3, 6, 2], enforceSorted: false }))).rejects.toThrow(
      'pack_padded_sequence: lengths[1]=6 exceeds the padded sequence length 5',
    );
  });
  test('float64 is unsupported (no float64 RNN kernel in ORT)', async () => {
    const c = makeRnnCase(base);
    await expect(adapter.rnn({ ...c, config: { ...c.config, dtype: 'float64' } })).rejects.toThrow(/no float64 RNN kernel/);
  });
  test('dropout in training mode is unsupported', async () => {
    const c = makeRnnCase({ ...base, numLayers: 2 });
    await expect(adapter.rnn({ ...c, config: { ...c.config, dropout: 0.5, training: true } })).rejects.toThrow(/dropout/);
    // eval mode: dropout has no effect and is supported
    await check({ ...c, config: { ...c.config, dropout: 0.5, training: false } }, 'dropout eval');
  });
});

const specArb: fc.Arbitrary<RnnCaseSpec> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    inputSize: fc.integer({ min: 1, max: 6 }),
    hiddenSize: fc.integer({ min: 1, max: 6 }),
    numLayers: fc.integer({ min: 1, max: 3 }),
    nonlinearity: fc.constantFrom<'tanh' | 'relu'>('tanh', 'relu'),
    bias: fc.boolean(),
    batchFirst: fc.boolean(),
    bidirectional: fc.boolean(),
    L: fc.integer({ min: 1, max: 8 }),
    N: fc.integer({ min: 1, max: 5 }),
    withH0: fc.boolean(),
    packed: fc.boolean(),
    enforceSorted: fc.boolean(),
    unbatched: fc.boolean(),
    lengthSeed: fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ packed, lengthSeed, ...s }) => ({
    ...s,
    lengths: packed && !s.unbatched ? lengthSeed.slice(0, s.N).map((u) => 1 + Math.floor(u * s.L)) : null,
    inputScale: s.nonlinearity === 'relu' ? 2 : 1,
  }));

describe('onnxruntime RNN graph: random configurations vs a float64 loop', () => {
  test.prop([specArb], { numRuns: RUNS })('any configuration', async (spec) => {
    await check(makeRnnCase(spec), JSON.stringify({ ...spec, seed: spec.seed }));
  });
});
