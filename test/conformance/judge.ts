/**
 * Runs suite cases through an adapter and judges each one: `pass`, `fail` (wrong values, shapes or
 * dtypes, NaN, a throw, a time-out, a mutated input) or `unsupported` (not claimed, with the
 * reason). One case's failure never stops the run.
 */
import type { Adapter, PlainTensor } from '../../impl/contract.ts';
import { compareTensors, type Comparison, type Mismatch } from '../harness/compare.ts';
import { caseFile } from '../harness/golden.ts';
import { toleranceForCase, type Tolerance } from '../harness/tolerances.ts';
import type { SuiteCase } from './cases.ts';
import { GRADIENT_FEATURES, embeddingGradientsUnsupported, embeddingUnsupported, rnnGradientsUnsupported, rnnUnsupported } from './features.ts';

export type Status = 'pass' | 'fail' | 'unsupported';

/** A value outside its tolerance: which value, how many elements, the worst one, and the tolerance. */
export type CaseMismatch = Mismatch & { name: string } & Tolerance;

export interface CaseResult {
  id: string;
  kind: SuiteCase['kind'];
  features: string[];
  status: Status;
  /** Why it failed or is unsupported; for a pass, the closest comparison. */
  message: string;
  /** Worst headroom over the case's comparisons (0 = exact, 1 = at the tolerance). */
  headroom: number;
  maxAbsError: number;
  ms: number;
  /** A command that reruns just this case. */
  repro: string;
  /** Features of the case that were not checked, with the reason (e.g. gradients not claimed). */
  unsupportedFeatures?: Record<string, string>;
  /** The adapter's own stack trace, when it threw. */
  stack?: string;
  /** For values outside the tolerance: which value, how many elements, the worst one and the tolerance. */
  mismatch?: CaseMismatch;
  /** The file the case comes from: golden/cases/... or a regression file saved by fuzz. */
  fixture?: string;
  /** Set when a baseline of known failures is in use: a listed failure, an unlisted one, or a listed case that now passes. */
  baseline?: 'expected-failure' | 'new-failure' | 'fixed';
}

export interface RunOptions {
  timeoutMs?: number;
  /** How the CLI was called to select the adapter, for repro lines. */
  adapterArg?: string;
  /** The command that repro lines start with (default `npx rnnspec run`). */
  reproCommand?: string;
}

function snapshot(tensors: PlainTensor[]): Array<Uint8Array> {
  return tensors.map((t) => new Uint8Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength)));
}

