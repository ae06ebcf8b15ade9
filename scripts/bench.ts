/**
 * `npm run bench`: the reference side by side with ONNX Runtime and tfjs (cpu, wasm), all through
 * their adapters (impl/), so every implementation is timed through the same contract. Prints each
 * table as it is measured and writes the same to BENCHMARKS.md, with the machine described.
 *
 *   npm run bench [-- --suite] [--quick] [--sections rnn,embedding,memory,suite] [--out FILE]
 *
 *   1. nn.RNN forward and forward+backward, float32 and float64, (L, N, I, H) in {(16,4,32,32),
 *      (64,32,256,256), (256,8,128,128)}, 1 and 2 layers, uni- and bidirectional, padded and packed;
 *   2. nn.Embedding forward and backward on a 50,000 x 300 table with 64 x 128 indices;
 *   3. peak memory of the reference's backward at L = 1,024 against L = 256 (child processes);
 *   4. with --suite: the suite's own costs (npx vitest run, the conformance CLI per adapter,
 *      golden --check), each spawned and timed.
 *
 * Timing: a warm-up (see `interleaved`), then rounds in which every implementation runs once in turn
 * (interleaved, so a change in machine load hits all alike) until a time budget per row is spent
 * (at least 1 and at most 7 samples); the median is reported, with the number of samples.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Adapter, EmbeddingCase, PlainTensor, RnnCase } from '../impl/contract.ts';
import { createReferenceAdapter } from '../impl/reference/index.ts';
import { createOnnxRuntimeAdapter } from '../impl/onnxruntime/index.ts';
import { createTfjsAdapter } from '../impl/tfjs/index.ts';
import { makeRnnCase } from '../test/harness/random-cases.ts';
import { prng } from '../test/harness/prng.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, dflt: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : dflt);
const QUICK = flag('quick');
const BUDGET_MS = QUICK ? 300 : 1000; // per row, after the warm-up
const MAX_ROUNDS = 7;

const lines: string[] = [];
function print(line = ''): void {
  console.log(line);
  lines.push(line);
}

// ---- timing ------------------------------------------------------------------------------------
type Run = () => unknown;

/**
 * Median ms per implementation: a warm-up, then interleaved rounds until the budget is spent. The
 * warm-up is up to 3 calls within 200 ms; a first call of over a second is itself the one sample
 * (what it spends compiling is then negligible) so that the large rows keep the whole run bounded.
 */
async function interleaved(runs: Record<string, Run>): Promise<{ ms: Record<string, number>; samples: number }> {
  const names = Object.keys(runs);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const n of names) {
    const t0 = performance.now();
    await runs[n]();
    const first = performance.now() - t0;
    if (first > 1000) samples[n].push(first);
    else for (let i = 1; i < 3 && performance.now() - t0 < 200; i++) await runs[n]();
  }
  const time = async (n: string) => {
    const t0 = performance.now();
    await runs[n]();
    samples[n].push(performance.now() - t0);
  };
  const start = performance.now();
  for (const n of names) if (samples[n].length === 0) await time(n); // the first round: whoever has no sample yet
  while (performance.now() - start < BUDGET_MS && samples[names[0]].length < MAX_ROUNDS) for (const n of names) await time(n);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: Object.fromEntries(names.map((n) => [n, median(samples[n])])), samples: Math.min(...names.map((n) => samples[n].length)) };
}

const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
/** "time (GFLOP/s, ratio)": ratio = this time / the reference's (above 1: the reference is faster). */
function cell(ms: number | undefined, flop: number, refMs: number, isRef: boolean): string {
  if (ms === undefined) return '-';
  const gflops = flop / (ms * 1e6);
  return `${fmtMs(ms)} ms (${gflops.toFixed(2)} GFLOP/s${isRef ? '' : `, ${(ms / refMs).toFixed(2)}x`})`;
}

// ---- the implementations -----------------------------------------------------------------------
interface Impl {
  name: string;
  adapter: Adapter;
}

async function implementations(): Promise<Impl[]> {
  return [
    { name: 'reference', adapter: createReferenceAdapter() },
    { name: 'onnxruntime', adapter: createOnnxRuntimeAdapter() },
    { name: 'tfjs-cpu', adapter: createTfjsAdapter('cpu') },
    { name: 'tfjs-wasm', adapter: createTfjsAdapter('wasm') },
  ];
}

