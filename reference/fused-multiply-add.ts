/**
 * fma(a, b, c) = round(a * b + c): the exact value of a*b + c, rounded ONCE to float32 or float64
 * (IEEE 754-2008, clause 5.4.1, fusedMultiplyAdd), to nearest, ties to even.
 *
 * PyTorch's CPU `acc.add_(x, alpha)` computes acc + x * alpha this way (a vectorised fmadd, or a
 * scalar expression the compiler contracts into one FMA). JavaScript has no FMA: `a * b + c` in
 * doubles rounds twice, and so can `Math.fround(a * b + c)` for float32 operands. So this follows
 * the standard's definition literally: the sum is formed exactly, as a BigInt times a power of two
 * (every finite double is m * 2^e with an integer |m| < 2^53 and e >= -1074), then rounded once:
 *
 *     a*b + c = (m_a m_b 2^(e_a+e_b-E) + m_c 2^(e_c-E)) * 2^E,     E = min(e_a+e_b, e_c),
 *
 * rounded to the format's precision, never below its subnormal grid. (Boldo and Melquiond's
 * round-to-odd emulation, IEEE Trans. Computers 57(4), 2008, is faster but needs guards near
 * overflow and underflow; exact integers need none, and only scale_grad_by_freq pays for them.)
 */
/** Significant bits, and the exponent of the smallest subnormal, of each floating dtype. */
const FORMATS = {
  float32: { precision: 24, minExponent: -149 },
  float64: { precision: 53, minExponent: -1074 },
} as const;

const bits = new DataView(new ArrayBuffer(8));

/** x = m * 2^e exactly, for a finite double x. */
function exactParts(x: number): [bigint, number] {
  bits.setFloat64(0, x);
  const word = bits.getBigUint64(0);
  const biased = Number((word >> 52n) & 0x7ffn);
  const fraction = word & ((1n << 52n) - 1n);
  const m = biased === 0 ? fraction : fraction | (1n << 52n); // subnormals have no hidden bit
  return [word >> 63n ? -m : m, (biased === 0 ? 1 : biased) - 1075];
}

/** n * 2^e rounded once to the format: keep `precision` bits, none below 2^minExponent; ties to even. */
function roundExact(n: bigint, e: number, dtype: 'float32' | 'float64'): number {
  const { precision, minExponent } = FORMATS[dtype];
  let m = n < 0n ? -n : n;
  const shift = Math.max(m.toString(2).length - precision, minExponent - e);
  if (shift > 0) {
    const s = BigInt(shift);
    const q = m >> s;
    const rest = m - (q << s);
    const half = 1n << (s - 1n);
    m = rest > half || (rest === half && (q & 1n) === 1n) ? q + 1n : q;
    e += shift;
  }
  const magnitude = Number(m) * 2 ** e; // exact: m fits the precision (+1 after a carry), e >= minExponent
  const v = n < 0n ? -magnitude : magnitude;
  return dtype === 'float32' ? Math.fround(v) : v; // fround only turns a value past float32's range into inf
}

/** round(a * b + c) in `dtype` with a single rounding; a, b, c must already be values of that dtype. */
export function fusedMultiplyAdd(a: number, b: number, c: number, dtype: 'float32' | 'float64'): number {
  // inf and nan propagate as in a*b + c; an exactly zero sum takes IEEE's sign rule, which a*b + c
  // also follows because a*b is then exact. Either way the result is +-inf, nan or +-0, the same in
  // float32, so no rounding to the dtype is needed.
  const product = a * b;
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return product + c;
  const [ma, ea] = exactParts(a);
  const [mb, eb] = exactParts(b);
  const [mc, ec] = exactParts(c);
  const E = Math.min(ea + eb, ec);
  const n = ((ma * mb) << BigInt(ea + eb - E)) + (mc << BigInt(ec - E));
  if (n === 0n) return product + c;
  return roundExact(n, E, dtype);
}
