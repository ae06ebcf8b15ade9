/**
 * Runs suite cases through an adapter and judges each one: `pass`, `fail` (wrong values, shapes or
 * dtypes, NaN, a throw, a time-out, a mutated input) or `unsupported` (not claimed, with the
 * reason). One case's failure never stops the run.
 */
import type { Adapter } from '../../impl/contract.ts';
import type { SuiteCase } from './cases.ts';
export type Status = 'pass' | 'fail' | 'unsupported';
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
}
export interface RunOptions {
    timeoutMs?: number;
    /** How the CLI was called to select the adapter, for repro lines. */
    adapterArg?: string;
}
export declare function runCase(adapter: Adapter, full: SuiteCase, options?: RunOptions): Promise<CaseResult>;
export declare function runSuite(adapter: Adapter, cases: readonly SuiteCase[], options?: RunOptions & {
    onResult?: (r: CaseResult) => void;
}): Promise<CaseResult[]>;
