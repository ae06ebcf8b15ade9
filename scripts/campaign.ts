/**
 * `npm run campaign`: the reference-vs-ONNX-Runtime differential campaign, one use of the fuzz
 * engine (test/conformance/fuzz/engine.ts) with ONNX Runtime as the implementation under test,
 * the reference as the oracle and out-of-range indices included; run for as long as asked:
 *
 *   npm run campaign -- [--runs N] [--seed S] [--kind rnn|embedding|all] [--path P] [--max-size small|medium|large]
 *                       [--shard i/n] [--time-budget SECONDS] [--no-save]
 *
 * --runs defaults to RNNSPEC_RUNS, else 10000 per kind; --seed to RNNSPEC_SEED, else random (always
 * printed); --path replays one counterexample (with its --seed and one --kind); --max-size
 * defaults to small; --time-budget to one hour. On a disagreement: prints the shrunk counterexample
 * with its replay line, saves it in test/self/differential/regressions/ (unless --no-save;
 * regressions.test.ts then always replays it), and exits 1. Exit 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { createOnnxRuntimeAdapter } from '../impl/onnxruntime/index.ts';
import type { Kind } from '../test/conformance/fuzz/describe.ts';
import { formatFuzzResult, randomSeed, runFuzz } from '../test/conformance/fuzz/engine.ts';
import { REGRESSIONS_DIR, regressionText } from '../test/conformance/fuzz/regressions.ts';
import { SIZE_CLASSES, type SizeClass } from '../test/harness/arbitraries/fuzz.ts';

function usage(message: string): never {
  console.error(`campaign: ${message}\nusage: npm run campaign -- [--runs N] [--seed S] [--kind rnn|embedding|all] [--path P] [--max-size small|medium|large] [--shard i/n] [--time-budget SECONDS] [--no-save]`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        runs: { type: 'string' }, seed: { type: 'string' }, kind: { type: 'string', default: 'all' }, path: { type: 'string' },
        'max-size': { type: 'string', default: 'small' }, shard: { type: 'string', default: '1/1' }, 'time-budget': { type: 'string', default: '3600' },
        'no-save': { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    usage((e as Error).message);
  }
  const int = (name: string, v: string | undefined, fallback: number) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n)) usage(`${name} needs an integer, not '${v}'`);
    return n;
  };
  const runs = int('--runs', parsed.runs ?? process.env.RNNSPEC_RUNS, 10_000);
  if (runs < 1) usage('--runs needs a positive integer');
  if (!['rnn', 'embedding', 'all'].includes(parsed.kind!)) usage(`--kind must be rnn, embedding or all, not '${parsed.kind}'`);
  const kinds: Kind[] = parsed.kind === 'all' ? ['rnn', 'embedding'] : [parsed.kind as Kind];
  if (parsed.path && kinds.length !== 1) usage('--path replays one property: give --kind rnn or --kind embedding');
  if (!SIZE_CLASSES.includes(parsed['max-size'] as SizeClass)) usage(`--max-size must be ${SIZE_CLASSES.join(', ')}`);
  const shard = /^(\d+)\/(\d+)$/.exec(parsed.shard!) ?? usage(`--shard must be i/n, not '${parsed.shard}'`);
  return {
    runs, kinds, seed: int('--seed', parsed.seed ?? process.env.RNNSPEC_SEED, randomSeed()), ...(parsed.path ? { path: parsed.path } : {}),
    maxSize: parsed['max-size'] as SizeClass, shard: { index: Number(shard[1]), count: Number(shard[2]) },
    timeBudgetMs: int('--time-budget', parsed['time-budget'], 3600) * 1000, save: !parsed['no-save'],
  };
}

async function main(): Promise<void> {
  const { save, ...o } = options();
  const onnxruntime = createOnnxRuntimeAdapter();
  console.log(`campaign: onnxruntime against the reference, ${o.runs} cases per kind, seed ${o.seed}, max size ${o.maxSize}`);
  let next = 0;
  const result = await runFuzz(onnxruntime, {
    ...o, errorCases: true, ...(save ? { saveDir: REGRESSIONS_DIR } : {}),
    onProgress: (p) => {
      if (p.phase !== 'run' || performance.now() < next) return;
      next = performance.now() + 10_000;
      console.log(`  ${p.kind}: ${p.ran}/${p.planned} cases, ${(p.elapsedMs / 1000).toFixed(1)} s, ${(p.ran / (p.elapsedMs / 1000)).toFixed(0)} cases/s`);
    },
  });
  console.log(formatFuzzResult(result));
  for (const p of result.properties) {
    if (!p.failure) continue;
    console.log(`  or:       npm run campaign -- --kind ${p.kind} --seed ${o.seed} --max-size ${o.maxSize} --runs ${o.runs} --path "${p.failure.path}"`);
    console.log(`  the shrunk counterexample (adapter contract form):\n${regressionText({ kind: p.kind, found: {}, description: '', case: p.failure.case }).replace(/^/gm, '    ')}`);
  }
  const cache = onnxruntime.cacheStats();
  console.log(`campaign: ${result.casesPerSecond.toFixed(0)} cases/s; onnxruntime sessions: ${cache.sessions} created in ${cache.creationMsTotal.toFixed(0)} ms, ${cache.hits} cache hits`);
  await onnxruntime.dispose();
  process.exitCode = result.ok ? 0 : 1;
}

await main();
