/**
 * The golden fixture loader (format: scripts/FIXTURES.md). Fixtures are keyed by PyTorch version:
 * `loadGolden({ torch: '1.13' })` reads golden/1.13/, `loadGolden()` the newest version. It validates
 * every case file with a schema, checks its SHA-256 against golden/<version>/manifest.json, and
 * refuses — with a message naming the file — a corrupt, truncated, stale (hash or exporter changed,
 * or not in the manifest), missing or duplicate case, a damaged binary side file (a large tensor
 * stored beside the case, hashed in the case file too), or a folder whose manifest records another
 * PyTorch version.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import type { PlainTensor } from '../../impl/contract.ts';
import { NEWEST_TORCH, TORCH_VERSIONS, type TorchVersion } from '../../reference/index.ts';
import { PACKAGE_ROOT } from './package-root.ts';

export { NEWEST_TORCH, TORCH_VERSIONS, type TorchVersion };
/** golden/: one folder per PyTorch version; rnnspec's own, or a folder named by RNNSPEC_GOLDEN_DIR (e.g. a regeneration under review). */
export const GOLDEN_ROOT = process.env.RNNSPEC_GOLDEN_DIR ?? join(PACKAGE_ROOT, 'golden');
export const EXPORTER = join(PACKAGE_ROOT, 'scripts', 'golden');

/** golden/<version>/, where that version's manifest, cases and ONNX models live. */
export function goldenDir(torch: TorchVersion = NEWEST_TORCH): string {
  return join(GOLDEN_ROOT, torch);
}

/** A case's fixture file, relative to golden/<version>/. */
export const caseFile = (id: string): string => `cases/${id}.json`;

