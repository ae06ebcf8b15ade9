/**
 * The fuzz engine's power: with its default budget (runs and time) and a fixed seed, `runFuzz`
 * catches every size and value mutant (impl/mutants sizeValueMutants), bugs the golden grid of
 * small hand-readable cases cannot reach; each prints how many cases it took. The mutants' own
 * machinery without the bug (mutantControls) must pass, so that a catch is the bug's, not the
 * machinery's. Shrinking is off here (it only costs time; mechanics.test.ts tests it).
 */
import { describe, expect, test } from 'vitest';
import { mutantControls, sizeValueMutants } from '../../../impl/mutants/index.ts';
import { suiteCases } from '../../conformance/cases.ts';
import { runSuite } from '../../conformance/judge.ts';
import { runFuzz } from '../../conformance/fuzz/engine.ts';
import { loadGolden } from '../../harness/golden.ts';
import type { Kind } from '../../conformance/fuzz/describe.ts';

const SEED = 20261130;
/** Each mutant breaks one API: fuzz that one (the other would pass, at the cost of time). */
const kindOf = (name: string): Kind => (/indices|norm/.test(name) ? 'embedding' : 'rnn');

describe('fuzz with its default budget catches every size and value mutant', () => {
  test.each(sizeValueMutants.map((m) => [m.adapter.name, m] as const))('%s', async (name, { adapter, maxSize }) => {
    const result = await runFuzz(adapter, { seed: SEED, maxSize, kinds: [kindOf(name)], shrink: false });

    const p = result.properties[0];
    console.log(`${name}: ${p.failure ? `caught after ${p.failure.runsToFailure} cases` : `missed in ${p.ran} cases`} (max size ${maxSize}, seed ${SEED}, ${(p.ms / 1000).toFixed(1)} s)`);
    expect(p.failure?.message).toMatch(/ but should (be|have) .* \[(rnn|embedding) case=fuzz-(rnn|embedding) impl=mutant-/);
  });
});

describe("the mutants' machinery without the bug passes", () => {
  test.each(mutantControls.map((a) => [a.name, a] as const))('%s', async (name, adapter) => {
    const result = await runFuzz(adapter, { seed: SEED, maxSize: 'small', runs: 60, kinds: [name.includes('rnn') ? 'rnn' : 'embedding'] });

    expect(result.properties[0].failure?.message).toBeUndefined();
    expect(result.properties[0].ran).toBe(60);
  });
});

test("the mutants' machinery without the bug passes every golden case", async () => {
  const cases = suiteCases(loadGolden().cases);
  for (const adapter of mutantControls) {
    // the RNN from ops claims contract v1 only: its error cases are unsupported, nothing else
    const errorsOnly = (r: { status: string; features: string[] }) => r.status === 'unsupported' && r.features.every((f) => f.endsWith('.errors'));
    const failed = (await runSuite(adapter, cases)).filter((r) => r.status !== 'pass' && !(adapter.capabilities.errors === undefined && errorsOnly(r)));
    expect(failed.map((r) => `${r.id}: ${r.message}`)).toEqual([]);
  }
});
