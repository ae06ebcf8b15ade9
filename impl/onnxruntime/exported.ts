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
import { fromOrt, toOrt } from './tensors.ts';
import type * as ort from 'onnxruntime-node';

export interface ExportedRnnInputs {
  input: PlainTensor;
  h0?: PlainTensor;
}

export interface ExportedRnnOutputs {
  output: PlainTensor;
  h_n: PlainTensor;
}

const defaultCache = new SessionCache();

/** The cache `runExportedModel` uses when none is passed (key `file:<path>`). */
export function exportedModelCache(): SessionCache {
  return defaultCache;
}

export async function runExportedModel(
  onnxPath: string,
  inputs: ExportedRnnInputs,
  cache: SessionCache = defaultCache,
): Promise<ExportedRnnOutputs> {
  const session = await cache.get(`file:${onnxPath}`, () => onnxPath);
  const names = session.inputNames;
  const feeds: Record<string, ort.Tensor> = {};
  for (const name of names) {
    if (name === 'input') feeds.input = toOrt(inputs.input);
    else if (name === 'h0') {
      if (!inputs.h0) throw new Error(`${onnxPath} takes an h0 input (inputs: ${names.join(', ')}) but none was given`);
      feeds.h0 = toOrt(inputs.h0);
    } else {
      throw new Error(`${onnxPath} has an input '${name}' that runExportedModel does not know (inputs: ${names.join(', ')})`);
    }
  }
  if (inputs.h0 && !names.includes('h0')) {
    throw new Error(`${onnxPath} takes no h0 input (inputs: ${names.join(', ')}) but one was given`);
  }
  for (const out of ['output', 'h_n']) {
    if (!session.outputNames.includes(out)) {
      throw new Error(`${onnxPath} has no output '${out}' (outputs: ${session.outputNames.join(', ')})`);
    }
  }
  const r = await session.run(feeds);
  return { output: fromOrt(r.output as ort.Tensor), h_n: fromOrt(r.h_n as ort.Tensor) };
}
