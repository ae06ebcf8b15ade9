/**
 * @tensorflow/tfjs 4.22 behind the adapter contract, on its pure-JS `cpu` backend or on
 * @tensorflow/tfjs-backend-wasm: `createTfjsAdapter('cpu')` is `tfjs-cpu`, `createTfjsAdapter('wasm')`
 * is `tfjs-wasm`. A third-party implementation under test, not an oracle.
 *
 * Mapping (every value is computed by tfjs; JavaScript only moves data between layouts):
 * - nn.RNN -> one `tf.layers.simpleRNN` per layer (`returnSequences` + `returnState`), wrapped in
 *   `tf.layers.bidirectional({mergeMode: 'concat'})` when bidirectional (outputs `[fwd | bwd]`,
 *   states forward then backward, like PyTorch), chained layer by layer. Weights from PyTorch's:
 *   `kernel = weight_ih^T`, `recurrent_kernel = weight_hh^T`, `bias = bias_ih + bias_hh`
 *   (tfjs has one bias). The folded bias is exact only up to one float32 rounding of the sum, and
 *   tfjs adds it once instead of twice: a forward difference of order 1 ulp, inside the tolerance.
 * - layouts: tfjs layers are batch-major, so seq-first input is transposed (tf.transpose) to
 *   (N, L, I) and the output back; unbatched (L, I) gets a batch dim of 1 (batch_first is ignored
 *   for unbatched input, as in PyTorch 1.13); h0 (layers*D, N, H) is split into the per-layer
 *   `initialState`s.
 * - packed input -> a (N, L) mask passed to every layer. tfjs masking freezes the state past each
 *   length, which gives PyTorch's packed h_n (forward: the state after step len-1; backward: the
 *   state after t=0, the padded steps being skipped first), but its padded output steps repeat
 *   the previous output (the backward direction's: h0) instead of 0, so the adapter zeroes them
 *   (tf.where, between layers too) and cuts the output to max(lengths) like pad_packed_sequence.
 *   Lengths are truncated like `torch.as_tensor(lengths, dtype=int64)`; with enforce_sorted=False
 *   an h0 with more batch rows than sequences keeps rows 0..N-1 (PyTorch's index_select).
 * - gradients -> `tf.variableGrads` of `sum(output * dL/doutput) + sum(h_n * dL/dh_n)` with respect
 *   to the layers' variables, the input and h0. The gradient of tfjs's single bias is the gradient
 *   of both `bias_ih` and `bias_hh` (d(b_ih + b_hh)/db_ih = d(b_ih + b_hh)/db_hh = 1), so both are
 *   returned.
 * - nn.Embedding -> `tf.gather(weight, indices)` on a `tf.variable` holding the weight: exactly what
 *   `tf.layers.embedding` computes (its `call` is `gather(embeddings, reshape(indices, [size]))`
 *   reshaped back), without the layer's refusal of num_embeddings = 0 or embedding_dim = 0
 *   ("Expected inputDim to be a positive integer"). The gradient is tfjs's dense gradient of the
 *   variable (on cpu an UnsortedSegmentSum, which sums repeated indices; a sparse PyTorch gradient
 *   is compared densely, as the contract says).
 *   Indices: tfjs has no int64, so int64 indices are converted to int32 after a range check
 *   against [0, num_embeddings) (PyTorch raises "index out of range in self" otherwise, and every
 *   valid index of a weight that exists fits in int32 unless embedding_dim is 0).
 *
 * Capabilities and why (docs/spec.md §7.3):
 * - float32 only: tfjs has no float64.
 * - tanh and relu; bias=False (`useBias: false`); batch_first; bidirectional; any number of
 *   layers; h0; unbatched; packed (as above).
 * - dropout in training mode with injected masks: no (tfjs's `dropout` draws its own masks, and
 *   only on the inputs of a layer, not between stacked layers as PyTorch does). Dropout in eval
 *   mode or with one layer has no effect and runs.
 * - RNN gradients: yes, on both backends.
 * - Embedding: forward yes. max_norm no (tfjs has no renorm), padding_idx no (its forward is the
 *   plain lookup, but tfjs has no zero gradient row; `maskZero` only produces a mask),
 *   scale_grad_by_freq no. Gradients on cpu only: the wasm backend has no UnsortedSegmentSum kernel
 *   ("Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'").
 *
 * Where tfjs itself deviates from PyTorch on claimed features (RNN gradients with sequence length
 * 1; on cpu the Embedding gradient of a (0, D) weight; on wasm Gather from an empty weight, and
 * uninitialised results for batch size 0 and input_size 0), the cases fail in the report: that is
 * the finding. They are listed, with their root causes, in test/self/tfjs/known-deviations.ts.
 *
 * The tfjs engine is a process-wide singleton: each call selects this adapter's backend first, so
 * a tfjs-cpu and a tfjs-wasm adapter can take turns in one process. Every tensor and variable a
 * call creates is disposed before it returns.
 */
