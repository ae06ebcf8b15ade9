import { createReferenceAdapter } from '../impl/reference/index.ts';
import { makeRnnCase } from '../test/self/onnxruntime/naive.ts';
const c = makeRnnCase({ seed: 5, inputSize: 256, hiddenSize: 256, numLayers: 1, nonlinearity: 'tanh', bias: true, batchFirst: false,
    bidirectional: false, L: 64, N: 32, withH0: false, lengths: null, enforceSorted: true, unbatched: false });
const a = createReferenceAdapter();
const mode = process.argv[2];
if (mode === 'bwd') c.upstream = { output: { dtype: 'float32', shape: [64, 32, 256], data: new Float32Array(64*32*256).fill(0.01) }, h_n: { dtype: 'float32', shape: [1, 32, 256], data: new Float32Array(32*256).fill(0.01) } };
let t = performance.now();
a.rnn!(c);
console.log(mode, performance.now() - t);
t = performance.now();
a.rnn!(c);
console.log(mode, performance.now() - t);
