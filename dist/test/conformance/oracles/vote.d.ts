/**
 * Three oracles, one vote (DESIGN.md): for a case that golden (PyTorch), the reference and ONNX
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
import { type Tolerance } from '../../harness/tolerances.ts';
import type { SuiteCase } from '../cases.ts';
export type Oracle = 'golden' | 'reference' | 'onnxruntime';
export declare const ORACLES: readonly Oracle[];
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
/** The vote on one case; `tol` gives the tolerance of each named value. */
export declare function vote(id: string, answers: Record<Oracle, Values>, tol: (name: string, dtype: string) => Tolerance): Vote;
export interface VoteSummary {
    /** Cases all three answered. */
    voted: number;
    agree: number;
    disagreements: Vote[];
    /** Cases golden answers and both adapters claim, but one of them raised: no vote. */
    unanswered: Array<{
        id: string;
        reason: string;
    }>;
}
/** The tolerance of a named forward value, as the runner uses it. */
export declare function voteTolerance(c: SuiteCase): (name: string, dtype: string) => Tolerance;
/** Votes on every case that both adapters claim (forward values). */
export declare function voteSuite(cases: readonly SuiteCase[], reference: Adapter, onnxruntime: Adapter): Promise<VoteSummary>;