import { checkEmbeddingIndices, checkRnnInput, torchError } from '../torch-checks.ts';
import type * as TF from '@tensorflow/tfjs';
import type {
  Adapter,
  Capabilities,
  EmbeddingCase,
  EmbeddingResult,
  PlainTensor,
  RnnCase,
  RnnResult,
} from '../contract.ts';

export type TfjsBackend = 'cpu' | 'wasm';

export function tfjsCapabilities(backend: TfjsBackend): Capabilities {
  return {
    rnn: {
      dtypes: ['float32'],
      nonlinearities: ['tanh', 'relu'],
      withoutBias: true,
      batchFirst: true,
      bidirectional: true,
      maxLayers: Infinity,
      h0: true,
      unbatched: true,
      packed: true,
      dropout: false,
      gradients: true,
    },
    embedding: {
      dtypes: ['float32'],
      indexDtypes: ['int64', 'int32'],
      paddingIdx: false,
      maxNorm: false,
      scaleGradByFreq: false,
      gradients: backend === 'cpu',
    },
    // tf.tensor for both tensor() and asTensor() (tfjs has no separate as_tensor). Measured: on cpu
    // it keeps a Float32Array / Int32Array it is given (a later write to the source shows in the
    // tensor: it aliases, where torch.tensor copies); on wasm it copies into wasm memory. tfjs has
    // no int64 or float64 and infers float32 for every JS number (integers too).
    tensor: { dtypes: ['float32', 'int32', 'bool'], asTensorAliases: backend === 'cpu' },
  };
}

// ---- loading tfjs and selecting the backend ----------------------------------------------------
let tfModule: Promise<typeof TF> | undefined;
let wasmModule: Promise<unknown> | undefined;

async function loadTf(): Promise<typeof TF> {
  tfModule ??= import('@tensorflow/tfjs');
  return tfModule;
}

/** tfjs as `backend`: the wasm backend is registered on first use, then both are selected by name. */
async function useBackend(backend: TfjsBackend): Promise<typeof TF> {
  const tf = await loadTf();
  if (backend === 'wasm') {
    // registers 'wasm'; in Node it reads its .wasm binary from its own dist/ folder
    wasmModule ??= import('@tensorflow/tfjs-backend-wasm');
    await wasmModule;
  }
  if (tf.getBackend() !== backend) {
    // The cpu backend greets Node users once on its first tensor ("install tfjs-node"); that note
    // is for tfjs users, not for a conformance report, so it is silenced for exactly that write.
    const prod = tf.env().getBool('PROD');
    tf.env().set('PROD', true);
    try {
      if (!(await tf.setBackend(backend))) throw new Error(`tfjs: the ${backend} backend failed to initialise`);
      tf.scalar(0).dispose();
    } finally {
      tf.env().set('PROD', prod);
    }
  }
  return tf;
}

// ---- plain tensors <-> tfjs ------------------------------------------------------------------
function toFloat32(t: PlainTensor, what: string): Float32Array {
  if (t.dtype !== 'float32') throw torchError('RuntimeError', `${what} has dtype ${t.dtype}; the tfjs adapter takes float32 only`);
  // a copy: tfjs's cpu backend keeps the array it is given
  return (t.data as Float32Array).slice();
}

/** `fn` in a tf.tidy scope: every tensor it creates is disposed, its (plain) result kept. */
function tidied<T>(tf: typeof TF, fn: () => T): T {
  let result: T | undefined;
  tf.tidy(() => {
    result = fn();
  });
  return result as T;
}

function plain(t: TF.Tensor): PlainTensor {
  return { dtype: 'float32', shape: [...t.shape], data: Float32Array.from(t.dataSync() as Float32Array) };
}

// ---- nn.RNN ------------------------------------------------------------------------------------

interface BuiltRnn {
  layers: TF.layers.Layer[];
  /** Every variable, with the PyTorch parameter names whose gradient it gives. */
  variables: Array<{ v: TF.Variable; names: string[] }>;
}

