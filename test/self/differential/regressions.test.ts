/**
 * Replays every saved regression case (test/self/differential/regressions/*.json, see its README):
 * the file decodes, and the reference and ONNX Runtime agree on it. With no saved case, only the
 * self-check runs.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createOracles, diffCase, disposeOracles } from '../../conformance/oracles/differential.ts';
import { listRegressions, readRegression, REGRESSIONS_DIR } from '../../conformance/oracles/regressions.ts';

const files = listRegressions(REGRESSIONS_DIR);
const oracles = createOracles();
afterAll(() => disposeOracles(oracles));

test('the regressions folder is readable and every case file in it decodes', () => {
  expect(existsSync(REGRESSIONS_DIR)).toBe(true);
  expect(readdirSync(REGRESSIONS_DIR)).toContain('README.md');
  for (const file of files) expect(() => readRegression(file), file).not.toThrow();
});

describe('saved regression cases', () => {
  for (const file of files) {
    const r = readRegression(file);
    test(`${basename(file)}: reference and onnxruntime agree on ${r.description}`, async () => {
      const verdict = await diffCase(oracles, r.kind, r.case);

      expect(verdict.ok, `${verdict.message}\n  found: ${JSON.stringify(r.found)}`).toBe(true);
    });
  }
});