// ---- 1. nn.RNN ---------------------------------------------------------------------------------
const SIZES: Array<[number, number, number, number]> = [[16, 4, 32, 32], [64, 32, 256, 256], [256, 8, 128, 128]];

/** Packed lengths: from L down to about L/2, sorted (realistic padding waste). */
const packedLengths = (L: number, N: number) => Array.from({ length: N }, (_, b) => L - Math.floor((b * L) / (2 * N)));

function toFloat64(t: PlainTensor): PlainTensor {
  return { dtype: 'float64', shape: t.shape, data: Float64Array.from(t.data as Float32Array) };
}

function randomTensor(shape: number[], seed: number): PlainTensor {
  const r = prng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return { dtype: 'float32', shape, data: Float32Array.from({ length: n }, () => 2 * r() - 1) };
}

interface RnnRow {
  L: number; N: number; I: number; H: number; layers: number; bidirectional: boolean; packed: boolean;
}

function rnnCase(row: RnnRow, dtype: 'float32' | 'float64', backward: boolean): RnnCase {
  const { L, N, I, H, layers, bidirectional, packed } = row;
  const c = makeRnnCase({
    seed: 7, inputSize: I, hiddenSize: H, numLayers: layers, nonlinearity: 'tanh', bias: true, batchFirst: false,
    bidirectional, L, N, withH0: false, lengths: packed ? packedLengths(L, N) : null, enforceSorted: true, unbatched: false,
  });
  const D = bidirectional ? 2 : 1;
  if (backward) c.upstream = { output: randomTensor([L, N, D * H], 8), h_n: randomTensor([layers * D, N, H], 9) };
  if (dtype === 'float64') {
    c.config = { ...c.config, dtype };
    c.input = toFloat64(c.input);
    c.params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, toFloat64(v)]));
    if (c.upstream) c.upstream = { output: toFloat64(c.upstream.output), h_n: toFloat64(c.upstream.h_n) };
  }
  return c;
}

/**
 * Forward FLOPs: 2 T (I_k + H) H per layer k and direction, T the number of time-step rows (L N
 * padded, the sum of the lengths packed), I_k = I for k = 0 and D H above; forward+backward counts
 * 3x that (each product of the forward has two in the backward). Elementwise work is not counted.
 */
function rnnFlop(row: RnnRow, backward: boolean): number {
  const D = row.bidirectional ? 2 : 1;
  const T = row.packed ? packedLengths(row.L, row.N).reduce((a, b) => a + b, 0) : row.L * row.N;
  let flop = 0;
  for (let k = 0; k < row.layers; k++) flop += D * 2 * T * ((k === 0 ? row.I : D * row.H) + row.H) * row.H;
  return backward ? 3 * flop : flop;
}

function supportsRnn(a: Adapter, dtype: string, backward: boolean): boolean {
  const r = a.capabilities.rnn;
  return !!r && !!a.rnn && r.dtypes.includes(dtype as 'float32') && (!backward || r.gradients);
}

async function benchRnn(impls: Impl[]): Promise<Map<string, Record<string, number>>> {
  const headline = new Map<string, Record<string, number>>();
  print('## nn.RNN');
  print();
  print('tanh, bias, h0 = zeros, eval mode. Each cell: median time (GFLOP/s, time / reference time: above 1 means the reference is faster).');
  print('FLOP count: forward = sum over layers k and directions of 2 T (I_k + H) H, with T = L N (padded) or the sum of the');
  print('lengths (packed: lengths from L down to L/2), I_0 = I, I_k = D H; forward+backward = 3x forward. "-": not supported.');
  for (const dtype of ['float32', 'float64'] as const) {
    for (const backward of [false, true]) {
      print();
      print(`### ${backward ? 'forward + backward' : 'forward'}, ${dtype}`);
      print();
      const active = impls.filter((i) => supportsRnn(i.adapter, dtype, backward));
      print(`| L, N, I, H | layers | dir | input | ${impls.map((i) => i.name).join(' | ')} | samples |`);
      print(`|---|---|---|---|${impls.map(() => '---|').join('')}---|`);
      for (const [L, N, I, H] of SIZES) {
        for (const layers of [1, 2]) {
          for (const bidirectional of [false, true]) {
            for (const packed of [false, true]) {
              const row: RnnRow = { L, N, I, H, layers, bidirectional, packed };
              const c = rnnCase(row, dtype, backward);
              const { ms, samples } = await interleaved(Object.fromEntries(active.map((i) => [i.name, () => i.adapter.rnn!(c)])));
              const flop = rnnFlop(row, backward);
              const cells = impls.map((i) => cell(ms[i.name], flop, ms.reference, i.name === 'reference'));
              print(`| ${L}, ${N}, ${I}, ${H} | ${layers} | ${bidirectional ? 'bi' : 'uni'} | ${packed ? 'packed' : 'padded'} | ${cells.join(' | ')} | ${samples} |`);
              if (L === 64 && layers === 1 && !bidirectional && !packed && dtype === 'float32') headline.set(backward ? 'forward+backward' : 'forward', ms);
            }
          }
        }
      }
    }
  }
  return headline;
}

