/**
 * One fuzz case judged: the oracle (the reference, validated by the goldens) answers the case, its
 * answer becomes the expected result of a suite case, and the judge (../judge.ts runCase) runs the
 * implementation under test against it exactly as it runs a golden case: the one tolerance rule,
 * the input-mutation guard, the time-out, gradients only where claimed.
 * Where the oracle raises (an out-of-range index, with `errorCases`), the implementation must raise
 * the same error: type and message.
 */
import type { Adapter, EmbeddingCase, PlainTensor, RnnCase } from '../../../impl/contract.ts';
import { NEWEST_TORCH } from '../../harness/golden.ts';
import type { ExpectedResult, SuiteCase } from '../cases.ts';
import { embeddingFeatures, rnnFeatures } from '../features.ts';
import { runCase, type CaseMismatch } from '../judge.ts';
import type { AnyCase, Kind } from './describe.ts';

export type OracleAnswer = { expected: ExpectedResult } | { error: string };

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** What the oracle computes for the case: outputs and (with an upstream) gradients, or the error it raises. */
export async function oracleAnswer(oracle: Adapter, kind: Kind, c: AnyCase): Promise<OracleAnswer> {
  try {
    if (kind === 'rnn') {
      const r = await oracle.rnn!(structuredClone(c as RnnCase));
      return { expected: { outputs: { output: r.output, h_n: r.h_n }, grads: (c as RnnCase).upstream ? { ...r.grads } : {} } };
    }
    const r = await oracle.embedding!(structuredClone(c as EmbeddingCase));
    const grads: Record<string, PlainTensor> = (c as EmbeddingCase).upstream && r.gradWeight ? { weight: r.gradWeight } : {};
    return { expected: { outputs: { output: r.output, weight_after: r.weightAfter }, grads } };
  } catch (e) {
    return { error: errorText(e) };
  }
}

/** A contract-form case with its expected result, as the judge runs it (numerics agree across PyTorch versions: the newest). */
export function toSuiteCase(kind: Kind, id: string, c: AnyCase, expected: ExpectedResult): SuiteCase {
  return kind === 'rnn'
    ? { kind, id, torch: NEWEST_TORCH, features: rnnFeatures(c as RnnCase), input: c as RnnCase, expected }
    : { kind, id, torch: NEWEST_TORCH, features: embeddingFeatures(c as EmbeddingCase), input: c as EmbeddingCase, expected };
}

export interface CaseVerdict {
  ok: boolean;
  /** The judge's message: the failing comparison, or the closest passing one. */
  message: string;
  headroom: number;
  /** For a value mismatch: the failing comparison's name, worst element, both values, tolerance. */
  mismatch?: CaseMismatch;
}

export async function checkCase(adapter: Adapter, oracle: Adapter, kind: Kind, c: AnyCase, options: { timeoutMs?: number } = {}): Promise<CaseVerdict> {
  const answer = await oracleAnswer(oracle, kind, c);
  if ('error' in answer) {
    try {
      await (kind === 'rnn' ? adapter.rnn!(structuredClone(c as RnnCase)) : adapter.embedding!(structuredClone(c as EmbeddingCase)));
    } catch (e) {
      const got = errorText(e);
      return got === answer.error
        ? { ok: true, message: `both raise ${got}`, headroom: 0 }
        : { ok: false, message: `${adapter.name} raises ${got} but ${oracle.name} raises ${answer.error}`, headroom: Infinity };
    }
    return { ok: false, message: `${adapter.name} returns values but ${oracle.name} raises ${answer.error}`, headroom: Infinity };
  }
  const r = await runCase(adapter, toSuiteCase(kind, `fuzz-${kind}`, c, answer.expected), { timeoutMs: options.timeoutMs });
  return { ok: r.status !== 'fail', message: r.message, headroom: r.headroom, ...(r.mismatch ? { mismatch: r.mismatch } : {}) };
}
