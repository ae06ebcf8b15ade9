/**
 * nn.RNN as an ONNX graph (opset 14), for any configuration ORT can run.
 *
 * Mapping (spec onnx-and-peers.md, "The ONNX RNN operator against nn.RNN"):
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
 * always present: an absent h0 is fed as zeros, which PyTorch defines as identical, spec §3.2),
 * `lengths` (int32 [N], only in packed graphs) and the parameters; outputs `output` and `h_n`,
 * the same names PyTorch's exporter uses.
 *
 * L, N and input_size are symbolic dims, so the signature (the session cache key) holds only what
 * is really static in the graph: hidden size, layers, nonlinearity, bias, batch_first, direction,
 * packed-or-not and the dtype.
 */
import type { RnnConfig } from '../contract.ts';
import { type OnnxTypes } from './proto.ts';
/** What is static in an RNN graph: the module's options but input_size, plus packed-or-not. */
export interface RnnGraphSignature extends Pick<RnnConfig, 'hiddenSize' | 'numLayers' | 'nonlinearity' | 'bias' | 'batchFirst' | 'bidirectional'> {
    /** true: the graph takes `lengths` (int32 [N]) and feeds it as `sequence_lens` to every layer. */
    packed: boolean;
    /** ORT's CPU RNN kernel exists for float32 only; a float64 graph fails at session creation. */
    dtype: RnnConfig['dtype'];
}
export declare function rnnSignatureKey(s: RnnGraphSignature): string;
/** PyTorch's parameter names in registration order (spec §3.1). */
export declare function rnnParamNames(s: Pick<RnnGraphSignature, 'numLayers' | 'bias' | 'bidirectional'>): string[];
export declare function buildRnnModel(s: RnnGraphSignature): OnnxTypes.IModelProto;
export declare function buildRnnGraphBytes(s: RnnGraphSignature): Uint8Array;
