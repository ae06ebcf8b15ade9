/**
 * nn.RNN of PyTorch 1.13 (docs/spec.md §3.1-§3.2, errors §3.4, numerics §6.1):
 *
 *     h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)          (relu with nonlinearity='relu')
 *
 * for each layer k (layer k > 0 reads layer k-1's output, dropped out in training mode) and each
 * direction (the reverse one walks t = L-1 .. 0 and fills output[..., H:]). As on torch's CPU path,
 * P = X W_ih^T + b_ih is computed for all steps at once, then h_t = act((h_{t-1} W_hh^T + b_hh) + P_t)
 * (ops/rnn-cell.ts): that order reproduces torch's float32 rounding. Padded input runs as a packed sequence whose
 * batch size never shrinks (packed-sequence.ts), so one loop serves both.
 */
import type { DType } from './dtype.ts';
import { AttributeError, IndexError, PyTypeError, RuntimeError, ValueError } from './errors.ts';
import { Module, Parameter } from './module.ts';
import { empty, pyRepr, pythonTypeName } from './python.ts';
import { bindArguments, checkDropout, checkVFArguments, checkSizes, type RNNArgument, type RNNOptions } from './rnn-arguments.ts';
import { cat, indexSelect, linear, mul, mulScalar, narrow, rnnCell, split, squeeze, stack, tanh, transpose, unsqueeze, view } from './ops/index.ts';
import { PackedSequence, numbers, select } from './packed-sequence.ts';
import { Generator, defaultGenerator } from './random.ts';
import { Tensor } from './tensor.ts';
import { torchAtLeast } from './version.ts';
import { warn } from './warnings.ts';

export type { RNNOptions } from './rnn-arguments.ts';

export interface RNNForwardOptions {
  /**
   * One 0/1 keep-mask per non-final layer, shaped like that layer's output: time-major (L, N, D*H)
   * for padded input (also with batchFirst; (L, D*H) unbatched) or (sum L_b, D*H) for packed data.
   * Used only when dropout acts (training mode, dropout > 0, numLayers > 1); else drawn from the generator.
   */
  dropoutMasks?: readonly Tensor[];
}

interface Weights {
  W_ih: Tensor;
  W_hh: Tensor;
  b_ih: Tensor | null;
  b_hh: Tensor | null;
}

type Nonlinearity = 'tanh' | 'relu';

// ---- one direction of one layer, over time-major rows X: step t is the next batchSizes[t] rows ----
/** PackedLayer: h_n[b] is the state after sequence b's own last step. */
function forwardDirection(X: Tensor, batchSizes: readonly number[], h_0: Tensor, { W_ih, W_hh, b_ih, b_hh }: Weights, act: Nonlinearity) {
  const P = split(linear(X, W_ih, b_ih), batchSizes); // x_t W_ih^T + b_ih for every step at once, P[t] a view
  if (batchSizes.length === 0) throw new RuntimeError('Expected sequence length to be larger than 0 in RNN');
  const outputs: Tensor[] = [];
  const finished: Tensor[] = []; // last states of the sequences that ended, shortest first
  let h_prev = h_0;
  batchSizes.forEach((n, t) => {
    if (n < h_prev.shape[0]) {
      finished.unshift(narrow(h_prev, 0, n, h_prev.shape[0] - n));
      h_prev = narrow(h_prev, 0, 0, n);
    }
    h_prev = rnnCell(P[t], h_prev, W_hh, b_hh, act); // h_t = act(h_{t-1} W_hh^T + b_hh + x_t W_ih^T + b_ih)
    outputs.push(h_prev);
  });
  return { output: cat(outputs, 0), h_n: cat([h_prev, ...finished], 0) };
}

