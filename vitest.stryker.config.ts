import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The tests StrykerJS runs against each mutant of reference/ (`npm run mutation`): test/self minus
 * the tests that cannot see a mutant or only slow the run down.
 * - cli.test.ts spawns the CLI as a child process and html-browser.test.ts drives Chromium: a mutant
 *   lives in the test process's instrumented code, so a child process or a browser never runs it.
 * - isolated.test.ts runs adapters in worker threads, which load their own (unactivated) modules.
 * - onnxruntime/ and tfjs/ judge third-party adapters; their reference calls repeat what
 *   test/self/reference and test/self/golden already pin, at the cost of native sessions per mutant.
 * `RNNSPEC_MUTATION_TESTS=test/self/reference/**,test/self/golden/**` narrows the run to those tests (a subset run).
 */
const only = process.env.RNNSPEC_MUTATION_TESTS?.split(',').filter(Boolean);

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: only ?? base.test?.include,
    isolate: true, // as measured for the scores below; `npm test` shares modules across files instead
    exclude: [
      'node_modules/**',
      'test/self/conformance/cli.test.ts',
      'test/self/conformance/report/html-browser.test.ts',
      'test/self/conformance/isolated.test.ts',
      'test/self/onnxruntime/**',
      'test/self/tfjs/**',
    ],
  },
});
