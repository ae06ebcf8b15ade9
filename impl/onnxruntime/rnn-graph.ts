/**
 * nn.RNN as an ONNX graph (opset 14), for any configuration ORT can run.
 *
 * Mapping (docs/spec.md §7.1):
 * - one ONNX `RNN` node per layer, `direction` forward or bidirectional, `activations` one
 *   "Tanh"/"Relu" per direction, `hidden_size` H, layout 0 (ORT CPU rejects layout=1);
 * - `W[d] = weight_ih_l{k}{sfx}`, `R[d] = weight_hh_l{k}{sfx}`, `B[d] = concat(bias_ih, bias_hh)`;
 *   no B input at all when bias=False;
 * - the graph inputs ARE PyTorch's parameters, by PyTorch's names (`weight_ih_l0`, ...), so one
 *   session serves every case of a configuration; the graph itself stacks them into W/R/B with
 *   Unsqueeze + Concat (nothing is repacked in JavaScript);
 * - batch_first: Transpose [1,0,2] before the first layer and after the last;
 * - layer k > 0 reads `Y` of layer k-1 transposed [0,2,1,3] and reshaped [0,0,D*H] ([fwd | bwd];
 *   the spec's [0,0,-1] fails for N = 0);
 * - `initial_h` of layer k = h0[k*D:(k+1)*D] (Slice); h_n = Concat of every layer's Y_h on axis 0;
 * - packed input: `sequence_lens` (int32, graph input `lengths`) on every layer. ORT then writes
 *   exact zeros past each length and Y_h follows packed semantics (forward: state after the
 *   sequence's own last step; reverse: state after t=0), in the original batch order.
 *
 * Graph interface: inputs `input` ([L,N,I] or [N,L,I] with batch_first), `h0` ([D*layers,N,H],
 * always present: an absent h0 is fed as zeros, which PyTorch defines as identical, docs/spec.md §3.2),
 * `lengths` (int32 [N], only in packed graphs) and the parameters; outputs `output` and `h_n`,
 * the same names PyTorch's exporter uses.
 *
 * L, N and input_size are symbolic dims, so the signature (the session cache key) holds only what
 * is really static in the graph: hidden size, layers, nonlinearity, bias, batch_first, direction,
 * packed-or-not and the dtype.
 */
import type { RnnConfig } from '../contract.ts';
import { type OnnxTypes, encodeModel, initializer, model, node, valueInfo, type Dim } from './proto.ts';

/** What is static in an RNN graph: the module's options but input_size, plus packed-or-not. */
export interface RnnGraphSignature extends Pick<RnnConfig, 'hiddenSize' | 'numLayers' | 'nonlinearity' | 'bias' | 'batchFirst' | 'bidirectional'> {
  /** true: the graph takes `lengths` (int32 [N]) and feeds it as `sequence_lens` to every layer. */
  packed: boolean;
  /** ORT's CPU RNN kernel exists for float32 only; a float64 graph fails at session creation. */
  dtype: RnnConfig['dtype'];
}

