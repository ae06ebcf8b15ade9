function indexOf(flat, shape) {
    const idx = [];
    for (let k = shape.length - 1; k >= 0; k--) {
        idx.unshift(flat % shape[k]);
        flat = Math.floor(flat / shape[k]);
    }
    return `[${idx.join(',')}]`;
}
function show(v) {
    if (typeof v === 'bigint')
        return v.toString();
    if (Object.is(v, -0))
        return '-0';
    return String(v);
}
export function compareTensors(actual, expected, options) {
    const { name, tolerance: { rtol, atol } } = options;
    const ctx = options.context ? ` [${options.context}]` : '';
    const fail = (message) => ({ ok: false, headroom: Infinity, maxAbsError: Infinity, message: message + ctx });
    if (actual.shape.length !== expected.shape.length || actual.shape.some((d, i) => d !== expected.shape[i])) {
        return fail(`${name} has shape [${actual.shape.join(', ')}] but should have [${expected.shape.join(', ')}]`);
    }
    if (actual.dtype !== expected.dtype)
        return fail(`${name} has dtype ${actual.dtype} but should have ${expected.dtype}`);
    if (actual.data.length !== expected.data.length) {
        return fail(`${name} has ${actual.data.length} elements for shape [${actual.shape.join(', ')}]`);
    }
    let headroom = 0;
    let maxAbsError = 0;
    let worst = -1;
    for (let i = 0; i < expected.data.length; i++) {
        const a = actual.data[i];
        const e = expected.data[i];
        let h;
        if (typeof a === 'bigint' || typeof e === 'bigint') {
            h = BigInt(a) === BigInt(e) ? 0 : Infinity;
        }
        else if (Number.isNaN(e) || Number.isNaN(a)) {
            h = Number.isNaN(e) && Number.isNaN(a) ? 0 : Infinity;
        }
        else if (!Number.isFinite(e) || !Number.isFinite(a)) {
            h = a === e ? 0 : Infinity;
        }
        else if (a === e) {
            h = options.signedZeros && !Object.is(a, e) ? Infinity : 0;
        }
        else {
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
    const message = ok || worst < 0
        ? `${name} matches (headroom ${headroom.toPrecision(3)})${ctx}`
        : `${name}${indexOf(worst, expected.shape)} = ${show(actual.data[worst])} but should be ${show(expected.data[worst])} (atol ${atol}, rtol ${rtol})${ctx}`;
    return { ok, headroom, maxAbsError, message };
}
/** Asserts (throws with the one failure format) and returns the comparison for headroom records. */
export function expectClose(actual, expected, options) {
    const c = compareTensors(actual, expected, options);
    if (!c.ok)
        throw new Error(c.message);
    return c;
}