/** Adds to `built` the stacked tfjs layers for `c`, built and holding the case's PyTorch parameters. */
function buildLayers(tf: typeof TF, c: RnnCase, L: number, built: BuiltRnn): void {
  const cfg = c.config;
  const H = cfg.hiddenSize;
  const dirs = cfg.bidirectional ? ['', '_reverse'] : [''];
  for (let l = 0; l < cfg.numLayers; l++) {
    const inputSize = l === 0 ? cfg.inputSize : H * dirs.length;
    const cell = () =>
      tf.layers.simpleRNN({
        units: H, activation: cfg.nonlinearity, useBias: cfg.bias, returnSequences: true, returnState: true,
        kernelInitializer: 'zeros', recurrentInitializer: 'zeros', biasInitializer: 'zeros',
      });
    const layer = cfg.bidirectional ? tf.layers.bidirectional({ layer: cell() as TF.RNN, mergeMode: 'concat' }) : cell();
    built.layers.push(layer);
    // Build through a symbolic input: `build()` followed by `apply()` creates the weights twice
    // ("Duplicate weight name kernel").
    layer.apply(tf.input({ shape: [L, inputSize] }));
    const weights = layer.weights;
    const perDir = cfg.bias ? 3 : 2;
    if (weights.length !== perDir * dirs.length) throw new Error(`tfjs adapter: expected ${perDir * dirs.length} weights, found ${weights.length}`);
    const values = tf.tidy(() =>
      dirs.flatMap((sfx, d) => {
        const param = (name: string): Float32Array => {
          const p = c.params[`${name}_l${l}${sfx}`];
          if (!p) throw new Error(`tfjs adapter: parameter ${name}_l${l}${sfx} is missing`);
          return toFloat32(p, `${name}_l${l}${sfx}`);
        };
        const w = weights.slice(d * perDir, (d + 1) * perDir);
        const expectName = (k: number, suffix: string) => {
          if (!w[k].originalName.endsWith(suffix)) throw new Error(`tfjs adapter: weight ${w[k].originalName} is not a ${suffix}`);
        };
        expectName(0, '/kernel');
        expectName(1, '/recurrent_kernel');
        built.variables.push({ v: w[0].read() as TF.Variable, names: [`weight_ih_l${l}${sfx}`] });
        built.variables.push({ v: w[1].read() as TF.Variable, names: [`weight_hh_l${l}${sfx}`] });
        const v = [
          tf.transpose(tf.tensor2d(param('weight_ih'), [H, inputSize])),
          tf.transpose(tf.tensor2d(param('weight_hh'), [H, H])),
        ];
        if (cfg.bias) {
          expectName(2, '/bias');
          built.variables.push({ v: w[2].read() as TF.Variable, names: [`bias_ih_l${l}${sfx}`, `bias_hh_l${l}${sfx}`] });
          v.push(tf.add(tf.tensor1d(param('bias_ih')), tf.tensor1d(param('bias_hh'))));
        }
        return v;
      }),
    );
    layer.setWeights(values);
    tf.dispose(values);
  }
}

