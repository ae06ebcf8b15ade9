/**
 * The tfjs adapters' own mechanics, beyond what the golden comparison shows: exact zeros at padded
 * output steps, both bias gradients returned from tfjs's single bias, the two backends taking turns
 * in one process, no tensor leaks, PyTorch's index errors, dispose().
 */
import { describe, expect, it } from 'vitest';
import type { EmbeddingCase, RnnCase } from '../../../impl/contract.ts';
import { createTfjsAdapter } from '../../../impl/tfjs/index.ts';
import { loadGolden } from '../../harness/golden.ts';
import { suiteCases, type SuiteCase } from '../../conformance/cases.ts';
import { runCase } from '../../conformance/judge.ts';
import { KNOWN_DEVIATIONS } from './known-deviations.ts';

const cases = suiteCases(loadGolden().cases);
const byId = (id: string): SuiteCase => {
  const c = cases.find((x) => x.id === id);
  if (!c) throw new Error(`no suite case ${id}`);
  return c;
};
const rnnCase = (id: string): RnnCase => byId(id).input as RnnCase;
const embeddingCase = (id: string): EmbeddingCase => byId(id).input as EmbeddingCase;

describe.each(['cpu', 'wasm'] as const)('tfjs-%s adapter', (backend) => {
  it('zeroes the padded output steps of packed input exactly (tfjs repeats the last output there)', async () => {
    const adapter = createTfjsAdapter(backend);
    for (const id of ['rnn/packed_shorter_than_padding', 'rnn/packed_bidir', 'rnn/packed_bidir_l2_h0_unsorted', 'rnn/packed_bidir_l3_relu_bf']) {
      const c = rnnCase(id);
      const { output } = await adapter.rnn(c);
      const lengths = c.lengths!.map(Math.trunc);
      const T = Math.max(...lengths);
      expect(output.shape[c.config.batchFirst ? 1 : 0], id).toBe(T);
      const row = output.shape[2];
      const data = output.data as Float32Array;
      let padded = 0;
      lengths.forEach((len, b) => {
        for (let t = len; t < T; t++) {
          const at = c.config.batchFirst ? (b * T + t) * row : (t * lengths.length + b) * row;
          for (let k = 0; k < row; k++) {
            expect(Object.is(data[at + k], 0), `${id} output at t=${t} b=${b}`).toBe(true);
            padded++;
          }
        }
      });
      expect(padded, id).toBeGreaterThan(0);
    }
  });

  it('returns the gradient of its single bias as both bias_ih and bias_hh', async () => {
    const adapter = createTfjsAdapter(backend);
    const c = byId('rnn/tanh_l2_bias_tm_bi_f32_h0');
    const r = await adapter.rnn(c.input as RnnCase);
    for (const sfx of ['_l0', '_l0_reverse', '_l1', '_l1_reverse']) {
      expect(r.grads![`bias_ih${sfx}`].data).toEqual(r.grads![`bias_hh${sfx}`].data);
      // PyTorch's two are equal in exact arithmetic, and to float32 rounding in its output (4e-8
      // apart here: they are summed in different orders)
      const ih = c.expected.grads[`bias_ih${sfx}`].data as Float32Array;
      const hh = c.expected.grads[`bias_hh${sfx}`].data as Float32Array;
      ih.forEach((v, k) => expect(Math.abs(v - hh[k])).toBeLessThan(1e-6 * (1 + Math.abs(v))));
    }
  });

  it('leaks no tensor across calls', async () => {
    const adapter = createTfjsAdapter(backend);
    // tfjs leaks the tape of a gradient that throws, so its own failures are left out
    const deviations = new Set([...Object.keys(KNOWN_DEVIATIONS.cpu), ...Object.keys(KNOWN_DEVIATIONS.wasm)]);
    // tensor() results are the caller's to read after the call: they live until dispose(), by design
    const sample = cases.filter((c, k) => c.kind !== 'tensor' && (k % 5 === 0 || c.features.includes('rnn.packed')) && !deviations.has(c.id));
    const run = async () => {
      for (const c of sample) {
        const r = await runCase(adapter, c);
        expect(r.status === 'fail' ? r.message : 'ok').toBe('ok');
      }
    };
    await run();
    const before = await adapter.numTensors();
    await run();
    expect(await adapter.numTensors()).toBe(before);
    expect(sample.length).toBeGreaterThan(50);
  });

  it('raises PyTorch\'s IndexError for indices outside [0, num_embeddings), int64 ones included', async () => {
    const adapter = createTfjsAdapter(backend);
    const c = embeddingCase('embedding/lookup_1d');
    for (const bad of [-1n, 4n, 2n ** 40n]) {
      const indices = { dtype: 'int64', shape: [2], data: BigInt64Array.of(0n, bad) };
      await expect(adapter.embedding({ ...c, upstream: undefined, indices })).rejects.toThrow('index out of range in self');
    }
    // int64 indices in range are converted exactly
    const r = await adapter.embedding({ ...c, upstream: undefined, indices: { dtype: 'int64', shape: [2], data: BigInt64Array.of(3n, 0n) } });
    const w = c.weight.data as Float32Array;
    expect(Array.from(r.output.data as Float32Array)).toEqual([w[6], w[7], w[0], w[1]]);
  });

  it('rejects calls after dispose()', async () => {
    const adapter = createTfjsAdapter(backend);
    await adapter.dispose();
    await expect(adapter.embedding(embeddingCase('embedding/lookup_1d'))).rejects.toThrow('disposed');
  });
});

describe('tfjs-cpu and tfjs-wasm in one process', () => {
  it('take turns on the process-wide tfjs engine', async () => {
    const cpu = createTfjsAdapter('cpu');
    const wasm = createTfjsAdapter('wasm');
    const c = byId('rnn/packed_bidir_l2_h0_unsorted');
    for (const adapter of [cpu, wasm, cpu, wasm]) {
      const r = await runCase(adapter, c);
      expect(r.status, r.message).toBe('pass');
    }
    const tf = await import('@tensorflow/tfjs');
    expect(tf.getBackend()).toBe('wasm');
    await runCase(cpu, byId('embedding/lookup_2d_repeated'));
    expect(tf.getBackend()).toBe('cpu');
  });

  it('is the default export, tfjs-cpu when called without a backend (for --adapter impl/tfjs/index.ts)', async () => {
    const mod = await import('../../../impl/tfjs/index.ts');
    expect(mod.default().name).toBe('tfjs-cpu');
    expect(() => mod.createTfjsAdapter('webgl' as never)).toThrow("unknown backend 'webgl'");
  });
});
