/**
 * Replays every saved regression case (test/self/differential/regressions/*.json, see its README):
 * the file decodes, ONNX Runtime agrees with the reference on it (the fuzz engine's check), and the
 * folder loads as suite cases (`rnnspec run --cases DIR`) that ONNX Runtime passes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createOnnxRuntimeAdapter } from '../../../impl/onnxruntime/index.ts';
import { createReferenceAdapter } from '../../../impl/reference/index.ts';
import { runSuite } from '../../conformance/judge.ts';
import { checkCase } from '../../conformance/fuzz/check.ts';
import { listRegressions, loadRegressionCases, readRegression, REGRESSIONS_DIR } from '../../conformance/fuzz/regressions.ts';

const files = listRegressions(REGRESSIONS_DIR);
const onnxruntime = createOnnxRuntimeAdapter();
const reference = createReferenceAdapter();
afterAll(() => onnxruntime.dispose());

test('the regressions folder is readable and every case file in it decodes', () => {
  expect(existsSync(REGRESSIONS_DIR)).toBe(true);
  expect(readdirSync(REGRESSIONS_DIR)).toContain('README.md');
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect(() => readRegression(file), file).not.toThrow();
});

describe('saved regression cases', () => {
  for (const file of files) {
    const r = readRegression(file);
    test(`${basename(file)}: reference and onnxruntime agree on ${r.description}`, async () => {
      const verdict = await checkCase(onnxruntime, reference, r.kind, r.case);

      expect(verdict.ok, `${verdict.message}\n  found: ${JSON.stringify(r.found)}`).toBe(true);
    });
  }

  test('the folder loads as suite cases that the judge runs, and onnxruntime passes them', async () => {
    const { cases, errorCases } = await loadRegressionCases(REGRESSIONS_DIR);

    expect(cases.length + errorCases.length).toBe(files.length);
    const results = await runSuite(onnxruntime, cases);
    expect(results.map((x) => `${x.id}: ${x.status} ${x.message}`)).toEqual(results.map((x) => `${x.id}: pass ${x.message}`));
  });
});
