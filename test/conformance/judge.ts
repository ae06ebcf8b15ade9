/**
 * Runs suite cases through an adapter and judges each one: `pass`, `fail` (wrong values, shapes or
 * dtypes, NaN, a throw, a time-out, a mutated input) or `unsupported` (not claimed, with the
 * reason). One case's failure never stops the run.
 */
import type { Adapter, EmbeddingResult, PlainTensor, RnnResult } from '../../impl/contract.ts';
import { compareTensors, type Comparison, type Mismatch } from '../harness/compare.ts';
import { caseFile } from '../harness/golden.ts';
import { EXACT, toleranceForCase, type Tolerance } from '../harness/tolerances.ts';
import type { ModelCase, SuiteCase } from './cases.ts';
import {
  GRADIENT_FEATURES, embeddingGradientsUnsupported, embeddingUnsupported, errorsUnsupported, optionalFeatures, rnnGradientsUnsupported, rnnUnsupported,
  tensorUnsupported,
} from './features.ts';
import { probeTensor, type TensorProbe } from './tensor-probe.ts';
import { RunnerError } from './runner-error.ts';

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
    timer = setTimeout(() => reject(new RunnerError(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The inputs an adapter must leave untouched, by name. */
function readOnlyInputs(c: ModelCase): Array<[string, PlainTensor]> {
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
function forwardOnly(c: ModelCase, adapter: Adapter): { c: ModelCase; skipped?: Record<string, string> } {
  const reason = c.kind === 'rnn' ? rnnGradientsUnsupported(c.input, adapter.capabilities) : embeddingGradientsUnsupported(c.input, adapter.capabilities);
  if (reason === null) return { c };
  const gradientFeatures = c.features.filter((f) => GRADIENT_FEATURES.has(f));
  const { upstream: _dropped, ...input } = c.input;
  const stripped = { ...c, features: c.features.filter((f) => !GRADIENT_FEATURES.has(f)), input, expected: { ...c.expected, grads: {} } };
  return { c: stripped as ModelCase, skipped: Object.fromEntries(gradientFeatures.map((f) => [f, reason])) };
}

/**
 * An error case's verdict: with `errors: true` any throw passes; with `errors: 'exact'` the error's
 * `name` and `message` must be PyTorch's exception type and text. null: it passes.
 */
function errorVerdict(e: unknown, expected: { type: string; message: string }, adapter: Adapter): string | null {
  if (adapter.capabilities.errors !== 'exact') return null;
  const name = e instanceof Error ? e.name : typeof e;
  const message = e instanceof Error ? e.message : String(e);
  if (name === expected.type && message === expected.message) return null;
  return `${adapter.name} threw ${name}: ${message} but PyTorch raises ${expected.type}: ${expected.message}`;
}

export async function runCase(adapter: Adapter, full: SuiteCase, options: RunOptions = {}): Promise<CaseResult> {
  const repro = `${options.reproCommand ?? 'npx rnnspec run'} ${options.adapterArg ?? `--adapter ${adapter.name}`} --case ${full.id}`;
  if (full.kind === 'tensor') return runTensorCase(adapter, full, repro, options);
  const expectedError = full.expected.error;
  // an error case keeps its upstream: a backward error needs it, and errorsUnsupported asks for gradients then
  const { c, skipped } = expectedError ? { c: full, skipped: undefined } : forwardOnly(full, adapter);
  // contract v2's optional results: a claimed one is a feature of the case, an unclaimed one is reported unsupported
  const optional = expectedError ? {} : optionalFeatures(c, adapter.capabilities);
  const notClaimed = Object.fromEntries(Object.entries(optional).filter(([, reason]) => reason !== null)) as Record<string, string>;
  const features = [...c.features, ...Object.keys(optional).filter((f) => optional[f] === null)];
  const unsupportedFeatures = { ...skipped, ...notClaimed };
  const base = {
    id: c.id, kind: c.kind, features, repro, fixture: c.fixture ?? `golden/${c.torch}/${caseFile(c.id)}`,
    ...(Object.keys(unsupportedFeatures).length > 0 ? { unsupportedFeatures } : {}),
  };
  const unsupported = expectedError
    ? errorsUnsupported(c, adapter.capabilities)
    : c.kind === 'rnn' ? rnnUnsupported(c.input, adapter.capabilities) : embeddingUnsupported(c.input, adapter.capabilities);
  if (unsupported !== null) return { ...base, status: 'unsupported', message: unsupported, headroom: 0, maxAbsError: 0, ms: 0 };
  const run = c.kind === 'rnn' ? adapter.rnn : adapter.embedding;
  // claiming a capability without implementing it is the adapter's bug, not an unsupported feature
  if (!run) return { ...base, status: 'fail', message: `${adapter.name} claims ${c.kind === 'rnn' ? 'nn.RNN' : 'nn.Embedding'} but has no ${c.kind}() method`, headroom: Infinity, maxAbsError: Infinity, ms: 0 };

  // Each run gets its own copy of the case, so one adapter's in-place change cannot leak to the next.
  const input = structuredClone(c.input); // typed arrays included
  const guarded = readOnlyInputs({ ...c, input } as ModelCase);
  const before = snapshot(guarded.map(([, t]) => t));
  const started = performance.now();
  let result: unknown;
  const failed = (message: string, ms: number, extra: Partial<CaseResult> = {}): CaseResult => ({ ...base, status: 'fail', message, headroom: Infinity, maxAbsError: Infinity, ms, ...extra });
  try {
    result = await withTimeout(Promise.resolve().then(() => (run as (x: unknown) => unknown).call(adapter, input)), options.timeoutMs ?? 20_000);
  } catch (e) {
    const ms = performance.now() - started;
    const stack = e instanceof Error && e.stack ? { stack: e.stack } : {};
    const thrown = `${adapter.name} threw: ${e instanceof Error ? e.message : String(e)}`;
    if (!expectedError || e instanceof RunnerError) return failed(thrown, ms, stack);
    const wrong = errorVerdict(e, expectedError, adapter);
    if (wrong !== null) return failed(wrong, ms, stack);
    return { ...base, status: 'pass', message: `raises where PyTorch raises ${expectedError.type}: ${expectedError.message}`, headroom: 0, maxAbsError: 0, ms };
  }
  const ms = performance.now() - started;
  if (expectedError) return failed(`${adapter.name} returned a result, but PyTorch raises ${expectedError.type}: ${expectedError.message}`, ms);
  let produced: Record<string, PlainTensor>;
  try {
    produced = c.kind === 'rnn' ? rnnProduced(result as never) : embeddingProduced(result as never);
  } catch (e) {
    return failed(`${adapter.name} threw: ${(e as Error).message}`, ms);
  }
  const mutated = guarded.filter(([, t], k) => !sameBytes(before[k], t)).map(([name]) => name);
  if (mutated.length > 0) return failed(`${adapter.name} mutated its input ${mutated.join(', ')}`, ms);

  const context = `${c.kind} case=${c.id} impl=${adapter.name}`;
  const expected = expectedValues(c, produced, features);
  const missingNone = expected.absent.find((name) => produced[name] !== undefined);
  if (missingNone) return failed(`${missingNone} should be None (PyTorch has none: enforce_sorted=True) but is a tensor [${context}]`, ms);
  if (c.kind === 'embedding' && features.includes('embedding.in_place_renorm')) {
    // the caller's own buffer, as the adapter left it (an isolated adapter's change is mirrored back)
    produced['weight (caller\'s buffer)'] = (input as typeof c.input).weight;
    expected.values['weight (caller\'s buffer)'] = c.expected.outputs.weight_after;
  }
  const comparisons: Comparison[] = [];
  for (const [name, e] of Object.entries(expected.values)) {
    const a = produced[name];
    if (a === undefined) return failed(`${name} is missing from the result [${context}]`, ms);
    const tol = toleranceForCase(c.kind, c.input, toleranceName(name), e.dtype);
    const cmp = compareTensors(a, e, { name, tolerance: tol, context });
    if (!cmp.ok) {
      const mismatch = cmp.mismatch && { name, ...cmp.mismatch, ...tol };
      return failed(cmp.message, ms, { headroom: cmp.headroom, maxAbsError: cmp.maxAbsError, ...(mismatch ? { mismatch } : {}) });
    }
    comparisons.push(cmp);
  }
  if (expected.sparseSize && produced['grad.weight.size']) {
    const size = Array.from(produced['grad.weight.size'].data as ArrayLike<number>);
    if (size.join() !== expected.sparseSize.join()) return failed(`grad.weight.size is [${size.join(', ')}] but should be [${expected.sparseSize.join(', ')}] [${context}]`, ms);
  }
  const worst = comparisons.reduce((w, x) => (x.headroom > w.headroom ? x : w), comparisons[0]);
  return {
    ...base, status: 'pass', message: worst?.message ?? 'no values to compare', ms,
    headroom: worst?.headroom ?? 0, maxAbsError: Math.max(0, ...comparisons.map((x) => x.maxAbsError)),
  };
}

/**
 * A tensor-creation case (contract v2): the result exactly (dtype, shape, values, signed zeros),
 * then after the write to the source: unchanged for tensor() and for a copying asTensor(), the
 * written value at element 0 for an asTensor() that claims to alias.
 */
async function runTensorCase(adapter: Adapter, c: Extract<SuiteCase, { kind: 'tensor' }>, repro: string, options: RunOptions): Promise<CaseResult> {
  const base = { id: c.id, kind: c.kind, features: c.features, repro, fixture: c.fixture ?? `golden/${c.torch}/${caseFile(c.id)}` };
  const unsupported = tensorUnsupported(c.input, c.expected.outputs.result.dtype, adapter.capabilities);
  if (unsupported !== null) return { ...base, status: 'unsupported', message: unsupported, headroom: 0, maxAbsError: 0, ms: 0 };
  const started = performance.now();
  let probe: TensorProbe;
  try {
    probe = await withTimeout(probeTensor(adapter, c.input), options.timeoutMs ?? 20_000);
  } catch (e) {
    return { ...base, status: 'fail', message: `${adapter.name} threw: ${e instanceof Error ? e.message : String(e)}`, headroom: Infinity, maxAbsError: Infinity, ms: performance.now() - started };
  }
  const ms = performance.now() - started;
  const result = c.expected.outputs.result;
  const expected: Record<string, PlainTensor> = { result };
  if (c.expected.outputs.after_write) expected.after_write = c.expected.outputs.after_write;
  else if (c.input.write !== undefined) {
    // asTensor: the write shows exactly when the adapter claims to alias and the dtype matches
    const aliased = c.aliases === true && adapter.capabilities.tensor?.asTensorAliases === true;
    const after = { ...result, data: result.data.slice() };
    if (aliased) after.data[0] = c.input.write as never;
    expected.after_write = after;
  }
  const produced: Record<string, PlainTensor | undefined> = { result: probe.result, after_write: probe.afterWrite };
  const context = `tensor case=${c.id} impl=${adapter.name}`;
  for (const [name, e] of Object.entries(expected)) {
    const a = produced[name];
    if (a === undefined) return { ...base, status: 'fail', message: `${name} is missing [${context}]`, headroom: Infinity, maxAbsError: Infinity, ms };
    // copy semantics and dtype inference are exact, signed zeros included (docs/spec.md §1.4)
    const cmp = compareTensors(a, e, { name: name === 'after_write' ? 'result after a write to the source' : name, tolerance: EXACT, signedZeros: true, context });
    if (!cmp.ok) return { ...base, status: 'fail', message: cmp.message, headroom: cmp.headroom, maxAbsError: cmp.maxAbsError, ms };
  }
  return { ...base, status: 'pass', message: 'result matches exactly', headroom: 0, maxAbsError: 0, ms };
}

/** The tolerance rule's name for a value: packed data is the output's values, the COO values the gradient's. */
function toleranceName(name: string): string {
  if (name === 'packed.data') return 'output';
  if (name === 'grad.weight.values') return 'grad.weight';
  return name;
}

/**
 * What a result must hold: the golden outputs and gradients, and contract v2's packed output and
 * sparse COO gradient when claimed (or returned anyway). `absent`: values PyTorch has as None.
 */
function expectedValues(c: ModelCase, produced: Record<string, PlainTensor>, features: string[]): { values: Record<string, PlainTensor>; absent: string[]; sparseSize?: number[] } {
  const values: Record<string, PlainTensor> = {
    ...c.expected.outputs,
    ...Object.fromEntries(Object.entries(c.expected.grads).map(([k, v]) => [`grad.${k}`, v])),
  };
  const absent: string[] = [];
  const p = c.expected.packed;
  if (p && (features.includes('rnn.packed_internals') || produced['packed.data'] !== undefined)) {
    values['packed.data'] = p.data;
    values['packed.batch_sizes'] = p.batchSizes;
    for (const [name, t] of [['packed.sorted_indices', p.sortedIndices], ['packed.unsorted_indices', p.unsortedIndices]] as const) {
      if (t) values[name] = t;
      else absent.push(name);
    }
  }
  const s = c.expected.sparse;
  if (s && (features.includes('embedding.sparse_coo') || produced['grad.weight.indices'] !== undefined)) {
    values['grad.weight.indices'] = s.indices;
    values['grad.weight.values'] = s.values;
    // the COO gradient stands for the dense one: an adapter returning it need not densify
    if (produced['grad.weight'] === undefined) delete values['grad.weight'];
    return { values, absent, sparseSize: s.size };
  }
  return { values, absent };
}

function rnnProduced(r: RnnResult): Record<string, PlainTensor> {
  if (!r || !r.output || !r.h_n) throw new Error('the result has no output or h_n');
  const packed: Record<string, PlainTensor> = {};
  if (r.packed) {
    packed['packed.data'] = r.packed.data;
    packed['packed.batch_sizes'] = r.packed.batchSizes;
    if (r.packed.sortedIndices) packed['packed.sorted_indices'] = r.packed.sortedIndices;
    if (r.packed.unsortedIndices) packed['packed.unsorted_indices'] = r.packed.unsortedIndices;
  }
  return { output: r.output, h_n: r.h_n, ...Object.fromEntries(Object.entries(r.grads ?? {}).map(([k, v]) => [`grad.${k}`, v])), ...packed };
}

function embeddingProduced(r: EmbeddingResult): Record<string, PlainTensor> {
  if (!r || !r.output || !r.weightAfter) throw new Error('the result has no output or weightAfter');
  const s = r.gradWeightSparse;
  const sparse: Record<string, PlainTensor> = s
    ? { 'grad.weight.indices': s.indices, 'grad.weight.values': s.values, 'grad.weight.size': { dtype: 'int32', shape: [s.size.length], data: Int32Array.from(s.size) } }
    : {};
  return { output: r.output, weight_after: r.weightAfter, ...(r.gradWeight ? { 'grad.weight': r.gradWeight } : {}), ...sparse };
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
