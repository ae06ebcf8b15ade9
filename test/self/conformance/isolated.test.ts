/**
 * Third-party adapters run in a worker thread (isolated.ts): a synchronous infinite loop is
 * stopped at the per-case time-out and the run goes on; in-place changes still count as mutation.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGolden } from '../../harness/golden.ts';
import { suiteCases } from '../../conformance/cases.ts';
import { loadIsolatedAdapter } from '../../conformance/isolation/worker-adapter.ts';
import { runCase } from '../../conformance/judge.ts';

const cases = suiteCases(loadGolden().cases);
const rnnCase = cases.find((c) => c.kind === 'rnn' && c.input.config.dtype === 'float32' && c.input.input.data.length > 0)!;
const embeddingCase = cases.find((c) => c.kind === 'embedding')!;
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('isolated adapters', () => {
  it('the reference run in a worker passes like in process', async () => {
    const adapter = await loadIsolatedAdapter(fileURLToPath(new URL('../../../impl/reference/index.ts', import.meta.url)), 20_000);
    try {
      expect(adapter.name).toBe('reference');
      expect((await runCase(adapter, rnnCase)).status).toBe('pass');
      expect((await runCase(adapter, embeddingCase)).status).toBe('pass');
    } finally {
      await adapter.dispose?.();
    }
  });

  it('a synchronous infinite loop fails at the time-out, and the next case still runs', async () => {
    const adapter = await loadIsolatedAdapter(fixture('spins-on-rnn.ts'), 500);
    try {
      const hung = await runCase(adapter, rnnCase, { timeoutMs: 10_000 });
      expect(hung.status).toBe('fail');
      expect(hung.message).toBe('spins-on-rnn threw: timed out after 500 ms (its worker thread was stopped)');
      expect((await runCase(adapter, embeddingCase, { timeoutMs: 10_000 })).status).toBe('pass');
    } finally {
      await adapter.dispose?.();
    }
  });

  it('an adapter that calls process.exit fails that case at once with the exit code, and the next case gets a fresh worker', async () => {
    const adapter = await loadIsolatedAdapter(fixture('exits-on-rnn.mjs'), 20_000);
    try {
      const started = performance.now();
      const exited = await runCase(adapter, rnnCase, { timeoutMs: 30_000 });
      expect(exited.status).toBe('fail');
      expect(exited.message).toBe('exits-on-rnn threw: its worker thread exited with code 3 (did the adapter call process.exit?)');
      expect(exited.stack).toBeUndefined(); // nothing of the adapter's own to show
      expect(performance.now() - started).toBeLessThan(10_000); // not the 20 s time-out
      const next = await runCase(adapter, embeddingCase, { timeoutMs: 30_000 });
      expect(next.status, next.message).toBe('pass');
    } finally {
      await adapter.dispose?.();
    }
  });

  it('an adapter error crosses the worker with its own stack trace', async () => {
    const adapter = await loadIsolatedAdapter(fixture('spins-on-rnn.ts'), 20_000);
    try {
      const weight = { dtype: 'float32', shape: [2, 2, 2], data: new Float32Array(8) };
      const r = await runCase(adapter, { ...embeddingCase, input: { ...embeddingCase.input, weight } } as typeof embeddingCase);
      expect(r.status).toBe('fail');
      expect(r.stack).toMatch(/\n\s+at /);
    } finally {
      await adapter.dispose?.();
    }
  });

  it('writing into the case is still seen as mutating the input', async () => {
    const adapter = await loadIsolatedAdapter(fixture('mutates-input.ts'), 20_000);
    try {
      const r = await runCase(adapter, rnnCase);
      expect(r.status).toBe('fail');
      expect(r.message).toBe('mutates-input mutated its input input');
    } finally {
      await adapter.dispose?.();
    }
  });

  it('a module without an adapter is refused with a clear message', async () => {
    await expect(loadIsolatedAdapter(fileURLToPath(new URL('../../conformance/cases.ts', import.meta.url)), 1000)).rejects.toThrow(/exports no adapter/);
  });
});
