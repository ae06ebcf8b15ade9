/**
 * The differential check: one case through the reference adapter and the ONNX Runtime adapter,
 * both through the adapter contract (impl/contract.ts), compared with the one comparator
 * (test/harness/compare.ts) and the one tolerance table (test/harness/tolerances.ts):
 * - nn.RNN: `output` and `h_n`, float32 forward tolerance (ORT's RNN is float32 only);
 * - nn.Embedding: `output` and `weightAfter`, exact, or RENORM when max_norm rescales rows;
 * - when either raises, both must raise the same PyTorch error (type and message).
 * Each adapter gets its own copy of the case and must leave it untouched (except the weight that
 * max_norm renormalises in place).
 *
 * `runProperty` runs the fast-check property over the arbitraries of
 * test/harness/arbitraries/differential.ts; the vitest files and scripts/campaign.ts share it, so
 * a seed and path print the same counterexample in both.
 */
import * as fc from 'fast-check';
import type { Adapter, EmbeddingCase, RnnCase } from '../../../impl/contract.ts';
import { type OnnxRuntimeAdapter } from '../../../impl/onnxruntime/index.ts';
import { type Tolerance } from '../../harness/tolerances.ts';
export type Kind = 'rnn' | 'embedding';
export type AnyCase = RnnCase | EmbeddingCase;
export interface Oracles {
    reference: Adapter;
    onnxruntime: Adapter;
}
/** One ORT adapter for a whole campaign, so that its sessions are cached across cases. */
export declare function createOracles(): Oracles & {
    onnxruntime: OnnxRuntimeAdapter;
};
export declare function disposeOracles(o: Oracles): Promise<void>;
export interface Verdict {
    ok: boolean;
    message: string;
    /** Worst headroom of the value comparisons (0 when both raised the same error). */
    headroom: number;
    maxAbsError: number;
}
export declare function toleranceFor(kind: Kind, c: AnyCase): Tolerance;
/** Runs `c` through both oracles and compares (ORT's values against the reference's). */
export declare function diffCase(o: Oracles, kind: Kind, c: AnyCase): Promise<Verdict>;
/** A one-line human description of a case (the options as PyTorch spells them). */
export declare function describeCase(kind: Kind, c: AnyCase): string;
export declare function caseArb(kind: Kind): fc.Arbitrary<AnyCase>;
export interface PropertySettings {
    runs: number;
    seed: number;
    /** fast-check's counterexample path: replays one failure (and shrinks on from it). */
    path?: string;
    /** Save a shrunk counterexample as a regression case (RNNSPEC_SAVE=1). */
    save: boolean;
}
/** RNNSPEC_RUNS, RNNSPEC_SEED (default: random), RNNSPEC_PATH, RNNSPEC_SAVE. */
export declare function settingsFromEnv(defaultRuns: number, env?: NodeJS.ProcessEnv): PropertySettings;
export declare function randomSeed(): number;
/** The one-line command that replays a run (with `path`: just its counterexample). */
export declare function replayCommand(kind: Kind, seed: number, path?: string): string;
export interface PropertyResult {
    kind: Kind;
    seed: number;
    runs: number;
    /** Cases run, shrinking included. */
    evaluated: number;
    ms: number;
    /** The closest passing comparison. */
    worst: Verdict;
    failure?: {
        case: AnyCase;
        path: string;
        message: string;
        shrinks: number;
    };
}
export declare function runProperty(kind: Kind, o: Oracles, s: Pick<PropertySettings, 'runs' | 'seed' | 'path'>, onCase?: (evaluated: number) => void): Promise<PropertyResult>;
export declare function summaryLine(r: PropertyResult): string;
export declare function failureReport(r: PropertyResult): string;
