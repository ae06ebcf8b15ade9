/**
 * The ORT adapter on every golden case it can express, forward values only: PyTorch's own outputs
 * (output, h_n; output, weight_after) against ORT running rnnspec's graphs. Gradient cases are run
 * with their upstream gradient removed (ORT computes no gradients), so each case still checks the
 * forward pass. Skipped when golden/ is absent or does not load (test/harness/golden.test.ts
 * reports that).
 */
import { afterAll, describe, expect, test } from 'vitest';
import { createOnnxRuntimeAdapter } from '../../impl/onnxruntime/index.ts';
import type { PlainTensor } from '../../impl/contract.ts';
import { compareTensors } from '../harness/compare.ts';
import { loadGolden } from '../harness/golden.ts';
import { EXACT, RENORM, TOLERANCES } from '../harness/tolerances.ts';
import { suiteCases, type SuiteCase } from '../suite/cases.ts';
import { embeddingUnsupported, rnnUnsupported } from '../suite/features.ts';

function load(): SuiteCase[] {
  try {
    // Exporter-hash staleness is golden.test.ts's business; the case files' own checksums are still checked.
    return suiteCases(loadGolden(undefined, null).cases);
  } catch (e) {
    console.log(`golden-forward: golden/ not loaded, skipped (${(e as Error).message.split('\n')[0]})`);
    return [];
  }
}

const cases = load();
const adapter = createOnnxRuntimeAdapter();
afterAll(() => adapter.dispose());

const counts = { run: 0, unsupported: 0 };
let worst = { headroom: 0, id: '' };
afterAll(() => {
  if (cases.length) console.log(`golden-forward: ${counts.run} cases run through ORT, ${counts.unsupported} unsupported; worst headroom ${worst.headroom.toPrecision(3)} (${worst.id})`);
});

describe.skipIf(cases.length === 0)('onnxruntime adapter on golden cases (forward)', () => {
  for (const c of cases) {
    test(c.id, async () => {
      let produced: Record<string, PlainTensor>;
      let tol: (dtype: string) => { rtol: number; atol: number };
      if (c.kind === 'rnn') {
        const input = { ...c.input, upstream: undefined };
        if (rnnUnsupported(input, adapter.capabilities) !== null) return void counts.unsupported++;
        const r = await adapter.rnn(input);
        produced = { output: r.output, h_n: r.h_n };
        tol = () => TOLERANCES.float32.forward;
      } else {
        // test/suite/cases.ts passes args.norm_type through undecoded, so inf arrives as {"$num": "inf"}
        // (FIXTURES.md's JS-value tag); decoded here until cases.ts does it.
        const p = c.input.config.normType as unknown;
        const normType = typeof p === 'object' && p !== null && '$num' in p ? Number((p as { $num: string }).$num.replace('inf', 'Infinity')) : (p as number);
        const input = { ...c.input, config: { ...c.input.config, normType }, upstream: undefined };
        if (embeddingUnsupported(input, adapter.capabilities) !== null) return void counts.unsupported++;
        const r = await adapter.embedding(input);
        produced = { output: r.output, weight_after: r.weightAfter };
        tol = (dtype) => (c.input.config.maxNorm === null ? EXACT : RENORM[dtype as 'float32']);
      }
      counts.run++;
      for (const [name, e] of Object.entries(c.expected.outputs)) {
        const cmp = compareTensors(produced[name], e, { name, tolerance: tol(e.dtype), context: `${c.kind} case=${c.id} impl=onnxruntime` });
        if (cmp.headroom > worst.headroom) worst = { headroom: cmp.headroom, id: `${c.id} ${name}` };
        expect(cmp.ok, cmp.message).toBe(true);
      }
    });
  }
});
