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
export { TorchError, RuntimeError, ValueError, PyTypeError, IndexError, AssertionError, AttributeError, type PythonErrorType, } from './errors.ts';
export * as ops from './ops/index.ts';
import { Embedding } from './embedding.ts';
import { embedding } from './functional.ts';
import { RNN } from './rnn.ts';
import { PackedSequence, packPaddedSequence, packSequence, padPackedSequence, padSequence, unpackSequence, unpadSequence } from './packed-sequence.ts';
export { Embedding, type EmbeddingModuleOptions, type FromPretrainedOptions } from './embedding.ts';
export { embeddingRenorm_, type EmbeddingOptions } from './functional.ts';
export { RNN, type RNNOptions, type RNNForwardOptions } from './rnn.ts';
export { PackedSequence, packPaddedSequence, packSequence, padPackedSequence, padSequence, unpackSequence, unpadSequence, } from './packed-sequence.ts';
/** `torch.nn`: the modules, and `nn.utils.rnn` for packed sequences. */
export declare const nn: {
    Embedding: typeof Embedding;
    RNN: typeof RNN;
    utils: {
        rnn: {
            PackedSequence: typeof PackedSequence;
            packPaddedSequence: typeof packPaddedSequence;
            packSequence: typeof packSequence;
            padSequence: typeof padSequence;
            padPackedSequence: typeof padPackedSequence;
            unpackSequence: typeof unpackSequence;
            unpadSequence: typeof unpadSequence;
        };
    };
};
/** `torch.nn.functional`. */
export declare const F: {
    embedding: typeof embedding;
};
