/**
 * The fuzz engine: fast-check properties over the capability space an implementation claims, with
 * the reference (validated by the goldens) as the oracle. One property per claimed API (nn.RNN,
 * nn.Embedding); each random case is judged by check.ts (the judge, the one tolerance rule).
 *
 *   runFuzz(adapter, { runs, seed, shard, maxSize, timeBudgetMs, saveDir, onProgress, ... })
 *
 * - `runs` cases per property (all shards together); `seed` fixes the sequence (random when
 *   omitted, always reported).
 * - `shard: {index, count}` (index 1-based, as vitest's and playwright's `--shard 2/4`): the k-th
 *   generated case (k from 0) runs on shard (k mod count) + 1, so n jobs with one seed split one
 *   campaign without overlap.
 * - `maxSize`: the largest size class drawn (arbitraries/fuzz.ts SIZE_LIMITS).
 * - `timeBudgetMs`: split evenly over the properties; when it runs out, the remaining cases are not
 *   run and the result says how many ran. Shrinking a failure gets up to as long again.
 * - A failure is shrunk (unless `shrink: false`), described as PyTorch options, reported with the
 *   failing comparison, a one-line replay (`rnnspec fuzz ... --seed S --path P`), and saved as a
 *   regression case in `saveDir` (fuzz/regressions.ts; `rnnspec run --cases DIR` replays it).
 * - `errorCases`: also out-of-range indices, where the implementation must raise the oracle's
 *   error (type and message); the reference-vs-ONNX-Runtime campaign uses it.
 */
import * as fc from 'fast-check'; // not @fast-check/vitest: shipped code, no test runner
import type { Adapter } from '../../../impl/contract.ts';
import { createReferenceAdapter } from '../../../impl/reference/index.ts';
import { embeddingCaseFromDraw, embeddingFuzzArb, rnnCaseFromDraw, rnnFuzzArb, type SizeClass } from '../../harness/arbitraries/fuzz.ts';
import type { CaseMismatch } from '../judge.ts';
import { checkCase } from './check.ts';
import { describeCase, type AnyCase, type Kind } from './describe.ts';
import { saveRegression } from './regressions.ts';

export interface FuzzOptions {
  /** Cases per property, over all shards (default 200). */
  runs?: number;
  /** Default: random (reported in the result). */
  seed?: number;
  /** fast-check's counterexample path: replays one failure (with its seed and kind). */
  path?: string;
  /** The properties to run (default: every API the adapter claims and implements). */
  kinds?: Kind[];
  /** 1-based shard of count; case k runs on shard (k mod count) + 1. */
  shard?: { index: number; count: number };
  /** Default 'medium'. */
  maxSize?: SizeClass;
  /** Wall-clock budget for all properties (default 60 s); the rest of the runs are skipped. */
  timeBudgetMs?: number;
  /** Per-case time-out of the implementation (default 20 s). */
  timeoutMs?: number;
  /** Shrink a failure to a small case (default true). */
  shrink?: boolean;
  /** Also draw out-of-range indices that must raise the oracle's error (default false). */
  errorCases?: boolean;
  /** Save each property's shrunk counterexample here as a regression case file. */
  saveDir?: string;
  /** How the implementation is named on the command line, for the replay line (default its name). */
  adapterArg?: string;
  /** The oracle (default: the reference adapter). */
  oracle?: Adapter;
  onProgress?: (p: FuzzProgress) => void;
}

export interface FuzzProgress {
  kind: Kind;
  phase: 'run' | 'shrink';
  /** Cases run by this shard so far (shrinking excluded). */
  ran: number;
  /** Cases this shard would run without a budget. */
  planned: number;
  elapsedMs: number;
}

export interface FuzzFailure {
  kind: Kind;
  /** The shrunk counterexample, as PyTorch options. */
  description: string;
  case: AnyCase;
  seed: number;
  path: string;
  shrinks: number;
  /** Cases this shard ran up to and including the first failing one. */
  runsToFailure: number;
  /** The judge's message for the shrunk case. */
  message: string;
  /** The failing comparison: value name, worst element, actual, expected, tolerance. */
  mismatch?: CaseMismatch;
  replay: string;
  savedTo?: string;
}

export interface PropertyReport {
  kind: Kind;
  /** Cases this shard ran (shrinking excluded). */
  ran: number;
  /** Cases this shard would have run: runs / shard count. */
  planned: number;
  /** Cases left to the other shards. */
  otherShards: number;
  /** Cases skipped because the time budget ran out. */
  notRun: number;
  /** Shrinking steps run after a failure. */
  shrinkRuns: number;
  ms: number;
  casesPerSecond: number;
  /** The closest pass: its headroom (1 = at the tolerance) and the judge's message. */
  worst: { headroom: number; message: string };
  failure?: FuzzFailure;
}

