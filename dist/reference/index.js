/**
 * rnnspec's reference: torch.tensor copy semantics, nn.Embedding and nn.RNN with packed sequences,
 * as readable TypeScript. The public surface mirrors PyTorch's names (`tensor`, `asTensor`,
 * `nn.Embedding`, `nn.RNN`, `F.embedding`, `nn.utils.rnn.packPaddedSequence`, ...).
 */
export { Tensor, numelOf } from "./tensor.js";
export { tensor, asTensor } from "./creation.js";
export { DTYPES, isFloatingPoint, promoteTypes } from "./dtype.js";
export { noGrad, isGradEnabled } from "./autograd.js";
export { SparseCooTensor } from "./sparse.js";
export { Generator, defaultGenerator, manualSeed } from "./random.js";
export { catchWarnings } from "./warnings.js";
export { Module } from "./module.js";
export { TorchError, RuntimeError, ValueError, PyTypeError, IndexError, AssertionError, AttributeError, } from "./errors.js";
export * as ops from "./ops/index.js";
import { Embedding } from "./embedding.js";
import { embedding } from "./functional.js";
import { RNN } from "./rnn.js";
import { PackedSequence, packPaddedSequence, packSequence, padPackedSequence, padSequence, unpackSequence, unpadSequence, } from "./packed-sequence.js";
export { Embedding } from "./embedding.js";
export { embeddingRenorm_ } from "./functional.js";
export { RNN } from "./rnn.js";
export { PackedSequence, packPaddedSequence, packSequence, padPackedSequence, padSequence, unpackSequence, unpadSequence, } from "./packed-sequence.js";
/** `torch.nn`: the modules, and `nn.utils.rnn` for packed sequences. */
export const nn = {
    Embedding,
    RNN,
    utils: { rnn: { PackedSequence, packPaddedSequence, packSequence, padSequence, padPackedSequence, unpackSequence, unpadSequence } },
};
/** `torch.nn.functional`. */
export const F = { embedding };
