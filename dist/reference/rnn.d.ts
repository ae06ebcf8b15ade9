/**
 * nn.RNN of PyTorch 1.13 (shared/spec/pytorch-semantics.md §3.1-§3.2, errors §3.4, numerics §6.1):
 *
 *     h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)          (relu with nonlinearity='relu')
 *
 * for each layer k (layer k > 0 reads layer k-1's output, dropped out in training mode) and each
 * direction (the reverse one walks t = L-1 .. 0 and fills output[..., H:]). As on torch's CPU path,
 * P = X W_ih^T + b_ih is computed for all steps at once, then h_t = act((h_{t-1} W_hh^T + b_hh) + P_t):
 * that order reproduces torch's float32 rounding. Padded input runs as a packed sequence whose
 * batch size never shrinks (packed-sequence.ts), so one loop serves both.
 */
import type { DType } from './dtype.ts';
import { Module } from './module.ts';
import { PackedSequence } from './packed-sequence.ts';
import { Generator } from './random.ts';
import { Tensor } from './tensor.ts';
export interface RNNOptions {
    numLayers?: number;
    nonlinearity?: 'tanh' | 'relu';
    bias?: boolean;
    batchFirst?: boolean;
    dropout?: number;
    bidirectional?: boolean;
    dtype?: DType;
    /** Draws the initial weights (and dropout masks not given to forward); default: defaultGenerator. */
    generator?: Generator;
}
export interface RNNForwardOptions {
    /**
     * One 0/1 keep-mask per non-final layer, shaped like that layer's output: time-major (L, N, D*H)
     * for padded input (also with batchFirst; (L, D*H) unbatched) or (sum L_b, D*H) for packed data.
     * Used only when dropout acts (training mode, dropout > 0, numLayers > 1); else drawn from the generator.
     */
    dropoutMasks?: readonly Tensor[];
}
/** `nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False, dropout=0.0, bidirectional=False)`. */
export declare class RNN extends Module {
    readonly inputSize: number;
    readonly hiddenSize: number;
    readonly numLayers: number;
    readonly nonlinearity: 'tanh' | 'relu';
    readonly mode: 'RNN_TANH' | 'RNN_RELU';
    readonly bias: boolean;
    readonly batchFirst: boolean;
    readonly dropout: number;
    readonly bidirectional: boolean;
    readonly generator: Generator;
    /** `new RNN(10, 20, 2)`, `new RNN(10, 20, 2, { bidirectional: true })` or `new RNN(10, 20, { numLayers: 2 })`. */
    constructor(inputSize: number, hiddenSize: number, numLayersOrOptions?: number | RNNOptions, options?: RNNOptions);
    /** For each layer k and direction: weight_ih_l{k}{_reverse}, weight_hh_..., bias_ih_..., bias_hh_... */
    private registerParameters;
    /** Every parameter ~ U(-1/sqrt(H), 1/sqrt(H)), drawn in registration order. */
    resetParameters(): void;
    private weights;
    forward(input: Tensor, h_0?: Tensor | null, options?: RNNForwardOptions): [Tensor, Tensor];
    forward(input: PackedSequence, h_0?: Tensor | null, options?: RNNForwardOptions): [PackedSequence, Tensor];
    private forwardPadded;
    private forwardPacked;
    /** The layer stack over time-major rows X; dropout between layers only in training mode. */
    private layers;
    /** A keep-mask drawn from the generator: 1 with probability 1 - p, row-major over x. */
    private bernoulliMask;
    private zeros;
    private checkInput;
    private checkHidden;
}