/** ReversedPackedLayer: each sequence starts at its own last step from its own h_0 row; h_n is after t = 0. */
function reverseDirection(X: Tensor, batchSizes: readonly number[], h_0: Tensor, { W_ih, W_hh, b_ih, b_hh }: Weights, act: Nonlinearity) {
  const P = split(linear(X, W_ih, b_ih), batchSizes);
  const outputs: Tensor[] = [];
  let h_prev = narrow(h_0, 0, 0, batchSizes[batchSizes.length - 1]);
  for (let t = batchSizes.length - 1; t >= 0; t--) {
    const n = batchSizes[t];
    if (n > h_prev.shape[0]) h_prev = cat([h_prev, narrow(h_0, 0, h_prev.shape[0], n - h_prev.shape[0])], 0);
    h_prev = rnnCell(P[t], h_prev, W_hh, b_hh, act); // h_t = act(h_{t+1} W_hh^T + b_hh + x_t W_ih^T + b_ih)
    outputs.push(h_prev);
  }
  return { output: cat(outputs.reverse(), 0), h_n: h_prev };
}

/** One layer: the directions over the same input, outputs side by side [forward, reverse]. */
function layer(X: Tensor, batchSizes: readonly number[], h_0: Tensor[], weights: Weights[], act: Nonlinearity) {
  const fwd = forwardDirection(X, batchSizes, h_0[0], weights[0], act);
  if (weights.length === 1) return { output: fwd.output, h_n: [fwd.h_n] };
  const bwd = reverseDirection(X, batchSizes, h_0[1], weights[1], act);
  return { output: cat([fwd.output, bwd.output], 1), h_n: [fwd.h_n, bwd.h_n] };
}

/** at::dropout with a given keep-mask: x * mask * (1/(1-p)), rounded as torch rounds it; p = 1 zeroes. */
function dropout(x: Tensor, p: number, mask: Tensor): Tensor {
  if (p === 1) return mul(x, new Tensor(x.dtype, x.shape));
  // torch divides the float32 mask by 1-p: the kept factor is fl32(1 / fl32(1 - p)); float64 1/(1-p)
  const scale = x.dtype === 'float32' ? Math.fround(1 / Math.fround(1 - p)) : 1 / (1 - p);
  return mul(x, mulScalar(mask.to(x.dtype), scale));
}

// ---- the module ----------------------------------------------------------------------------------
/** `nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False, dropout=0.0, bidirectional=False)`. */
export class RNN extends Module {
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

  /**
   * `new RNN(10, 20, 2)`, `new RNN(10, 20, 2, { bidirectional: true })` or `new RNN(10, 20, { numLayers: 2 })`;
   * further positional arguments bind as PyTorch binds them in the version in force (rnnPositionalNames).
   */
  constructor(inputSize: number, hiddenSize: number, ...args: RNNArgument[]) {
    super();
    const { numLayers, opts, nonlinearity } = bindArguments(inputSize, hiddenSize, args);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.nonlinearity = nonlinearity;
    this.mode = nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU';
    this.bias = opts.bias ?? true;
    this.batchFirst = opts.batchFirst ?? false;
    this.bidirectional = opts.bidirectional ?? false;
    this.generator = opts.generator ?? defaultGenerator;
    this.dropout = checkDropout(opts.dropout === undefined ? 0 : opts.dropout);
    if (this.dropout > 0 && Number(numLayers) === 1) { // True == 1 in Python
      warn(`dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=${pyRepr(this.dropout)} and num_layers=${pyRepr(numLayers)}`);
    }
    checkSizes(hiddenSize, numLayers);
    // range(num_layers): a bool is an int in Python (True builds one layer; forward's _VF call then refuses it)
    if (typeof numLayers !== 'boolean' && !Number.isInteger(numLayers)) throw new PyTypeError(`'${pythonTypeName(numLayers)}' object cannot be interpreted as an integer`);
    this.registerParameters(opts.dtype);
    if (numLayers <= 0) throw new IndexError('list index out of range'); // from flatten_parameters in 1.13
    this.resetParameters();
  }

  /** For each layer k and direction: weight_ih_l{k}{_reverse}, weight_hh_..., bias_ih_..., bias_hh_... */
  private registerParameters(dtype: DType | undefined): void {
    const H = this.hiddenSize;
    const D = this.bidirectional ? 2 : 1;
    for (let k = 0; k < this.numLayers; k++) {
      for (const sfx of D === 2 ? ['', '_reverse'] : ['']) {
        const shapes: Array<[string, number[]]> = [
          [`weight_ih_l${k}${sfx}`, [H, k === 0 ? this.inputSize : D * H]],
          [`weight_hh_l${k}${sfx}`, [H, H]],
        ];
        if (this.bias) shapes.push([`bias_ih_l${k}${sfx}`, [H]], [`bias_hh_l${k}${sfx}`, [H]]);
        for (const [name, shape] of shapes) this.registerParameter(name, Parameter(empty(shape, dtype)));
      }
    }
  }

