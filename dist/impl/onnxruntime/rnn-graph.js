import { encodeModel, initializer, model, node, valueInfo } from "./proto.js";
export function rnnSignatureKey(s) {
    return [
        'rnn',
        `H=${s.hiddenSize}`,
        `layers=${s.numLayers}`,
        s.nonlinearity,
        s.bias ? 'bias' : 'nobias',
        s.batchFirst ? 'batch_first' : 'seq_first',
        s.bidirectional ? 'bidir' : 'uni',
        s.packed ? 'packed' : 'padded',
        s.dtype,
    ].join('|');
}
/** PyTorch's parameter names in registration order (spec §3.1). */
export function rnnParamNames(s) {
    const names = [];
    for (let k = 0; k < s.numLayers; k++) {
        for (const sfx of s.bidirectional ? ['', '_reverse'] : ['']) {
            names.push(`weight_ih_l${k}${sfx}`, `weight_hh_l${k}${sfx}`);
            if (s.bias)
                names.push(`bias_ih_l${k}${sfx}`, `bias_hh_l${k}${sfx}`);
        }
    }
    return names;
}
export function buildRnnModel(s) {
    const H = s.hiddenSize;
    const D = s.bidirectional ? 2 : 1;
    const sfxs = s.bidirectional ? ['', '_reverse'] : [''];
    const act = s.nonlinearity === 'tanh' ? 'Tanh' : 'Relu';
    const inputs = [];
    const nodes = [];
    const inits = [
        initializer('axes0', 'int64', [1], [0]),
        // [0, 0, D*H] rather than [0, 0, -1]: Reshape cannot infer -1 when N = 0 (a batch PyTorch accepts).
        initializer('shape_y', 'int64', [3], [0, 0, D * H]),
    ];
    const inputShape = s.batchFirst ? ['N', 'L', 'I'] : ['L', 'N', 'I'];
    inputs.push(valueInfo('input', s.dtype, inputShape));
    inputs.push(valueInfo('h0', s.dtype, [D * s.numLayers, 'N', H]));
    if (s.packed)
        inputs.push(valueInfo('lengths', 'int32', ['N']));
    let x = 'input';
    if (s.batchFirst) {
        nodes.push(node('Transpose', ['input'], ['x_seq_first'], { perm: [1, 0, 2] }));
        x = 'x_seq_first';
    }
    const hns = [];
    for (let k = 0; k < s.numLayers; k++) {
        const inDim = k === 0 ? 'I' : D * H;
        // Parameters as graph inputs, by PyTorch's names; stacked per direction inside the graph.
        const stack = (kind, out) => {
            const parts = [];
            for (const sfx of sfxs) {
                let src;
                if (kind === 'bias') {
                    // B[d] = concat(bias_ih, bias_hh): [2H]
                    const bi = `bias_ih_l${k}${sfx}`;
                    const bh = `bias_hh_l${k}${sfx}`;
                    src = `b_l${k}${sfx}`;
                    nodes.push(node('Concat', [bi, bh], [src], { axis: 0 }));
                }
                else {
                    src = `${kind}_l${k}${sfx}`;
                }
                const u = `${src}_unsq`;
                nodes.push(node('Unsqueeze', [src, 'axes0'], [u]));
                parts.push(u);
            }
            if (parts.length === 1)
                nodes.push(node('Identity', parts, [out]));
            else
                nodes.push(node('Concat', parts, [out], { axis: 0 }));
        };
        for (const sfx of sfxs) {
            inputs.push(valueInfo(`weight_ih_l${k}${sfx}`, s.dtype, [H, inDim]));
            inputs.push(valueInfo(`weight_hh_l${k}${sfx}`, s.dtype, [H, H]));
            if (s.bias) {
                inputs.push(valueInfo(`bias_ih_l${k}${sfx}`, s.dtype, [H]));
                inputs.push(valueInfo(`bias_hh_l${k}${sfx}`, s.dtype, [H]));
            }
        }
        stack('weight_ih', `W_l${k}`);
        stack('weight_hh', `R_l${k}`);
        if (s.bias)
            stack('bias', `B_l${k}`);
        // initial_h of layer k: h0[k*D:(k+1)*D]
        inits.push(initializer(`h0_start_l${k}`, 'int64', [1], [k * D]));
        inits.push(initializer(`h0_end_l${k}`, 'int64', [1], [(k + 1) * D]));
        nodes.push(node('Slice', ['h0', `h0_start_l${k}`, `h0_end_l${k}`, 'axes0'], [`h0_l${k}`]));
        const y = `Y_l${k}`;
        const yh = `Y_h_l${k}`;
        nodes.push(node('RNN', [x, `W_l${k}`, `R_l${k}`, s.bias ? `B_l${k}` : '', s.packed ? 'lengths' : '', `h0_l${k}`], [y, yh], {
            hidden_size: H,
            direction: s.bidirectional ? 'bidirectional' : 'forward',
            activations: sfxs.map(() => act),
        }, `rnn_l${k}`));
        hns.push(yh);
        // Y [L, D, N, H] -> [L, N, D, H] -> [L, N, D*H]: the next layer's input, [fwd | bwd].
        nodes.push(node('Transpose', [y], [`${y}_t`], { perm: [0, 2, 1, 3] }));
        nodes.push(node('Reshape', [`${y}_t`, 'shape_y'], [`out_l${k}`]));
        x = `out_l${k}`;
    }
    if (s.batchFirst)
        nodes.push(node('Transpose', [x], ['output'], { perm: [1, 0, 2] }));
    else
        nodes.push(node('Identity', [x], ['output']));
    if (hns.length === 1)
        nodes.push(node('Identity', hns, ['h_n']));
    else
        nodes.push(node('Concat', hns, ['h_n'], { axis: 0 }));
    const outShape = s.batchFirst ? ['N', 'L', D * H] : ['L', 'N', D * H];
    return model({
        name: rnnSignatureKey(s),
        inputs,
        outputs: [valueInfo('output', s.dtype, outShape), valueInfo('h_n', s.dtype, [D * s.numLayers, 'N', H])],
        nodes,
        initializers: inits,
        docString: 'nn.RNN built by rnnspec impl/onnxruntime/rnn-graph.ts',
    });
}
export function buildRnnGraphBytes(s) {
    return encodeModel(buildRnnModel(s));
}
