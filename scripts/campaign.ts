/**
 * `npm run campaign`: the differential properties of test/self/differential (reference vs ONNX Runtime,
 * through the adapter contract) run outside vitest, for as long as asked:
 *
 *   npm run campaign -- [--runs N] [--seed S] [--kind rnn|embedding|all] [--path P] [--no-save]
 *
 * --runs defaults to RNNSPEC_RUNS, else 10000 per kind; --seed to RNNSPEC_SEED, else random (always
 * printed); --path replays one counterexample (with its --seed and one --kind). One ORT adapter
 * serves the whole campaign, so sessions are created once per graph signature.
 * On a disagreement: prints the shrunk counterexample, saves it as a regression case in
 * test/self/differential/regressions/ (unless --no-save; regressions.test.ts then always replays it),
 * prints the command that replays it, and exits 1. Exit 2 on a usage error.
 */
import { createOracles, disposeOracles, failureReport, randomSeed, runProperty, summaryLine, type Kind } from '../test/conformance/oracles/differential.ts';
import { REGRESSIONS_DIR, regressionText, saveFailure } from '../test/conformance/oracles/regressions.ts';

interface Args {
  runs: number;
  seed: number;
  kinds: Kind[];
  path?: string;
  save: boolean;
}

function usage(message: string): never {
  console.error(`campaign: ${message}\nusage: npm run campaign -- [--runs N] [--seed S] [--kind rnn|embedding|all] [--path P] [--no-save]`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const env = process.env;
  const args: Args = {
    runs: env.RNNSPEC_RUNS ? Number(env.RNNSPEC_RUNS) : 10_000,
    seed: env.RNNSPEC_SEED ? Number(env.RNNSPEC_SEED) : randomSeed(),
    kinds: ['rnn', 'embedding'],
    save: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--runs') args.runs = Number(value());
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--path') args.path = value();
    else if (a === '--no-save') args.save = false;
    else if (a === '--kind') {
      const k = value();
      if (k !== 'rnn' && k !== 'embedding' && k !== 'all') usage(`--kind must be rnn, embedding or all, not '${k}'`);
      args.kinds = k === 'all' ? ['rnn', 'embedding'] : [k];
    } else usage(`unknown argument '${a}'`);
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) usage('--runs needs a positive integer');
  if (!Number.isInteger(args.seed)) usage('--seed needs an integer');
  if (args.path && args.kinds.length !== 1) usage('--path replays one property: give --kind rnn or --kind embedding');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const oracles = createOracles();
  const started = performance.now();
  let failed = false;
  let total = 0;
  for (const kind of args.kinds) {
    console.log(`campaign ${kind}: ${args.runs} cases, seed ${args.seed}${args.path ? `, path ${args.path}` : ''}`);
    const step = Math.max(1, Math.round(args.runs / 10));
    const t0 = performance.now();
    const progress = (n: number) => {
      if (n % step !== 0 || n > args.runs) return;
      const s = (performance.now() - t0) / 1000;
      console.log(`  ${kind}: ${n}/${args.runs} cases, ${s.toFixed(1)} s, ${(n / s).toFixed(0)} cases/s`);
    };
    const result = await runProperty(kind, oracles, { runs: args.runs, seed: args.seed, path: args.path }, progress);
    total += result.evaluated;
    console.log(summaryLine(result));
    if (!result.failure) continue;
    failed = true;
    console.log(failureReport(result));
    console.log(`  or:     npm run campaign -- --kind ${kind} --seed ${args.seed} --path "${result.failure.path}"`);
    if (args.save) console.log(`  saved:  ${saveFailure(REGRESSIONS_DIR, result)} (replayed by test/self/differential/regressions.test.ts)`);
    console.log(`  the shrunk counterexample (adapter contract form):\n${regressionText({ kind, found: {}, description: '', case: result.failure.case }).replace(/^/gm, '    ')}`);
  }
  const s = (performance.now() - started) / 1000;
  const cache = oracles.onnxruntime.cacheStats();
  console.log(`campaign: ${total} cases in ${s.toFixed(1)} s (${(total / s).toFixed(0)} cases/s); onnxruntime sessions: ${cache.sessions} created in ${cache.creationMsTotal.toFixed(0)} ms, ${cache.hits} cache hits`);
  await disposeOracles(oracles);
  process.exitCode = failed ? 1 : 0;
}

await main();