  /** Every parameter ~ U(-1/sqrt(H), 1/sqrt(H)), drawn in registration order. */
  resetParameters(): void {
    const stdv = 1 / Math.sqrt(this.hiddenSize);
    for (const p of this.parameters()) p.detach()._applyInplace(() => this.generator.uniform(-stdv, stdv));
  }

  private weights(k: number, d: number): Weights {
    const sfx = `_l${k}${d === 1 ? '_reverse' : ''}`;
    const get = (name: string) => this.getParameter(name + sfx);
    return { W_ih: get('weight_ih'), W_hh: get('weight_hh'), b_ih: this.bias ? get('bias_ih') : null, b_hh: this.bias ? get('bias_hh') : null };
  }

  forward(input: Tensor, h_0?: Tensor | null, options?: RNNForwardOptions): [Tensor, Tensor];
  forward(input: PackedSequence, h_0?: Tensor | null, options?: RNNForwardOptions): [PackedSequence, Tensor];
  /** Returns [output, h_n]; h_0 defaults to zeros. */
  forward(input: Tensor | PackedSequence, h_0: Tensor | null = null, options: RNNForwardOptions = {}): [Tensor | PackedSequence, Tensor] {
    if (input instanceof PackedSequence) return this.forwardPacked(input, h_0, options.dropoutMasks);
    if (!(input instanceof Tensor)) throw new AttributeError(`'${pythonTypeName(input)}' object has no attribute 'dim'`);
    return this.forwardPadded(input, h_0, options.dropoutMasks);
  }

  private forwardPadded(input: Tensor, h_0: Tensor | null, masks?: readonly Tensor[]): [Tensor, Tensor] {
    if (torchAtLeast('2.6') && input.dim() !== 2 && input.dim() !== 3) {
      throw new ValueError(`RNN: Expected input to be 2D or 3D, got ${input.dim()}D tensor instead`);
    }
    const isBatched = input.dim() === 3;
    const batchDim = this.batchFirst ? 0 : 1;
    let x = input;
    let hx = h_0;
    if (!isBatched) {
      x = unsqueeze(input, batchDim); // 1.13 calls every non-3-D input unbatched (§3.2)
      if (hx !== null) {
        if (hx.dim() !== 2) throw new RuntimeError(`For unbatched 2-D input, hx should also be 2-D but got ${hx.dim()}-D tensor`);
        hx = unsqueeze(hx, 1);
      }
    } else if (hx !== null && hx.dim() !== 3) {
      throw new RuntimeError(`For batched 3-D input, hx should also be 3-D but got ${hx.dim()}-D tensor`);
    }
    this.checkInput(x, 3);
    if (this.batchFirst) x = transpose(x, 0, 1);
    const [L, N] = x.shape;
    hx = this.checkHidden(hx ?? this.zeros(N, x.dtype), N);
    checkVFArguments(this, false);
    const DH = this.hiddenSize * (this.bidirectional ? 2 : 1);
    const maskShapes = isBatched ? [[L, N, DH]] : [[L, N, DH], [L, DH]];
    const run = this.layers(view(x, [L * N, this.inputSize]), new Array<number>(L).fill(N), hx, masks, maskShapes);
    let output = view(run.output, [L, N, DH]);
    if (this.batchFirst) output = transpose(output, 0, 1);
    return isBatched ? [output, run.h_n] : [squeeze(output, batchDim), squeeze(run.h_n, 1)];
  }

  private forwardPacked(input: PackedSequence, h_0: Tensor | null, masks?: readonly Tensor[]): [PackedSequence, Tensor] {
    const { data, sortedIndices, unsortedIndices } = input;
    const batchSizes = numbers(input.batchSizes);
    const maxBatch = batchSizes[0];
    // a given h_0 is in the caller's batch order: permuted first, checked after (the §5 quirk)
    const hx = h_0 === null ? this.zeros(maxBatch, data.dtype) : permuteHidden(h_0, sortedIndices);
    this.checkInput(data, 2);
    this.checkHidden(hx, maxBatch);
    checkVFArguments(this, true);
    const DH = this.hiddenSize * (this.bidirectional ? 2 : 1);
    const run = this.layers(data, batchSizes, hx, masks, [[data.shape[0], DH]]);
    return [new PackedSequence(run.output, input.batchSizes, sortedIndices, unsortedIndices), permuteHidden(run.h_n, unsortedIndices)];
  }

