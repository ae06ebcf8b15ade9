/**
 * Where @tensorflow/tfjs 4.22 itself deviates from PyTorch 1.13 on golden cases whose features the
 * tfjs adapters claim: these cases FAIL in the conformance report, and that is the finding, not a
 * bug of the adapter (each root cause is reproduced on bare tfjs in deviations.test.ts).
 * The tests require these failures to keep happening with these messages, so that a tfjs upgrade
 * or an adapter change that alters them is noticed and this list (and the report) updated.
 */
import type { TfjsBackend } from '../../../impl/tfjs/index.ts';

export interface KnownDeviation {
  /** The failure message the suite reports. */
  message: RegExp;
  /** false: the value comes from uninitialised wasm memory, so the case may also pass. */
  always: boolean;
  why: string;
}

const UNSTACK_GRADIENT: KnownDeviation = {
  message: /threw: Argument tensors passed to stack must be a `Tensor\[\]` or `TensorLike\[\]`/,
  always: true,
  why:
    'tfjs-core: the gradient of tf.unstack along an axis of size 1 throws (the tape hands a single-output ' +
    "kernel's gradient function a Tensor instead of an array, and Unpack's gradient calls stack() on it). " +
    'tfjs RNN layers unstack the time steps, so every RNN gradient with sequence length 1 throws. The forward values are right.',
};

const EMPTY_REDUCTION: KnownDeviation = {
  message: /grad\.bias_(ih|hh)_l\d/,
  always: false,
  why:
    'tfjs-backend-wasm: a sum over an axis of size 0 returns uninitialised memory instead of 0, so with batch size 0 ' +
    'the bias gradients (a sum over the batch) are garbage: 0.495 or 1 where PyTorch has 0 in observed runs, often denormals that pass.',
};

export const KNOWN_DEVIATIONS: Record<TfjsBackend, Record<string, KnownDeviation>> = {
  cpu: {
    'rnn/seq_len_1': UNSTACK_GRADIENT,
    'rnn/unbatched_seq_len_1': UNSTACK_GRADIENT,
    'embedding/num_embeddings_0': {
      message: /threw: Cannot read properties of undefined \(reading 'shape'\)/,
      always: true,
      why:
        "tfjs-backend-cpu: UnsortedSegmentSum with numSegments = 0 (the gradient of gather from a (0, D) weight) " +
        'throws inside its kernel; PyTorch returns an empty (0, D) gradient.',
    },
  },
  wasm: {
    'rnn/seq_len_1': UNSTACK_GRADIENT,
    'rnn/unbatched_seq_len_1': UNSTACK_GRADIENT,
    'embedding/num_embeddings_0': {
      message: /output has shape \[1, 1, 0, 2\] but should have \[0, 2\]/,
      always: true,
      why: 'tfjs-backend-wasm: Gather from an empty (0, D) weight returns shape [1, 1, 0, D] instead of [0, D].',
    },
    'embedding/num_embeddings_0_padding_0': {
      message: /output has shape \[1, 1, 0, 2\] but should have \[0, 2\]/,
      always: true,
      why: 'tfjs-backend-wasm: Gather from an empty (0, D) weight returns shape [1, 1, 0, D] instead of [0, D].',
    },
    'embedding/embedding_dim_0': {
      message: /output has shape \[1, 1, 2, 0\] but should have \[1, 2, 0\]/,
      always: true,
      why: 'tfjs-backend-wasm: Gather from a (V, 0) weight returns shape [1, 1, 2, 0] instead of [1, 2, 0].',
    },
    'rnn/batch_0': EMPTY_REDUCTION,
    'rnn/batch_0_h0_bidir_2layers': EMPTY_REDUCTION,
    'rnn/input_size_0': {
      message: /(output|h_n|grad\.\w+)\[[\d,]+\] = .* but should be/,
      always: false,
      why:
        'tfjs-backend-wasm: matMul with an inner dimension of 0 (input_size = 0) returns uninitialised memory instead of 0 ' +
        '(XNNPACK prints "xnn_create_fully_connected_nc_f32 is not successful"); output[1,0,2] was 0.97 or 0.99 where PyTorch has 0.559.',
    },
  },
};