// ---- schema -----------------------------------------------------------------------------------
const element = z.union([z.number(), z.string(), z.boolean()]);
const tensorSchema = z.object({
  dtype: z.enum(['float32', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']),
  shape: z.array(z.number().int().nonnegative()),
  data: z.array(element),
});
export type TensorJson = z.infer<typeof tensorSchema>;

/**
 * A large tensor stored as a little-endian binary side file of golden/<version>/ (FIXTURES.md
 * "Side files"): `file` is relative to the version folder, `sha256` the hash of its bytes. The
 * loader validates the reference with the case, then replaces it by the inline tensor it names.
 */
const sideTensorSchema = z.object({
  dtype: z.enum(['float32', 'float64', 'int64', 'int32']),
  shape: z.array(z.number().int().nonnegative()),
  file: z.string().regex(/^data\/(tensor|embedding|rnn|packing)\/[a-z0-9_]+\/[a-z0-9_.]+\.bin$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SideTensorJson = z.infer<typeof sideTensorSchema>;

/**
 * The case schema over a tensor schema: `caseSchema` (every tensor inline, what loadGolden returns)
 * and `storedCaseSchema` (a tensor may be a side-file reference, what a case file holds; the
 * references are validated here and their data read afterwards, so the large arrays are never
 * walked by the schema).
 */
function caseSchemaOf<T extends z.ZodTypeAny>(tensor: T) {
  const sparse = z.object({ indices: tensor, values: tensor, size: z.array(z.number().int()) });
  const value: z.ZodType<unknown> = z.lazy(() =>
    z.union([
      tensor,
      sparse,
      z.array(value),
      z.number(),
      z.string(),
      z.boolean(),
      z.null(),
      z.record(z.string(), value).refine((o) => !('dtype' in o), 'a tensor needs a known dtype, a shape and flat data'),
    ]),
  );
  const error = z.object({
    type: z.string(),
    message: z.string(),
    phase: z.enum(['construct', 'forward', 'backward']).optional(),
  });
  return z
    .object({
      id: z.string().regex(/^(tensor|embedding|rnn|packing)\/[a-z0-9_]+$/),
      group: z.enum(['tensor', 'embedding', 'rnn', 'packing']),
      api: z.string(),
      description: z.string(),
      seed: z.number().int().optional(),
      args: z.record(z.string(), z.unknown()),
      inputs: z.record(z.string(), z.unknown()).optional(),
      params: z.record(z.string(), tensor).optional(),
      upstream: z.record(z.string(), tensor).optional(),
      expected: z.object({
        outputs: z.record(z.string(), value).optional(),
        grads: z.record(z.string(), value).optional(),
        error: error.optional(),
        warnings: z.array(z.object({ type: z.string(), message: z.string() })).optional(),
      }),
      deviation: z.string().optional(),
      onnx: z.string().optional(),
    })
    .refine((c) => (c.expected.outputs === undefined) !== (c.expected.error === undefined), {
      message: 'expected must hold exactly one of outputs or error',
    });
}
export const caseSchema = caseSchemaOf(tensorSchema);
const storedCaseSchema = caseSchemaOf(z.union([tensorSchema, sideTensorSchema.strict()]));
export type GoldenCase = z.infer<typeof caseSchema>;

const manifestSchema = z.object({
  format: z.literal(2),
  version: z.string(),
  torch: z.string(),
  blas: z.string(),
  onnx: z.string(),
  numpy: z.string(),
  python: z.string(),
  exporter_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  cases: z.array(z.string()),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type Manifest = z.infer<typeof manifestSchema>;

// ---- loading ----------------------------------------------------------------------------------
/**
 * Fixtures that cannot be used. `problem` says what is wrong with which file; the message adds the
 * maintainer's remedy (regenerating needs PyTorch) where there is one. A user of the package gets
 * the problem with their own remedy (the CLI: reinstall, or `git checkout golden/` in a clone).
 */
export class GoldenError extends Error {
  override name = 'GoldenError';
  constructor(readonly problem: string, regenerate?: TorchVersion) {
    super(regenerate ? `${problem}: run npm run golden -- --torch ${regenerate}` : problem);
  }
}

/** The elements of a side file as the JSON encoding writes them (non-finite floats as "nan", "inf", "-inf"; int64 beyond 2^53 - 1 as strings). */
function sideElements(values: Float32Array | Float64Array | Int32Array | BigInt64Array): Array<number | string> {
  const out = new Array<number | string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'bigint') out[i] = v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : v.toString();
    else out[i] = Number.isFinite(v) ? v : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  }
  return out;
}
const SIDE_ELEMENT = {
  float32: { bytes: 4, view: (b: ArrayBuffer) => sideElements(new Float32Array(b)) },
  float64: { bytes: 8, view: (b: ArrayBuffer) => sideElements(new Float64Array(b)) },
  int32: { bytes: 4, view: (b: ArrayBuffer) => sideElements(new Int32Array(b)) },
  int64: { bytes: 8, view: (b: ArrayBuffer) => sideElements(new BigInt64Array(b)) },
} as const;

/**
 * Reads a side file into an inline tensor, refusing — with a message naming the file and the case
 * file that references it — a missing file, one whose bytes do not match the case's sha256, or one
 * whose length is not the shape's.
 */
export function readSideTensor(ref: SideTensorJson, dir: string, at: string, caseFileName: string): TensorJson {
  const where = `${at}/${ref.file} (referenced by ${at}/${caseFileName})`;
  const path = join(dir, ref.file);
  if (!existsSync(path)) throw new GoldenError(`${where} is missing`);
  const bytes = readFileSync(path);
  if (sha256(bytes) !== ref.sha256) throw new GoldenError(`${where} does not match its sha256 in the case file (corrupt, truncated or edited by hand)`);
  const element = SIDE_ELEMENT[ref.dtype];
  const n = ref.shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== n * element.bytes) throw new GoldenError(`${where} holds ${bytes.length} bytes, not the ${n * element.bytes} of a ${ref.dtype} tensor of shape [${ref.shape}]`);
  if (endianness() !== 'LE') throw new GoldenError(`${where}: side files are little-endian and this machine is not`);
  const aligned = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  return { dtype: ref.dtype, shape: ref.shape, data: element.view(aligned) };
}

/** A validated case file with every side-file reference replaced by the inline tensor it names. */
function inlineSideFiles(value: unknown, dir: string, at: string, caseFileName: string): unknown {
  if (Array.isArray(value)) return value.map((v) => inlineSideFiles(v, dir, at, caseFileName));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if ('file' in o && 'sha256' in o && 'dtype' in o) return readSideTensor(o as SideTensorJson, dir, at, caseFileName);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, inlineSideFiles(v, dir, at, caseFileName)]));
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The exporter's identity, as scripts/golden/output.py's source_sha256 computes it: sha256 over
 * "<file name>\n<sha256 of the file>\n" for every .py file of the package, in name order.
 */
export function exporterSha256(packageDir: string): string {
  const names = readdirSync(packageDir).filter((n) => n.endsWith('.py')).sort();
  return sha256(names.map((n) => `${n}\n${sha256(readFileSync(join(packageDir, n)))}\n`).join(''));
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export interface GoldenSet {
  /** The PyTorch version these cases were recorded with. */
  torch: TorchVersion;
  manifest: Manifest;
  cases: GoldenCase[];
}

export interface LoadGoldenOptions {
  /** Which PyTorch's fixtures; default the newest (NEWEST_TORCH). */
  torch?: TorchVersion;
  /** The version folder to read; default golden/<torch>/. */
  dir?: string;
  /** The exporter package, hashed to detect fixtures left stale by an exporter change; null skips that check. */
  exporter?: string | null;
}

/** Loads and checks every case of one PyTorch version. */
export function loadGolden(options: LoadGoldenOptions = {}): GoldenSet {
  const torch = options.torch ?? NEWEST_TORCH;
  if (!(TORCH_VERSIONS as readonly string[]).includes(torch)) {
    throw new GoldenError(`unknown PyTorch version ${String(torch)}: golden/ has ${TORCH_VERSIONS.join(', ')}`);
  }
  const dir = options.dir ?? goldenDir(torch);
  const exporterPath = options.exporter === undefined ? EXPORTER : options.exporter;
  const at = `golden/${basename(dir)}`; // how messages name the folder
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new GoldenError(`${at}/manifest.json is missing`, torch);
  let rawManifest: unknown;
  try {
    rawManifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    throw new GoldenError(`${at}/manifest.json is not valid JSON (${(e as Error).message})`);
  }
  const parsedManifest = manifestSchema.safeParse(rawManifest);
  if (!parsedManifest.success) throw new GoldenError(`${at}/manifest.json is malformed: ${describeIssues(parsedManifest.error)}`);
  const manifest = parsedManifest.data;
  if (manifest.version !== torch) {
    throw new GoldenError(`${at}/manifest.json records PyTorch ${manifest.version} (torch ${manifest.torch}), not ${torch}`, torch);
  }
  if (exporterPath !== null && existsSync(exporterPath)) {
    const actual = exporterSha256(exporterPath);
    if (actual !== manifest.exporter_sha256) {
      throw new GoldenError(`${at}/manifest.json is stale: it was written by another version of the exporter (scripts/golden/) (sha256 ${manifest.exporter_sha256.slice(0, 12)}…, now ${actual.slice(0, 12)}…)`, torch);
    }
  }

  const onDisk = new Set(listFiles(dir).map((p) => relative(dir, p).split('\\').join('/')).filter((p) => p !== 'manifest.json'));
  for (const file of onDisk) {
    if (!(file in manifest.files)) throw new GoldenError(`${at}/${file} is not listed in ${at}/manifest.json (stale or hand-made file)`, torch);
  }
  for (const [file, hash] of Object.entries(manifest.files)) {
    if (!onDisk.has(file)) throw new GoldenError(`${at}/${file} is listed in ${at}/manifest.json but missing`);
    if (sha256(readFileSync(join(dir, file))) !== hash) {
      throw new GoldenError(`${at}/${file} does not match its sha256 in ${at}/manifest.json (corrupt, truncated or edited by hand)`, torch);
    }
  }

  const seen = new Map<string, string>();
  const cases = manifest.cases.map((id) => {
    const file = caseFile(id);
    if (seen.has(id)) throw new GoldenError(`${at}/${file}: duplicate case id '${id}' in ${at}/manifest.json`);
    seen.set(id, file);
    if (!(file in manifest.files)) throw new GoldenError(`${at}/${file}: case '${id}' has no file entry in ${at}/manifest.json`);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      throw new GoldenError(`${at}/${file} is not valid JSON (${(e as Error).message})`);
    }
    const parsed = storedCaseSchema.safeParse(raw);
    if (!parsed.success) throw new GoldenError(`${at}/${file} does not follow the fixture schema: ${describeIssues(parsed.error)}`);
    if (parsed.data.id !== id) throw new GoldenError(`${at}/${file} holds case '${parsed.data.id}' but its path says '${id}'`);
    return inlineSideFiles(parsed.data, dir, at, file) as GoldenCase;
  });
  const caseFiles = [...onDisk].filter((f) => f.startsWith('cases/'));
  for (const f of caseFiles) {
    const id = f.slice('cases/'.length, -'.json'.length);
    if (!seen.has(id)) throw new GoldenError(`${at}/${f} is not in ${at}/manifest.json's case list`);
  }
  return { torch, manifest, cases };
}

// ---- values -----------------------------------------------------------------------------------
function decodeFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  throw new GoldenError(`not a float element: ${JSON.stringify(v)}`);
}

/** A fixture tensor as `{dtype, shape, data}` with the exact typed-array values. */
export function decodeTensor(t: TensorJson): PlainTensor & { dtype: TensorJson['dtype'] } {
  const n = t.shape.reduce((a, b) => a * b, 1);
  if (t.data.length !== n) throw new GoldenError(`tensor of shape [${t.shape}] has ${t.data.length} elements`);
  let data: PlainTensor['data'];
  switch (t.dtype) {
    case 'float32': data = Float32Array.from(t.data, decodeFloat); break;
    case 'float64': data = Float64Array.from(t.data, decodeFloat); break;
    case 'int64': data = BigInt64Array.from(t.data, (v) => BigInt(v as number | string)); break;
    case 'int32': data = Int32Array.from(t.data as number[]); break;
    case 'int16': data = Int16Array.from(t.data as number[]); break;
    case 'int8': data = Int8Array.from(t.data as number[]); break;
    case 'uint8': data = Uint8Array.from(t.data as number[]); break;
    case 'bool': data = Uint8Array.from(t.data, (v) => (v ? 1 : 0)); break;
  }
  return { dtype: t.dtype, shape: t.shape, data };
}

/** The inverse of decodeTensor, with the exporter's element rules (for round-trip tests). JSON.stringify writes -0 as 0; the exporter writes -0.0. */
export function encodeTensor(t: PlainTensor): TensorJson {
  const data = Array.from(t.data as ArrayLike<number | bigint>, (v) => {
    if (typeof v === 'bigint') return v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : v.toString();
    if (t.dtype === 'bool') return v !== 0;
    if (Number.isNaN(v)) return 'nan';
    if (v === Infinity) return 'inf';
    if (v === -Infinity) return '-inf';
    return v;
  });
  return { dtype: t.dtype as TensorJson['dtype'], shape: [...t.shape], data };
}

/**
 * A tagged JS value (FIXTURES.md "A JS value") as a JavaScript caller would write it:
 * `{"$bigint"}` -> bigint, `{"$num"}` -> NaN / ±Infinity / -0, `{"$typed"}` -> a typed array,
 * `{"$tensor"}` -> `makeTensor(...)`, `{"$str"}` -> string, `{"$none"}` -> null, `{"$iterable"}` ->
 * a generator (an iterable that is not an Array), `{"$cycle": k}` -> the array k levels up from the
 * array holding it (`const z = [0]; z.push(z)`); an untagged object is a record of JS values (a case's `args`).
 */
export function decodeJsValue(v: unknown, makeTensor: (t: PlainTensor) => unknown, enclosing: unknown[][] = []): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = []; // filled in place so that a $cycle inside can refer to it
    for (const x of v) out.push(decodeJsValue(x, makeTensor, [...enclosing, out]));
    return out;
  }
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ('$cycle' in o) {
    const target = enclosing[enclosing.length - 1 - (o.$cycle as number)];
    if (target === undefined) throw new GoldenError(`{"$cycle": ${String(o.$cycle)}} has no array that many levels up`);
    return target;
  }
  if ('$iterable' in o) {
    const items = (o.$iterable as unknown[]).map((x) => decodeJsValue(x, makeTensor, enclosing));
    return (function* () {
      yield* items;
    })();
  }
  if ('$num' in o) return { nan: NaN, inf: Infinity, '-inf': -Infinity, '-0': -0 }[o.$num as string];
  if ('$bigint' in o) return BigInt(o.$bigint as string);
  if ('$str' in o) return o.$str;
  if ('$none' in o) return null;
  if ('$typed' in o) {
    const data = o.data as TensorJson['data'];
    // typed arrays numpy has but torch 1.13 refuses (for the TypeError cases)
    if (o.$typed === 'uint16') return Uint16Array.from(data as number[]);
    if (o.$typed === 'uint32') return Uint32Array.from(data as number[]);
    if (o.$typed === 'uint64') return BigUint64Array.from(data, (v) => BigInt(v as number | string));
    return decodeTensor({ dtype: o.$typed as TensorJson['dtype'], shape: [data.length], data }).data;
  }
  if ('$tensor' in o) return makeTensor(decodeTensor(o.$tensor as TensorJson));
  if (Object.keys(o).some((k) => k.startsWith('$'))) throw new GoldenError(`unknown JS value tag in ${JSON.stringify(v).slice(0, 80)}`);
  // a record of JS values (a case's `args`)
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decodeJsValue(x, makeTensor, enclosing)]));
}
