/**
 * The judge's guards, one at a time, on golden cases run through a wrapped reference: an adapter
 * that writes to an input it must leave alone fails (weight excepted where max_norm renormalises it
 * in place); with `errors: 'exact'` a throw needs PyTorch's type and its text, both; an adapter that
 * does not claim gradients is judged on its forward values, its gradient features unsupported.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Adapter, EmbeddingCase, PlainTensor, RnnCase } from '../../../impl/contract.ts';
import { createReferenceAdapter } from '../../../impl/reference/index.ts';
import { loadGolden } from '../../harness/golden.ts';
import { suiteCases, type ModelCase } from '../../conformance/cases.ts';
import { runCase } from '../../conformance/judge.ts';
import { toleranceForCase } from '../../harness/tolerances.ts';

const reference = createReferenceAdapter();
const cases = suiteCases(loadGolden().cases);
const model = cases.filter((c): c is ModelCase => c.kind !== 'tensor' && !c.expected.error);
const rnnGrads = model.find((c) => c.kind === 'rnn' && c.input.h0 !== undefined && c.input.upstream !== undefined && c.input.dropoutMasks === undefined)!;
const embeddingGrads = model.find((c) => c.kind === 'embedding' && c.input.config.maxNorm === null && c.input.upstream !== undefined)!;
const maxNorm = model.find((c) => c.kind === 'embedding' && c.input.config.maxNorm !== null)!;

/** Adds 1 to element 0 of a tensor (in place), whatever its dtype. */
function touch(t: PlainTensor): void {
  const data = t.data as unknown as Array<number | bigint>;
  data[0] = typeof data[0] === 'bigint' ? data[0] + 1n : data[0] + 1;
}

/** The reference, which then writes to the tensor `pick` finds in its case. */
function writesTo(pick: (c: RnnCase & EmbeddingCase) => PlainTensor): Adapter {
  const after = <C, R>(run: (c: C) => R | Promise<R>) => async (c: C): Promise<R> => {
    const r = await run(c);
    touch(pick(c as RnnCase & EmbeddingCase));
    return r;
  };
  return { ...reference, name: 'writes', rnn: after(reference.rnn!), embedding: after(reference.embedding!) };
}

describe('an adapter must leave its inputs as it got them', () => {
  it.each<[string, (c: RnnCase & EmbeddingCase) => PlainTensor]>([
    ['input', (c) => c.input],
    ['h0', (c) => c.h0!],
    ['weight_hh_l0', (c) => c.params.weight_hh_l0],
    ['upstream.output', (c) => c.upstream!.output],
  ])('nn.RNN: a write to %s fails the case, naming it', async (name, pick) => {
    expect(await runCase(writesTo(pick), rnnGrads)).toMatchObject({ status: 'fail', message: `writes mutated its input ${name}` });
  });

  it.each<[string, (c: RnnCase & EmbeddingCase) => PlainTensor]>([
    ['indices', (c) => c.indices],
    ['weight', (c) => c.weight],
    ['upstream', (c) => c.upstream as unknown as PlainTensor],
  ])('nn.Embedding without max_norm: a write to %s fails the case, naming it', async (name, pick) => {
    expect(await runCase(writesTo(pick), embeddingGrads)).toMatchObject({ status: 'fail', message: `writes mutated its input ${name}` });
  });

  it('with max_norm the weight is renormalised in place: the reference, which does so, passes', async () => {
    expect(await runCase(reference, maxNorm)).toMatchObject({ status: 'pass' });
  });

  it('writes to two inputs are both named', async () => {
    const both = writesTo((c) => { touch(c.input); return c.h0!; });
    expect(await runCase(both, rnnGrads)).toMatchObject({ status: 'fail', message: 'writes mutated its input input, h0' });
  });

  it('a longer array with the same first bytes in place of the input is a change too', async () => {
    const lengthens: Adapter = {
      ...reference, name: 'lengthens',
      rnn: async (c) => {
        const r = await reference.rnn!(c);
        const old = c.input.data as Float32Array | Float64Array;
        const longer = new (old.constructor as Float64ArrayConstructor)(old.length + 1);
        longer.set(old);
        (c.input as { data: unknown }).data = longer;
        return r;
      },
    };
    expect(await runCase(lengthens, rnnGrads)).toMatchObject({ status: 'fail', message: 'lengthens mutated its input input' });
  });
});

describe("errors: 'exact'", () => {
  const notSorted = cases.find((c) => c.id === 'rnn/error_packed_not_sorted')!;
  const expected = notSorted.expected.error!;
  const throwing = (name: string, message: string): Adapter => ({
    name: 'throws', capabilities: { ...reference.capabilities, errors: 'exact' },
    rnn: () => { throw Object.assign(new Error(message), { name }); },
  });

  it("PyTorch's type and text pass, and the result says what PyTorch raises", async () => {
    expect(await runCase(throwing(expected.type, expected.message), notSorted)).toMatchObject({ status: 'pass', message: `raises where PyTorch raises ${expected.type}: ${expected.message}` });
  });
  it('the right type with another text fails', async () => {
    expect(await runCase(throwing(expected.type, 'unsorted'), notSorted)).toMatchObject({ status: 'fail', message: `throws threw ${expected.type}: unsorted but PyTorch raises ${expected.type}: ${expected.message}` });
  });
  it("PyTorch's text under another type fails", async () => {
    expect(await runCase(throwing('ValueError', expected.message), notSorted)).toMatchObject({ status: 'fail', message: `throws threw ValueError: ${expected.message} but PyTorch raises ${expected.type}: ${expected.message}` });
  });
});

