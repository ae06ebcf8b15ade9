import { compareTensors } from "../../harness/compare.js";
import { EXACT, RENORM, tolerance } from "../../harness/tolerances.js";
import { embeddingUnsupported, rnnUnsupported } from "../features.js";
export const ORACLES = ['golden', 'reference', 'onnxruntime'];
function comparePair(answers, actual, expected, tol) {
    const worst = { actual, expected, ok: true, headroom: 0, maxAbsError: 0, message: '' };
    const names = [...new Set([...Object.keys(answers[expected]), ...Object.keys(answers[actual])])];
    for (const name of names) {
        const [a, e] = [answers[actual][name], answers[expected][name]];
        const cmp = a && e
            ? compareTensors(a, e, { name, tolerance: tol(name, e.dtype) })
            : { ok: false, headroom: Infinity, maxAbsError: Infinity, message: a ? `has ${name} but ${expected} has none` : `has no ${name}` };
        worst.maxAbsError = Math.max(worst.maxAbsError, cmp.maxAbsError);
        if (!cmp.ok) {
            const msg = cmp.message.replace(' but should be ', ` but ${expected} has `).replace(' but should have ', ` but ${expected} has `);
            return { ...worst, ok: false, headroom: cmp.headroom, message: `${actual} ${msg}` };
        }
        worst.headroom = Math.max(worst.headroom, cmp.headroom);
    }
    return worst;
}
const by = (p) => (Number.isFinite(p.maxAbsError) ? ` by ${p.maxAbsError.toExponential(1)}` : '');
/** The vote on one case; `tol` gives the tolerance of each named value. */
export function vote(id, answers, tol) {
    const pairs = [
        comparePair(answers, 'reference', 'golden', tol),
        comparePair(answers, 'onnxruntime', 'golden', tol),
        comparePair(answers, 'onnxruntime', 'reference', tol),
    ];
    const failed = pairs.filter((p) => !p.ok);
    const involves = (o) => (p) => p.actual === o || p.expected === o;
    if (failed.length === 0)
        return { id, verdict: 'agree', pairs, message: 'golden, reference and onnxruntime agree' };
    if (failed.length === 3) {
        return { id, verdict: 'all-differ', pairs, message: `all three differ: ${failed.map((p) => `${p.actual} and ${p.expected} differ${by(p)}: ${p.message}`).join('; ')}` };
    }
    if (failed.length === 1) {
        const [p] = failed;
        const middle = ORACLES.find((o) => !involves(o)(p));
        return { id, verdict: 'split', pairs, message: `no odd one out: ${middle} is within tolerance of both, but ${p.actual} and ${p.expected} differ${by(p)}: ${p.message}` };
    }
    const odd = ORACLES.find((o) => failed.every(involves(o)));
    const [x, y] = ORACLES.filter((o) => o !== odd);
    const p = failed.find((f) => f.expected === 'golden') ?? failed[0];
    return { id, verdict: 'odd-one-out', odd, pairs, message: `${x} and ${y} agree; ${odd} differs${by(p)}: ${p.message}` };
}
/** The tolerance of a named forward value, as the runner uses it. */
export function voteTolerance(c) {
    if (c.kind === 'embedding')
        return (_, dtype) => (c.input.config.maxNorm === null ? EXACT : RENORM[dtype]);
    return (_, dtype) => tolerance(dtype, 'forward');
}
async function answer(adapter, c) {
    if (c.kind === 'rnn') {
        const r = await adapter.rnn(structuredClone({ ...c.input, upstream: undefined }));
        return { output: r.output, h_n: r.h_n };
    }
    const r = await adapter.embedding(structuredClone({ ...c.input, upstream: undefined }));
    return { output: r.output, weight_after: r.weightAfter };
}
/** Votes on every case that both adapters claim (forward values). */
export async function voteSuite(cases, reference, onnxruntime) {
    const summary = { voted: 0, agree: 0, disagreements: [], unanswered: [] };
    const claims = (a, c) => (c.kind === 'rnn' ? rnnUnsupported(c.input, a.capabilities) : embeddingUnsupported(c.input, a.capabilities)) === null &&
        (c.kind === 'rnn' ? a.rnn : a.embedding) !== undefined;
    for (const c of cases) {
        if (!claims(reference, c) || !claims(onnxruntime, c))
            continue;
        const answers = { golden: c.expected.outputs };
        for (const [name, adapter] of [['reference', reference], ['onnxruntime', onnxruntime]]) {
            try {
                answers[name] = await answer(adapter, c);
            }
            catch (e) {
                summary.unanswered.push({ id: c.id, reason: `${name} raised ${e.message}` });
                break;
            }
        }
        if (!answers.reference || !answers.onnxruntime)
            continue;
        const v = vote(c.id, answers, voteTolerance(c));
        summary.voted++;
        if (v.verdict === 'agree')
            summary.agree++;
        else
            summary.disagreements.push(v);
    }
    return summary;
}
