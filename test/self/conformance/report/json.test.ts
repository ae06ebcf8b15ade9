/**
 * The JSON report against its JSON Schema (report.schema.json, validated with ajv): real reports
 * from the judge (the reference passing, a mutant failing, an adapter claiming nothing), the
 * hand-written ones with a baseline and the oracle sections; numbers JSON cannot hold as strings.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { claimsNothing, numericMutants } from '../../../../impl/mutants/index.ts';
import { createReferenceAdapter } from '../../../../impl/reference/index.ts';
import { NEWEST_TORCH, loadGolden } from '../../../harness/golden.ts';
import { TOLERANCES } from '../../../harness/tolerances.ts';
import { suiteCases } from '../../../conformance/cases.ts';
import { runSuite } from '../../../conformance/judge.ts';
import { REPORT_SCHEMA, formatJson, summarize, unloadable, type ReportExtras } from '../../../conformance/report/index.ts';
import { meta, reports, result } from './results.ts';

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(REPORT_SCHEMA, 'utf8')));
const errors = () => JSON.stringify(validate.errors, null, 1);

const extras: ReportExtras = {
  disagreements: { voted: 2, agree: 1, disagreements: [{ id: 'rnn/odd', verdict: 'odd-one-out', odd: 'onnxruntime', pairs: [], message: 'golden and reference agree' }], unanswered: [{ id: 'rnn/y', reason: 'onnxruntime raised boom' }] },
  exportFidelity: { tolerance: TOLERANCES.float32.forward, rows: [{ id: 'rnn/m', onnx: 'onnx/rnn/m.onnx', status: 'fail', maxAbsError: Infinity, headroom: Infinity, message: 'onnxruntime raised: no model' }] },
};

describe('the JSON report follows its schema', () => {
  it('for a real run: the reference passing, a mutant failing with its mismatch, an adapter claiming nothing, one that did not load', async () => {
    const cases = suiteCases(loadGolden().cases).filter((c) => c.kind === 'rnn').slice(0, 12);
    const mutant = numericMutants.find((m) => m.name === 'mutant-drops-b_hh')!;
    const rs = [
      summarize('reference', await runSuite(createReferenceAdapter(), cases)),
      summarize(mutant.name, await runSuite(mutant, cases)),
      summarize(claimsNothing.name, await runSuite(claimsNothing, cases)),
      unloadable('broken', 'Cannot find module ./nope.mjs'),
    ];
    const json = JSON.parse(formatJson(rs, extras, meta(rs)));

    expect(validate(json), errors()).toBe(true);
    const failed = json.implementations[1].cases.find((c: { status: string }) => c.status === 'fail');
    expect(failed.mismatch).toMatchObject({ name: expect.any(String), count: expect.any(Number), index: expect.any(Array) });
    expect(failed.tolerance).toEqual({ atol: expect.any(Number), rtol: expect.any(Number) });
    expect(failed.fixture).toBe(`golden/${NEWEST_TORCH}/cases/${failed.id}.json`);
    expect(json.implementations[2].counts).toMatchObject({ total: 12, unsupported: 12 });
  });

  it('with metadata, a baseline, and values JSON cannot hold written as strings', () => {
    const odd = result('rnn/z', 'fail', ['rnn.forward'], { mismatch: { name: 'h_n', count: 1, index: [0], actual: -0, expected: 3n, atol: 0, rtol: 0 }, maxAbsError: NaN });
    const rs = [...reports(), summarize('odd', [odd])];
    const json = JSON.parse(formatJson(rs, {}, meta(rs)));

    expect(validate(json), errors()).toBe(true);
    expect(json.schemaVersion).toBe(1);
    expect(json.meta).toMatchObject({
      rnnspec: JSON.parse(readFileSync('package.json', 'utf8')).version, pytorch: '1.13', node: process.versions.node, startedAt: '2026-01-02T03:04:05.000Z', durationMs: 12300,
      command: "rnnspec run --adapter './tfjs adapter.mjs'", adapters: [{ name: 'impl', builtIn: true, loadedFrom: 'impl' }, { name: 'tfjs', builtIn: false, loadedFrom: '/home/me/tfjs adapter.mjs' }],
    });
    expect(json.meta.counts.overall).toEqual({ total: 10, failed: 3, expectedFailures: 1, passed: 2, fixed: 1, unsupported: 3 });
    expect(json.meta.counts.byAdapter.tfjs).toEqual({ total: 3, failed: 1, expectedFailures: 1, passed: 0, fixed: 1, unsupported: 0 });
    expect(json.implementations[1].cases.map((c: { outcome: string; baseline: string }) => [c.outcome, c.baseline])).toEqual([['expected-failure', 'expected-failure'], ['fail', 'new-failure'], ['fixed', 'fixed']]);
    expect(json.implementations[2].cases[0]).toMatchObject({ mismatch: { actual: '-0', expected: '3' }, tolerance: { atol: 0, rtol: 0 }, headroom: 'Infinity', maxAbsError: 'NaN' });
  });

  it('the schema rejects what is not a report: an unknown status, a missing meta, a mismatch without its worst index', () => {
    const rs = reports();
    const good = JSON.parse(formatJson(rs, {}, meta(rs)));
    const bad = (edit: (j: typeof good) => void) => { const j = structuredClone(good); edit(j); return validate(j); };

    expect(bad((j) => { j.implementations[0].cases[0].status = 'passed'; })).toBe(false);
    expect(bad((j) => { delete j.meta; })).toBe(false);
    expect(bad((j) => { delete j.implementations[0].cases[1].mismatch.index; })).toBe(false);
    expect(bad(() => {})).toBe(true);
  });
});
