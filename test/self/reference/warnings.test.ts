/**
 * reference/warnings.ts: Python's `warnings.warn` under the default filter (each text printed once, as
 * "UserWarning: text") and `warnings.catch_warnings(record=True)`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catchWarnings } from '../../../reference/index.ts';
import { warn } from '../../../reference/warnings.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('warn', () => {
  it('with nobody catching, prints each text once, with its type, on stderr', () => {
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => {});
    warn('rnnspec test: printed once');
    warn('rnnspec test: printed once');
    warn('rnnspec test: another text');
    expect(printed.mock.calls).toEqual([['UserWarning: rnnspec test: printed once'], ['UserWarning: rnnspec test: another text']]);
  });
  it('catchWarnings records every warning, repeats included, and prints none', () => {
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { result, warnings } = catchWarnings(() => {
      warn('rnnspec test: caught');
      warn('rnnspec test: caught');
      return 7;
    });
    expect(result).toBe(7);
    expect(warnings).toEqual([
      { type: 'UserWarning', message: 'rnnspec test: caught' },
      { type: 'UserWarning', message: 'rnnspec test: caught' },
    ]);
    expect(printed).not.toHaveBeenCalled();
  });
  it('after catchWarnings returns (or throws), warnings are printed again, not recorded', () => {
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { warnings } = catchWarnings(() => 0);
    expect(() => catchWarnings(() => { throw new Error('boom'); })).toThrow('boom');
    warn('rnnspec test: after the catch');
    expect(warnings).toEqual([]);
    expect(printed.mock.calls).toEqual([['UserWarning: rnnspec test: after the catch']]);
  });
});
