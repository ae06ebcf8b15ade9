/**
 * rnnspec inside the implementer's own vitest run, as promises-aplus-tests and abstract-level's
 * suite plug into theirs:
 *
 *   import { describeConformance } from 'rnnspec/vitest';
 *   describeConformance(myAdapter, { features: ['rnn.packed'], baseline: './rnnspec-baseline.json' });
 *
 * registers one vitest test per suite case, in a `describe` per feature (each case under the
 * rarest feature it exercises, its most telling one). A failing case fails with the message the CLI
 * prints; an unsupported case is skipped with its reason; a failure the baseline expects passes.
 * With `fuzz`, one more test per claimed API runs the fuzz engine (rnnspec fuzz) with those options.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../../impl/contract.ts';
import { loadAdapter, type AdapterSpec } from './adapters.ts';
import { applyBaseline, readBaseline, type Baseline } from './baseline.ts';
import type { SuiteCase } from './cases.ts';
import { runCase } from './judge.ts';
import { claimedKinds, formatFuzzResult, runFuzz, type FuzzOptions } from './fuzz/index.ts';
import { formatCase } from './report/index.ts';
import { conformanceCases } from './run.ts';
import type { Selection } from './select.ts';
import type { TorchVersion } from '../harness/golden.ts';

export interface DescribeConformanceOptions extends Selection {
  /** A baseline file (taken from `cwd`) or object of known failures. */
  baseline?: string | Baseline;
  /** The PyTorch version whose fixtures judge the cases (default the newest). */
  torch?: TorchVersion;
  /** Per-case time-out in ms (default 20000). */
  timeoutMs?: number;
  /** The folder relative paths are taken from (default: process.cwd()). */
  cwd?: string;
  /** Also fuzz the adapter (runs, seed, maxSize, timeBudgetMs, ...): one test per API it claims. */
  fuzz?: Omit<FuzzOptions, 'kinds' | 'onProgress'>;
}

/** Each case under the rarest of its features. */
function byFeature(cases: readonly SuiteCase[]): Map<string, SuiteCase[]> {
  const frequency = new Map<string, number>();
  for (const c of cases) for (const f of c.features) frequency.set(f, (frequency.get(f) ?? 0) + 1);
  const groups = new Map<string, SuiteCase[]>();
  for (const c of cases) {
    const rarest = c.features.reduce((a, b) => (frequency.get(b)! < frequency.get(a)! ? b : a));
    groups.set(rarest, [...(groups.get(rarest) ?? []), c]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

export function describeConformance(adapter: AdapterSpec | Promise<Adapter> | (() => Adapter | Promise<Adapter>), options: DescribeConformanceOptions = {}): void {
  const cases = conformanceCases(options);
  const baseline = typeof options.baseline === 'string' ? readBaseline(resolve(options.cwd ?? process.cwd(), options.baseline)) : options.baseline;
  let loaded: Adapter | undefined;
  const label = typeof adapter === 'string' ? adapter : typeof adapter === 'object' && 'name' in adapter ? adapter.name : 'adapter';
  describe(`rnnspec conformance of ${label}`, () => {
    beforeAll(async () => {
      const given = typeof adapter === 'function' ? await adapter() : await adapter;
      loaded = (await loadAdapter(given, { cwd: options.cwd, timeoutMs: options.timeoutMs })).adapter;
    });
    afterAll(async () => {
      await loaded?.dispose?.();
    });
    const fuzz = options.fuzz;
    if (fuzz) {
      describe('fuzz', () => {
        for (const kind of ['rnn', 'embedding'] as const) {
          it(`${kind} agrees with the reference on random cases`, async (ctx) => {
            if (!claimedKinds(loaded!).includes(kind)) ctx.skip(`${kind === 'rnn' ? 'nn.RNN' : 'nn.Embedding'} is not claimed`);
            const result = await runFuzz(loaded!, { ...fuzz, kinds: [kind] });
            expect(result.ok, formatFuzzResult(result)).toBe(true);
          }, (fuzz.timeBudgetMs ?? 60_000) + 60_000);
        }
      });
    }
    for (const [feature, group] of byFeature(cases)) {
      describe(feature, () => {
        for (const c of group) {
          it(c.id, async (ctx) => {
            const r = await runCase(loaded!, c, { timeoutMs: options.timeoutMs });
            if (baseline) applyBaseline(loaded!.name, [r], baseline);
            if (r.status === 'unsupported') ctx.skip(r.message);
            if (r.baseline === 'expected-failure') return;
            expect(r.status, formatCase(r, { color: false })).not.toBe('fail');
          }, (options.timeoutMs ?? 20_000) + 10_000);
        }
      });
    }
  });
}
