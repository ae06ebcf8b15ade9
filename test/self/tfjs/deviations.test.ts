/**
 * The root causes of the known tfjs deviations (known-deviations.ts), reproduced on bare tfjs
 * without the adapter, so that each finding stands on its own and a tfjs upgrade that fixes one
 * is noticed. Only deterministic behaviour is asserted: the wasm backend's uninitialised results
 * (a sum over an empty axis, a matMul with inner dimension 0) change from run to run.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';

// silences the cpu backend's "install tfjs-node" greeting (this file runs in its own worker)
tf.env().set('PROD', true);

function gradOfFirstStep(shape: [number, number]): tf.Tensor {
  const x = tf.variable(tf.ones(shape));
  try {
    return tf.variableGrads(() => tf.sum(tf.unstack(x)[0]) as tf.Scalar, [x]).grads[x.name];
  } finally {
    x.dispose();
  }
}

describe.each(['cpu', 'wasm'] as const)('tfjs %s', (backend) => {
  it('throws on the gradient of tf.unstack along an axis of size 1 (RNN gradients with sequence length 1)', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    // size 2 works...
    expect(Array.from(tf.tidy(() => gradOfFirstStep([2, 3])).dataSync())).toEqual([1, 1, 1, 0, 0, 0]);
    // ...size 1 does not (PyTorch: the gradient is all ones)
    expect(() => tf.tidy(() => gradOfFirstStep([1, 3]))).toThrow('Argument tensors passed to stack must be a `Tensor[]` or `TensorLike[]`');
  });

  it('SimpleRNN forward is fine with sequence length 1, its gradient throws', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    const layer = tf.layers.simpleRNN({ units: 2, returnSequences: true });
    const x = tf.variable(tf.ones([1, 1, 3]));
    try {
      expect((layer.apply(x) as tf.Tensor).shape).toEqual([1, 1, 2]);
      expect(() => tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, [x])).toThrow('Argument tensors passed to stack');
    } finally {
      x.dispose();
      layer.dispose();
    }
  });
});

describe('tfjs cpu', () => {
  it('throws on the gradient of gather from a (0, D) weight (UnsortedSegmentSum with 0 segments)', async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    const w = tf.variable(tf.zeros([0, 2]));
    try {
      // the lookup itself is right
      expect(tf.tidy(() => tf.gather(w, tf.tensor1d([], 'int32')).shape)).toEqual([0, 2]);
      expect(() => tf.variableGrads(() => tf.sum(tf.gather(w, tf.tensor1d([], 'int32'))) as tf.Scalar, [w])).toThrow(
        "Cannot read properties of undefined (reading 'shape')",
      );
    } finally {
      w.dispose();
    }
  });
});

describe('tfjs wasm', () => {
  it('gives gather from an empty weight the wrong shape', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    tf.tidy(() => {
      // (0, 2) weight, indices of shape (0,): PyTorch (and tfjs cpu) give (0, 2)
      expect(tf.gather(tf.zeros([0, 2]), tf.tensor1d([], 'int32')).shape).toEqual([1, 1, 0, 2]);
      // (3, 0) weight, indices of shape (1, 2): PyTorch (and tfjs cpu) give (1, 2, 0)
      expect(tf.gather(tf.zeros([3, 0]), tf.tensor2d([[0, 2]], [1, 2], 'int32')).shape).toEqual([1, 1, 2, 0]);
      // a non-empty weight is fine
      expect(tf.gather(tf.zeros([3, 2]), tf.tensor1d([], 'int32')).shape).toEqual([0, 2]);
    });
  });

  it("has no gradient for gather (Kernel 'UnsortedSegmentSum' not registered)", async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const w = tf.variable(tf.ones([3, 2]));
    try {
      expect(() => tf.variableGrads(() => tf.sum(tf.gather(w, tf.tensor1d([1], 'int32'))) as tf.Scalar, [w])).toThrow(
        "Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'",
      );
    } finally {
      w.dispose();
    }
  });
});
