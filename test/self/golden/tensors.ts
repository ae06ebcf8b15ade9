/** Fixture values as rnnspec Tensors, for replaying golden cases through the reference. */
import { Tensor, type DType } from '../../../reference/index.ts';
import type { PlainTensor } from '../../../impl/contract.ts';
import { decodeTensor, type TensorJson } from '../../harness/golden.ts';

/** A plain `{dtype, shape, data}` as a Tensor over the same data. */
export function asReferenceTensor(t: PlainTensor): Tensor {
  return new Tensor(t.dtype as DType, t.shape, t.data);
}

/** A fixture tensor (scripts/FIXTURES.md) as a Tensor. */
export function tensorOf(json: unknown): Tensor {
  return asReferenceTensor(decodeTensor(json as TensorJson));
}
