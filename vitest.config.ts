import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/self/**/*.test.ts'],
    // test files share each worker's module cache: the fixtures are read and hashed, and the
    // reference, ONNX Runtime and tfjs loaded, once per worker instead of once per file (npm test
    // 112 s -> about 60 s on 2 cores); no test may rely on another file's module state
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
