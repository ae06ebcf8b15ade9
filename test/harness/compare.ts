/**
 * The one comparison helper: shape, then dtype, then values, with one failure format
 *   output[2,0,3] = 0.1201 but should be 0.1302 (atol 1e-5, rtol 1.3e-6) [rnn case=bidir_2layer impl=reference]
 * and the headroom of every comparison: worst |a - e| / (atol + rtol * |e|), so a pass at 0.98 of
 * its budget is visible. NaN equals only NaN; infinities only themselves; with `signedZeros`
 * +0 and -0 differ (copy semantics).
 */
import type { Tolerance } from './tolerances.ts';

/** `{dtype, shape, data}`: what the adapter contract, the fixtures and rnnspec's Tensor all have. */
export interface PlainTensor {
  dtype: string;
  shape: readonly number[];
  data: ArrayLike<number | bigint>;
}

export interface CompareOptions {
  /** Name of the compared value in messages, e.g. `output` or `grad.weight_ih_l0`. */
  name: string;
  tolerance: Tolerance;
  /** Appended in brackets, e.g. `rnn case=bidir_2layer impl=reference`. */
  context?: string;
  signedZeros?: boolean;
}

export interface Comparison {
  ok: boolean;
  /** worst |a-e| / (atol + rtol |e|) over all elements; 0 when equal, Infinity on a mismatch that no tolerance covers. */
  headroom: number;
  /** The largest |a - e| over finite pairs. */
  maxAbsError: number;
  message: string;
  /** On a value mismatch: where (the worst element), what each side holds, and the tolerance used. */
  worst?: { index: number[]; actual: number | bigint; expected: number | bigint; tolerance: Tolerance };
}

function indexOf(flat: number, shape: readonly number[]): number[] {
  const idx: number[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    idx.unshift(flat % shape[k]);
    flat = Math.floor(flat / shape[k]);
  }
  return idx;
}

function show(v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

export function compareTensors(actual: PlainTensor, expected: PlainTensor, options: CompareOptions): Comparison {
  const { name, tolerance: { rtol, atol } } = options;
  const ctx = options.context ? ` [${options.context}]` : '';
  const fail = (message: string): Comparison => ({ ok: false, headroom: Infinity, maxAbsError: Infinity, message: message + ctx });
  if (actual.shape.length !== expected.shape.length || actual.shape.some((d, i) => d !== expected.shape[i])) {
    return fail(`${name} has shape [${actual.shape.join(', ')}] but should have [${expected.shape.join(', ')}]`);
  }
  if (actual.dtype !== expected.dtype) return fail(`${name} has dtype ${actual.dtype} but should have ${expected.dtype}`);
  if (actual.data.length !== expected.data.length) {
    return fail(`${name} has ${actual.data.length} elements for shape [${actual.shape.join(', ')}]`);
  }
  let headroom = 0;
  let maxAbsError = 0;
  let worst = -1;
  for (let i = 0; i < expected.data.length; i++) {
    const a = actual.data[i];
    const e = expected.data[i];
    let h: number;
    if (typeof a === 'bigint' || typeof e === 'bigint') {
      h = BigInt(a) === BigInt(e) ? 0 : Infinity;
    } else if (Number.isNaN(e) || Number.isNaN(a)) {
      h = Number.isNaN(e) && Number.isNaN(a) ? 0 : Infinity;
    } else if (!Number.isFinite(e) || !Number.isFinite(a)) {
      h = a === e ? 0 : Infinity;
    } else if (a === e) {
      h = options.signedZeros && !Object.is(a, e) ? Infinity : 0;
    } else {
      const err = Math.abs(a - e);
      maxAbsError = Math.max(maxAbsError, err);
      const budget = atol + rtol * Math.abs(e);
      h = budget === 0 ? Infinity : err / budget;
    }
    if (worst < 0 || h > headroom) {
      headroom = h;
      worst = i;
    }
  }
  const ok = headroom <= 1;
  if (ok || worst < 0) return { ok, headroom, maxAbsError, message: `${name} matches (headroom ${headroom.toPrecision(3)})${ctx}` };
  const index = indexOf(worst, expected.shape);
  const message = `${name}[${index.join(',')}] = ${show(actual.data[worst])} but should be ${show(expected.data[worst])} (atol ${atol}, rtol ${rtol})${ctx}`;
  return { ok, headroom, maxAbsError, message, worst: { index, actual: actual.data[worst], expected: expected.data[worst], tolerance: options.tolerance } };
}

/** Asserts (throws with the one failure format) and returns the comparison for headroom records. */
export function expectClose(actual: PlainTensor, expected: PlainTensor, options: CompareOptions): Comparison {
  const c = compareTensors(actual, expected, options);
  if (!c.ok) throw new Error(c.message);
  return c;
}