export interface FuzzResult {
  adapter: string;
  seed: number;
  runs: number;
  maxSize: SizeClass;
  shard: { index: number; count: number };
  properties: PropertyReport[];
  ok: boolean;
  /** True when the time budget stopped a property before its runs. */
  stoppedByBudget: boolean;
  ms: number;
  casesPerSecond: number;
}

export const FUZZ_DEFAULTS = { runs: 200, maxSize: 'medium' as SizeClass, timeBudgetMs: 60_000, timeoutMs: 20_000 };

export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** The kinds an adapter claims and implements. */
export function claimedKinds(adapter: Adapter): Kind[] {
  return [...(adapter.capabilities.rnn && adapter.rnn ? (['rnn'] as const) : []), ...(adapter.capabilities.embedding && adapter.embedding ? (['embedding'] as const) : [])];
}

function caseArb(kind: Kind, adapter: Adapter, o: { maxSize: SizeClass; errorCases: boolean }): fc.Arbitrary<AnyCase> {
  return kind === 'rnn'
    ? rnnFuzzArb(adapter.capabilities, o.maxSize).map(rnnCaseFromDraw)
    : embeddingFuzzArb(adapter.capabilities, o.maxSize, { errorCases: o.errorCases }).map(embeddingCaseFromDraw);
}

/** The one-line command that replays a failure (or, without a path, the whole run). */
export function replayCommand(o: { adapter: string; kind: Kind; seed: number; runs: number; maxSize: SizeClass; errorCases?: boolean; path?: string }): string {
  return `rnnspec fuzz --adapter ${o.adapter} --kind ${o.kind} --seed ${o.seed} --runs ${o.runs} --max-size ${o.maxSize}${o.errorCases ? ' --error-cases' : ''}${o.path ? ` --path "${o.path}"` : ''}`;
}

export async function runFuzz(adapter: Adapter, options: FuzzOptions = {}): Promise<FuzzResult> {
  const runs = options.runs ?? FUZZ_DEFAULTS.runs;
  const seed = options.seed ?? randomSeed();
  const maxSize = options.maxSize ?? FUZZ_DEFAULTS.maxSize;
  const shard = options.shard ?? { index: 1, count: 1 };
  if (!Number.isInteger(shard.count) || shard.count < 1 || !Number.isInteger(shard.index) || shard.index < 1 || shard.index > shard.count) {
    throw new Error(`shard ${shard.index}/${shard.count} is not a shard: the index must be 1 to the count`);
  }
  const kinds = options.kinds ?? claimedKinds(adapter);
  for (const k of kinds) if (!claimedKinds(adapter).includes(k)) throw new Error(`${adapter.name} does not claim ${k === 'rnn' ? 'nn.RNN' : 'nn.Embedding'}`);
  if (options.path !== undefined && kinds.length !== 1) throw new Error(`a path replays one property: give one kind (rnn or embedding), not ${kinds.length}`);
  const oracle = options.oracle ?? createReferenceAdapter();
  const budget = options.timeBudgetMs ?? FUZZ_DEFAULTS.timeBudgetMs;
  const started = performance.now();
  const properties: PropertyReport[] = [];
  for (const [i, kind] of kinds.entries()) {
    const share = (budget - (performance.now() - started)) / (kinds.length - i);
    properties.push(await runProperty(adapter, oracle, kind, { ...options, runs, seed, maxSize, shard, budgetMs: Math.max(0, share) }));
  }
  const ms = performance.now() - started;
  const ran = properties.reduce((s, p) => s + p.ran + p.shrinkRuns, 0);
  return {
    adapter: adapter.name, seed, runs, maxSize, shard, properties, ms,
    ok: properties.every((p) => !p.failure), stoppedByBudget: properties.some((p) => p.notRun > 0),
    casesPerSecond: ran / (ms / 1000),
  };
}

type PropertySettings = FuzzOptions & { runs: number; seed: number; maxSize: SizeClass; shard: { index: number; count: number }; budgetMs: number };

