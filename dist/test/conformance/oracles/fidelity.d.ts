import { type ExportedRnnInputs, type ExportedRnnOutputs } from '../../../impl/onnxruntime/index.ts';
import { type Tolerance } from '../../harness/tolerances.ts';
import type { SuiteCase } from '../cases.ts';
export interface FidelityRow {
    id: string;
    /** The model, relative to golden/. */
    onnx: string;
    status: 'pass' | 'fail';
    maxAbsError: number;
    headroom: number;
    /** The closest (or first failing) comparison, or the error ORT raised. */
    message: string;
}
export interface FidelityReport {
    tolerance: Tolerance;
    rows: FidelityRow[];
}
export type RunExported = (onnxPath: string, inputs: ExportedRnnInputs) => Promise<ExportedRnnOutputs>;
/** Runs every exported model among `cases`; `run` defaults to runExportedModel with a cache of its own. */
export declare function exportFidelity(cases: readonly SuiteCase[], run?: RunExported, goldenDir?: string): Promise<FidelityReport>;
