/**
 * The reference's autograd engine (reference/autograd.ts): when ops record a graph, which inputs
 * receive a gradient, and what backward does with gradients that do not arrive. Expected values are
 * PyTorch 1.13's, checked with it.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, noGrad, ops, tensor } from '../../../reference/index.ts';
import { attach } from '../../../reference/autograd.ts';
import { expectError } from '../expect-error.ts';

const values = (t: Tensor | null) => (t === null ? null : Array.from(t.data as ArrayLike<number>));

/** A custom op whose backward gives no gradient, like a `torch.autograd.Function` returning None. */
const noGradientOp = (x: Tensor) => attach(ops.mulScalar(x.detach(), 2), 'NoGradientBackward', [x], [], () => [null]);

describe('recording', () => {
  it('an op on tensors that need no grad records nothing', () => {
    const y = ops.tanh(tensor([1.5, 2.5]));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
  });
  it('under noGrad an op on a tensor that requires grad records nothing', () => {
    const y = noGrad(() => ops.tanh(tensor([1.5, 2.5], { requiresGrad: true })));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
  });
  it('an absent input (linear without bias) is no input that requires grad', () => {
    const y = ops.linear(tensor([[1, 1, 1]], { dtype: 'float32' }), tensor([[1, 1, 1], [2, 2, 2]], { dtype: 'float32' }), null);
    expect(y.requiresGrad).toBe(false);
    expect(values(y)).toEqual([3, 6]);
  });
});

describe('backward', () => {
  it('only inputs that require grad receive a gradient', () => {
    const b = tensor([1.5, 2.5], { requiresGrad: true });
    const w = tensor([2, 3], { dtype: 'float32' });
    ops.sum(ops.mul(b, w)).backward();
    expect(values(b.grad as Tensor)).toEqual([2, 3]);
    expect(w.grad).toBeNull();
  });
  it('backward on a leaf puts the gradient in its .grad, as a tensor outside the graph', () => {
    const x = tensor([0.5, 1.5], { requiresGrad: true });
    x.backward(tensor([3, 4], { dtype: 'float32' }));
    expect(values(x.grad as Tensor)).toEqual([3, 4]);
    expect((x.grad as Tensor).requiresGrad).toBe(false);
  });
  it('a gradient given as None reaches no leaf, and nodes that receive nothing are skipped', () => {
    const x = tensor([0.5, 1.5], { requiresGrad: true });
    ops.sum(noGradientOp(x)).backward();
    expect(x.grad).toBeNull();
    const z = tensor([0.5, 1.5], { requiresGrad: true });
    ops.sum(noGradientOp(ops.tanh(z))).backward(); // TanhBackward0 gets no gradient
    expect(z.grad).toBeNull();
  });
  it('an in-place change of a saved output names the node that produced it', () => {
    const x = tensor([0.5, 1.5], { requiresGrad: true });
    const y = ops.tanh(x); // saves its output
    noGrad(() => y.add_(1));
    expectError(
      () => ops.sum(y).backward(),
      'RuntimeError',
      'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of TanhBackward0, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
    );
  });
});