describe('an adapter that does not claim gradients', () => {
  it.each([
    ['nn.RNN', () => rnnGrads, { rnn: { ...reference.capabilities.rnn!, gradients: false } }, 'RNN gradients are not claimed'],
    ['nn.Embedding', () => embeddingGrads, { embedding: { ...reference.capabilities.embedding!, gradients: false } }, 'Embedding gradients are not claimed'],
  ] as const)('%s: its forward values are judged without the upstream gradient; its gradient features are unsupported, the rest pass', async (_, pick, claims, reason) => {
    const c = pick();
    const seen: unknown[] = [];
    const forward: Adapter = {
      ...reference, name: 'forward-only', capabilities: { ...reference.capabilities, ...claims },
      rnn: (x) => { seen.push(x.upstream); return reference.rnn!(x); },
      embedding: (x) => { seen.push(x.upstream); return reference.embedding!(x); },
    };
    const gradientFeatures = c.features.filter((f) => /gradients|padding_idx|scale_grad_by_freq/.test(f));
    expect(gradientFeatures.length).toBeGreaterThan(0);

    const r = await runCase(forward, c);

    expect(r.status, r.message).toBe('pass');
    expect(seen).toEqual([undefined]);
    expect(r.unsupportedFeatures).toEqual(Object.fromEntries(gradientFeatures.map((f) => [f, reason])));
    expect(r.features).toEqual(c.features.filter((f) => !gradientFeatures.includes(f)));
  });
});

describe('the result', () => {
  it('of a case with nothing unsupported has no unsupportedFeatures key', async () => {
    const r = await runCase(reference, rnnGrads);
    expect(r.status).toBe('pass');
    expect('unsupportedFeatures' in r).toBe(false);
  });
  it.each([
    ['nn.RNN', () => rnnGrads, 'rnn'],
    ['nn.Embedding', () => embeddingGrads, 'embedding'],
  ] as const)('of an adapter that claims %s without the method fails, naming both', async (module, pick, method) => {
    const { [method]: _missing, ...rest } = reference;
    expect(await runCase({ ...rest, name: 'no-method' } as Adapter, pick())).toMatchObject({ status: 'fail', message: `no-method claims ${module} but has no ${method}() method` });
  });
});

describe('a throw where PyTorch returns a result', () => {
  const throws = (value: unknown): Adapter => ({ ...reference, name: 'throws', rnn: () => { throw value; } });
  it('fails with the message, and keeps the stack of an Error', async () => {
    const r = await runCase(throws(new Error('boom')), rnnGrads);
    expect(r).toMatchObject({ status: 'fail', message: 'throws threw: boom' });
    expect(r.stack).toMatch(/^Error: boom\n\s+at /);
  });
  it('of something that is no Error fails without a stack', async () => {
    const r = await runCase(throws('boom'), rnnGrads);
    expect(r).toMatchObject({ status: 'fail', message: 'throws threw: boom' });
    expect('stack' in r).toBe(false);
  });
});

describe('the time a case took', () => {
  afterEach(() => vi.restoreAllMocks());
  // a clock that advances 30 ms per reading: the case's time is the difference of two readings
  const ticking = () => { let t = 1_000_000; vi.spyOn(performance, 'now').mockImplementation(() => (t += 30)); };
  it.each([
    ['a pass', () => reference, () => rnnGrads],
    ['a throw', () => ({ ...reference, name: 'throws', rnn: () => { throw new Error('boom'); } }) as Adapter, () => rnnGrads],
    ['an expected error', () => ({ name: 'throws', capabilities: { ...reference.capabilities, errors: true }, rnn: () => { throw new Error('x'); } }) as Adapter, () => cases.find((c) => c.id === 'rnn/error_packed_not_sorted')!],
  ] as const)('of %s is the time from the call to its end', async (_, adapter, pick) => {
    ticking();
    const r = await runCase(adapter(), pick());
    expect(r.ms).toBeGreaterThan(0);
    expect(r.ms).toBeLessThan(1000);
  });
});

describe('a pass reports its worst value', () => {
  it('output off by half its tolerance at one element: headroom 0.5 from output, its error as the largest', async () => {
    const c = rnnGrads as Extract<ModelCase, { kind: 'rnn' }>;
    const e = c.expected.outputs.output;
    const { atol, rtol } = toleranceForCase('rnn', c.input, 'output', e.dtype);
    const delta = 0.5 * (atol + rtol * Math.abs(Number(e.data[0])));
    const nudged: Adapter = {
      ...reference, name: 'nudged',
      rnn: async (x) => {
        const r = await reference.rnn!(x);
        const data = (r.output.data as Float64Array).slice();
        data[0] += delta;
        return { ...r, output: { ...r.output, data } };
      },
    };
    const r = await runCase(nudged, c);
    expect(r.status, r.message).toBe('pass');
    expect(r.headroom).toBeCloseTo(0.5, 2);
    expect(r.maxAbsError).toBeCloseTo(delta, 8);
    expect(r.message).toMatch(/^output matches \(headroom 0\.5\d*\)/);
  });
});
