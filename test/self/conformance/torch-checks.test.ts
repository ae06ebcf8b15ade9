/**
 * impl/torch-checks.ts (the PyTorch checks the ORT and tfjs adapters apply before their backend
 * answers) against PyTorch itself: on every golden rnn case that runs, it raises nothing; on every
 * forward-phase error case, it raises PyTorch's error or (for errors it does not model, such as a
 * dtype mismatch) nothing — never a different error.
 */
import { describe, expect, it } from 'vitest';
import { checkEmbeddingIndices, checkRnnInput } from '../../../impl/torch-checks.ts';
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

describe('checkEmbeddingIndices agrees with PyTorch (1.13 and 2.6 probed)', () => {
  const indices = (...v: number[]) => ({ dtype: 'int64' as const, shape: [v.length], data: BigInt64Array.from(v.map(BigInt)) });
  const raised = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      return { type: (e as Error).name, message: (e as Error).message };
    }
    return null;
  };
  it.each<[string, () => void, { type: string; message: string } | null]>([
    ['in range', () => checkEmbeddingIndices(indices(0, 2), 3, 2, false), null],
    ['past the end of a 3x2 table', () => checkEmbeddingIndices(indices(5), 3, 2, false), { type: 'IndexError', message: 'index out of range in self' }],
    ['into a 0x2 table', () => checkEmbeddingIndices(indices(5), 0, 2, false), { type: 'RuntimeError', message: 'index_select(): self indexing axis dim should be positive' }],
    ['past the end of a 3x0 table', () => checkEmbeddingIndices(indices(1, 5), 3, 0, false), { type: 'RuntimeError', message: 'INDICES element is out of DATA bounds, id=5 axis_dim=3' }],
    ['negative, into a 3x0 table', () => checkEmbeddingIndices(indices(-1), 3, 0, false), { type: 'RuntimeError', message: 'INDICES element is out of DATA bounds, id=-1 axis_dim=3' }],
  ])('%s', (_, fn, expected) => {
    expect(raised(fn)).toEqual(expected);
  });
});