// ---- 2. nn.Embedding ---------------------------------------------------------------------------
function supportsEmbedding(a: Adapter, c: EmbeddingCase): boolean {
  const e = a.capabilities.embedding;
  return !!e && !!a.embedding && e.dtypes.includes('float32') && (c.config.maxNorm === null || e.maxNorm) && (!c.upstream || e.gradients);
}

async function benchEmbedding(impls: Impl[]): Promise<Map<string, Record<string, number>>> {
  const V = 50_000, E = 300, shape = [64, 128];
  const r = prng(11);
  const weight = randomTensor([V, E], 10);
  const indices: PlainTensor = { dtype: 'int64', shape, data: BigInt64Array.from({ length: 64 * 128 }, () => BigInt(Math.floor(r() * V))) };
  const upstream = randomTensor([...shape, E], 12);
  const headline = new Map<string, Record<string, number>>();
  print();
  print('## nn.Embedding');
  print();
  print(`A ${V.toLocaleString('en')} x ${E} float32 table, 64 x 128 int64 indices drawn uniformly (sparse gradients are returned`);
  print('densified, as the adapter contract asks). Each cell: median time (time / reference time). "-": not supported.');
  print();
  print(`| pass | max_norm | sparse | ${impls.map((i) => i.name).join(' | ')} | samples |`);
  print(`|---|---|---|${impls.map(() => '---|').join('')}---|`);
  for (const backward of [false, true]) {
    for (const maxNorm of [null, 1]) {
      for (const sparse of [false, true]) {
        const c: EmbeddingCase = {
          config: { numEmbeddings: V, embeddingDim: E, paddingIdx: null, maxNorm, normType: 2, scaleGradByFreq: false, sparse, dtype: 'float32' },
          weight, indices, ...(backward ? { upstream } : {}),
        };
        const active = impls.filter((i) => supportsEmbedding(i.adapter, c) && !(backward && i.name === 'tfjs-cpu'));
        const { ms, samples } = await interleaved(Object.fromEntries(active.map((i) => [i.name, () => i.adapter.embedding!(c)])));
        const cells = impls.map((i) => (ms[i.name] === undefined ? (backward && i.name === 'tfjs-cpu' && supportsEmbedding(i.adapter, c) ? 'see below' : '-') : `${fmtMs(ms[i.name])} ms${i.name === 'reference' ? '' : ` (${(ms[i.name] / ms.reference).toFixed(2)}x)`}`));
        print(`| ${backward ? 'forward + backward' : 'forward'} | ${maxNorm ?? 'None'} | ${sparse} | ${cells.join(' | ')} | ${samples} |`);
        if (backward && maxNorm === null && !sparse) headline.set('embedding backward', ms);
      }
    }
  }
  await tfjsEmbeddingBackwardProbe(impls, E, shape);
  return headline;
}

/**
 * tfjs-cpu's gather gradient (unsortedSegmentSum) builds a mask over all the upstream gradient for
 * every row of the table, so its time grows as V x indices x D: at V = 50,000 it runs for hours and
 * grows to gigabytes. Measured instead on small tables, next to the reference.
 */
