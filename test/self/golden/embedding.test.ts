/**
 * Golden cases of group `embedding`: nn.Embedding (weight injected through `_weight`),
 * Embedding.fromPretrained and F.embedding as each recorded PyTorch version ran them, replayed
 * through the reference emulating that version. Forward rows and gradients compare exactly; rows renormalised by max_norm use the
 * RENORM tolerance (torch's float32 norm is not reproducible bitwise, spec §2.3); errors compare
 * by phase, Python type and exact message.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Embedding, F, SparseCooTensor, Tensor, TorchError, isFloatingPoint, withTorchVersion, type DType } from '../../../reference/index.ts';
import { compareTensors, type Comparable } from '../../harness/compare.ts';
import { TORCH_VERSIONS, decodeJsValue, decodeTensor, loadGolden, type GoldenCase, type TensorJson, type TorchVersion } from '../../harness/golden.ts';
import { flushHeadroom, recordHeadroom } from '../../harness/headroom.ts';
import { EXACT, RENORM, TOLERANCES, type Tolerance } from '../../harness/tolerances.ts';
import { tensorOf } from './tensors.ts';


type Phase = 'construct' | 'forward' | 'backward';

function replay(c: GoldenCase, torch: TorchVersion): void {
  const a = decodeJsValue(c.args, (t) => t) as Record<string, unknown>;
  const options = Object.fromEntries(
    ['padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse']
      .filter((k) => a[k] !== null)
      .map((k) => [k.replace(/_(\w)/g, (_, ch: string) => ch.toUpperCase()), a[k]]),
  );
  const weight = c.params?.weight ? tensorOf(c.params.weight) : null;
  const indices = tensorOf((c.inputs as Record<string, unknown>).indices);
  const context = `embedding case=${c.id} torch=${torch} impl=reference`;
  let phase: Phase = 'construct';
  try {
    let param: Tensor;
    let forward: (i: Tensor) => Tensor;
    if (a.form === 'module') {
      const m = new Embedding(a.num_embeddings as number, a.embedding_dim as number, { ...options, _weight: weight, ...(a.dtype ? { dtype: a.dtype as DType } : {}) });
      param = m.weight;
      forward = (i) => m.forward(i);
    } else if (a.form === 'from_pretrained') {
      const m = Embedding.fromPretrained(weight!, { ...options, ...(a.freeze !== null ? { freeze: a.freeze as boolean } : {}) });
      param = m.weight;
      forward = (i) => m.forward(i);
    } else {
      param = weight!.requiresGrad_(isFloatingPoint(weight!.dtype));
      forward = (i) => F.embedding(i, param, options);
    }
    phase = 'forward';
    const out = forward(indices);
    if (c.expected.error?.phase === 'backward') {
      phase = 'backward';
      out.backward(tensorOf(c.upstream!.output));
    }
    expect(c.expected.error, `expected ${c.expected.error?.type} at ${c.expected.error?.phase}, got no error`).toBeUndefined();
    const renorm = a.max_norm !== null && isFloatingPoint(param.dtype) ? RENORM[param.dtype as 'float32'] : EXACT;
    const check = (name: string, actual: Comparable, expected: Comparable, tolerance: Tolerance) => {
      const cmp = compareTensors(actual, expected, { name, tolerance, context });
      recordHeadroom('embedding', `${c.id}@${torch}`, name, cmp);
      expect(cmp.ok, cmp.message).toBe(true);
    };
    const outputs = c.expected.outputs as Record<string, TensorJson>;
    check('output', out, decodeTensor(outputs.output), renorm);
    check('weight_after', param, decodeTensor(outputs.weight_after), renorm);
    const grads = c.expected.grads as Record<string, unknown> | undefined;
    if (!grads) {
      expect(param.requiresGrad && isFloatingPoint(param.dtype)).toBe(false);
      return;
    }
    phase = 'backward';
    out.backward(tensorOf(c.upstream!.output));
    // dense accumulation in input order, scale_grad_by_freq's terms with one rounding each (a fused
    // multiply-add, emulated exactly): bitwise like torch's CPU kernel in float32 and float64
    const tol = EXACT;
    if (grads.weight_sparse) {
      const s = grads.weight_sparse as { indices: TensorJson; values: TensorJson; size: number[] };
      const g = param.grad;
      expect(g).toBeInstanceOf(SparseCooTensor);
      const sparse = g as SparseCooTensor;
      expect(sparse.size).toEqual(s.size);
      check('grad.weight.indices', sparse.indices, decodeTensor(s.indices), EXACT);
      check('grad.weight.values', sparse.values, decodeTensor(s.values), tol);
    } else {
      expect(param.grad).toBeInstanceOf(Tensor);
      check('grad.weight', param.grad as Tensor, decodeTensor(grads.weight as TensorJson), tol);
    }
  } catch (e) {
    const expected = c.expected.error;
    if (!expected || !(e instanceof TorchError)) throw e; // a failed assertion or a crash
    expect({ phase, type: e.name, message: e.message }).toEqual({ phase: expected.phase, type: expected.type, message: expected.message });
  }
}

describe.each(TORCH_VERSIONS.map((v) => [v]))('golden embedding cases of PyTorch %s', (torch) => {
  const cases = loadGolden({ torch }).cases.filter((c) => c.group === 'embedding');
  afterAll(() => flushHeadroom('embedding'));
  it('there are embedding cases', () => expect(cases.length).toBeGreaterThan(100));
  it.each(cases.map((c) => [c.id, c] as const))(`%s matches PyTorch ${torch}`, (_id, c) => withTorchVersion(torch, () => replay(c, torch)));
});
