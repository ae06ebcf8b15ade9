/**
 * The conformance report: a matrix of feature x implementation (pass / fail / unsupported with the
 * worst error and headroom), printed for a terminal and written as JSON, Markdown and JUnit XML.
 * A feature is `fail` if any case exercising it failed, `unsupported` if none of its cases ran,
 * and `pass` otherwise.
 */
import type { FidelityReport } from '../oracles/fidelity.ts';
import type { CaseResult, Status } from '../judge.ts';
import type { VoteSummary } from '../oracles/vote.ts';
export interface FeatureCell {
    feature: string;
    status: Status;
    pass: number;
    fail: number;
    unsupported: number;
    /** Worst headroom over the passing cases. */
    headroom: number;
    maxAbsError: number;
    /** The first failure's message, or the first unsupported reason. */
    note: string;
}
export interface ImplementationReport {
    implementation: string;
    cases: CaseResult[];
    features: FeatureCell[];
}
/** Sections beyond the matrix: the three-way vote (reference and onnxruntime both run) and ONNX export fidelity (onnxruntime run). */
export interface ReportExtras {
    disagreements?: VoteSummary;
    exportFidelity?: FidelityReport;
}
export declare function summarize(implementation: string, cases: CaseResult[]): ImplementationReport;
/** The matrix: one row per feature, one column per implementation. */
export declare function matrixRows(reports: ImplementationReport[]): string[][];
export declare function formatText(reports: ImplementationReport[], extras?: ReportExtras): string;
export declare function formatMarkdown(reports: ImplementationReport[], extras?: ReportExtras): string;
export declare function formatJUnit(reports: ImplementationReport[]): string;
export declare function formatJson(reports: ImplementationReport[], extras?: ReportExtras): string;