async function rnn(backend: TfjsBackend, c: RnnCase): Promise<RnnResult> {
  const tf = await useBackend(backend);
  const cfg = c.config;
  if (cfg.dtype !== 'float32') throw torchError('TypeError', `tfjs has no ${cfg.dtype}`);
  if (cfg.training && cfg.dropout > 0 && cfg.numLayers > 1) {
    throw new Error('tfjs adapter: dropout between stacked layers in training mode is not supported');
  }
  const D = cfg.bidirectional ? 2 : 1;
  const H = cfg.hiddenSize;
  const { L, N, unbatched, batchFirst, lengths, hShape } = checkRnnInput(c);
  const withGrad = c.upstream !== undefined;

  const built: BuiltRnn = { layers: [], variables: [] };
  const own: TF.Tensor[] = [];
  try {
    buildLayers(tf, c, L, built);
    const xVar = tf.tidy(() => tf.variable(tf.tensor(toFloat32(c.input, 'input'), c.input.shape as number[], 'float32'), withGrad));
    own.push(xVar);
    const h0 = c.h0;
    const h0Var = h0 ? tf.tidy(() => tf.variable(tf.tensor(toFloat32(h0, 'h0'), h0.shape as number[], 'float32'), withGrad)) : null;
    if (h0Var) own.push(h0Var);
    const mask = lengths ? tf.tensor2d(lengths.flatMap((len) => Array.from({ length: L }, (_, t) => t < len)), [N, L], 'bool') : null;
    if (mask) own.push(mask);

    const forward = (): { output: TF.Tensor; h_n: TF.Tensor } => {
      // (N, L, I): the layout tfjs layers take
      let x: TF.Tensor = unbatched ? tf.expandDims(xVar, 0) : batchFirst ? xVar : tf.transpose(xVar, [1, 0, 2]);
      let h0: TF.Tensor | null = h0Var ? (unbatched ? tf.expandDims(h0Var, 1) : h0Var) : null;
      if (h0 && h0.shape[1] !== N) h0 = tf.slice(h0, [0, 0, 0], hShape);
      const keep = mask ? tf.expandDims(mask, 2) : null;
      const states: TF.Tensor[] = [];
      for (let l = 0; l < cfg.numLayers; l++) {
        const initialState = h0 ? Array.from({ length: D }, (_, d) => tf.squeeze(tf.slice(h0!, [l * D + d, 0, 0], [1, N, H]), [0])) : undefined;
        const kwargs: Record<string, unknown> = {};
        if (initialState) kwargs.initialState = initialState;
        if (mask) kwargs.mask = mask;
        const [y, ...hs] = built.layers[l].apply(x, kwargs) as TF.Tensor[];
        states.push(...hs);
        // padded steps repeat the previous output in tfjs; pad_packed_sequence has 0 there
        x = keep ? tf.where(tf.broadcastTo(keep, y.shape), y, tf.zerosLike(y)) : y;
      }
      let output = x;
      if (lengths) output = tf.slice(output, [0, 0, 0], [N, Math.max(...lengths), D * H]);
      if (unbatched) output = tf.squeeze(output, [0]);
      else if (!batchFirst) output = tf.transpose(output, [1, 0, 2]);
      let h_n = tf.stack(states, 0);
      if (unbatched) h_n = tf.squeeze(h_n, [1]);
      return { output, h_n };
    };

    if (!withGrad) {
      return tidied(tf, () => {
        const { output, h_n } = forward();
        return { output: plain(output), h_n: plain(h_n) };
      });
    }

    const up = c.upstream!;
    return tidied(tf, () => {
      let outputs: { output: PlainTensor; h_n: PlainTensor } | undefined;
      const varList = [xVar, ...(h0Var ? [h0Var] : []), ...built.variables.map(({ v }) => v)];
      const { grads } = tf.variableGrads(() => {
        const { output, h_n } = forward();
        outputs = { output: plain(output), h_n: plain(h_n) };
        const gOut = tf.tensor(toFloat32(up.output, 'upstream.output'), up.output.shape as number[], 'float32');
        const gHn = tf.tensor(toFloat32(up.h_n, 'upstream.h_n'), up.h_n.shape as number[], 'float32');
        return tf.add(tf.sum(tf.mul(output, gOut)), tf.sum(tf.mul(h_n, gHn))) as TF.Scalar;
      }, varList);
      // a variable the loss does not reach gets no entry: its gradient is 0
      const gradOf = (v: TF.Variable): TF.Tensor => grads[v.name] ?? tf.zeros(v.shape);
      const result: Record<string, PlainTensor> = { input: plain(gradOf(xVar)) };
      if (h0Var) result.h0 = plain(gradOf(h0Var));
      for (const { v, names } of built.variables) {
        const g = gradOf(v);
        // kernels are stored transposed: (in, H) for PyTorch's (H, in)
        const t = plain(g.rank === 2 ? tf.transpose(g) : g);
        for (const name of names) result[name] = { ...t, data: t.data.slice() };
      }
      return { ...outputs!, grads: result };
    });
  } finally {
    tf.dispose(own);
    for (const layer of built.layers) layer.dispose();
  }
}

// ---- nn.Embedding ------------------------------------------------------------------------------
function embeddingIndices(indices: PlainTensor, V: number, E: number): Int32Array {
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32') {
    throw torchError('RuntimeError', `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${indices.dtype} instead`);
  }
  // PyTorch raises for anything outside [0, V) (tfjs's Gather raises too, in its own words)
  checkEmbeddingIndices(indices, V, E, false);
  const out = new Int32Array(indices.data.length);
  for (let k = 0; k < out.length; k++) {
    const i = Number(indices.data[k]);
    if (i > 0x7fffffff) throw new Error(`tfjs adapter: index ${i} does not fit in tfjs's int32 indices`);
    out[k] = i;
  }
  return out;
}

