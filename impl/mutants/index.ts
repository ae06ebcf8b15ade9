/**
 * Mutants: deliberately broken adapters that the suite must catch (array-api-tests' meta tests).
 * Each wraps the reference adapter and injects one bug that real implementations have had, or one
 * misbehaviour of the adapter itself (throwing, hanging, wrong shape, NaN, mutating its input).
 * test/self/conformance/mutants.test.ts checks that every one of them is reported as failing.
 */
import type { Adapter, EmbeddingCase, PlainTensor, RnnCase, RnnResult } from '../contract.ts';
import { createReferenceAdapter } from '../reference/index.ts';

const reference = createReferenceAdapter();
const rnn = (c: RnnCase) => reference.rnn!(c) as RnnResult;
const embedding = (c: EmbeddingCase) => reference.embedding!(c) as ReturnType<NonNullable<typeof reference.embedding>> & object;

function mutant(name: string, parts: Partial<Pick<Adapter, 'rnn' | 'embedding'>>): Adapter {
  return { name, capabilities: reference.capabilities, rnn: parts.rnn ?? reference.rnn, embedding: parts.embedding ?? reference.embedding };
}

function copy(t: PlainTensor): PlainTensor {
  return { dtype: t.dtype, shape: [...t.shape], data: t.data.slice() };
}

/** Every bias_hh zeroed: the classic "one bias is enough" port. */
const dropsHiddenBias = mutant('mutant-drops-b_hh', {
  rnn: (c) => {
    const zeros = (v: PlainTensor): PlainTensor => ({ ...v, data: v.data.slice().fill(0 as never) });
    const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, k.startsWith('bias_hh') ? zeros(v) : v]));
    return rnn({ ...c, params });
  },
});

/** The reverse direction's h_n read from the last time step instead of t = 0. */
const reverseHnFromLastStep = mutant('mutant-reverse-h_n-at-last-step', {
  rnn: (c) => {
    const r = rnn(c);
    if (!c.config.bidirectional || c.lengths || r.output.shape.length !== 3 || r.output.shape[c.config.batchFirst ? 1 : 0] === 0) return r;
    const H = c.config.hiddenSize;
    const [d0, d1] = r.output.shape;
    const [L, N] = c.config.batchFirst ? [d1, d0] : [d0, d1];
    const h_n = copy(r.h_n);
    const last = h_n.shape[0] - 1; // last layer, reverse direction
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < H; j++) {
        const at = c.config.batchFirst ? (n * L + (L - 1)) * 2 * H + H + j : ((L - 1) * N + n) * 2 * H + H + j;
        (h_n.data as Float64Array)[(last * N + n) * H + j] = (r.output.data as Float64Array)[at];
      }
    }
    return { ...r, h_n };
  },
});

/** Packed input run as if padded: h_n includes the padding steps. */
const packedAsPadded = mutant('mutant-packed-h_n-includes-padding', {
  rnn: (c) => {
    if (!c.lengths) return rnn(c);
    const { lengths: _lengths, enforceSorted: _sorted, ...padded } = c;
    const r = rnn({ ...padded, dropoutMasks: undefined, upstream: undefined });
    return { output: r.output, h_n: r.h_n };
  },
});

/** padding_idx ignored in backward: the padding row gets a gradient. */
const paddingRowGetsGradient = mutant('mutant-padding-row-gets-gradient', {
  embedding: (c) => embedding({ ...c, config: { ...c.config, paddingIdx: null } }),
});

/** scale_grad_by_freq ignored. */
const ignoresScaleGradByFreq = mutant('mutant-ignores-scale_grad_by_freq', {
  embedding: (c) => embedding({ ...c, config: { ...c.config, scaleGradByFreq: false } }),
});

/** max_norm applied to the output only: the weight is not renormalised in place. */
const noRenormWriteBack = mutant('mutant-max_norm-without-write-back', {
  embedding: (c) => ({ ...embedding(c), weightAfter: copy(c.weight) }),
});

// ---- adapters that misbehave ------------------------------------------------------------------
const throws = mutant('mutant-throws', {
  rnn: () => {
    throw new Error('not implemented yet');
  },
});

const hangs = mutant('mutant-hangs', { rnn: () => new Promise<RnnResult>(() => {}) });

const wrongShape = mutant('mutant-wrong-shape', {
  rnn: (c) => {
    const r = rnn(c);
    return { ...r, h_n: { ...r.h_n, shape: [r.h_n.data.length] } };
  },
});

const returnsNaN = mutant('mutant-returns-nan', {
  rnn: (c) => {
    const r = rnn(c);
    const output = copy(r.output);
    if (output.data.length > 0) (output.data as Float64Array)[0] = NaN;
    return { ...r, output };
  },
});

const mutatesInput = mutant('mutant-mutates-input', {
  rnn: (c) => {
    const r = rnn(c);
    if (c.input.data.length > 0) (c.input.data as Float64Array)[0] += 1;
    return r;
  },
});

const claimsNothing: Adapter = { name: 'mutant-claims-nothing', capabilities: {}, rnn: reference.rnn, embedding: reference.embedding };

/** The mutants whose bug is in the numbers. */
export const numericMutants: Adapter[] = [dropsHiddenBias, reverseHnFromLastStep, packedAsPadded, paddingRowGetsGradient, ignoresScaleGradByFreq, noRenormWriteBack];

/** The mutants whose bug is in how the adapter behaves, with the message the runner must give. */
export const behaviourMutants: Array<{ adapter: Adapter; message: RegExp }> = [
  { adapter: throws, message: /^mutant-throws threw: not implemented yet$/ },
  { adapter: hangs, message: /^mutant-hangs threw: timed out after \d+ ms$/ },
  { adapter: wrongShape, message: /^h_n has shape \[\d+\] but should have \[\d+, \d+, \d+\]/ },
  { adapter: returnsNaN, message: /^output\[0,0,0\] = NaN but should be -?\d/ },
  { adapter: mutatesInput, message: /^mutant-mutates-input mutated its input input$/ },
];

export { claimsNothing };
