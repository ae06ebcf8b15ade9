/**
 * describeConformance inside this very vitest run: the reference registers and passes its cases;
 * a mutant's failures pass only because a baseline lists them (the baseline is written from a
 * run of the CLI's engine, not by hand). Unsupported cases show up as skipped with their reason.
 * The reference also fuzzes itself briefly against itself as oracle, through the same option users set.
 */
import { describe, expect, it } from 'vitest';
import { numericMutants } from '../../../impl/mutants/index.ts';
import { createReferenceAdapter } from '../../../impl/reference/index.ts';
import { baselineOf } from '../../conformance/baseline.ts';
import { runConformance } from '../../conformance/run.ts';
import { describeConformance } from '../../conformance/vitest.ts';

const filter = ['rnn/tanh_l1_bias_*', 'embedding/padding_idx*'];
describeConformance(createReferenceAdapter(), { filter, fuzz: { runs: 10, seed: 20261130, maxSize: 'small' } });

const mutant = numericMutants.find((m) => m.name === 'mutant-drops-b_hh')!;
const first = await runConformance({ adapters: [mutant], filter });
describe('the mutant run that the baseline comes from', () => {
  it('fails some cases, so the baselined describeConformance below has failures to absorb', () => {
    expect(first.reports[0].cases.filter((c) => c.status === 'fail').length).toBeGreaterThan(0);
  });
});
describeConformance(mutant, { filter, baseline: baselineOf([{ adapter: mutant.name, results: first.reports[0].cases }]) });
describeConformance(async () => ({ ...createReferenceAdapter(), name: 'rnn-only', capabilities: { rnn: createReferenceAdapter().capabilities.rnn } }), { filter });
