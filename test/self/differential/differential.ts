/**
 * The reference-vs-ONNX-Runtime differential test: one use of the fuzz engine
 * (test/conformance/fuzz/engine.ts) with ONNX Runtime as the implementation under test and the
 * reference as the oracle, out-of-range indices included (both must raise PyTorch's error).
 *
 *   RNNSPEC_RUNS=N     cases (default 100)            RNNSPEC_SEED=S  seed (default random; always printed)
 *   RNNSPEC_PATH=P     replay one counterexample      RNNSPEC_SAVE=1  save it to regressions/ (then always replayed)
 */
import type { Adapter } from '../../../impl/contract.ts';
import { formatFuzzResult, randomSeed, runFuzz } from '../../conformance/fuzz/engine.ts';
import type { Kind } from '../../conformance/fuzz/describe.ts';
import { REGRESSIONS_DIR } from '../../conformance/fuzz/regressions.ts';

export interface DifferentialSettings {
  runs: number;
  seed: number;
  path?: string;
  save: boolean;
}

/** RNNSPEC_RUNS, RNNSPEC_SEED (default: random), RNNSPEC_PATH, RNNSPEC_SAVE. */
export function settingsFromEnv(defaultRuns: number, env: NodeJS.ProcessEnv = process.env): DifferentialSettings {
  const int = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new Error(`${name}=${v} is not an integer`);
    return n;
  };
  return {
    runs: env.RNNSPEC_RUNS ? int('RNNSPEC_RUNS', env.RNNSPEC_RUNS) : defaultRuns,
    seed: env.RNNSPEC_SEED ? int('RNNSPEC_SEED', env.RNNSPEC_SEED) : randomSeed(),
    ...(env.RNNSPEC_PATH ? { path: env.RNNSPEC_PATH } : {}),
    save: env.RNNSPEC_SAVE === '1' || env.RNNSPEC_SAVE === 'true',
  };
}

/** The vitest line that replays a run of this test (with `path`: one counterexample). */
export function vitestReplay(kind: Kind, seed: number, path?: string): string {
  return `RNNSPEC_SEED=${seed}${path ? ` RNNSPEC_PATH="${path}"` : ''} npx vitest run test/self/differential/${kind}.test.ts`;
}

/** Fuzzes `onnxruntime` against the reference for one kind; throws the failure report. */
export async function checkDifferential(kind: Kind, onnxruntime: Adapter, defaultRuns = 100): Promise<void> {
  const s = settingsFromEnv(defaultRuns);
  const result = await runFuzz(onnxruntime, {
    kinds: [kind], runs: s.runs, seed: s.seed, maxSize: 'small', errorCases: true, timeBudgetMs: 120_000,
    ...(s.path ? { path: s.path } : {}), ...(s.save ? { saveDir: REGRESSIONS_DIR } : {}),
  });
  console.log(formatFuzzResult(result));
  const failure = result.properties[0].failure;
  if (failure) {
    const hint = s.save ? '' : '\n  (RNNSPEC_SAVE=1 saves it as a regression case)';
    throw new Error(`${formatFuzzResult(result)}\n  or:       ${vitestReplay(kind, s.seed, failure.path)}${hint}`);
  }
}
