/**
 * Backward through time of the reference nn.RNN (docs/spec.md §3.2, §6.1):
 * the gradients of the input (padded or packed data), of h0 and of every weight and bias, for every
 * option, checked against central finite differences in float64 by the one-direction identity
 * <J v, u> = <v, J^T u> (test/harness/gradcheck.ts). Dropout uses injected masks so that the
 * function is deterministic.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Generator, Tensor } from '../../../reference/index.ts';
import { RNN } from '../../../reference/rnn.ts';
import { PackedSequence, packPaddedSequence } from '../../../reference/packed-sequence.ts';
import { bernoulli, dropoutArb, optionsArb, packedArb, randn, rnnArb, type RnnDraw } from '../../harness/arbitraries/rnn.ts';
import { checkVjp } from '../../harness/gradcheck.ts';

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 25 }); // keeps a seed fixed by the mutation run

/** The RNN, its input and h0 as float64 leaves, and the list of every leaf checkVjp perturbs. */
function setUp(d: RnnDraw, dropout = 0) {
  const gen = new Generator(d.seed);
  const rnn = new RNN(d.inputSize, d.hiddenSize, { ...d.options, dropout, dtype: 'float64', generator: gen });
  const layers = d.options.numLayers ?? 1;
  const D = d.options.bidirectional ? 2 : 1;
  const x = randn(gen, d.options.batchFirst ? [d.N, d.L, d.inputSize] : [d.L, d.N, d.inputSize]).requiresGrad_(true);
  const h0 = randn(gen, [layers * D, d.N, d.hiddenSize]).requiresGrad_(true);
  const leaves = [x, ...(d.withH0 ? [h0] : []), ...rnn.parameters()];
  return { rnn, gen, x, h0: d.withH0 ? h0 : undefined, leaves, layers, D };
}

const names = (rnn: RNN, withH0: boolean) => ['input', ...(withH0 ? ['h0'] : []), ...rnn.namedParameters().map(([n]) => n)];

describe('nn.RNN gradients by finite differences (float64)', () => {
  test.prop([rnnArb({ maxL: 4, maxN: 3 })])('padded input: gradients of input, h0 and every parameter (all options)', (d) => {
    const { rnn, x, h0, leaves } = setUp(d);

    const results = checkVjp(() => rnn.forward(x, h0), leaves, { seed: d.seed });

    expect(results.map((r) => names(rnn, d.withH0)[r.input])).toEqual(names(rnn, d.withH0));
  });

  test.prop([rnnArb({ maxL: 4, minN: 1, maxN: 1 })])('unbatched input: gradients of input, h0 and every parameter', (d) => {
    const { rnn, layers, D, gen } = setUp(d);
    const x = randn(gen, [d.L, d.inputSize]).requiresGrad_(true);
    const h0 = d.withH0 ? randn(gen, [layers * D, d.hiddenSize]).requiresGrad_(true) : undefined;

    checkVjp(() => rnn.forward(x, h0), [x, ...(h0 ? [h0] : []), ...rnn.parameters()], { seed: d.seed });
  });

  test.prop([rnnArb({ maxL: 4, maxN: 3, options: optionsArb().map((o) => ({ ...o, numLayers: Math.max(2, o.numLayers ?? 2) })) }), dropoutArb])(
    'dropout in training mode with injected masks: every gradient, the masks scaled by 1/(1-p)',
    (d, p) => {
      const { rnn, x, h0, leaves, gen, layers, D } = setUp(d, p);
      const masks = Array.from({ length: layers - 1 }, () => bernoulli(gen, [d.L, d.N, D * d.hiddenSize], 1 - p));

      checkVjp(() => rnn.forward(x, h0, { dropoutMasks: masks }), leaves, { seed: d.seed });
    },
  );

  test.prop([packedArb({ maxL: 4, maxN: 4 })])('packed input: gradients of the padded input (through pack_padded_sequence), h0 and every parameter', (d) => {
    const { rnn, x, h0, leaves } = setUp(d);
    const pack = () => packPaddedSequence(x, d.lengths, { batchFirst: d.options.batchFirst, ...(d.enforceSorted === undefined ? {} : { enforceSorted: d.enforceSorted }) });

    checkVjp(() => {
      const [out, h_n] = rnn.forward(pack(), h0);
      return [out.data, h_n];
    }, leaves, { seed: d.seed });
  });

  test.prop([packedArb({ maxL: 4, maxN: 4, options: optionsArb().map((o) => ({ ...o, numLayers: Math.max(2, o.numLayers ?? 2) })) }), dropoutArb])(
    'packed data given directly, with dropout masks: gradients of the data, h0 and every parameter',
    (d, p) => {
      const { rnn, h0, gen, layers, D } = setUp(d, p);
      const rows = d.lengths.reduce((a, b) => a + b, 0);
      const template = packPaddedSequence(randn(gen, [d.L, d.N, d.inputSize]), d.lengths, { enforceSorted: d.enforceSorted ?? true });
      const data = randn(gen, [rows, d.inputSize]).requiresGrad_(true);
      const masks = Array.from({ length: layers - 1 }, () => bernoulli(gen, [rows, D * d.hiddenSize], 1 - p));

      checkVjp(() => {
        const packed = new PackedSequence(data, template.batchSizes, template.sortedIndices, template.unsortedIndices);
        const [out, h_n] = rnn.forward(packed, h0, { dropoutMasks: masks });
        return [out.data, h_n];
      }, [data, ...(h0 ? [h0] : []), ...rnn.parameters()], { seed: d.seed });
    },
  );

  test('a long sequence (L = 60, 2 layers, bidirectional) back-propagates through every step', () => {
    const d: RnnDraw = { inputSize: 2, hiddenSize: 3, options: { numLayers: 2, bidirectional: true }, L: 60, N: 2, withH0: true, seed: 5 };
    const { rnn, x, h0, leaves } = setUp(d);

    checkVjp(() => rnn.forward(x, h0), leaves, { seed: 5 });

    const g = x.grad as Tensor;
    const firstStep = Array.from(g.data as Float64Array).slice(0, 2 * 2);
    expect(firstStep.some((v) => v !== 0)).toBe(true); // the first step gets gradient from h_n and the reverse direction
  });
});