async function embedding(backend: TfjsBackend, c: EmbeddingCase): Promise<EmbeddingResult> {
  const tf = await useBackend(backend);
  const cfg = c.config;
  if (cfg.dtype !== 'float32' || c.weight.dtype !== 'float32') throw torchError('TypeError', `tfjs has no ${c.weight.dtype}`);
  if (cfg.maxNorm !== null) throw new Error('tfjs adapter: max_norm is not supported');
  if (c.weight.shape.length !== 2) throw torchError('RuntimeError', "'weight' must be 2-D");
  const [V, E] = c.weight.shape;
  const idx = embeddingIndices(c.indices, V, E);
  const withGrad = c.upstream !== undefined;
  if (withGrad && (cfg.paddingIdx !== null || cfg.scaleGradByFreq)) {
    throw new Error('tfjs adapter: padding_idx and scale_grad_by_freq gradients are not supported');
  }
  // a variable, like tf.layers.embedding's `embeddings`, so that tfjs gives its gradient
  const weight = tf.tidy(() => tf.variable(tf.tensor2d(toFloat32(c.weight, 'weight'), [V, E]), withGrad));
  try {
    return tidied(tf, () => {
      const indices = tf.tensor(idx, c.indices.shape as number[], 'int32');
      const lookup = () => tf.gather(weight, indices);
      if (!withGrad) return { output: plain(lookup()), weightAfter: plain(weight) };
      let output: PlainTensor | undefined;
      const up = tf.tensor(toFloat32(c.upstream!, 'upstream'), c.upstream!.shape as number[], 'float32');
      const { grads } = tf.variableGrads(() => {
        const y = lookup();
        output = plain(y);
        return tf.sum(tf.mul(y, up)) as TF.Scalar;
      }, [weight]);
      const g = grads[weight.name];
      const gradWeight = g ? plain(g) : { dtype: 'float32', shape: [V, E], data: new Float32Array(V * E) };
      return { output: output!, weightAfter: plain(weight), gradWeight };
    });
  } finally {
    weight.dispose();
  }
}

// ---- the adapter -------------------------------------------------------------------------------
/** A tfjs tensor as the contract's view: `data` reads the tensor's current values (on cpu, its own buffer). */
function view(t: TF.Tensor): PlainTensor {
  return { dtype: t.dtype, shape: [...t.shape], get data() { return t.dataSync() as PlainTensor['data']; } };
}

export interface TfjsAdapter extends Adapter {
  name: 'tfjs-cpu' | 'tfjs-wasm';
  backend: TfjsBackend;
  rnn(c: RnnCase): Promise<RnnResult>;
  embedding(c: EmbeddingCase): Promise<EmbeddingResult>;
  /** Tensors the tfjs engine holds (all backends): constant across successful calls when nothing leaks. */
  numTensors(): Promise<number>;
  dispose(): Promise<void>;
}

/**
 * `tfjs-cpu` (the default, also for `--adapter impl/tfjs/index.ts`) or `tfjs-wasm`. tfjs is loaded (and the wasm backend registered) on the first call.
 *
 * dispose() only retires the adapter (later calls reject) and releases the tensors tensor() handed
 * out: every tensor, variable and layer an rnn() or embedding() call creates is already released when it returns, and the tfjs engine and its backends are
 * process-wide singletons that other code may be using; a removed wasm backend could not even be
 * registered again (tfjs-backend-wasm registers its factory once, when it is first imported).
 */
export function createTfjsAdapter(backend: TfjsBackend = 'cpu'): TfjsAdapter {
  if (backend !== 'cpu' && backend !== 'wasm') throw new Error(`tfjs adapter: unknown backend '${String(backend)}' (cpu or wasm)`);
  const name = `tfjs-${backend}` as const;
  let disposed = false;
  const live = (): void => {
    if (disposed) throw new Error(`${name}: the adapter has been disposed`);
  };
  /** The tensors tensor() / asTensor() handed out: the caller reads them after the call, so they live until dispose(). */
  const created: TF.Tensor[] = [];
  const create = async (data: unknown, dtype?: string): Promise<PlainTensor> => {
    live();
    const tf = await useBackend(backend);
    const t = tf.tensor(data as TF.TensorLike, undefined, dtype as TF.DataType | undefined);
    created.push(t);
    return view(t);
  };
  return {
    name,
    backend,
    capabilities: tfjsCapabilities(backend),
    rnn: async (c) => (live(), rnn(backend, c)),
    embedding: async (c) => (live(), embedding(backend, c)),
    tensor: create,
    asTensor: create,
    numTensors: async () => (await loadTf()).memory().numTensors,
    dispose: async () => {
      disposed = true;
      for (const t of created.splice(0)) t.dispose();
    },
  };
}

export default createTfjsAdapter;
