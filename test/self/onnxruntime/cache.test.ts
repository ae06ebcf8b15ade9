/** The session cache: one session per graph signature, shared across L, N, input_size, h0, lengths. */
import { describe, expect, test } from 'vitest';
import { createOnnxRuntimeAdapter, rnnSignatureKey } from '../../../impl/onnxruntime/index.ts';
import { makeRnnCase, rnnSpec } from './naive.ts';

const base = rnnSpec({ numLayers: 2, batchFirst: true, bidirectional: true });

describe('onnxruntime session cache', () => {
  test('a second case of the same configuration is a hit, whatever L, N, input_size and h0', async () => {
    const a = createOnnxRuntimeAdapter();
    try {
      await a.rnn(makeRnnCase(base));
      expect(a.cacheStats()).toMatchObject({ hits: 0, misses: 1, sessions: 1 });
      await a.rnn(makeRnnCase({ ...base, seed: 4 }));
      await a.rnn(makeRnnCase({ ...base, L: 9, N: 1, inputSize: 7, withH0: true }));
      expect(a.cacheStats()).toMatchObject({ hits: 2, misses: 1, sessions: 1 });
      // unbatched runs the seq-first graph: another signature (batch_first is ignored for 2-D input)
      await a.rnn(makeRnnCase({ ...base, unbatched: true }));
      await a.rnn(makeRnnCase({ ...base, unbatched: true, batchFirst: false }));
      expect(a.cacheStats()).toMatchObject({ hits: 3, misses: 2, sessions: 2 });
      // what is static in the graph makes a new signature
      await a.rnn(makeRnnCase({ ...base, hiddenSize: 5 }));
      await a.rnn(makeRnnCase({ ...base, lengths: [5, 2, 3], enforceSorted: false }));
      await a.rnn(makeRnnCase({ ...base, lengths: [1, 4, 4], enforceSorted: false }));
      const s = a.cacheStats();
      expect(s).toMatchObject({ hits: 4, misses: 4, sessions: 4 });
      expect(s.creations.map((c) => c.key)).toContain(
        rnnSignatureKey({ hiddenSize: 5, numLayers: 2, nonlinearity: 'tanh', bias: true, batchFirst: true, bidirectional: true, packed: false, dtype: 'float32' }),
      );
      expect(s.creationMsTotal).toBeGreaterThan(0);
    } finally {
      await a.dispose();
    }
    expect(a.cacheStats().sessions).toBe(0);
  });

  test('concurrent cases of one configuration create one session', async () => {
    const a = createOnnxRuntimeAdapter();
    try {
      await Promise.all([1, 2, 3, 4].map((seed) => a.rnn(makeRnnCase({ ...base, seed }))));
      expect(a.cacheStats()).toMatchObject({ hits: 3, misses: 1, sessions: 1 });
    } finally {
      await a.dispose();
    }
  });

  test('embedding sessions: one per dtype, index dtype and norm type; max_norm value is an input', async () => {
    const a = createOnnxRuntimeAdapter();
    const mk = (maxNorm: number | null, V: number) => ({
      config: { numEmbeddings: V, embeddingDim: 2, paddingIdx: null, maxNorm, normType: 2, scaleGradByFreq: false, sparse: false, dtype: 'float32' as const },
      weight: { dtype: 'float32', shape: [V, 2], data: new Float32Array(V * 2).fill(1) },
      indices: { dtype: 'int64', shape: [1], data: BigInt64Array.of(0n) },
    });
    try {
      await a.embedding(mk(null, 3));
      await a.embedding(mk(null, 9));
      await a.embedding(mk(1, 3));
      await a.embedding(mk(0.5, 4));
      expect(a.cacheStats()).toMatchObject({ hits: 2, misses: 2, sessions: 2 });
    } finally {
      await a.dispose();
    }
  });

  test('a session released by dispose() is recreated on demand', async () => {
    const a = createOnnxRuntimeAdapter();
    await a.rnn(makeRnnCase(base));
    await a.dispose();
    await a.rnn(makeRnnCase(base));
    expect(a.cacheStats()).toMatchObject({ misses: 2, sessions: 1 });
    await a.dispose();
  });
});
