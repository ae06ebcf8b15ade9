/**
 * Throughput of ONNX Runtime as a differential oracle (prints numbers, asserts nothing):
 *
 *   npx tsx scripts/bench-onnxruntime.ts [--seconds S] [--configs K]
 *
 * 1. session creation (cold first session, then warm ones) vs a cache hit;
 * 2. small random RNN cases per second through the ORT adapter, from a pool of K configurations
 *    (so the cache is warm after the first K cases), with one intra-op thread (the default) and
 *    with ORT's default thread pool;
 * 3. the same cases through the reference adapter (impl/reference, when it exists) and both
 *    together with the comparison, i.e. what a differential property campaign costs per case;
 * 4. one larger case (L=64, N=32, I=H=256) for scale.
 * Goal: >= 200 small cases/s on a 2-core machine.
 */
import { performance } from 'node:perf_hooks';
import type { Adapter, PlainTensor, RnnCase } from '../impl/contract.ts';
import { createOnnxRuntimeAdapter, rnnSignatureKey, type OnnxRuntimeAdapter } from '../impl/onnxruntime/index.ts';
import { compareTensors } from '../test/harness/compare.ts';
import { TOLERANCES } from '../test/harness/tolerances.ts';
import { prng } from '../test/harness/prng.ts';
import { makeRnnCase, type RnnCaseSpec } from '../test/harness/random-cases.ts';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const SECONDS = arg('seconds', 2);
const CONFIGS = arg('configs', 24);

const fmt = (x: number, d = 2) => x.toFixed(d);

type SmallConfig = Pick<RnnCaseSpec, 'hiddenSize' | 'numLayers' | 'nonlinearity' | 'bias' | 'batchFirst' | 'bidirectional'> & { packed: boolean };

/** K random configurations (what is static in a graph). */
function smallConfigs(k: number, seed: number): SmallConfig[] {
  const r = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  return Array.from({ length: k }, () => ({
    hiddenSize: int(1, 8),
    numLayers: int(1, 3),
    nonlinearity: r() < 0.5 ? ('tanh' as const) : ('relu' as const),
    bias: r() < 0.7,
    batchFirst: r() < 0.5,
    bidirectional: r() < 0.5,
    packed: r() < 0.4,
  }));
}

/** A stream of small cases cycling through `configs`. */
function smallCases(count: number, seed: number, configs: SmallConfig[] = smallConfigs(CONFIGS, 42)): RnnCase[] {
  const r = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  return Array.from({ length: count }, (_, i) => {
    const cfg = configs[i % configs.length];
    const L = int(1, 8);
    const N = int(1, 4);
    const spec: RnnCaseSpec = {
      seed: int(0, 2 ** 30),
      inputSize: int(1, 8),
      ...cfg,
      L,
      N,
      withH0: r() < 0.5,
      lengths: cfg.packed ? Array.from({ length: N }, () => int(1, L)) : null,
      enforceSorted: r() < 0.5,
      unbatched: false,
    };
    return makeRnnCase(spec);
  });
}

async function timeCases(run: (c: RnnCase) => Promise<unknown>, cases: RnnCase[]): Promise<{ perSec: number; n: number; msPerCase: number }> {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < SECONDS * 1000) {
    await run(cases[n % cases.length]);
    n++;
  }
  const ms = performance.now() - t0;
  return { perSec: (n / ms) * 1000, n, msPerCase: ms / n };
}

async function loadReference(): Promise<Adapter | null> {
  const path = '../impl/reference/index.ts';
  try {
    const mod = (await import(path)) as { createReferenceAdapter?: () => Adapter | Promise<Adapter> };
    if (!mod.createReferenceAdapter) return null;
    const a = await mod.createReferenceAdapter();
    return a.rnn ? a : null;
  } catch (e) {
    console.log(`  (reference adapter not available: ${(e as Error).message.split('\n')[0]})`);
    return null;
  }
}

