/**
 * Regression cases: a shrunk counterexample of a fuzz property (engine.ts), saved as
 * `<dir>/<kind>-<seed>-<hash>.json`; `loadRegressionCases(dir)` turns a folder of them back into
 * suite cases that the judge runs (`rnnspec run --cases DIR`), the expected values computed by the
 * oracle (the reference) when loaded, so a case stays right when the reference is corrected.
 * The project's own reference-vs-ONNX-Runtime regressions live in test/self/differential/regressions.
 *
 * The file holds the case in the adapter contract's form, tensors encoded as in golden fixtures
 * (test/harness/golden.ts encodeTensor / decodeTensor: exact values, 'nan'/'inf' strings; -0 is
 * written as -0.0), non-finite config numbers as FIXTURES.md's `{"$num": "inf"}` tags, plus where
 * it came from (seed, path, the disagreement, the replay command). `<hash>` is the first 10 hex
 * digits of the SHA-256 of the encoded case, so saving one case twice writes one file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Adapter, EmbeddingCase, PlainTensor, RnnCase } from '../../../impl/contract.ts';
import { createReferenceAdapter } from '../../../impl/reference/index.ts';
import { decodeJsValue, decodeTensor, encodeTensor, type TensorJson } from '../../harness/golden.ts';
import type { SuiteCase } from '../cases.ts';
import { oracleAnswer, toSuiteCase } from './check.ts';
import type { AnyCase, Kind } from './describe.ts';

export const REGRESSIONS_DIR = fileURLToPath(new URL('../../self/differential/regressions', import.meta.url));

export interface Regression {
  kind: Kind;
  /** Where it was found; all optional for a hand-reduced case. */
  found: { seed?: number; path?: string; message?: string; replay?: string };
  description: string;
  case: AnyCase;
}

// ---- encoding -----------------------------------------------------------------------------------
const tagNumber = (v: unknown) =>
  typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
    ? { $num: Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : '-0' }
    : v;

function encodeCase(kind: Kind, c: AnyCase): Record<string, unknown> {
  const config = Object.fromEntries(Object.entries(c.config).map(([k, v]) => [k, tagNumber(v)]));
  if (kind === 'embedding') {
    const e = c as EmbeddingCase;
    return { config, weight: encodeTensor(e.weight), indices: encodeTensor(e.indices), ...(e.upstream ? { upstream: encodeTensor(e.upstream) } : {}) };
  }
  const r = c as RnnCase;
  return {
    config,
    params: Object.fromEntries(Object.entries(r.params).map(([k, t]) => [k, encodeTensor(t)])),
    input: encodeTensor(r.input),
    ...(r.h0 ? { h0: encodeTensor(r.h0) } : {}),
    ...(r.lengths ? { lengths: r.lengths } : {}),
    ...(r.enforceSorted === undefined ? {} : { enforceSorted: r.enforceSorted }),
    ...(r.dropoutMasks ? { dropoutMasks: r.dropoutMasks.map(encodeTensor) } : {}),
    ...(r.upstream ? { upstream: { output: encodeTensor(r.upstream.output), h_n: encodeTensor(r.upstream.h_n) } } : {}),
  };
}

/** JSON with objects indented and arrays of scalars on one line; -0 as -0.0 (JSON.parse keeps it). */
function pretty(v: unknown, indent = ''): string {
  if (typeof v === 'number' && Object.is(v, -0)) return '-0.0';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => pretty(x)).join(', ')}]`;
    return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
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
    dropoutMasks: z.array(tensorJson).optional(),
    upstream: z.union([tensorJson, z.object({ output: tensorJson, h_n: tensorJson })]).optional(),
  }),
});

const tensor = (t: TensorJson | undefined, what: string): PlainTensor => {
  if (!t) throw new Error(`${what} is missing`);
  return decodeTensor(t);
};

function decodeCase(kind: Kind, j: z.infer<typeof fileSchema>['case']): AnyCase {
  const config = decodeJsValue(j.config, (t) => t) as never;
  const up = j.upstream;
  if (kind === 'embedding') {
    const e: EmbeddingCase = { config, weight: tensor(j.weight, 'case.weight'), indices: tensor(j.indices, 'case.indices') };
    if (up) e.upstream = tensor('dtype' in up ? up : undefined, 'case.upstream (a tensor)');
    return e;
  }
  const c: RnnCase = {
    config,
    params: Object.fromEntries(Object.entries(j.params ?? {}).map(([k, t]) => [k, decodeTensor(t)])),
    input: tensor(j.input, 'case.input'),
  };
  if (j.h0) c.h0 = decodeTensor(j.h0);
  if (j.lengths) c.lengths = j.lengths;
  if (j.enforceSorted !== undefined) c.enforceSorted = j.enforceSorted;
  if (j.dropoutMasks) c.dropoutMasks = j.dropoutMasks.map(decodeTensor);
  if (up) {
    if ('dtype' in up) throw new Error('case.upstream must hold output and h_n');
    c.upstream = { output: decodeTensor(up.output), h_n: decodeTensor(up.h_n) };
  }
  return c;
}

// ---- files ----------------------------------------------------------------------------------------
export function regressionText(r: Regression): string {
  return `${pretty({ format: 1, kind: r.kind, found: r.found, description: r.description, case: encodeCase(r.kind, r.case) })}\n`;
}

export function regressionFileName(r: Regression): string {
  const hash = createHash('sha256').update(pretty(encodeCase(r.kind, r.case))).digest('hex').slice(0, 10);
  return `${r.kind}-${r.found.seed ?? 'manual'}-${hash}.json`;
}

/** Writes the regression case into `dir` (created if needed); returns the file's path. */
export function saveRegression(dir: string, r: Regression): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, regressionFileName(r));
  writeFileSync(path, regressionText(r));
  return path;
}

/** Parses one regression file; a malformed one is an error that names it. */
export function readRegression(path: string): Regression {
  try {
    const j = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    return { kind: j.kind, found: j.found, description: j.description, case: decodeCase(j.kind, j.case) };
  } catch (e) {
    const why = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') : (e as Error).message;
    throw new Error(`${path} is not a readable regression case: ${why}`);
  }
}

/** Every `*.json` in `dir` (none when the folder does not exist), in name order. */
export function listRegressions(dir: string = REGRESSIONS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
}

/**
 * Every regression case in `dir` as a suite case the judge runs (judge.ts runSuite), its expected
 * values computed now by `oracle` (default: the reference). A case where the oracle raises (an
 * out-of-range index) expects an error, which suite cases cannot express yet: it is left out and
 * listed in `errorCases`.
 */
export async function loadRegressionCases(dir: string, oracle: Adapter = createReferenceAdapter()): Promise<{ cases: SuiteCase[]; errorCases: Array<{ file: string; error: string }> }> {
  const cases: SuiteCase[] = [];
  const errorCases: Array<{ file: string; error: string }> = [];
  for (const file of listRegressions(dir)) {
    const r = readRegression(file);
    const answer = await oracleAnswer(oracle, r.kind, r.case);
    const id = `regression/${basename(file, '.json')}`;
    if ('error' in answer) errorCases.push({ file, error: answer.error });
    else cases.push({ ...toSuiteCase(r.kind, id, r.case, answer.expected), fixture: file });
  }
  return { cases, errorCases };
}
