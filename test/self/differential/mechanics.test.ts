/**
 * The differential machinery itself (array-api-tests' meta tests): a deliberately wrong oracle is
 * caught and shrunk, its seed + path replay the same counterexample, a saved regression file
 * round-trips the case bit for bit, and the settings come from the documented env vars.
 * Regression files are written to a temporary folder, never to test/self/differential/regressions.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Adapter, EmbeddingCase, PlainTensor, RnnCase } from '../../../impl/contract.ts';
import { createOracles, diffCase, disposeOracles, failureReport, replayCommand, runProperty, settingsFromEnv, type Oracles } from '../../conformance/oracles/differential.ts';
import { readRegression, regressionFileName, saveFailure, saveRegression } from '../../conformance/oracles/regressions.ts';

const oracles = createOracles();
const dir = mkdtempSync(join(tmpdir(), 'rnnspec-regressions-'));
afterAll(async () => {
  await disposeOracles(oracles);
  rmSync(dir, { recursive: true, force: true });
});

/** ORT, except that a bidirectional RNN's output[0] is off by 1e-3: a bug only some cases show. */
function brokenOnnxRuntime(): Adapter {
  const ort = oracles.onnxruntime;
  return {
    ...ort,
    name: 'onnxruntime-broken',
    async rnn(c: RnnCase) {
      const r = await ort.rnn(c);
      if (!c.config.bidirectional || r.output.data.length === 0) return r;
      const data = (r.output.data as Float32Array).slice();
      data[0] += 1e-3;
      return { ...r, output: { ...r.output, data } };
    },
  };
}
const broken: Oracles = { reference: oracles.reference, onnxruntime: brokenOnnxRuntime() };

const bits = (t: PlainTensor) => Array.from(t.data as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? v : Object.is(v, -0) ? '-0' : v));

describe('a disagreement is caught, shrunk and replayed', () => {
  test('a wrong bidirectional output is found, shrunk to a small case, and reported with a replay command', async () => {
    const result = await runProperty('rnn', broken, { runs: 300, seed: 42 });

    expect(result.failure).toBeDefined();
    const c = result.failure!.case as RnnCase;
    expect(c.config.bidirectional).toBe(true);
    expect(c.config.numLayers).toBe(1);
    expect(result.failure!.message).toMatch(/^output\[0(,0)*\] = .* but should be .* \(atol 0.00001, rtol 0.0000013\) \[rnn differential/);
    expect(failureReport(result)).toContain(`replay: RNNSPEC_SEED=42 RNNSPEC_PATH="${result.failure!.path}" npx vitest run test/self/differential/rnn.test.ts`);
  });

  test('the seed and path replay the same shrunk counterexample', async () => {
    const first = await runProperty('rnn', broken, { runs: 300, seed: 7 });

    const replay = await runProperty('rnn', broken, { runs: 300, seed: 7, path: first.failure!.path });

    expect(replay.failure?.case).toEqual(first.failure!.case);
    expect(replay.evaluated).toBeLessThan(first.evaluated);
  });

  test('the correct oracles agree where the broken one was caught', async () => {
    const { failure } = await runProperty('rnn', broken, { runs: 300, seed: 42 });

    expect((await diffCase(oracles, 'rnn', failure!.case)).ok).toBe(true);
  });
});

describe('regression files', () => {
  test('saveFailure writes <kind>-<seed>-<hash>.json that decodes to the same case, bit for bit', async () => {
    const result = await runProperty('rnn', broken, { runs: 300, seed: 42 });

    const path = saveFailure(dir, result);
    const r = readRegression(path);

    expect(path).toMatch(/\/rnn-42-[0-9a-f]{10}\.json$/);
    expect(r.kind).toBe('rnn');
    expect(r.found).toEqual({ seed: 42, path: result.failure!.path, message: result.failure!.message, replay: replayCommand('rnn', 42, result.failure!.path) });
    expect(r.case).toEqual(result.failure!.case);
    expect((await diffCase(broken, 'rnn', r.case)).ok).toBe(false);
    expect((await diffCase(oracles, 'rnn', r.case)).ok).toBe(true);
  });

  test('-0, ±inf, NaN, int64 indices, and a non-finite norm_type survive the round trip; one case saves to one file', () => {
    const c: EmbeddingCase = {
      config: { numEmbeddings: 2, embeddingDim: 3, paddingIdx: null, maxNorm: 1.5, normType: -Infinity, scaleGradByFreq: false, sparse: false, dtype: 'float32' },
      weight: { dtype: 'float32', shape: [2, 3], data: Float32Array.of(-0, Infinity, -Infinity, NaN, 1e-45, -3.5) },
      indices: { dtype: 'int64', shape: [2, 1], data: BigInt64Array.of(1n, 0n) },
    };
    const r = { kind: 'embedding' as const, found: {}, description: 'hand-made', case: c };

    const path = saveRegression(dir, r);
    saveRegression(dir, r);
    const read = readRegression(path);
    const back = read.case as EmbeddingCase;

    expect(readdirSync(dir).filter((f) => f === regressionFileName(r))).toHaveLength(1);
    expect(path).toMatch(/\/embedding-manual-[0-9a-f]{10}\.json$/);
    expect(back.config).toEqual(c.config);
    expect(back.weight.data).toBeInstanceOf(Float32Array);
    expect(bits(back.weight)).toEqual(bits(c.weight));
    expect(back.indices.data).toBeInstanceOf(BigInt64Array);
    expect(bits(back.indices)).toEqual(bits(c.indices));
  });

  test('a malformed file is refused with a message that names it', () => {
    const path = join(dir, 'rnn-1-broken.json');
    writeFileSync(path, readFileSync(saveRegression(dir, { kind: 'rnn', found: {}, description: 'x', case: { config: {} as never, params: {}, input: { dtype: 'float32', shape: [2], data: Float32Array.of(1, 2) } } }), 'utf8').replace('"shape": [2]', '"shape": [3]'));

    expect(() => readRegression(path)).toThrow(`${path} is not a readable regression case: tensor of shape [3] has 2 elements`);
    writeFileSync(path, '{"format": 2}');
    expect(() => readRegression(path)).toThrow(new RegExp(`^${path} is not a readable regression case: format: `));
  });
});

describe('settings', () => {
  test('runs, seed, path and save come from RNNSPEC_RUNS, RNNSPEC_SEED, RNNSPEC_PATH and RNNSPEC_SAVE', () => {
    expect(settingsFromEnv(100, { RNNSPEC_RUNS: '7', RNNSPEC_SEED: '123', RNNSPEC_PATH: '4:1:0', RNNSPEC_SAVE: '1' })).toEqual({ runs: 7, seed: 123, path: '4:1:0', save: true });
    const dflt = settingsFromEnv(100, {});
    expect(dflt).toMatchObject({ runs: 100, save: false });
    expect(Number.isInteger(dflt.seed)).toBe(true);
    expect(() => settingsFromEnv(100, { RNNSPEC_SEED: 'abc' })).toThrow('RNNSPEC_SEED=abc is not an integer');
  });

  test('the replay command is one line: seed, path and the test file', () => {
    expect(replayCommand('embedding', 123, '4:1:0')).toBe('RNNSPEC_SEED=123 RNNSPEC_PATH="4:1:0" npx vitest run test/self/differential/embedding.test.ts');
    expect(replayCommand('rnn', 5)).toBe('RNNSPEC_SEED=5 npx vitest run test/self/differential/rnn.test.ts');
  });
});
