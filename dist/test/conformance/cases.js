import { decodeJsValue, decodeTensor } from "../harness/golden.js";
import { embeddingFeatures, rnnFeatures } from "./features.js";
const tensorOf = (v) => decodeTensor(v);
function tensors(record) {
    return Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, tensorOf(v)]));
}
/** A case's arguments as JS values (tagged non-finite numbers decoded). */
function argsOf(c) {
    return decodeJsValue(c.args, (t) => t);
}
/** A golden rnn case (with outputs or an error) as the adapter contract's RnnCase, without upstream. */
export function rnnInputOf(c) {
    const a = argsOf(c);
    const inputs = c.inputs;
    const input = {
        config: {
            inputSize: a.input_size,
            hiddenSize: a.hidden_size,
            numLayers: a.num_layers ?? 1,
            nonlinearity: (a.nonlinearity ?? 'tanh'),
            bias: a.bias ?? true,
            batchFirst: a.batch_first ?? false,
            dropout: a.dropout ?? 0,
            bidirectional: a.bidirectional ?? false,
            training: a.training ?? true,
            dtype: (a.dtype ?? 'float32'),
        },
        params: tensors(c.params),
        input: tensorOf(inputs.input),
    };
    if (inputs.h0)
        input.h0 = tensorOf(inputs.h0);
    if (inputs.lengths) {
        input.lengths = decodeJsValue(inputs.lengths, (t) => t);
        input.enforceSorted = inputs.enforce_sorted ?? true;
    }
    if (inputs.dropout_masks)
        input.dropoutMasks = inputs.dropout_masks.map(tensorOf);
    return input;
}
function rnnCase(c) {
    const input = rnnInputOf(c);
    const grads = tensors(c.expected.grads);
    if (c.upstream && Object.keys(grads).length > 0)
        input.upstream = { output: tensorOf(c.upstream.output), h_n: tensorOf(c.upstream.h_n) };
    const outputs = tensors({ output: c.expected.outputs.output, h_n: c.expected.outputs.h_n });
    return { kind: 'rnn', id: c.id, features: rnnFeatures(input), input, expected: { outputs, grads: input.upstream ? grads : {} }, onnx: c.onnx };
}
/** A sparse gradient `{indices, values, size}` as the dense (V, D) tensor it stands for. */
export function sparseToDense(s) {
    const idx = decodeTensor(s.indices).data;
    const values = decodeTensor(s.values);
    const [rows, cols] = s.size;
    const data = values.dtype === 'float32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
    const v = values.data;
    for (let k = 0; k < idx.length; k++) {
        for (let j = 0; j < cols; j++)
            data[Number(idx[k]) * cols + j] += v[k * cols + j];
    }
    return { dtype: values.dtype, shape: [rows, cols], data };
}
function embeddingCase(c) {
    const a = argsOf(c);
    const weight = tensorOf(c.params.weight);
    const input = {
        config: {
            numEmbeddings: weight.shape[0],
            embeddingDim: weight.shape[1],
            paddingIdx: a.padding_idx ?? null,
            maxNorm: a.max_norm ?? null,
            normType: a.norm_type ?? 2,
            scaleGradByFreq: a.scale_grad_by_freq ?? false,
            sparse: a.sparse ?? false,
            dtype: weight.dtype,
        },
        weight,
        indices: tensorOf(c.inputs.indices),
    };
    const g = c.expected.grads;
    const grads = {};
    if (g?.weight)
        grads.weight = tensorOf(g.weight);
    if (g?.weight_sparse)
        grads.weight = sparseToDense(g.weight_sparse);
    if (c.upstream?.output && grads.weight)
        input.upstream = tensorOf(c.upstream.output);
    const o = c.expected.outputs;
    return {
        kind: 'embedding', id: c.id, features: embeddingFeatures(input), input,
        expected: { outputs: { output: tensorOf(o.output), weight_after: tensorOf(o.weight_after) }, grads },
    };
}
/** Golden cases the adapter contract can express: RNN and Embedding cases with outputs. */
export function suiteCases(golden) {
    return golden.flatMap((c) => {
        if (!c.expected.outputs)
            return [];
        if (c.api === 'rnn')
            return [rnnCase(c)];
        const floatWeight = c.params?.weight && (c.params.weight.dtype === 'float32' || c.params.weight.dtype === 'float64');
        if (c.api === 'embedding' && floatWeight && c.expected.outputs.weight_after)
            return [embeddingCase(c)];
        return [];
    });
}