async function main() {
  console.log(`bench-onnxruntime: node ${process.version}, ${SECONDS}s per measurement, ${CONFIGS} configurations`);

  // ---- 1. session creation vs cache hit ------------------------------------------------------
  const ort1: OnnxRuntimeAdapter = createOnnxRuntimeAdapter();
  const warmup = smallCases(CONFIGS, 1);
  for (const c of warmup) await ort1.rnn(c);
  const st = ort1.cacheStats();
  const creations = st.creations.map((c) => c.ms);
  const warm = creations.slice(1).sort((a, b) => a - b);
  console.log('\n1. session creation (graph build + InferenceSession.create)');
  console.log(`  first session (cold ORT):      ${fmt(creations[0])} ms`);
  console.log(`  warm sessions: median ${fmt(warm[Math.floor(warm.length / 2)] ?? NaN)} ms, max ${fmt(warm[warm.length - 1] ?? NaN)} ms over ${warm.length} (${st.misses} signatures for ${warmup.length} cases)`);
  // a hit: the lookup alone, and a full case whose session is cached
  const key = st.creations[0].key;
  const nLookups = 100_000;
  let t0 = performance.now();
  for (let i = 0; i < nLookups; i++) await ort1.cache.get(key, () => { throw new Error('miss'); });
  const hitUs = ((performance.now() - t0) / nLookups) * 1000;
  console.log(`  cache hit (lookup only):       ${fmt(hitUs, 3)} us`);
  const hitCase = warmup[0];
  const nRuns = 2000;
  t0 = performance.now();
  for (let i = 0; i < nRuns; i++) await ort1.rnn(hitCase);
  const hitCaseMs = (performance.now() - t0) / nRuns;
  ort1.cache.resetStats();
  console.log(`  a small case on a cached session: ${fmt(hitCaseMs, 3)} ms (${rnnSignatureKey({ ...hitCase.config, packed: !!hitCase.lengths, dtype: 'float32' })})`);

  // ---- 2. ORT throughput ---------------------------------------------------------------------
  const cases = smallCases(2000, 2);
  console.log('\n2. small random RNN cases through ORT (L 1-8, N 1-4, I,H 1-8, 1-3 layers, 40% packed)');
  const single = await timeCases((c) => ort1.rnn(c), cases);
  console.log(`  intraOpNumThreads=1 (default): ${fmt(single.perSec, 0)} cases/s (${fmt(single.msPerCase, 3)} ms/case, ${single.n} cases)`);
  const ortPool = createOnnxRuntimeAdapter({ sessionOptions: { logSeverityLevel: 4 } });
  for (const c of cases.slice(0, CONFIGS)) await ortPool.rnn(c);
  const pooled = await timeCases((c) => ortPool.rnn(c), cases);
  console.log(`  ORT default thread pool:       ${fmt(pooled.perSec, 0)} cases/s (${fmt(pooled.msPerCase, 3)} ms/case)`);
  await ortPool.dispose();
  // including case generation (what a property test pays per case), same configuration pool
  const pool = smallConfigs(CONFIGS, 42);
  let seed = 100;
  const withGen = await timeCases(() => ort1.rnn(smallCases(1, seed++, [pool[seed % CONFIGS]])[0]), cases);
  console.log(`  incl. generating each case:    ${fmt(withGen.perSec, 0)} cases/s`);
  // without the cache's benefit: every case a configuration never seen before
  const fresh = createOnnxRuntimeAdapter();
  let cseed = 1000;
  const noCache = await timeCases(() => fresh.rnn(smallCases(1, cseed, smallConfigs(1, cseed++))[0]), cases);
  console.log(`  every case a new signature:    ${fmt(noCache.perSec, 0)} cases/s (${fresh.cacheStats().misses} sessions created: why sessions are cached)`);
  await fresh.dispose();

  // ---- 3. differential: reference + ORT ------------------------------------------------------
  console.log('\n3. differential (reference adapter + ORT + comparison of output and h_n)');
  const ref = await loadReference();
  if (ref?.rnn) {
    const refRnn = ref.rnn.bind(ref);
    const refOnly = await timeCases(async (c) => refRnn(c), cases);
    console.log(`  reference alone:               ${fmt(refOnly.perSec, 0)} cases/s (${fmt(refOnly.msPerCase, 3)} ms/case)`);
    let worst = 0;
    const both = await timeCases(async (c) => {
      const [a, b] = await Promise.all([refRnn(c), ort1.rnn(c)]);
      for (const k of ['output', 'h_n'] as const) {
        const cmp = compareTensors(a[k] as PlainTensor, b[k], { name: k, tolerance: TOLERANCES.float32.forward });
        worst = Math.max(worst, cmp.headroom);
      }
    }, cases);
    console.log(`  reference + ORT + compare:     ${fmt(both.perSec, 0)} cases/s (${fmt(both.msPerCase, 3)} ms/case; worst headroom ${worst.toPrecision(3)})`);
    await ref.dispose?.();
  } else {
    console.log('  skipped: impl/reference/index.ts (createReferenceAdapter) is not there yet');
  }

  // ---- 4. one larger case --------------------------------------------------------------------
  const big = makeRnnCase({
    seed: 5, inputSize: 256, hiddenSize: 256, numLayers: 1, nonlinearity: 'tanh', bias: true, batchFirst: false,
    bidirectional: false, L: 64, N: 32, withH0: false, lengths: null, enforceSorted: true, unbatched: false,
  });
  await ort1.rnn(big);
  t0 = performance.now();
  for (let i = 0; i < 10; i++) await ort1.rnn(big);
  console.log(`\n4. L=64 N=32 I=H=256, 1 layer: ${fmt((performance.now() - t0) / 10)} ms per run (1 intra-op thread)`);
  const bigPool = createOnnxRuntimeAdapter({ sessionOptions: { logSeverityLevel: 4 } });
  await bigPool.rnn(big);
  t0 = performance.now();
  for (let i = 0; i < 10; i++) await bigPool.rnn(big);
  console.log(`   with ORT's default thread pool: ${fmt((performance.now() - t0) / 10)} ms per run`);
  await bigPool.dispose();

  const s = ort1.cacheStats();
  console.log(`\ncache: ${s.hits} hits, ${s.misses} misses, ${s.sessions} sessions, creation total ${fmt(s.creationMsTotal)} ms`);
  await ort1.dispose();
}

await main();