  /** The layer stack over time-major rows X; dropout between layers only in training mode. */
  private layers(X: Tensor, batchSizes: readonly number[], h_0: Tensor, masks: readonly Tensor[] | undefined, maskShapes: number[][]) {
    const D = this.bidirectional ? 2 : 1;
    const dropsOut = this.training && this.dropout !== 0 && this.numLayers > 1;
    if (dropsOut && masks !== undefined) checkMasks(masks, this.numLayers - 1, maskShapes);
    const h_n: Tensor[] = [];
    let layerInput = X;
    for (let k = 0; k < this.numLayers; k++) {
      const dirs = D === 2 ? [0, 1] : [0];
      const out = layer(layerInput, batchSizes, dirs.map((d) => select(h_0, 0, k * D + d)), dirs.map((d) => this.weights(k, d)), this.nonlinearity);
      h_n.push(...out.h_n);
      layerInput = out.output;
      if (dropsOut && k < this.numLayers - 1) {
        const mask = masks === undefined ? this.bernoulliMask(out.output) : view(masks[k], out.output.shape);
        layerInput = dropout(out.output, this.dropout, mask);
      }
    }
    return { output: layerInput, h_n: stack(h_n, 0) };
  }

  /** A keep-mask drawn from the generator: 1 with probability 1 - p, row-major over x. */
  private bernoulliMask(x: Tensor): Tensor {
    const mask = new Tensor(x.dtype, x.shape);
    for (let i = 0; i < mask.numel(); i++) mask.data[i] = this.generator.bernoulli(1 - this.dropout);
    return mask;
  }

  private zeros(batch: number, dtype: DType): Tensor {
    return new Tensor(dtype, [this.numLayers * (this.bidirectional ? 2 : 1), batch, this.hiddenSize]);
  }

  private checkInput(x: Tensor, expectedDim: number): void {
    const weightDtype = this.getParameter('weight_ih_l0').dtype;
    if (torchAtLeast('2.6') && x.dtype !== weightDtype) {
      throw new ValueError(`input must have the type torch.${weightDtype}, got type torch.${x.dtype}`);
    }
    if (x.dim() !== expectedDim) throw new RuntimeError(`input must have ${expectedDim} dimensions, got ${x.dim()}`);
    const last = x.shape[x.dim() - 1];
    if (last !== this.inputSize) throw new RuntimeError(`input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${last}`);
  }

  private checkHidden(hx: Tensor, batch: number): Tensor {
    const expected = [this.numLayers * (this.bidirectional ? 2 : 1), batch, this.hiddenSize];
    if (hx.shape.join() !== expected.join()) throw new RuntimeError(`Expected hidden size (${expected.join(', ')}), got [${hx.shape.join(', ')}]`);
    return hx;
  }
}

/** `permute_hidden`: h.index_select(1, permutation), or h itself without one. */
function permuteHidden(h: Tensor, permutation: Tensor | null): Tensor {
  return permutation === null ? h : indexSelect(h, 1, numbers(permutation));
}

function checkMasks(masks: readonly Tensor[], count: number, shapes: number[][]): void {
  if (masks.length !== count) throw new RuntimeError(`rnnspec: expected ${count} dropout masks (one per non-final layer), got ${masks.length}`);
  for (const m of masks) {
    if (!shapes.some((s) => s.join() === m.shape.join())) {
      throw new RuntimeError(`rnnspec: a dropout mask has shape [${m.shape.join(', ')}] but the layer output is [${shapes[0].join(', ')}]`);
    }
    if (!Array.from(m.data as ArrayLike<number | bigint>).every((v) => Number(v) === 0 || Number(v) === 1)) {
      throw new RuntimeError('rnnspec: a dropout mask must hold only 0 and 1');
    }
  }
}
