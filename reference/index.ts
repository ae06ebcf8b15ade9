/**
 * rnnspec's reference: torch.tensor copy semantics, nn.Embedding and nn.RNN with packed sequences,
 * as readable TypeScript. The public surface mirrors PyTorch's names (`tensor`, `asTensor`,
 * `nn.Embedding`, `nn.RNN`, `F.embedding`, `nn.utils.rnn.packPaddedSequence`, ...).
 */
export { Tensor, numelOf, type VersionCounter } from './tensor.ts';
export { tensor, asTensor, type TensorData, type TensorOptions } from './creation.ts';
export { DTYPES, isFloatingPoint, promoteTypes, type DType, type Storage } from './dtype.ts';
export { noGrad, isGradEnabled, type Node } from './autograd.ts';
export { SparseCooTensor } from './sparse.ts';
export { Generator, defaultGenerator, manualSeed } from './random.ts';
export { catchWarnings, type Warning } from './warnings.ts';
export { Module } from './module.ts';
export {
  TorchError, RuntimeError, ValueError, PyTypeError, IndexError, AssertionError, AttributeError,
  type PythonErrorType,
} from './errors.ts';
export * as ops from './ops/index.ts';
export {
  TORCH_VERSIONS, NEWEST_TORCH, isTorchVersion, torchAtLeast, torchVersion, withTorchVersion, type TorchVersion,
} from './version.ts';
export { rnnPositionalNames, type RNNArgument } from './rnn-arguments.ts';

import { Embedding } from './embedding.ts';
import { embedding } from './functional.ts';
import { RNN } from './rnn.ts';
import {
  PackedSequence, packPaddedSequence, packSequence, padPackedSequence, padSequence, unpackSequence, unpadSequence,
} from './packed-sequence.ts';
export { Embedding, type EmbeddingModuleOptions, type FromPretrainedOptions } from './embedding.ts';
export { embeddingRenorm_, type EmbeddingOptions } from './functional.ts';
export { RNN, type RNNOptions, type RNNForwardOptions } from './rnn.ts';
export {
  PackedSequence, packPaddedSequence, packSequence, padPackedSequence, padSequence, unpackSequence, unpadSequence,
} from './packed-sequence.ts';

/** `torch.nn`: the modules, and `nn.utils.rnn` for packed sequences. */
export const nn = {
  Embedding,
  RNN,
  utils: { rnn: { PackedSequence, packPaddedSequence, packSequence, padSequence, padPackedSequence, unpackSequence, unpadSequence } },
};

/** `torch.nn.functional`. */
export const F = { embedding };
