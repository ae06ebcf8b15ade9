/**
 * The conformance suite, written once and run for every built-in implementation: each golden RNN
 * and Embedding case through the adapter contract. The reference must pass everything it claims
 * (it claims everything); ONNX Runtime must pass everything it claims, and what it does not claim
 * must be reported as unsupported, never passed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createOnnxRuntimeAdapter } from '../../../impl/onnxruntime/index.ts';
import { createReferenceAdapter } from '../../../impl/reference/index.ts';
import type { Adapter } from '../../../impl/contract.ts';
import { loadGolden } from '../../harness/golden.ts';
import { suiteCases } from '../../conformance/cases.ts';
import { runCase } from '../../conformance/judge.ts';
import { readBaseline } from '../../conformance/baseline.ts';
import { BUILT_IN } from '../../conformance/adapters.ts';

const cases = suiteCases(loadGolden().cases);
const implementations: Array<[string, () => Adapter]> = [
  ['reference', createReferenceAdapter],
  ['onnxruntime', createOnnxRuntimeAdapter],
];

describe.each(implementations)('conformance of %s', (_name, create) => {
  const adapter = create();
  afterAll(() => adapter.dispose?.());
  it('the suite has RNN and Embedding cases', () => {
    expect(cases.filter((c) => c.kind === 'rnn').length).toBeGreaterThan(150);
    expect(cases.filter((c) => c.kind === 'embedding').length).toBeGreaterThan(50);
  });
  // the backend's own known deviations, shipped with its adapter (ONNX Runtime's tensor creation)
  const shipped = BUILT_IN[adapter.name].baseline;
  const known = shipped ? readBaseline(shipped).adapters[adapter.name] ?? {} : {};
  it.each(cases.map((c) => [c.id, c] as const))('%s passes, is unsupported with a reason, or fails as its baseline says', async (id, c) => {
    const r = await runCase(adapter, c);
    if (known[id]) {
      expect(r.status, `${id} is a known deviation (${known[id].why})`).toBe('fail');
      return;
    }
    expect(r.status, r.message).not.toBe('fail');
    if (r.status === 'unsupported') expect(r.message).toMatch(/not claimed|exceeds the claimed/);
    if (adapter.name === 'reference') expect(r.status).toBe('pass');
  });
});

describe('conformance of the reference emulating PyTorch 1.13, on the 1.13 fixtures', () => {
  const adapter = createReferenceAdapter({ torch: '1.13' });
  const cases113 = suiteCases(loadGolden({ torch: '1.13' }).cases, '1.13');
  it('every suite case carries the version it was recorded with', () => {
    expect(new Set(cases113.map((c) => c.torch))).toEqual(new Set(['1.13']));
    expect(new Set(cases.map((c) => c.torch))).toEqual(new Set(['2.6']));
  });
  it.each(cases113.map((c) => [c.id, c] as const))('%s passes', async (_id, c) => {
    const r = await runCase(adapter, c);
    expect(r.status, r.message).toBe('pass');
  });
});

describe('createReferenceAdapter', () => {
  it('refuses an unknown PyTorch version', () => {
    expect(() => createReferenceAdapter({ torch: '0.4' as never })).toThrow('createReferenceAdapter: unknown PyTorch version 0.4; known: 1.13, 2.6');
  });
});
