/**
 * Tests of the suite itself: every mutant (impl/mutants) must be caught, every misbehaving adapter
 * must fail with the runner's clear message, and an adapter that claims nothing must get
 * `unsupported` everywhere, never a pass.
 */
import { describe, expect, it } from 'vitest';
import { behaviourMutants, claimsNothing, contractMutants, numericMutants, sizeValueMutants } from '../../../impl/mutants/index.ts';
import { loadGolden } from '../../harness/golden.ts';
import { suiteCases } from '../../conformance/cases.ts';
import { summarize } from '../../conformance/report/index.ts';
import { runCase, runSuite } from '../../conformance/judge.ts';

const cases = suiteCases(loadGolden().cases);

describe('the suite catches every numeric mutant', () => {
  it.each(numericMutants.map((m) => [m.name, m] as const))('%s fails at least one case', async (_name, adapter) => {
    const results = await runSuite(adapter, cases);
    const failed = results.filter((r) => r.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    // a numeric mutant fails on values, with the one failure format
    expect(failed[0].message).toMatch(/ but should (be|have) .* \[(rnn|embedding) case=\S+ impl=mutant-/);
    expect(failed[0].repro).toBe(`npx rnnspec run --adapter ${adapter.name} --case ${failed[0].id}`);
  });
  it('the matrix marks the broken feature as failing', async () => {
    const adapter = numericMutants.find((m) => m.name === 'mutant-packed-h_n-includes-padding')!;
    const report = summarize(adapter.name, await runSuite(adapter, cases.filter((c) => c.kind === 'rnn')));
    expect(report.features.find((f) => f.feature === 'rnn.packed')?.status).toBe('fail');
    expect(report.features.find((f) => f.feature === 'rnn.tanh')?.status).toBe('fail');
    expect(report.features.find((f) => f.feature === 'rnn.unbatched')?.status).toBe('pass'); // no unbatched case is packed
  });
});

/**
 * The golden grid's realistic sizes and extreme values (scripts/golden: rnn size_*, long_*,
 * saturate_*, relu_zero_*; embedding large_table_*, wide_*) reach the bugs that small cases cannot:
 * each size and value mutant fails at least one of the cases written for it.
 */
describe('the golden grid catches every size and value mutant', () => {
  const aimedAt: Record<string, RegExp> = {
    'mutant-matmul-drops-columns-past-64': /^rnn\/size_/,
    'mutant-batch-chunks-drop-tail-past-32': /^rnn\/size_/,
    'mutant-indices-as-uint16': /^embedding\/large_table_/,
    'mutant-max_norm-norm-over-first-64': /^embedding\/wide_/,
    'mutant-relu-clamped-at-6': /^rnn\/saturate_relu/,
    'mutant-tanh-from-exp': /^rnn\/saturate_tanh/,
    'mutant-relu-derivative-1-at-0': /^rnn\/relu_zero_preactivation/,
  };
  it('every size and value mutant has the cases aimed at it', () => {
    expect(sizeValueMutants.map((m) => m.adapter.name).sort()).toEqual(Object.keys(aimedAt).sort());
  });
  it.each(sizeValueMutants.map((m) => [m.adapter.name, m.adapter] as const))('%s fails a case aimed at it', async (name, adapter) => {
    const aimed = cases.filter((c) => aimedAt[name].test(c.id));
    const failed = (await runSuite(adapter, aimed)).filter((r) => r.status === 'fail').map((r) => r.id);
    console.log(`${name}: fails ${failed.length} of the ${aimed.length} golden cases aimed at it: ${failed.join(', ')}`);
    expect(failed).not.toEqual([]);
  });
});

describe('the suite catches every contract v2 mutant in its feature', () => {
  it.each(contractMutants.map((m) => [m.adapter.name, m] as const))('%s fails its feature and nothing else', async (_name, { adapter, feature }) => {
    const results = await runSuite(adapter, cases.filter((c) => c.kind === feature.split('.')[0]));
    const failed = results.filter((r) => r.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    // every failure is in the feature the bug is about: the other features still pass
    expect(failed.filter((r) => !r.features.includes(feature)).map((r) => r.id)).toEqual([]);
    const report = summarize(adapter.name, results);
    expect(report.features.find((f) => f.feature === feature)?.status).toBe('fail');
  });
  it('an adapter that ignores enforce_sorted returns a result where PyTorch raises', async () => {
    const { adapter } = contractMutants.find((m) => m.feature === 'rnn.errors')!;
    const r = await runCase(adapter, cases.find((c) => c.id === 'rnn/error_packed_not_sorted')!);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^mutant-ignores-enforce_sorted returned a result, but PyTorch raises RuntimeError: `lengths` array must be sorted in decreasing order/);
  });
});

describe('misbehaving adapters fail with a clear message and the run goes on', () => {
  const rnnCase = cases.find((c) => c.kind === 'rnn' && c.input.input.shape.length === 3 && !c.input.lengths && c.input.input.data.length > 0)!;
  it.each(behaviourMutants.map((m) => [m.adapter.name, m] as const))('%s', async (_name, { adapter, message }) => {
    const r = await runCase(adapter, rnnCase, { timeoutMs: 200 });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(message);
  });
  it('a failing case does not stop the next one', async () => {
    const throwing = behaviourMutants[0].adapter;
    const results = await runSuite(throwing, cases.slice(0, 40));
    expect(results).toHaveLength(40);
    expect(results.some((r) => r.kind !== 'rnn' && r.status === 'pass') || results.every((r) => r.kind === 'rnn')).toBe(true);
  });
});

it('an adapter that claims nn.RNN without an rnn() method fails, with that reason', async () => {
  const { rnn: _missing, ...withoutRnn } = claimsNothing;
  const adapter = { ...withoutRnn, name: 'no-rnn-method', capabilities: behaviourMutants[0].adapter.capabilities };
  const r = await runCase(adapter, cases.find((c) => c.kind === 'rnn')!);
  expect(r.status).toBe('fail');
  expect(r.message).toBe('no-rnn-method claims nn.RNN but has no rnn() method');
});

it('an adapter that claims nothing is unsupported everywhere, with the reason', async () => {
  const results = await runSuite(claimsNothing, cases);
  expect(results.every((r) => r.status === 'unsupported')).toBe(true);
  expect(new Set(results.map((r) => r.message))).toEqual(new Set(['nn.RNN is not claimed', 'nn.Embedding is not claimed', 'tensor creation is not claimed']));
});