export function rnnSignatureKey(s: RnnGraphSignature): string {
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

/** PyTorch's parameter names in registration order (docs/spec.md §3.1). */
export function rnnParamNames(s: Pick<RnnGraphSignature, 'numLayers' | 'bias' | 'bidirectional'>): string[] {
  const names: string[] = [];
  for (let k = 0; k < s.numLayers; k++) {
    for (const sfx of s.bidirectional ? ['', '_reverse'] : ['']) {
      names.push(`weight_ih_l${k}${sfx}`, `weight_hh_l${k}${sfx}`);
      if (s.bias) names.push(`bias_ih_l${k}${sfx}`, `bias_hh_l${k}${sfx}`);
    }
  }
  return names;
}

export function buildRnnModel(s: RnnGraphSignature): OnnxTypes.IModelProto {
  const H = s.hiddenSize;
  const D = s.bidirectional ? 2 : 1;
  const sfxs = s.bidirectional ? ['', '_reverse'] : [''];
  const act = s.nonlinearity === 'tanh' ? 'Tanh' : 'Relu';
  const inputs: OnnxTypes.IValueInfoProto[] = [];
  const nodes: OnnxTypes.INodeProto[] = [];
  const inits: OnnxTypes.ITensorProto[] = [
    initializer('axes0', 'int64', [1], [0]),
    // [0, 0, D*H] rather than [0, 0, -1]: Reshape cannot infer -1 when N = 0 (a batch PyTorch accepts).
    initializer('shape_y', 'int64', [3], [0, 0, D * H]),
  ];

  const inputShape: Dim[] = s.batchFirst ? ['N', 'L', 'I'] : ['L', 'N', 'I'];
  inputs.push(valueInfo('input', s.dtype, inputShape));
  inputs.push(valueInfo('h0', s.dtype, [D * s.numLayers, 'N', H]));
  if (s.packed) inputs.push(valueInfo('lengths', 'int32', ['N']));

  let x = 'input';
  if (s.batchFirst) {
    nodes.push(node('Transpose', ['input'], ['x_seq_first'], { perm: [1, 0, 2] }));
    x = 'x_seq_first';
  }

  const hns: string[] = [];
  for (let k = 0; k < s.numLayers; k++) {
    const inDim: Dim = k === 0 ? 'I' : D * H;
    // Parameters as graph inputs, by PyTorch's names; stacked per direction inside the graph.
    const stack = (kind: 'weight_ih' | 'weight_hh' | 'bias', out: string) => {
      const parts: string[] = [];
      for (const sfx of sfxs) {
        let src: string;
        if (kind === 'bias') {
          // B[d] = concat(bias_ih, bias_hh): [2H]
          const bi = `bias_ih_l${k}${sfx}`;
          const bh = `bias_hh_l${k}${sfx}`;
          src = `b_l${k}${sfx}`;
          nodes.push(node('Concat', [bi, bh], [src], { axis: 0 }));
        } else {
          src = `${kind}_l${k}${sfx}`;
        }
        const u = `${src}_unsq`;
        nodes.push(node('Unsqueeze', [src, 'axes0'], [u]));
        parts.push(u);
      }
      if (parts.length === 1) nodes.push(node('Identity', parts, [out]));
      else nodes.push(node('Concat', parts, [out], { axis: 0 }));
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
    if (s.bias) stack('bias', `B_l${k}`);

    // initial_h of layer k: h0[k*D:(k+1)*D]
    inits.push(initializer(`h0_start_l${k}`, 'int64', [1], [k * D]));
    inits.push(initializer(`h0_end_l${k}`, 'int64', [1], [(k + 1) * D]));
    nodes.push(node('Slice', ['h0', `h0_start_l${k}`, `h0_end_l${k}`, 'axes0'], [`h0_l${k}`]));

    const y = `Y_l${k}`;
    const yh = `Y_h_l${k}`;
    nodes.push(
      node(
        'RNN',
        [x, `W_l${k}`, `R_l${k}`, s.bias ? `B_l${k}` : '', s.packed ? 'lengths' : '', `h0_l${k}`],
        [y, yh],
        {
          hidden_size: H,
          direction: s.bidirectional ? 'bidirectional' : 'forward',
          activations: sfxs.map(() => act),
        },
        `rnn_l${k}`,
      ),
    );
    hns.push(yh);
    // Y [L, D, N, H] -> [L, N, D, H] -> [L, N, D*H]: the next layer's input, [fwd | bwd].
    nodes.push(node('Transpose', [y], [`${y}_t`], { perm: [0, 2, 1, 3] }));
    nodes.push(node('Reshape', [`${y}_t`, 'shape_y'], [`out_l${k}`]));
    x = `out_l${k}`;
  }

  if (s.batchFirst) nodes.push(node('Transpose', [x], ['output'], { perm: [1, 0, 2] }));
  else nodes.push(node('Identity', [x], ['output']));
  if (hns.length === 1) nodes.push(node('Identity', hns, ['h_n']));
  else nodes.push(node('Concat', hns, ['h_n'], { axis: 0 }));

  const outShape: Dim[] = s.batchFirst ? ['N', 'L', D * H] : ['L', 'N', D * H];
  return model({
    name: rnnSignatureKey(s),
    inputs,
    outputs: [valueInfo('output', s.dtype, outShape), valueInfo('h_n', s.dtype, [D * s.numLayers, 'N', H])],
    nodes,
    initializers: inits,
    docString: 'nn.RNN built by rnnspec impl/onnxruntime/rnn-graph.ts',
  });
}

export function buildRnnGraphBytes(s: RnnGraphSignature): Uint8Array {
  return encodeModel(buildRnnModel(s));
}
