// @ts-check
/**
 * StrykerJS over the reference (the oracle) and the engine's judging and tolerance code:
 * `npm run mutation`. Not part of `npm test` (a full run from scratch takes about three and a half hours on 2 cores).
 * A subset: `npm run mutation -- --mutate reference/functional.ts`.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  mutate: ['reference/**/*.ts', 'test/harness/tolerances.ts', 'test/conformance/judge.ts'],
  // out/ holds earlier runs' reports (with a `latest` symlink to a folder, which Stryker's copy
  // cannot follow) and dist/ the packed build: neither is needed to run the tests.
  ignorePatterns: ['/out', '/dist'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Kept out of git: the file records results per source and test file, so it changes on every
  // run and would conflict on every merge; a fresh clone simply starts with a full run.
  incremental: true,
  incrementalFile: 'out/stryker-incremental.json',
  reporters: ['html', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'out/mutation/index.html' },
  // 2 cores: one test-runner process per core; each vitest runs its tests in one thread.
  concurrency: 2,
  // A mutant that loops forever is stopped this long after its tests' normal time (times
  // timeoutFactor 1.5); Stryker counts it as detected. 10 s rather than Stryker's 5 s default:
  // the covering tests of a core mutant take several seconds on a busy 2-core machine.
  timeoutMS: 10_000,
  tempDirName: 'out/.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 97, low: 90, break: null },
};
