/**
 * Differential property: the reference (impl/reference) and ONNX Runtime (impl/onnxruntime) agree,
 * through the adapter contract, on random nn.Embedding cases over every option ORT claims
 * (float32 and float64 weights, int64 and int32 indices of rank 0-3, max_norm with norm types
 * 1, 2, 3, ±inf, 0, 0.5, 1.5, -1 and max_norm 0 or negative, padding_idx, scale_grad_by_freq,
 * sparse): `output` and the weight after the call, exact, or within RENORM when max_norm rescales
 * rows; an out-of-range index (5% of cases) must raise the same PyTorch error in both.
 * One use of the fuzz engine (./differential.ts), small sizes, arbitraries test/harness/arbitraries/fuzz.ts.
 *
 *   RNNSPEC_RUNS=N     cases (default 100)            RNNSPEC_SEED=S  seed (default random; always printed)
 *   RNNSPEC_PATH=P     replay one counterexample      RNNSPEC_SAVE=1  save it to regressions/ (then always replayed)
 * A failure prints the replay command; `npm run campaign` runs the same property for longer.
 */
import { afterAll, test } from 'vitest';
import { createOnnxRuntimeAdapter } from '../../../impl/onnxruntime/index.ts';
import { checkDifferential } from './differential.ts';

const onnxruntime = createOnnxRuntimeAdapter();
afterAll(() => onnxruntime.dispose());

test('reference and onnxruntime agree on random nn.Embedding cases (output and weight after max_norm)', () => checkDifferential('embedding', onnxruntime));
