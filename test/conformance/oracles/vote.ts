/**
 * Three oracles, one vote (docs/design.md §4): for a case that golden (PyTorch), the reference and ONNX
 * Runtime all answer, compare the three pairwise with the tolerance table and say who disagrees:
 * - `agree`: every pair is within tolerance;
 * - `odd-one-out`: two agree and the third differs from both (e.g. golden and reference agree,
 *   onnxruntime differs by 3e-3 at output[2,0,1]);
 * - `split`: one oracle is within tolerance of both others, which differ from each other
 *   (tolerances are not transitive), so no single oracle is to blame;
 * - `all-differ`: no two agree.
 * Only forward values are voted (ORT computes no gradients): output and h_n, or output and the
 * weight after max_norm. In a pair with golden, golden is the expected side; between reference
 * and onnxruntime, the reference is.
 */
import type { Adapter, PlainTensor } from '../../../impl/contract.ts';
import { compareTensors, type Comparison } from '../../harness/compare.ts';
import { toleranceForCase, type Tolerance } from '../../harness/tolerances.ts';
import type { ModelCase, SuiteCase } from '../cases.ts';
import { embeddingUnsupported, rnnUnsupported } from '../features.ts';

export type Oracle = 'golden' | 'reference' | 'onnxruntime';
export const ORACLES: readonly Oracle[] = ['golden', 'reference', 'onnxruntime'];

export type Values = Record<string, PlainTensor>;

export interface PairResult {
  /** `actual` is compared against `expected`. */
  actual: Oracle;
  expected: Oracle;
  ok: boolean;
  headroom: number;
  maxAbsError: number;
  /** The first value outside the tolerance, in compare.ts's format with the expected oracle named. */
  message: string;
}

export type Verdict = 'agree' | 'odd-one-out' | 'split' | 'all-differ';

export interface Vote {
  id: string;
  verdict: Verdict;
  /** For `odd-one-out`: the oracle that differs from the other two. */
  odd?: Oracle;
  pairs: PairResult[];
  message: string;
}

function comparePair(answers: Record<Oracle, Values>, actual: Oracle, expected: Oracle, tol: (name: string, dtype: string) => Tolerance): PairResult {
  const worst: PairResult = { actual, expected, ok: true, headroom: 0, maxAbsError: 0, message: '' };
  const names = [...new Set([...Object.keys(answers[expected]), ...Object.keys(answers[actual])])];
  for (const name of names) {
    const [a, e] = [answers[actual][name], answers[expected][name]];
    const cmp: Comparison =
      a && e
        ? compareTensors(a, e, { name, tolerance: tol(name, e.dtype) })
        : { ok: false, headroom: Infinity, maxAbsError: Infinity, message: a ? `has ${name} but ${expected} has none` : `has no ${name}` };
    worst.maxAbsError = Math.max(worst.maxAbsError, cmp.maxAbsError);
    if (!cmp.ok) {
      const msg = cmp.message.replace(' but should be ', ` but ${expected} has `).replace(' but should have ', ` but ${expected} has `);
      return { ...worst, ok: false, headroom: cmp.headroom, message: `${actual} ${msg}` };
    }
    worst.headroom = Math.max(worst.headroom, cmp.headroom);
  }
  return worst;
}

const by = (p: PairResult) => (Number.isFinite(p.maxAbsError) ? ` by ${p.maxAbsError.toExponential(1)}` : '');

/** The vote on one case; `tol` gives the tolerance of each named value. */
export function vote(id: string, answers: Record<Oracle, Values>, tol: (name: string, dtype: string) => Tolerance): Vote {
  const pairs = [
    comparePair(answers, 'reference', 'golden', tol),
    comparePair(answers, 'onnxruntime', 'golden', tol),
    comparePair(answers, 'onnxruntime', 'reference', tol),
  ];
  const failed = pairs.filter((p) => !p.ok);
  const involves = (o: Oracle) => (p: PairResult) => p.actual === o || p.expected === o;
  if (failed.length === 0) return { id, verdict: 'agree', pairs, message: 'golden, reference and onnxruntime agree' };
  if (failed.length === 3) {
    return { id, verdict: 'all-differ', pairs, message: `all three differ: ${failed.map((p) => `${p.actual} and ${p.expected} differ${by(p)}: ${p.message}`).join('; ')}` };
  }
  if (failed.length === 1) {
    const [p] = failed;
    const middle = ORACLES.find((o) => !involves(o)(p))!;
    return { id, verdict: 'split', pairs, message: `no odd one out: ${middle} is within tolerance of both, but ${p.actual} and ${p.expected} differ${by(p)}: ${p.message}` };
  }
  const odd = ORACLES.find((o) => failed.every(involves(o)))!;
  const [x, y] = ORACLES.filter((o) => o !== odd);
  const p = failed.find((f) => f.expected === 'golden') ?? failed[0];
  return { id, verdict: 'odd-one-out', odd, pairs, message: `${x} and ${y} agree; ${odd} differs${by(p)}: ${p.message}` };
}

// ---- voting over the suite --------------------------------------------------------------------------
export interface VoteSummary {
  /** Cases all three answered. */
  voted: number;
  agree: number;
  disagreements: Vote[];
  /** Cases golden answers and both adapters claim, but one of them raised: no vote. */
  unanswered: Array<{ id: string; reason: string }>;
}

/** The tolerance of a named forward value, as the runner uses it. */
export function voteTolerance(c: ModelCase): (name: string, dtype: string) => Tolerance {
  return (name, dtype) => toleranceForCase(c.kind, c.input, name, dtype);
}

async function answer(adapter: Adapter, c: ModelCase): Promise<Values> {
  if (c.kind === 'rnn') {
    const r = await adapter.rnn!(structuredClone({ ...c.input, upstream: undefined }));
    return { output: r.output, h_n: r.h_n };
  }
  const r = await adapter.embedding!(structuredClone({ ...c.input, upstream: undefined }));
  return { output: r.output, weight_after: r.weightAfter };
}

/** Votes on every case that both adapters claim (forward values). */
export async function voteSuite(cases: readonly SuiteCase[], reference: Adapter, onnxruntime: Adapter): Promise<VoteSummary> {
  const summary: VoteSummary = { voted: 0, agree: 0, disagreements: [], unanswered: [] };
  const claims = (a: Adapter, c: ModelCase) =>
    (c.kind === 'rnn' ? rnnUnsupported(c.input, a.capabilities) : embeddingUnsupported(c.input, a.capabilities)) === null &&
    (c.kind === 'rnn' ? a.rnn : a.embedding) !== undefined;
  for (const c of cases) {
    if (c.kind === 'tensor' || c.expected.error || !claims(reference, c) || !claims(onnxruntime, c)) continue; // error cases have no values to vote on
    const answers: Partial<Record<Oracle, Values>> = { golden: c.expected.outputs };
    for (const [name, adapter] of [['reference', reference], ['onnxruntime', onnxruntime]] as const) {
      try {
        answers[name] = await answer(adapter, c);
      } catch (e) {
        summary.unanswered.push({ id: c.id, reason: `${name} raised ${(e as Error).message}` });
        break;
      }
    }
    if (!answers.reference || !answers.onnxruntime) continue;
    const v = vote(c.id, answers as Record<Oracle, Values>, voteTolerance(c));
    summary.voted++;
    if (v.verdict === 'agree') summary.agree++;
    else summary.disagreements.push(v);
  }
  return summary;
}