async function tfjsEmbeddingBackwardProbe(impls: Impl[], E: number, shape: number[]): Promise<void> {
  const pair = impls.filter((i) => i.name === 'reference' || i.name === 'tfjs-cpu');
  if (pair.length < 2) return;
  print();
  print(`tfjs-cpu forward + backward (dense, no max_norm) is not run on the ${(50_000).toLocaleString('en')}-row table: its gather gradient`);
  print('(unsortedSegmentSum) computes a mask over the whole upstream gradient for every row of the table, so its time');
  print('grows with V x indices x D. On small tables, same indices shape and D:');
  print();
  print('| V | reference | tfjs-cpu | samples |');
  print('|---|---|---|---|');
  const r = prng(13);
  for (const V of [25, 100]) {
    const c: EmbeddingCase = {
      config: { numEmbeddings: V, embeddingDim: E, paddingIdx: null, maxNorm: null, normType: 2, scaleGradByFreq: false, sparse: false, dtype: 'float32' },
      weight: randomTensor([V, E], 14),
      indices: { dtype: 'int64', shape, data: BigInt64Array.from({ length: shape[0] * shape[1] }, () => BigInt(Math.floor(r() * V))) },
      upstream: randomTensor([...shape, E], 15),
    };
    const { ms, samples } = await interleaved(Object.fromEntries(pair.map((i) => [i.name, () => i.adapter.embedding!(c)])));
    print(`| ${V} | ${fmtMs(ms.reference)} ms | ${fmtMs(ms['tfjs-cpu'])} ms (${(ms['tfjs-cpu'] / ms.reference).toFixed(1)}x) | ${samples} |`);
  }
}

// ---- 3. peak memory of backpropagation through time ------------------------------------------
const MEMORY_ROW: RnnRow = { L: 0, N: 64, I: 64, H: 64, layers: 1, bidirectional: false, packed: false };

/** In a child: one forward+backward at L through the reference adapter; prints the RSS growth in MB. */
async function memoryChild(L: number): Promise<void> {
  const adapter = createReferenceAdapter();
  const c = rnnCase({ ...MEMORY_ROW, L }, 'float64', true);
  await adapter.rnn!(rnnCase({ ...MEMORY_ROW, L: 4 }, 'float64', true)); // code loaded and compiled
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  await adapter.rnn!(c);
  console.log(JSON.stringify({ L, peakMB: (peakRss() - before) / 2 ** 20 }));
}

/**
 * Peak RSS in bytes: VmHWM of /proc/self/status where there is one. Not getrusage's maxRSS, which
 * on Linux keeps the parent's RSS at fork through exec, so a child of a big parent reports the parent's.
 */
function peakRss(): number {
  try {
    const kB = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kB !== undefined) return Number(kB) * 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS * 1024;
}

function benchMemory(): void {
  print();
  print('## Peak memory of the reference backward');
  print();
  print(`One forward+backward through the reference adapter, N = ${MEMORY_ROW.N}, I = H = ${MEMORY_ROW.H}, 1 layer, float64, each L in its`);
  print('own child process: peak RSS (VmHWM) minus the RSS before the run (code already loaded). Linear growth: 4x for 4x the steps.');
  print();
  const peak = (L: number) => {
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--memory-child', String(L)], { cwd: ROOT, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`memory child L=${L} failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!).peakMB as number;
  };
  const small = peak(256), large = peak(1024);
  print('| L | peak growth |');
  print('|---|---|');
  print(`| 256 | ${small.toFixed(1)} MB |`);
  print(`| 1,024 | ${large.toFixed(1)} MB |`);
  print();
  print(`Ratio L = 1,024 / L = 256: **${(large / small).toFixed(2)}** (4 is linear, 16 would be quadratic).`);
}

// ---- 4. the suite's own costs --------------------------------------------------------------------
function timed(cmd: string, args: string[]): { seconds: number; status: number | null } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: false });
  return { seconds: (performance.now() - t0) / 1000, status: r.status };
}