async function runProperty(adapter: Adapter, oracle: Adapter, kind: Kind, s: PropertySettings): Promise<PropertyReport> {
  const t0 = performance.now();
  const deadline = t0 + s.budgetMs;
  const shrinkDeadline = deadline + s.budgetMs;
  const replaying = s.path !== undefined;
  const planned = replaying ? s.runs : Math.ceil((s.runs - (s.shard.index - 1)) / s.shard.count);
  let generated = 0, ran = 0, otherShards = 0, notRun = 0, shrinkRuns = 0;
  let runsToFailure: number | undefined;
  let last: { message: string; mismatch?: CaseMismatch } | undefined;
  let worst = { headroom: 0, message: 'no case ran' };
  const property = fc.asyncProperty(caseArb(kind, adapter, { maxSize: s.maxSize, errorCases: s.errorCases ?? false }), async (c) => {
    const k = generated++;
    const shrinking = runsToFailure !== undefined;
    if (shrinking) {
      if (performance.now() > shrinkDeadline) return; // stop shrinking: the last failure stands
      shrinkRuns++;
    } else {
      if (!replaying && k % s.shard.count !== s.shard.index - 1) return void otherShards++;
      if (performance.now() > deadline) return void notRun++;
      ran++;
    }
    s.onProgress?.({ kind, phase: shrinking ? 'shrink' : 'run', ran, planned, elapsedMs: performance.now() - t0 });
    const v = await checkCase(adapter, oracle, kind, c, { timeoutMs: s.timeoutMs ?? FUZZ_DEFAULTS.timeoutMs });
    if (!v.ok) {
      runsToFailure ??= ran;
      last = { message: v.message, ...(v.mismatch ? { mismatch: v.mismatch } : {}) };
      throw new Error(v.message);
    }
    if (v.headroom >= worst.headroom && !shrinking) worst = { headroom: v.headroom, message: `${v.message} on ${describeCase(kind, c)}` };
  });
  const details = await fc.check(property, { numRuns: s.runs, seed: s.seed, ...(s.path ? { path: s.path } : {}), ...(s.shrink === false ? { endOnFailure: true } : {}) });
  const ms = performance.now() - t0;
  const report: PropertyReport = {
    kind, ran, planned, otherShards, notRun, shrinkRuns, ms, casesPerSecond: (ran + shrinkRuns) / (ms / 1000), worst,
  };
  if (!details.failed) return report;
  const [c] = (details.counterexample ?? []) as [AnyCase?];
  if (c === undefined || last === undefined) {
    const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`fuzz ${kind}: fast-check failed without a judged counterexample: ${why}`);
  }
  const path = details.counterexamplePath ?? '';
  const replay = replayCommand({ adapter: s.adapterArg ?? adapter.name, kind, seed: s.seed, runs: s.runs, maxSize: s.maxSize, errorCases: s.errorCases, path });
  const description = describeCase(kind, c);
  const failure: FuzzFailure = { kind, description, case: c, seed: s.seed, path, shrinks: details.numShrinks, runsToFailure: runsToFailure ?? ran, ...last, replay };
  if (s.saveDir) failure.savedTo = saveRegression(s.saveDir, { kind, found: { seed: s.seed, path, message: last.message, replay }, description, case: c });
  return { ...report, failure };
}

// ---- text -------------------------------------------------------------------------------------
const show = (v: number | bigint) => (typeof v === 'number' && Object.is(v, -0) ? '-0' : String(v));

export function propertySummary(r: FuzzResult, p: PropertyReport): string {
  const budget = p.notRun > 0 ? `, time budget ran out after ${p.ran} of ${p.planned}` : '';
  const shard = r.shard.count > 1 ? `, shard ${r.shard.index}/${r.shard.count}` : '';
  const verdict = p.failure ? `FAILED after ${p.failure.runsToFailure} cases` : `pass (closest: headroom ${p.worst.headroom.toPrecision(3)}, ${p.worst.message})`;
  return `fuzz ${r.adapter} ${p.kind}: seed ${r.seed}, ${p.ran} cases${shard}${budget}, ${(p.ms / 1000).toFixed(1)} s (${p.casesPerSecond.toFixed(1)} cases/s, max size ${r.maxSize}): ${verdict}`;
}

export function failureReport(f: FuzzFailure): string {
  const m = f.mismatch;
  return [
    `  case:     ${f.description}`,
    `  differs:  ${f.message}`,
    ...(m ? [`  worst:    ${m.name}[${m.index.join(',')}] = ${show(m.actual)}, expected ${show(m.expected)} (atol ${m.atol}, rtol ${m.rtol})`] : []),
    `  found:    after ${f.runsToFailure} cases, shrunk in ${f.shrinks} steps (seed ${f.seed}, path ${f.path})`,
    `  replay:   ${f.replay}`,
    ...(f.savedTo ? [`  saved:    ${f.savedTo} (rnnspec run --cases DIR replays it)`] : []),
  ].join('\n');
}

/** The run in words: one summary line per property, and each failure's report. */
export function formatFuzzResult(r: FuzzResult): string {
  return r.properties.map((p) => [propertySummary(r, p), ...(p.failure ? [failureReport(p.failure)] : [])].join('\n')).join('\n');
}
