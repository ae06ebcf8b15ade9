/**
 * Differential property: the reference (impl/reference) and ONNX Runtime (impl/onnxruntime) agree,
 * through the adapter contract, on random nn.RNN cases over every option ORT claims (tanh/relu,
 * bias, batch_first, bidirectional, 1-3 layers, h0 given or absent, unbatched, packed input with
 * random lengths and enforce_sorted true/false/omitted, inactive dropout): `output` and `h_n`
 * within the tolerance rule (test/harness/tolerances.ts). One use of the fuzz engine
 * (./differential.ts) at small sizes; arbitraries in test/harness/arbitraries/fuzz.ts.
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

test('reference and onnxruntime agree on random nn.RNN cases (output and h_n, within the tolerance rule)', () => checkDifferential('rnn', onnxruntime));
