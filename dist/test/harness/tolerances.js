export const EXACT = { rtol: 0, atol: 0 };
export const TOLERANCES = {
    float32: { forward: { rtol: 1.3e-6, atol: 1e-5 }, gradient: { rtol: 1e-5, atol: 1e-5 } },
    float64: { forward: { rtol: 1e-7, atol: 1e-7 }, gradient: { rtol: 1e-7, atol: 1e-7 } },
};
/** max_norm's renormalised rows: torch's float32 norm is not reproducible bitwise (spec §2.3, §6.3). */
export const RENORM = {
    float32: { rtol: 1e-6, atol: 1e-7 },
    float64: { rtol: 1e-7, atol: 1e-7 },
};
export function tolerance(dtype, quantity) {
    return dtype === 'float32' || dtype === 'float64' ? TOLERANCES[dtype][quantity] : EXACT;
}
