/**
 * Running PyTorch's own `torch.onnx.export` models (golden/onnx/<group>/<name>.onnx, see
 * scripts/FIXTURES.md): the exporter names the graph inputs `input` and, when the case has one,
 * `h0`, and the outputs `output` and `h_n`. The weights are initializers inside the file, so one
 * session per file, cached by path.
 *
 * Inputs are fed exactly as given: an `h0` the model does not take, or a model input other than
 * `input`/`h0`, is an error that names the model's inputs.
 */
import type { PlainTensor } from '../contract.ts';
import { SessionCache } from './session-cache.ts';
export interface ExportedRnnInputs {
    input: PlainTensor;
    h0?: PlainTensor;
}
export interface ExportedRnnOutputs {
    output: PlainTensor;
    h_n: PlainTensor;
}
/** The cache `runExportedModel` uses when none is passed (key `file:<path>`). */
export declare function exportedModelCache(): SessionCache;
export declare function runExportedModel(onnxPath: string, inputs: ExportedRnnInputs, cache?: SessionCache): Promise<ExportedRnnOutputs>;
