/**
 * Golden cases of group `tensor`: `torch.tensor(data, dtype, requires_grad)` as each recorded
 * PyTorch version ran it, replayed through the reference's `tensor()` emulating that version. Values compare exactly (signed zeros included),
 * errors by Python exception type and exact message, warnings by type and text.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, catchWarnings, tensor, withTorchVersion, type DType, type TensorData } from '../../../reference/index.ts';
import { compareTensors } from '../../harness/compare.ts';
import { TORCH_VERSIONS, decodeJsValue, decodeTensor, loadGolden, type TensorJson } from '../../harness/golden.ts';
import { EXACT } from '../../harness/tolerances.ts';
import { asReferenceTensor } from './tensors.ts';

describe.each(TORCH_VERSIONS.map((v) => [v]))('golden tensor cases of PyTorch %s', (torch) => {
  const cases = loadGolden({ torch }).cases.filter((c) => c.group === 'tensor');
  it('there are tensor cases', () => expect(cases.length).toBeGreaterThan(0));
  it.each(cases.map((c) => [c.id, c] as const))(`%s matches PyTorch ${torch}`, (_id, c) => withTorchVersion(torch, () => {
    const data = decodeJsValue(c.inputs?.data, asReferenceTensor) as TensorData;
    const options = { dtype: (c.args.dtype ?? undefined) as DType | undefined, requiresGrad: Boolean(c.args.requires_grad) };
    let result: Tensor | undefined;
    let error: Error | undefined;
    const { warnings } = catchWarnings(() => {
      try {
        result = tensor(data, options);
      } catch (e) {
        error = e as Error;
      }
    });
    if (c.expected.error) {
      expect(error, `expected ${c.expected.error.type}: ${c.expected.error.message}`).toBeDefined();
      expect({ type: error!.name, message: error!.message }).toEqual({ type: c.expected.error.type, message: c.expected.error.message });
      return;
    }
    if (error) throw error;
    const expected = decodeTensor(c.expected.outputs!.result as TensorJson);
    const cmp = compareTensors(result!, expected, { name: 'result', tolerance: EXACT, signedZeros: true, context: `tensor case=${c.id} torch=${torch} impl=reference` });
    expect(cmp.ok, cmp.message).toBe(true);
    expect(result!.requiresGrad).toBe(Boolean(c.args.requires_grad));
    expect(warnings.map((w) => ({ type: w.type, message: w.message }))).toEqual(c.expected.warnings ?? []);
  }));
});
