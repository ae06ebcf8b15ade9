/**
 * What the judge records about a failure for the reports: the mismatched value, how many of its
 * elements are outside the tolerance, the worst one with actual and expected, the tolerance and
 * the fixture file.
 */
import { describe, expect, it } from 'vitest';
import type { Adapter, RnnCase, RnnResult } from '../../../impl/contract.ts';
import { createReferenceAdapter } from '../../../impl/reference/index.ts';
import { loadGolden } from '../../harness/golden.ts';
import { suiteCases } from '../../conformance/cases.ts';
import { runCase } from '../../conformance/judge.ts';

const reference = createReferenceAdapter();
const c = suiteCases(loadGolden().cases).find((x) => x.kind === 'rnn' && x.input.config.dtype === 'float32' && !x.input.lengths && x.expected.outputs.output.shape.length === 3)!;

/** The reference's answer with output's first element off by 1 and its last off by 0.5. */
const offByOne: Adapter = {
  name: 'off-by-one',
  capabilities: reference.capabilities,
  rnn: (input: RnnCase) => {
    const r = reference.rnn!(input) as RnnResult;
    const data = Float32Array.from(r.output.data as Float32Array);
    data[0] += 1;
    data[data.length - 1] += 0.5;
    return { ...r, output: { ...r.output, data } };
  },
};

describe('the judge records the mismatch of a failing case', () => {
  it('two elements of output off by 1 and 0.5: count 2, the worst at [0,0,0] with actual, expected and the float32 forward tolerance', async () => {
    const r = await runCase(offByOne, c);
    const expected = (c.expected.outputs.output.data as Float32Array)[0];

    expect(r.status).toBe('fail');
    expect(r.mismatch).toEqual({ name: 'output', count: 2, index: [0, 0, 0], actual: Math.fround(expected + 1), expected, atol: 1e-5, rtol: 1.3e-6 });
  });

  it('every result names the file it comes from (golden/<version>/cases/...), and a pass has no mismatch', async () => {
    const r = await runCase(reference, c);

    expect(r.status).toBe('pass');
    expect(r.mismatch).toBeUndefined();
    expect(r.fixture).toBe(`golden/${c.torch}/cases/${c.id}.json`);
  });
});
