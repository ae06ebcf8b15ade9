/**
 * The single tolerance table (docs/design.md §5, docs/spec.md §6.3-§6.4), keyed by dtype and by what
 * is compared. Forward values start from torch.testing.assert_close's defaults; float32 gradients
 * use rtol 1e-5 / atol 1e-5 (docs/spec.md §6.2: measured float32-vs-float64 gradient error 7.4e-6 on
 * gradients up to 34 for L=30, 2-layer bidirectional, which the float32 defaults pass only barely).
 * Everything else (integers, bool, Embedding forward, packing, copy semantics) is exact.
 * A per-case override must carry its reason next to it.
 */
import type { DType } from '../../reference/index.ts';

export interface Tolerance {
  rtol: number;
  atol: number;
}

export type Quantity = 'forward' | 'gradient';

export const EXACT: Tolerance = { rtol: 0, atol: 0 };

export const TOLERANCES: Record<'float32' | 'float64', Record<Quantity, Tolerance>> = {
  float32: { forward: { rtol: 1.3e-6, atol: 1e-5 }, gradient: { rtol: 1e-5, atol: 1e-5 } },
  float64: { forward: { rtol: 1e-7, atol: 1e-7 }, gradient: { rtol: 1e-7, atol: 1e-7 } },
};

/** max_norm's renormalised rows: torch's float32 norm is not reproducible bitwise (docs/spec.md §2.3, §6.3). */
export const RENORM: Record<'float32' | 'float64', Tolerance> = {
  float32: { rtol: 1e-6, atol: 1e-7 },
  float64: { rtol: 1e-7, atol: 1e-7 },
};

export function tolerance(dtype: DType, quantity: Quantity): Tolerance {
  return dtype === 'float32' || dtype === 'float64' ? TOLERANCES[dtype][quantity] : EXACT;
}
