/** Test bodies that state one PyTorch version's facts run with the reference emulating that version. */
import { withTorchVersion, type TorchVersion } from '../../reference/index.ts';

/** `it('...', asTorch('1.13', () => { ... }))`: the body runs inside withTorchVersion(version, ...). */
export function asTorch<A extends unknown[]>(version: TorchVersion, body: (...args: A) => void): (...args: A) => void {
  return (...args) => withTorchVersion(version, () => body(...args));
}
