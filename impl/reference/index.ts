/**
 * The reference as an adapter: rnnspec's own TypeScript implementation behind the adapter contract,
 * claiming everything (float32 and float64, every RNN and Embedding option, gradients, and contract
 * v2's exact errors, packed internals, sparse COO gradients and in-place renorm). It is also
 * the worked example of an adapter. Uses reference/ only through its public index.
 * `createReferenceAdapter({ torch: '1.13' })` emulates that PyTorch version (default: the newest).
 */
import type { Adapter, EmbeddingCase, EmbeddingResult, PackedOutput, PlainTensor, RnnCase, RnnResult } from '../contract.ts';
import {
  NEWEST_TORCH, SparseCooTensor, Tensor, asTensor, catchWarnings, isTorchVersion, nn, ops, tensor, withTorchVersion, TORCH_VERSIONS,
  type DType, type TensorData, type TorchVersion,
} from '../../reference/index.ts';

/** A fresh rnnspec Tensor holding a copy of a plain tensor (adapters never alias their inputs). */
function toTensor(t: PlainTensor, requiresGrad = false): Tensor {
  const out = new Tensor(t.dtype as DType, t.shape, t.data.slice());
  return requiresGrad ? out.requiresGrad_() : out;
}

function rnn(c: RnnCase): RnnResult {
  const { config } = c;
  const module = catchWarnings(() =>
    new nn.RNN(config.inputSize, config.hiddenSize, {
      numLayers: config.numLayers, nonlinearity: config.nonlinearity, bias: config.bias, batchFirst: config.batchFirst,
      dropout: config.dropout, bidirectional: config.bidirectional, dtype: config.dtype,
    }),
  ).result;
  module.train(config.training);
  module.loadStateDict(Object.fromEntries(Object.entries(c.params).map(([name, p]) => [name, toTensor(p)])));
  const withGrad = c.upstream !== undefined;
  const input = toTensor(c.input, withGrad);
  const h0 = c.h0 ? toTensor(c.h0, withGrad) : null;
  const dropoutMasks = c.dropoutMasks?.map((m) => toTensor(m));

  let output: Tensor;
  let h_n: Tensor;
  let packed: PackedOutput | undefined;
  if (c.lengths) {
    const sequence = nn.utils.rnn.packPaddedSequence(input, c.lengths, { batchFirst: config.batchFirst, enforceSorted: c.enforceSorted ?? true });
    const [out, hn] = module.forward(sequence, h0, { dropoutMasks });
    [output] = nn.utils.rnn.padPackedSequence(out, { batchFirst: config.batchFirst });
    h_n = hn;
    packed = { data: out.data.detach(), batchSizes: out.batchSizes, sortedIndices: out.sortedIndices ?? null, unsortedIndices: out.unsortedIndices ?? null };
  } else {
    [output, h_n] = module.forward(input, h0, { dropoutMasks });
  }
  if (!c.upstream) return { output, h_n, ...(packed ? { packed } : {}) };

  // loss = <output, dL/doutput> + <h_n, dL/dh_n>, so backward gives every gradient at once
  const loss = ops.add(ops.sum(ops.mul(output, toTensor(c.upstream.output))), ops.sum(ops.mul(h_n, toTensor(c.upstream.h_n))));
  loss.backward();
  const grads: Record<string, PlainTensor> = { input: input.grad as Tensor };
  if (h0) grads.h0 = h0.grad as Tensor;
  for (const [name, p] of module.namedParameters()) grads[name] = p.grad as Tensor;
  return { output: output.detach(), h_n: h_n.detach(), grads, ...(packed ? { packed } : {}) };
}

function embedding(c: EmbeddingCase): EmbeddingResult {
  const { config } = c;
  const weight = toTensor(c.weight);
  const module = nn.Embedding.fromPretrained(weight, {
    freeze: c.upstream === undefined, paddingIdx: config.paddingIdx, maxNorm: config.maxNorm,
    normType: config.normType, scaleGradByFreq: config.scaleGradByFreq, sparse: config.sparse,
  });
  const output = module.forward(toTensor(c.indices));
  const weightAfter = weight.detach().clone();
  // max_norm renormalised `weight` in place; so is the caller's buffer (inPlaceRenorm)
  if (config.maxNorm !== null) c.weight.data.set(weight.data as never);
  if (!c.upstream) return { output: output.detach(), weightAfter };
  output.backward(toTensor(c.upstream));
  const g = module.weight.grad;
  if (!(g instanceof SparseCooTensor)) return { output: output.detach(), weightAfter, gradWeight: g as Tensor };
  return { output: output.detach(), weightAfter, gradWeight: g.toDense(), gradWeightSparse: { indices: g.indices, values: g.values, size: [...g.size] } };
}

export interface ReferenceAdapterOptions {
  /** The PyTorch version to emulate (reference/version.ts); default the newest. */
  torch?: TorchVersion;
}

export function createReferenceAdapter(options: ReferenceAdapterOptions = {}): Adapter {
  const torch = options.torch ?? NEWEST_TORCH;
  if (!isTorchVersion(torch)) throw new RangeError(`createReferenceAdapter: unknown PyTorch version ${String(torch)}; known: ${TORCH_VERSIONS.join(', ')}`);
  return {
    name: 'reference',
    capabilities: {
      rnn: {
        dtypes: ['float32', 'float64'], nonlinearities: ['tanh', 'relu'], withoutBias: true, batchFirst: true, bidirectional: true,
        maxLayers: Infinity, h0: true, unbatched: true, packed: true, dropout: true, gradients: true, packedInternals: true,
      },
      embedding: {
        dtypes: ['float32', 'float64'], indexDtypes: ['int64', 'int32'], paddingIdx: true, maxNorm: true, scaleGradByFreq: true, gradients: true,
        sparseCoo: true, inPlaceRenorm: true,
      },
      errors: 'exact',
      tensor: { dtypes: ['float32', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool'], asTensorAliases: true },
    },
    rnn: (c) => withTorchVersion(torch, () => rnn(c)),
    embedding: (c) => withTorchVersion(torch, () => embedding(c)),
    // warnings (a list of typed arrays is "extremely slow") are PyTorch's, not the suite's business
    tensor: (data, dtype) => withTorchVersion(torch, () => catchWarnings(() => tensor(data as TensorData, { dtype: dtype as DType | undefined })).result),
    asTensor: (data, dtype) => withTorchVersion(torch, () => catchWarnings(() => asTensor(data as TensorData, { dtype: dtype as DType | undefined })).result),
  };
}

export default createReferenceAdapter;