function benchSuite(): void {
  print();
  print('## The suite\'s own costs');
  print();
  print('Wall time of each command, spawned from this script (one run each, same machine load as above). The conformance CLI');
  print('exits 1 when an implementation fails cases (tfjs has known deviations from PyTorch), which is still a complete run.');
  print();
  print('| command | wall time | exit |');
  print('|---|---|---|');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rnnspec-bench-'));
  const commands: Array<[string, string, string[]]> = [
    ['npx vitest run', 'npx', ['vitest', 'run']],
    ...['reference', 'onnxruntime', 'tfjs-cpu', 'tfjs-wasm'].map((a): [string, string, string[]] => [
      `rnnspec run --adapter ${a}`, 'npx', ['tsx', 'scripts/cli.ts', 'run', '--adapter', a, '--quiet', '--out', path.join(tmp, a)],
    ]),
    ['npm run golden -- --torch all --check', 'npm', ['run', 'golden', '--', '--torch', 'all', '--check']],
  ];
  for (const [label, cmd, args] of commands) {
    const { seconds, status } = timed(cmd, args);
    print(`| \`${label}\` | ${seconds.toFixed(1)} s | ${status} |`);
  }
  rmSync(tmp, { recursive: true, force: true });
  print();
  print('### Fuzz throughput');
  print();
  print('Cases per second of `rnnspec fuzz` (scripts/bench-fuzz.ts: seed 1, up to 100 cases per API and 20 s per size class,');
  print('shrinking excluded, every case also run by the reference oracle):');
  print();
  const fuzz = spawnSync('npx', ['tsx', 'scripts/bench-fuzz.ts', '--runs', '100', '--budget', '20'], { cwd: ROOT, encoding: 'utf8' });
  const rows = fuzz.stdout.trim().split('\n').map((line) => line.split('\t'));
  for (const [k, row] of rows.entries()) {
    print(`| ${row.join(' | ')} |`);
    if (k === 0) print(`|${row.map(() => '---').join('|')}|`);
  }
  if (fuzz.status !== 0) print(`(bench-fuzz exited ${fuzz.status}: ${fuzz.stderr.trim().split('\n').pop()})`);
}

// ---- the machine ---------------------------------------------------------------------------------
function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function describeMachine(): void {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  print('# rnnspec benchmarks');
  print();
  print(`Written by \`npm run bench\`${argv.length ? ` (${argv.join(' ')})` : ''} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`);
  print();
  print(`- CPU: ${model}, ${os.cpus().length} logical cores; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  print(`- Node ${process.version} (${os.platform()} ${os.arch()}), onnxruntime-node ${versionOf('onnxruntime-node')} (1 intra-op thread, the adapter's default), @tensorflow/tfjs ${versionOf('@tensorflow/tfjs')}, @tensorflow/tfjs-backend-wasm ${versionOf('@tensorflow/tfjs-backend-wasm')}`);
  print(`- timing: a warm-up (up to 3 calls each within 200 ms; a first call over 1 s is itself the one sample), then interleaved rounds until ${BUDGET_MS} ms per row are spent (1 to ${MAX_ROUNDS} samples each, the \"samples\" column; the large rows get 1), medians`);
}

function printHeadline(rnn: Map<string, Record<string, number>>, emb: Map<string, Record<string, number>>): void {
  print();
  print('## Headline (L, N, I, H) = (64, 32, 256, 256), 1 layer, unidirectional, padded, float32');
  print();
  print('| | reference | onnxruntime | tfjs-cpu | tfjs-wasm |');
  print('|---|---|---|---|---|');
  for (const [label, ms] of [...rnn, ...emb]) {
    const c = (n: string) => (ms[n] === undefined ? '-' : `${fmtMs(ms[n])} ms${n === 'reference' ? '' : ` (${(ms[n] / ms.reference).toFixed(2)}x)`}`);
    print(`| ${label} | ${c('reference')} | ${c('onnxruntime')} | ${c('tfjs-cpu')} | ${c('tfjs-wasm')} |`);
  }
}

async function main(): Promise<void> {
  if (flag('memory-child')) return memoryChild(Number(option('memory-child', '256')));
  describeMachine();
  const sections = option('sections', 'rnn,embedding,memory').split(',');
  if (flag('suite')) sections.push('suite');
  const none = new Map<string, Record<string, number>>();
  const impls = await implementations();
  print();
  const rnn = sections.includes('rnn') ? await benchRnn(impls) : none;
  const emb = sections.includes('embedding') ? await benchEmbedding(impls) : none;
  if (rnn.size + emb.size > 0) printHeadline(rnn, emb);
  for (const i of impls) await i.adapter.dispose?.();
  if (sections.includes('memory')) benchMemory();
  if (sections.includes('suite')) benchSuite();
  else {
    print();
    print('(The suite\'s own costs: run with `--suite`.)');
  }
  const out = path.resolve(ROOT, option('out', 'BENCHMARKS.md'));
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
}

await main();
process.exit(0); // tfjs-wasm and ORT keep handles open
