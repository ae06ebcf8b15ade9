import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config';

/**
 * The tests StrykerJS runs against each mutant (`npm run mutation`): the tests that pin the
 * reference and the engine's judging and tolerance code, i.e. the reference's own tests, the
 * golden comparison, the harness and the judge's tests (its guards, its verdicts on mismatches, on
 * the mutant adapters and on contract v2's errors and optional results; in contract v2's one worker test a
 * mutant does not run, the others there judge in-process).
 * Left out: tests of the rest of the engine (reports, CLI, isolation, the vote), which use the
 * reference as one adapter among others and whose golden comparisons repeat test/self/golden;
 * the onnxruntime, tfjs and differential tests, which judge other implementations; and any test
 * that spawns a process, a browser or worker threads, where a mutant never runs.
 * `RNNSPEC_MUTATION_TESTS=test/self/reference/**` narrows the run further (a subset run).
 */
/**
 * Runs the quickest test files first. Vitest's own order runs the slowest first, which suits a full
 * run on many workers; against a mutant, Stryker stops at the first failing test, so a quick file
 * that kills it spares the slow ones their import. The golden files read and check every fixture of
 * both PyTorch versions (about 1.3 s each on this machine) and mutants.test.ts judges whole mutant
 * adapters, so they go last; the rest, by size.
 */
const LAST = ['test/self/golden/', 'test/self/harness/golden.test.ts', 'test/self/conformance/mutants.test.ts'];
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const path = relative(this.ctx.config.root, spec.moduleId).split('\\').join('/');
      const last = LAST.findIndex((prefix) => path.startsWith(prefix));
      return [last, statSync(spec.moduleId).size] as const;
    };
    const ranked = files.map((spec) => ({ spec, rank: rank(spec) }));
    ranked.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]);
    return ranked.map(({ spec }) => spec);
  }
}

const only = process.env.RNNSPEC_MUTATION_TESTS?.split(',').filter(Boolean) ?? [];

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: only.length > 0 ? only : [
      'test/self/reference/**/*.test.ts',
      'test/self/golden/**/*.test.ts',
      'test/self/harness/**/*.test.ts',
      'test/self/conformance/judge.test.ts',
      'test/self/conformance/judge-mismatch.test.ts',
      'test/self/conformance/contract-v2.test.ts',
      'test/self/conformance/mutants.test.ts',
    ],
    sequence: { ...base.test?.sequence, sequencer: QuickestFirst },
    setupFiles: ['test/harness/mutation-seed.ts'],
  },
});
