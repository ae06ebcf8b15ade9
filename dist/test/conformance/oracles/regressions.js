/**
 * Regression cases: a shrunk counterexample of a differential property, saved as
 * `regressions/<kind>-<seed>-<hash>.json` and replayed by regressions.test.ts on every run.
 *
 * The file holds the case in the adapter contract's form, tensors encoded as in golden fixtures
 * (test/harness/golden.ts encodeTensor / decodeTensor: exact values, 'nan'/'inf' strings; -0 is
 * written as -0.0), non-finite config numbers as FIXTURES.md's `{"$num": "inf"}` tags, plus where
 * it came from (seed, path, the disagreement, the replay command). `<hash>` is the first 10 hex
 * digits of the SHA-256 of the encoded case, so saving one case twice writes one file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { decodeJsValue, decodeTensor, encodeTensor } from "../../harness/golden.js";
import { describeCase, failureReport, replayCommand, runProperty, settingsFromEnv, summaryLine } from "./differential.js";
export const REGRESSIONS_DIR = fileURLToPath(new URL('../../self/differential/regressions', import.meta.url));
// ---- encoding -----------------------------------------------------------------------------------
const tagNumber = (v) => typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
    ? { $num: Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : '-0' }
    : v;
function encodeCase(kind, c) {
    const config = Object.fromEntries(Object.entries(c.config).map(([k, v]) => [k, tagNumber(v)]));
    if (kind === 'embedding') {
        const e = c;
        return { config, weight: encodeTensor(e.weight), indices: encodeTensor(e.indices) };
    }
    const r = c;
    return {
        config,
        params: Object.fromEntries(Object.entries(r.params).map(([k, t]) => [k, encodeTensor(t)])),
        input: encodeTensor(r.input),
        ...(r.h0 ? { h0: encodeTensor(r.h0) } : {}),
        ...(r.lengths ? { lengths: r.lengths } : {}),
        ...(r.enforceSorted === undefined ? {} : { enforceSorted: r.enforceSorted }),
    };
}
/** JSON with objects indented and arrays of scalars on one line; -0 as -0.0 (JSON.parse keeps it). */
function pretty(v, indent = '') {
    if (typeof v === 'number' && Object.is(v, -0))
        return '-0.0';
    if (v === null || typeof v !== 'object')
        return JSON.stringify(v);
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
        if (v.every((x) => x === null || typeof x !== 'object'))
            return `[${v.map((x) => pretty(x)).join(', ')}]`;
        return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0)
        return '{}';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
}
// ---- decoding -----------------------------------------------------------------------------------
const tensorJson = z.object({
    dtype: z.enum(['float32', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']),
    shape: z.array(z.number().int().nonnegative()),
    data: z.array(z.union([z.number(), z.string(), z.boolean()])),
});
const fileSchema = z.object({
    format: z.literal(1),
    kind: z.enum(['rnn', 'embedding']),
    found: z.object({ seed: z.number().int().optional(), path: z.string().optional(), message: z.string().optional(), replay: z.string().optional() }),
    description: z.string(),
    case: z.object({
        config: z.record(z.string(), z.unknown()),
        params: z.record(z.string(), tensorJson).optional(),
        input: tensorJson.optional(),
        h0: tensorJson.optional(),
        lengths: z.array(z.number()).optional(),
        enforceSorted: z.boolean().optional(),
        weight: tensorJson.optional(),
        indices: tensorJson.optional(),
    }),
});
const tensor = (t, what) => {
    if (!t)
        throw new Error(`${what} is missing`);
    return decodeTensor(t);
};
function decodeCase(kind, j) {
    const config = decodeJsValue(j.config, (t) => t);
    if (kind === 'embedding')
        return { config, weight: tensor(j.weight, 'case.weight'), indices: tensor(j.indices, 'case.indices') };
    const c = {
        config,
        params: Object.fromEntries(Object.entries(j.params ?? {}).map(([k, t]) => [k, decodeTensor(t)])),
        input: tensor(j.input, 'case.input'),
    };
    if (j.h0)
        c.h0 = decodeTensor(j.h0);
    if (j.lengths)
        c.lengths = j.lengths;
    if (j.enforceSorted !== undefined)
        c.enforceSorted = j.enforceSorted;
    return c;
}
// ---- files ----------------------------------------------------------------------------------------
export function regressionText(r) {
    return `${pretty({ format: 1, kind: r.kind, found: r.found, description: r.description, case: encodeCase(r.kind, r.case) })}\n`;
}
export function regressionFileName(r) {
    const hash = createHash('sha256').update(pretty(encodeCase(r.kind, r.case))).digest('hex').slice(0, 10);
    return `${r.kind}-${r.found.seed ?? 'manual'}-${hash}.json`;
}
/** Writes the regression case into `dir` (created if needed); returns the file's path. */
export function saveRegression(dir, r) {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, regressionFileName(r));
    writeFileSync(path, regressionText(r));
    return path;
}
/** Saves a property's shrunk counterexample (with its seed, path and disagreement); returns the path. */
export function saveFailure(dir, r) {
    const f = r.failure;
    if (!f)
        throw new Error(`differential ${r.kind}: nothing to save, the property passed`);
    return saveRegression(dir, {
        kind: r.kind,
        found: { seed: r.seed, path: f.path, message: f.message, replay: replayCommand(r.kind, r.seed, f.path) },
        description: describeCase(r.kind, f.case),
        case: f.case,
    });
}
/** Parses one regression file; a malformed one is an error that names it. */
export function readRegression(path) {
    try {
        const j = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
        return { kind: j.kind, found: j.found, description: j.description, case: decodeCase(j.kind, j.case) };
    }
    catch (e) {
        const why = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') : e.message;
        throw new Error(`${path} is not a readable regression case: ${why}`);
    }
}
/** Every `*.json` in `dir` (none when the folder does not exist), in name order. */
export function listRegressions(dir = REGRESSIONS_DIR) {
    if (!existsSync(dir))
        return [];
    return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
}
/**
 * The differential test of one kind: runs the property with the RNNSPEC_* settings, prints its
 * summary (seed included), and on a disagreement throws the report with its replay command,
 * after saving the case under regressions/ when RNNSPEC_SAVE=1.
 */
export async function checkDifferential(kind, oracles, defaultRuns = 100) {
    const settings = settingsFromEnv(defaultRuns);
    const result = await runProperty(kind, oracles, settings);
    console.log(summaryLine(result));
    if (result.failure) {
        const saved = settings.save ? `\n  saved:  ${saveFailure(REGRESSIONS_DIR, result)}` : '\n  (RNNSPEC_SAVE=1 saves it as a regression case)';
        throw new Error(failureReport(result) + saved);
    }
}
