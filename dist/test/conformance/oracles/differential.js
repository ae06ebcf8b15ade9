/**
 * The differential check: one case through the reference adapter and the ONNX Runtime adapter,
 * both through the adapter contract (impl/contract.ts), compared with the one comparator
 * (test/harness/compare.ts) and the one tolerance table (test/harness/tolerances.ts):
 * - nn.RNN: `output` and `h_n`, float32 forward tolerance (ORT's RNN is float32 only);
 * - nn.Embedding: `output` and `weightAfter`, exact, or RENORM when max_norm rescales rows;
 * - when either raises, both must raise the same PyTorch error (type and message).
 * Each adapter gets its own copy of the case and must leave it untouched (except the weight that
 * max_norm renormalises in place).
 *
 * `runProperty` runs the fast-check property over the arbitraries of
 * test/harness/arbitraries/differential.ts; the vitest files and scripts/campaign.ts share it, so
 * a seed and path print the same counterexample in both.
 */
import * as fc from 'fast-check'; // not @fast-check/vitest, which loads vitest's runner (2.5 s per test file; unwanted in scripts/campaign.ts)
import { createOnnxRuntimeAdapter } from "../../../impl/onnxruntime/index.js";
import { createReferenceAdapter } from "../../../impl/reference/index.js";
import { compareTensors } from "../../harness/compare.js";
import { embeddingCaseFromDraw, embeddingDiffArb, rnnCaseFromDraw, rnnDiffArb } from "../../harness/arbitraries/differential.js";
import { EXACT, RENORM, TOLERANCES } from "../../harness/tolerances.js";
/** One ORT adapter for a whole campaign, so that its sessions are cached across cases. */
export function createOracles() {
    return { reference: createReferenceAdapter(), onnxruntime: createOnnxRuntimeAdapter() };
}
export async function disposeOracles(o) {
    await o.reference.dispose?.();
    await o.onnxruntime.dispose?.();
}
function tensorsOf(kind, c) {
    if (kind === 'embedding') {
        const e = c;
        return e.config.maxNorm === null ? [['weight', e.weight], ['indices', e.indices]] : [['indices', e.indices]];
    }
    const r = c;
    return [['input', r.input], ...(r.h0 ? [['h0', r.h0]] : []), ...Object.entries(r.params)];
}
const bytes = (t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
async function answer(adapter, kind, c) {
    const input = structuredClone(c);
    const before = tensorsOf(kind, input).map(([name, t]) => [name, Buffer.from(bytes(t))]);
    const mutated = () => tensorsOf(kind, input).filter(([, t], k) => !bytes(t).equals(before[k][1])).map(([name]) => name);
    try {
        if (kind === 'rnn') {
            const r = await adapter.rnn(input);
            return { values: { output: r.output, h_n: r.h_n }, mutated: mutated() };
        }
        const r = await adapter.embedding(input);
        return { values: { output: r.output, weight_after: r.weightAfter }, mutated: mutated() };
    }
    catch (e) {
        const err = e;
        return { error: `${err.name}: ${err.message}`, mutated: mutated() };
    }
}
export function toleranceFor(kind, c) {
    if (kind === 'rnn')
        return TOLERANCES.float32.forward;
    const e = c;
    return e.config.maxNorm === null ? EXACT : RENORM[e.config.dtype];
}
/** Runs `c` through both oracles and compares (ORT's values against the reference's). */
export async function diffCase(o, kind, c) {
    const ctx = `${kind} differential impl=onnxruntime vs reference`;
    const fail = (message) => ({ ok: false, message: `${message} [${ctx}]`, headroom: Infinity, maxAbsError: Infinity });
    const ref = await answer(o.reference, kind, c);
    const ort = await answer(o.onnxruntime, kind, c);
    for (const [name, a] of [['reference', ref], ['onnxruntime', ort]]) {
        if (a.mutated.length > 0)
            return fail(`${name} mutated its input ${a.mutated.join(', ')}`);
    }
    if ('error' in ref || 'error' in ort) {
        if ('error' in ref && 'error' in ort && ref.error === ort.error)
            return { ok: true, message: `both raise ${ref.error}`, headroom: 0, maxAbsError: 0 };
        const say = (a) => ('error' in a ? `raises ${a.error}` : 'returns values');
        return fail(`reference ${say(ref)} but onnxruntime ${say(ort)}`);
    }
    let worst = { ok: true, message: 'no values', headroom: 0, maxAbsError: 0 };
    for (const [name, e] of Object.entries(ref.values)) {
        const cmp = compareTensors(ort.values[name], e, { name, tolerance: toleranceFor(kind, c), context: ctx });
        if (!cmp.ok)
            return { ok: false, message: cmp.message, headroom: cmp.headroom, maxAbsError: cmp.maxAbsError };
        if (cmp.headroom >= worst.headroom)
            worst = { ...cmp, maxAbsError: Math.max(worst.maxAbsError, cmp.maxAbsError) };
    }
    return worst;
}
/** A one-line human description of a case (the options as PyTorch spells them). */
export function describeCase(kind, c) {
    if (kind === 'rnn') {
        const { config: k, input, h0, lengths, enforceSorted } = c;
        const opts = [
            `input_size=${k.inputSize}`, `hidden_size=${k.hiddenSize}`, `num_layers=${k.numLayers}`, `nonlinearity=${k.nonlinearity}`,
            `bias=${k.bias}`, `batch_first=${k.batchFirst}`, `bidirectional=${k.bidirectional}`,
            ...(k.dropout > 0 ? [`dropout=${k.dropout}`] : []), ...(k.training ? [] : ['eval()']),
        ];
        const form = lengths ? `packed lengths=[${lengths}]${enforceSorted === undefined ? '' : ` enforce_sorted=${enforceSorted}`}` : input.shape.length === 2 ? 'unbatched' : 'padded';
        return `nn.RNN(${opts.join(', ')}) on input [${input.shape}] ${form}${h0 ? ` with h0 [${h0.shape}]` : ''}`;
    }
    const { config: k, weight, indices } = c;
    const opts = [
        `${k.numEmbeddings}, ${k.embeddingDim}`, ...(k.paddingIdx === null ? [] : [`padding_idx=${k.paddingIdx}`]),
        ...(k.maxNorm === null ? [] : [`max_norm=${k.maxNorm}`, `norm_type=${k.normType}`]),
        ...(k.scaleGradByFreq ? ['scale_grad_by_freq=True'] : []), ...(k.sparse ? ['sparse=True'] : []),
    ];
    const idx = Array.from(indices.data, Number);
    return `nn.Embedding(${opts.join(', ')}) ${weight.dtype} on ${indices.dtype} indices [${indices.shape}] = [${idx.slice(0, 12)}${idx.length > 12 ? ', ...' : ''}]`;
}
// ---- the property -------------------------------------------------------------------------------
export function caseArb(kind) {
    return kind === 'rnn' ? rnnDiffArb().map(rnnCaseFromDraw) : embeddingDiffArb().map(embeddingCaseFromDraw);
}
/** RNNSPEC_RUNS, RNNSPEC_SEED (default: random), RNNSPEC_PATH, RNNSPEC_SAVE. */
export function settingsFromEnv(defaultRuns, env = process.env) {
    const int = (name, v) => {
        const n = Number(v);
        if (!Number.isInteger(n))
            throw new Error(`${name}=${v} is not an integer`);
        return n;
    };
    return {
        runs: env.RNNSPEC_RUNS ? int('RNNSPEC_RUNS', env.RNNSPEC_RUNS) : defaultRuns,
        seed: env.RNNSPEC_SEED ? int('RNNSPEC_SEED', env.RNNSPEC_SEED) : randomSeed(),
        ...(env.RNNSPEC_PATH ? { path: env.RNNSPEC_PATH } : {}),
        save: env.RNNSPEC_SAVE === '1' || env.RNNSPEC_SAVE === 'true',
    };
}
export function randomSeed() {
    return Math.floor(Math.random() * 2 ** 31);
}
/** The one-line command that replays a run (with `path`: just its counterexample). */
export function replayCommand(kind, seed, path) {
    return `RNNSPEC_SEED=${seed}${path ? ` RNNSPEC_PATH="${path}"` : ''} npx vitest run test/self/differential/${kind}.test.ts`;
}
export async function runProperty(kind, o, s, onCase) {
    let evaluated = 0;
    let worst;
    const property = fc.asyncProperty(caseArb(kind), async (c) => {
        evaluated++;
        onCase?.(evaluated);
        const v = await diffCase(o, kind, c);
        if (!v.ok)
            throw new Error(v.message);
        if (!worst || v.headroom > worst.headroom || worst.message.startsWith('both raise'))
            worst = { ...v, message: `${v.message} on ${describeCase(kind, c)}` };
    });
    const t0 = performance.now();
    const details = await fc.check(property, { numRuns: s.runs, seed: s.seed, ...(s.path ? { path: s.path } : {}) });
    const base = { kind, seed: s.seed, runs: s.runs, evaluated, ms: performance.now() - t0, worst: worst ?? { ok: true, message: 'no cases', headroom: 0, maxAbsError: 0 } };
    if (!details.failed)
        return base;
    const [c] = details.counterexample ?? [];
    const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance ?? 'the property failed');
    if (c === undefined)
        throw new Error(`differential ${kind}: fast-check failed without a counterexample: ${message}`);
    return { ...base, failure: { case: c, path: details.counterexamplePath ?? '', message, shrinks: details.numShrinks } };
}
export function summaryLine(r) {
    const rate = r.evaluated / (r.ms / 1000);
    const verdict = r.failure ? 'FAILED' : `agree (worst headroom ${r.worst.headroom.toPrecision(3)}: ${r.worst.message})`;
    return `differential ${r.kind}: seed ${r.seed}, ${r.runs} runs, ${r.evaluated} cases in ${(r.ms / 1000).toFixed(2)} s (${rate.toFixed(0)} cases/s): ${verdict}`;
}
export function failureReport(r) {
    const f = r.failure;
    if (!f)
        return summaryLine(r);
    return [
        `differential ${r.kind}: reference and onnxruntime disagree (seed ${r.seed}, path ${f.path}, ${f.shrinks} shrinks)`,
        `  case:   ${describeCase(r.kind, f.case)}`,
        `  differ: ${f.message}`,
        `  replay: ${replayCommand(r.kind, r.seed, f.path)}`,
    ].join('\n');
}