function sameBytes(a: Uint8Array, t: PlainTensor): boolean {
  const b = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The inputs an adapter must leave untouched, by name. */
function readOnlyInputs(c: SuiteCase): Array<[string, PlainTensor]> {
  if (c.kind === 'rnn') {
    const i = c.input;
    return [
      ['input', i.input], ...(i.h0 ? [['h0', i.h0] as [string, PlainTensor]] : []),
      ...Object.entries(i.params), ...(i.dropoutMasks ?? []).map((m, k) => [`dropout_masks[${k}]`, m] as [string, PlainTensor]),
      ...(i.upstream ? [['upstream.output', i.upstream.output], ['upstream.h_n', i.upstream.h_n]] as Array<[string, PlainTensor]> : []),
    ];
  }
  const i = c.input;
  // max_norm is specified to renormalise weight in place; without it the weight is read-only too
  return [['indices', i.indices], ...(i.config.maxNorm === null ? [['weight', i.weight] as [string, PlainTensor]] : []), ...(i.upstream ? [['upstream', i.upstream] as [string, PlainTensor]] : [])];
}

/**
 * The case as the adapter can run it: without its gradient part when the adapter does not claim
 * gradients (its forward values are still checked, its gradient features reported unsupported).
 */
function forwardOnly(c: SuiteCase, adapter: Adapter): { c: SuiteCase; skipped?: Record<string, string> } {
  const reason = c.kind === 'rnn' ? rnnGradientsUnsupported(c.input, adapter.capabilities) : embeddingGradientsUnsupported(c.input, adapter.capabilities);
  if (reason === null) return { c };
  const gradientFeatures = c.features.filter((f) => GRADIENT_FEATURES.has(f));
  const { upstream: _dropped, ...input } = c.input;
  const stripped = { ...c, features: c.features.filter((f) => !GRADIENT_FEATURES.has(f)), input, expected: { ...c.expected, grads: {} } };
  return { c: stripped as SuiteCase, skipped: Object.fromEntries(gradientFeatures.map((f) => [f, reason])) };
}

export async function runCase(adapter: Adapter, full: SuiteCase, options: RunOptions = {}): Promise<CaseResult> {
  const repro = `${options.reproCommand ?? 'npx rnnspec run'} ${options.adapterArg ?? `--adapter ${adapter.name}`} --case ${full.id}`;
  const { c, skipped } = forwardOnly(full, adapter);
  const base = { id: c.id, kind: c.kind, features: c.features, repro, fixture: c.fixture ?? `golden/${caseFile(c.id)}`, ...(skipped ? { unsupportedFeatures: skipped } : {}) };
  const unsupported = c.kind === 'rnn' ? rnnUnsupported(c.input, adapter.capabilities) : embeddingUnsupported(c.input, adapter.capabilities);
  if (unsupported !== null) return { ...base, status: 'unsupported', message: unsupported, headroom: 0, maxAbsError: 0, ms: 0 };
  const run = c.kind === 'rnn' ? adapter.rnn : adapter.embedding;
  // claiming a capability without implementing it is the adapter's bug, not an unsupported feature
  if (!run) return { ...base, status: 'fail', message: `${adapter.name} claims ${c.kind === 'rnn' ? 'nn.RNN' : 'nn.Embedding'} but has no ${c.kind}() method`, headroom: Infinity, maxAbsError: Infinity, ms: 0 };

  // Each run gets its own copy of the case, so one adapter's in-place change cannot leak to the next.
  const input = structuredClone(c.input); // typed arrays included
  const guarded = readOnlyInputs({ ...c, input } as SuiteCase);
  const before = snapshot(guarded.map(([, t]) => t));
  const started = performance.now();
  let produced: Record<string, PlainTensor>;
  try {
    const result = await withTimeout(Promise.resolve().then(() => (run as (x: unknown) => unknown).call(adapter, input)), options.timeoutMs ?? 20_000);
    produced = c.kind === 'rnn' ? rnnProduced(result as never) : embeddingProduced(result as never);
  } catch (e) {
    const ms = performance.now() - started;
    const stack = e instanceof Error && e.stack ? { stack: e.stack } : {};
    return { ...base, status: 'fail', message: `${adapter.name} threw: ${e instanceof Error ? e.message : String(e)}`, headroom: Infinity, maxAbsError: Infinity, ms, ...stack };
  }
  const ms = performance.now() - started;
  const mutated = guarded.filter(([, t], k) => !sameBytes(before[k], t)).map(([name]) => name);
  if (mutated.length > 0) {
    return { ...base, status: 'fail', message: `${adapter.name} mutated its input ${mutated.join(', ')}`, headroom: Infinity, maxAbsError: Infinity, ms };
  }
  const expected: Record<string, PlainTensor> = {
    ...c.expected.outputs,
    ...Object.fromEntries(Object.entries(c.expected.grads).map(([k, v]) => [`grad.${k}`, v])),
  };
  const comparisons: Comparison[] = [];
  for (const [name, e] of Object.entries(expected)) {
    const a = produced[name];
    const context = `${c.kind} case=${c.id} impl=${adapter.name}`;
    if (a === undefined) {
      return { ...base, status: 'fail', message: `${name} is missing from the result [${context}]`, headroom: Infinity, maxAbsError: Infinity, ms };
    }
    const tol = toleranceForCase(c.kind, c.input, name, e.dtype);
    const cmp = compareTensors(a, e, { name, tolerance: tol, context });
    if (!cmp.ok) {
      const mismatch = cmp.mismatch && { name, ...cmp.mismatch, ...tol };
      return { ...base, status: 'fail', message: cmp.message, headroom: cmp.headroom, maxAbsError: cmp.maxAbsError, ms, ...(mismatch ? { mismatch } : {}) };
    }
    comparisons.push(cmp);
  }
  const worst = comparisons.reduce((w, x) => (x.headroom > w.headroom ? x : w), comparisons[0]);
  return {
    ...base, status: 'pass', message: worst?.message ?? 'no values to compare', ms,
    headroom: worst?.headroom ?? 0, maxAbsError: Math.max(0, ...comparisons.map((x) => x.maxAbsError)),
  };
}

function rnnProduced(r: { output: PlainTensor; h_n: PlainTensor; grads?: Record<string, PlainTensor> }): Record<string, PlainTensor> {
  if (!r || !r.output || !r.h_n) throw new Error('the result has no output or h_n');
  return { output: r.output, h_n: r.h_n, ...Object.fromEntries(Object.entries(r.grads ?? {}).map(([k, v]) => [`grad.${k}`, v])) };
}

function embeddingProduced(r: { output: PlainTensor; weightAfter: PlainTensor; gradWeight?: PlainTensor }): Record<string, PlainTensor> {
  if (!r || !r.output || !r.weightAfter) throw new Error('the result has no output or weightAfter');
  return { output: r.output, weight_after: r.weightAfter, ...(r.gradWeight ? { 'grad.weight': r.gradWeight } : {}) };
}

export async function runSuite(adapter: Adapter, cases: readonly SuiteCase[], options: RunOptions & { onResult?: (r: CaseResult) => void } = {}): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const r = await runCase(adapter, c, options);
    options.onResult?.(r);
    results.push(r);
  }
  return results;
}
