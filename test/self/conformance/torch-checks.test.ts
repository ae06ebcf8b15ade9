/**
 * impl/torch-checks.ts (the PyTorch checks the ORT and tfjs adapters apply before their backend
 * answers) against PyTorch itself: on every golden rnn case that runs, it raises nothing; on every
 * forward-phase error case, it raises PyTorch's error or (for errors it does not model, such as a
 * dtype mismatch) nothing — never a different error.
 */
import { describe, expect, it } from 'vitest';
import { checkRnnInput } from '../../../impl/torch-checks.ts';
import { loadGolden } from '../../harness/golden.ts';
import { rnnInputOf } from '../../conformance/cases.ts';

// impl/torch-checks.ts models PyTorch 1.13's checks (2.x raises other errors for some inputs: README, "What changed")
const rnn = loadGolden({ torch: '1.13' }).cases.filter((c) => c.api === 'rnn' && c.inputs?.input && c.expected.error?.phase !== 'construct' && c.expected.error?.phase !== 'backward');

describe('checkRnnInput agrees with PyTorch', () => {
  it('covers the golden rnn cases and most of their forward errors', () => {
    const raised = rnn.filter((c) => c.expected.error && (() => { try { checkRnnInput(rnnInputOf(c, '1.13')); return false; } catch { return true; } })());
    expect(rnn.length).toBeGreaterThan(180);
    expect(raised.length).toBeGreaterThan(20);
  });
  it.each(rnn.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    let error: Error | undefined;
    try {
      checkRnnInput(rnnInputOf(c, '1.13'));
    } catch (e) {
      error = e as Error;
    }
    if (!c.expected.error) return void expect(error, error?.message).toBeUndefined();
    if (error) expect({ type: error.name, message: error.message }).toEqual({ type: c.expected.error.type, message: c.expected.error.message });
  });
});
