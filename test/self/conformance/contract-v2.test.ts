/**
 * Contract v2's judging, one behaviour at a time: an error case passes on any throw with
 * `errors: true` but needs PyTorch's type and text with `'exact'`, a time-out is never a throw, a
 * result where PyTorch raises fails; optional results (packed internals, sparse COO, the caller's
 * weight buffer, tensor creation) work through an isolated adapter too, whose worker carries the
 * error's name back and runs a tensor case whole; a v1 adapter is judged as before.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../../impl/contract.ts';
import { createReferenceAdapter } from '../../../impl/reference/index.ts';
import { loadGolden } from '../../harness/golden.ts';
import { suiteCases } from '../../conformance/cases.ts';
import { loadIsolatedAdapter } from '../../conformance/isolation/worker-adapter.ts';
import { runCase } from '../../conformance/judge.ts';

const cases = suiteCases(loadGolden().cases);
const byId = (id: string) => cases.find((c) => c.id === id)!;
const reference = createReferenceAdapter();
const notSorted = byId('rnn/error_packed_not_sorted');

/** An adapter that claims errors and throws `error` on every RNN call. */
function throwing(errors: true | 'exact', error: Error): Adapter {
  return { name: 'throws', capabilities: { ...reference.capabilities, errors }, rnn: () => { throw error; } };
}

describe('error cases', () => {
  it('with errors: true any throw passes where PyTorch raises', async () => {
    const r = await runCase(throwing(true, new Error('unsorted')), notSorted);
    expect(r.status).toBe('pass');
  });
  it("with errors: 'exact' a throw of another type or text fails, naming both", async () => {
    const r = await runCase(throwing('exact', new Error('unsorted')), notSorted);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^throws threw Error: unsorted but PyTorch raises RuntimeError: `lengths` array must be sorted/);
  });
  it('a time-out is not a throw', async () => {
    const hangs: Adapter = { name: 'hangs', capabilities: { ...reference.capabilities, errors: true }, rnn: () => new Promise(() => {}) };
    const r = await runCase(hangs, notSorted, { timeoutMs: 100 });
    expect(r.status).toBe('fail');
    expect(r.message).toBe('hangs threw: timed out after 100 ms');
  });
  it('an adapter without the claim gets them as unsupported', async () => {
    const { errors: _e, ...v1 } = reference.capabilities;
    const r = await runCase({ ...reference, capabilities: v1 }, notSorted);
    expect(r).toMatchObject({ status: 'unsupported', message: 'errors (the golden error cases) are not claimed' });
  });
  it('a construction error case reaches the adapter with a zero input of the configured size', () => {
    const c = byId('rnn/error_dropout_above_1');
    expect(c.kind === 'rnn' && { shape: c.input.input.shape, params: Object.keys(c.input.params).length, dropout: c.input.config.dropout }).toEqual({ shape: [1, 1, 4], params: 8, dropout: 1.5 });
  });
});

describe('optional results', () => {
  it('packed internals returned without the claim are checked anyway', async () => {
    const { packedInternals: _p, ...rnnV1 } = reference.capabilities.rnn!;
    const wrong: Adapter = {
      ...reference, name: 'wrong-batch-sizes', capabilities: { ...reference.capabilities, rnn: rnnV1 },
      rnn: async (c) => {
        const r = await reference.rnn!(c);
        const batchSizes = { ...r.packed!.batchSizes, data: (r.packed!.batchSizes.data as BigInt64Array).map((b) => b + 1n) };
        return { ...r, packed: { ...r.packed!, batchSizes } };
      },
    };
    const r = await runCase(wrong, byId('rnn/packed_sorted_small'));
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/^packed\.batch_sizes\[0\] = \d+ but should be \d+/);
    expect(r.unsupportedFeatures).toEqual({ 'rnn.packed_internals': 'packed internals are not claimed' });
  });
});

describe('contract v2 through an isolated adapter', () => {
  it('the reference in a worker passes exact errors, the in-place renorm and tensor aliasing', async () => {
    const adapter = await loadIsolatedAdapter(fileURLToPath(new URL('../../../impl/reference/index.ts', import.meta.url)), 20_000);
    try {
      const maxNorm = cases.find((c) => c.kind === 'embedding' && c.features.includes('embedding.max_norm') && c.input.config.maxNorm !== null)!;
      for (const c of [notSorted, maxNorm, byId('tensor/typed_float32'), byId('tensor/typed_float32.as_tensor'), byId('rnn/packed_unsorted_small')]) {
        const r = await runCase(adapter, c);
        expect(r.status, `${c.id}: ${r.message}`).toBe('pass');
      }
      expect((await runCase(adapter, maxNorm)).features).toContain('embedding.in_place_renorm');
    } finally {
      await adapter.dispose?.();
    }
  });
});
