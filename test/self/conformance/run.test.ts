/**
 * runConformance, the engine's one entry point for programs: case selection, baselines of known
 * failures, adapters that cannot load, contract v1 adapters, and the exit code each outcome gives.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../../impl/contract.ts';
import { numericMutants } from '../../../impl/mutants/index.ts';
import { createReferenceAdapter } from '../../../impl/reference/index.ts';
import { applyBaseline, BaselineError, baselineOf, readBaseline, type Baseline } from '../../conformance/baseline.ts';
import type { CaseResult } from '../../conformance/judge.ts';
import { conformanceCases, runConformance } from '../../conformance/run.ts';
import { SelectionError } from '../../conformance/select.ts';
import { NEWEST_TORCH } from '../../harness/golden.ts';

const dropsHiddenBias = numericMutants.find((m) => m.name === 'mutant-drops-b_hh')!;
const result = (id: string, status: CaseResult['status']): CaseResult => ({ id, kind: 'rnn', features: [], status, message: `${status} ${id}`, headroom: 0, maxAbsError: 0, ms: 0, repro: '' });

describe('case selection', () => {
  it('takes case ids by glob, features by name, ids exactly, and all three together', () => {
    const bidir = conformanceCases({ filter: ['rnn/*bidir*'] });
    expect(bidir.length).toBeGreaterThan(5);
    expect(bidir.every((c) => /^rnn\/.*bidir/.test(c.id))).toBe(true);
    const packed = conformanceCases({ features: ['rnn.packed'] });
    expect(packed.length).toBeGreaterThan(5);
    expect(packed.every((c) => c.features.includes('rnn.packed'))).toBe(true);
    expect(conformanceCases({ ids: [packed[0].id] }).map((c) => c.id)).toEqual([packed[0].id]);
    const both = conformanceCases({ filter: ['rnn/*bidir*'], features: ['rnn.packed'] });
    expect(both.every((c) => c.id.includes('bidir') && c.features.includes('rnn.packed'))).toBe(true);
  });

  it('refuses a feature or a case id that does not exist instead of running nothing', () => {
    expect(() => conformanceCases({ features: ['rnn.packd'] })).toThrow(SelectionError);
    expect(() => conformanceCases({ features: ['rnn.packd'] })).toThrow(/no feature rnn\.packd \(known: .*rnn\.packed/);
    expect(() => conformanceCases({ ids: ['rnn/nope'] })).toThrow(/no suite case rnn\/nope/);
  });
});

describe('baselines of known failures', () => {
  const baseline: Baseline = { rnnspecBaseline: 1, adapters: { impl: { 'a/listed': { why: 'known' }, 'a/flaky': { why: 'uninitialised memory', mayPass: true }, 'a/fixed': { why: 'was broken' } } } };

  it('marks listed failures expected, unlisted failures new, and listed cases that pass as fixed unless they may pass', () => {
    const results = [result('a/listed', 'fail'), result('a/new', 'fail'), result('a/fixed', 'pass'), result('a/flaky', 'pass'), result('a/other', 'pass'), result('a/skip', 'unsupported')];
    applyBaseline('impl', results, baseline);
    expect(results.map((r) => r.baseline)).toEqual(['expected-failure', 'new-failure', 'fixed', undefined, undefined, undefined]);
  });

  it("applies only the named adapter's entries", () => {
    const results = [result('a/listed', 'fail')];
    applyBaseline('another-impl', results, baseline);
    expect(results[0].baseline).toBe('new-failure');
  });

  it('writes the failures of a run as a baseline that reads back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnnspec-baseline-'));
    const written = baselineOf([{ adapter: 'impl', results: [result('a/x', 'fail'), result('a/y', 'pass')] }], '1.13');
    expect(written).toEqual({ rnnspecBaseline: 1, torch: '1.13', adapters: { impl: { 'a/x': { why: 'fail a/x' } } } });
    writeFileSync(join(dir, 'b.json'), JSON.stringify(written));
    expect(readBaseline(join(dir, 'b.json'))).toEqual(written);
  });

  it('refuses a malformed baseline, naming the file and the place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnnspec-baseline-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ rnnspecBaseline: 1, adapters: { impl: { 'a/x': { reason: 'typo' } } } }));
    expect(() => readBaseline(join(dir, 'bad.json'))).toThrow(BaselineError);
    expect(() => readBaseline(join(dir, 'bad.json'))).toThrow(/bad\.json is malformed at adapters\.impl\.a\/x/);
    expect(() => readBaseline(join(dir, 'missing.json'))).toThrow(/missing\.json cannot be read/);
  });
});

describe('runConformance', () => {
  const filter = ['rnn/tanh_l1_bias_*'];

  it('fails the run on a new failure and passes it when a baseline expects exactly those failures', async () => {
    const first = await runConformance({ adapters: [dropsHiddenBias], filter });
    const failures = first.reports[0].cases.filter((c) => c.status === 'fail');
    expect(failures.length).toBeGreaterThan(0);
    expect(first.exitCode).toBe(1);
    const baseline = baselineOf([{ adapter: dropsHiddenBias.name, results: first.reports[0].cases }]);
    const again = await runConformance({ adapters: [dropsHiddenBias], filter, baseline });
    expect(again.exitCode).toBe(0);
    expect(again.reports[0].cases.filter((c) => c.baseline === 'expected-failure').length).toBe(failures.length);
  });

  it('reports an adapter that cannot load and still runs the others (exit 1), or exit 2 when none could run', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rnnspec-run-'));
    const run = await runConformance({ adapters: ['./missing-adapter.mjs', createReferenceAdapter()], filter, cwd });
    expect(run.loadFailures).toEqual([{ spec: './missing-adapter.mjs', message: `adapter module ${join(cwd, 'missing-adapter.mjs')} does not exist` }]);
    expect(run.reports.map((r) => [r.implementation, r.loadError])).toEqual([['./missing-adapter.mjs', run.loadFailures[0].message], ['reference', undefined]]);
    expect(run.reports[1].cases.every((c) => c.status === 'pass')).toBe(true);
    expect(run.exitCode).toBe(1);
    const none = await runConformance({ adapters: ['./missing-adapter.mjs', 'no-such-built-in'], filter, cwd });
    expect(none.loadFailures.map((f) => f.spec)).toEqual(['./missing-adapter.mjs', 'no-such-built-in']);
    expect(none.loadFailures[1].message).toMatch(/neither a built-in adapter \(reference, onnxruntime, tfjs-cpu, tfjs-wasm\) nor a path/);
    expect(none.exitCode).toBe(2);
  });

  it("keeps a contract v1 adapter's noBias claim working", async () => {
    const reference = createReferenceAdapter();
    const { withoutBias: _new, ...v1Rnn } = reference.capabilities.rnn!;
    const v1: Adapter = { ...reference, name: 'v1', capabilities: { rnn: { ...v1Rnn, noBias: true } } };
    const run = await runConformance({ adapters: [v1], features: ['rnn.no_bias'] });
    const statuses = new Set(run.reports[0].cases.map((c) => c.status));
    expect(run.reports[0].cases.length).toBeGreaterThan(0);
    expect([...statuses]).toEqual(['pass']);
    const none: Adapter = { ...v1, capabilities: { rnn: { ...v1Rnn } } };
    const unclaimed = await runConformance({ adapters: [none], features: ['rnn.no_bias'] });
    expect(new Set(unclaimed.reports[0].cases.map((c) => c.message))).toEqual(new Set(['bias=False is not claimed']));
  });

  it('records what ran in its metadata', async () => {
    const run = await runConformance({ adapters: ['reference'], filter });
    expect(run.meta).toMatchObject({ pytorch: NEWEST_TORCH, node: process.versions.node, adapters: [{ name: 'reference', loadedFrom: 'reference', builtIn: true }] });
    expect(run.meta.rnnspec).toMatch(/^\d+\.\d+\.\d+/);
    expect(Date.parse(run.meta.startedAt)).toBeLessThanOrEqual(Date.now());
  });
});
