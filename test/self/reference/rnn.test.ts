/**
 * Properties of the reference nn.RNN forward pass over random configurations
 * (docs/spec.md §3.2, §3.3 "RNN with a PackedSequence", §6.1).
 * Expected values come from a float64 loop of the documented equation written below, or from
 * identities between two runs (batch_first vs transposing, packed vs one sequence at a time, ...).
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Generator, Tensor, catchWarnings, ops } from '../../../reference/index.ts';
import { RNN } from '../../../reference/rnn.ts';
import { PackedSequence, packPaddedSequence, padPackedSequence } from '../../../reference/packed-sequence.ts';
import { bernoulli, dropoutArb, optionsArb, packedArb, randn, rnnArb, type FloatDType, type PackedDraw, type RnnDraw } from '../../harness/arbitraries/rnn.ts';
import { expectClose } from '../../harness/compare.ts';
import { EXACT, TOLERANCES } from '../../harness/tolerances.ts';

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 40 }); // keeps a seed fixed by the mutation run

// ---- the oracle: h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh) in float64 -------------------
type Vec = number[];
type Params = Record<string, number[][] & number[]>;

interface Shape {
  H: number;
  D: number;
  layers: number;
  relu: boolean;
  bias: boolean;
}

const dot = (a: Vec, b: Vec) => a.reduce((s, v, i) => s + v * b[i], 0);

/**
 * One sequence (steps x_t, no padding) through the stack. `keep(k, t, j)` is the factor applied to
 * layer k's output before layer k + 1 (dropout), default 1.
 */
function loop(s: Shape, params: Params, xs: Vec[], h0: Vec[], keep: (k: number, t: number, j: number) => number = () => 1) {
  let input = xs;
  const h_n: Vec[] = [];
  for (let k = 0; k < s.layers; k++) {
    const output: Vec[] = xs.map(() => new Array<number>(s.D * s.H).fill(0));
    for (let d = 0; d < s.D; d++) {
      const sfx = `_l${k}${d === 1 ? '_reverse' : ''}`;
      const [W_ih, W_hh] = [params[`weight_ih${sfx}`], params[`weight_hh${sfx}`]];
      const zero = new Array<number>(s.H).fill(0);
      const [b_ih, b_hh] = s.bias ? [params[`bias_ih${sfx}`], params[`bias_hh${sfx}`]] : [zero, zero];
      let h = h0[k * s.D + d];
      const times = xs.map((_, t) => (d === 1 ? xs.length - 1 - t : t));
      for (const t of times) {
        h = h.map((_, j) => {
          const u = dot(W_ih[j], input[t]) + b_ih[j] + dot(W_hh[j], h) + b_hh[j];
          return s.relu ? Math.max(u, 0) : Math.tanh(u);
        });
        h.forEach((v, j) => (output[t][d * s.H + j] = v));
      }
      h_n.push(h);
    }
    input = k < s.layers - 1 ? output.map((row, t) => row.map((v, j) => v * keep(k, t, j))) : output;
  }
  return { output: input, h_n };
}

// ---- Arrange helpers --------------------------------------------------------------------------
function setUp(d: RnnDraw, dtype: FloatDType = 'float64') {
  const gen = new Generator(d.seed);
  const rnn = new RNN(d.inputSize, d.hiddenSize, { ...d.options, dtype, generator: gen });
  const shape: Shape = {
    H: d.hiddenSize,
    D: d.options.bidirectional ? 2 : 1,
    layers: d.options.numLayers ?? 1,
    relu: d.options.nonlinearity === 'relu',
    bias: d.options.bias ?? true,
  };
  const x = randn(gen, d.options.batchFirst ? [d.N, d.L, d.inputSize] : [d.L, d.N, d.inputSize], dtype);
  const h0 = d.withH0 ? randn(gen, [shape.layers * shape.D, d.N, d.hiddenSize], dtype) : undefined;
  return { rnn, gen, shape, x, h0 };
}

const paramsOf = (rnn: RNN) => Object.fromEntries(rnn.namedParameters().map(([k, p]) => [k, p.tolist()])) as Params;
const list3 = (t: Tensor) => t.tolist() as number[][][];

/** Sequence b of a padded (L, N, *) or batch-first (N, L, *) input, its first `len` steps. */
const sequence = (x: Tensor, b: number, batchFirst: boolean | undefined, len: number) =>
  (batchFirst ? list3(x)[b] : list3(x).map((row) => row[b])).slice(0, len);
/** Column b of h0 (layers*D, N, H), or zeros. */
const h0Column = (h0: Tensor | undefined, b: number, s: Shape) =>
  h0 ? list3(h0).map((row) => row[b]) : Array.from({ length: s.layers * s.D }, () => new Array<number>(s.H).fill(0));

/** `{dtype, shape, data}` of nested arrays, labelled with the dtype the result is compared as. */
const plain = (dtype: string, shape: number[], nested: unknown[]) => ({ dtype, shape, data: Float64Array.from(nested.flat(Infinity) as number[]) });

const transposed01 = <T>(a: T[][]): T[][] => (a.length === 0 ? [] : a[0].map((_, j) => a.map((row) => row[j])));

function expectSame(actual: Tensor, expected: Tensor, name: string) {
  expectClose(actual, expected, { name, tolerance: EXACT, context: 'bitwise' });
}

// ---- forward against the loop -----------------------------------------------------------------
describe('nn.RNN forward, padded input', () => {
  test.prop([rnnArb(), fc.constantFrom<FloatDType>('float64', 'float32')])(
    'output and h_n agree with a float64 loop of the documented equation (batch_first, h0, layers, directions, bias, relu)',
    (d, dtype) => {
      const { rnn, shape, x, h0 } = setUp(d, dtype);

      const [output, h_n] = rnn.forward(x, h0);

      const runs = Array.from({ length: d.N }, (_, b) => loop(shape, paramsOf(rnn), sequence(x, b, d.options.batchFirst, d.L), h0Column(h0, b, shape)));
      const outputs = runs.map((r) => r.output); // [b][t][j]
      const expectedOutput = d.options.batchFirst ? outputs : transposed01(outputs);
      const context = `rnn ${JSON.stringify(d)} ${dtype}`;
      const tolerance = TOLERANCES[dtype].forward;
      expectClose(output, plain(dtype, [...output.shape], expectedOutput), { name: 'output', tolerance, context });
      expectClose(h_n, plain(dtype, [shape.layers * shape.D, d.N, d.hiddenSize], transposed01(runs.map((r) => r.h_n))), { name: 'h_n', tolerance, context });
    },
  );

  test.prop([rnnArb()])('output shape is (L, N, D*H), (N, L, D*H) with batch_first, and h_n is (layers*D, N, H)', (d) => {
    const { rnn, shape, x, h0 } = setUp(d);

    const [output, h_n] = rnn.forward(x, h0);

    const DH = shape.D * shape.H;
    expect(output.shape).toEqual(d.options.batchFirst ? [d.N, d.L, DH] : [d.L, d.N, DH]);
    expect(h_n.shape).toEqual([shape.layers * shape.D, d.N, shape.H]);
  });

  test.prop([rnnArb({ minN: 0, maxN: 0 })])('a batch of 0 gives empty outputs of the documented shapes', (d) => {
    const { rnn, shape, x } = setUp(d);

    const [output, h_n] = rnn.forward(x);

    expect(output.shape).toEqual(d.options.batchFirst ? [0, d.L, shape.D * shape.H] : [d.L, 0, shape.D * shape.H]);
    expect(h_n.shape).toEqual([shape.layers * shape.D, 0, shape.H]);
  });

  test.prop([rnnArb()])('h0 omitted equals h0 = zeros, bit for bit', (d) => {
    const { rnn, shape, x } = setUp(d);
    const zeros = new Tensor('float64', [shape.layers * shape.D, d.N, shape.H]);

    const [o1, h1] = rnn.forward(x);
    const [o2, h2] = rnn.forward(x, zeros);

    expectSame(o1, o2, 'output');
    expectSame(h1, h2, 'h_n');
  });

  test.prop([rnnArb({ options: optionsArb().map((o) => ({ ...o, batchFirst: false })) })])(
    'batch_first=True equals transposing the input and the output (h_n unchanged), bit for bit',
    (d) => {
      const { rnn, x, h0 } = setUp(d);
      const rnnBF = new RNN(d.inputSize, d.hiddenSize, { ...d.options, batchFirst: true, dtype: 'float64' });
      rnnBF.loadStateDict(rnn.stateDict());

      const [output, h_n] = rnn.forward(x, h0);
      const [outputBF, h_nBF] = rnnBF.forward(ops.transpose(x, 0, 1), h0);

      expectSame(outputBF, ops.transpose(output, 0, 1), 'output');
      expectSame(h_nBF, h_n, 'h_n');
    },
  );

  test.prop([rnnArb({ minN: 1, maxN: 1 })])('unbatched (L, H_in) input equals a batch of one, squeezed, bit for bit', (d) => {
    const { rnn, x, h0 } = setUp(d);
    const batchDim = d.options.batchFirst ? 0 : 1;

    const [output, h_n] = rnn.forward(x, h0);
    const [output2, h_n2] = rnn.forward(ops.squeeze(x, batchDim), h0 && ops.squeeze(h0, 1));

    expectSame(output2, ops.squeeze(output, batchDim), 'output');
    expectSame(h_n2, ops.squeeze(h_n, 1), 'h_n');
  });

  test.prop([rnnArb({ options: optionsArb().map((o) => ({ ...o, numLayers: 1, bidirectional: true, batchFirst: false })) })])(
    'the reverse half of a bidirectional layer equals a forward pass over the reversed sequence with the reverse weights',
    (d) => {
      const { rnn, x, h0, shape } = setUp(d);
      const uni = new RNN(d.inputSize, d.hiddenSize, { ...d.options, bidirectional: false, dtype: 'float64' });
      uni.loadStateDict(Object.fromEntries(uni.namedParameters().map(([name]) => [name, rnn.getParameter(`${name}_reverse`)])));
      const reversedInTime = (t: Tensor) => ops.cat(Array.from({ length: d.L }, (_, i) => ops.narrow(t, 0, d.L - 1 - i, 1)), 0);

      const [output, h_n] = rnn.forward(x, h0);
      const [outputRev, h_nRev] = uni.forward(reversedInTime(x), h0 && ops.narrow(h0, 0, 1, 1));

      expectSame(reversedInTime(ops.narrow(output, 2, shape.H, shape.H)), outputRev, 'output[..., H:]');
      expectSame(ops.narrow(h_n, 0, 1, 1), h_nRev, 'h_n[1]');
    },
  );

  test.prop([rnnArb({ options: optionsArb().map((o) => ({ ...o, batchFirst: false })) })])(
    'h_n of the last layer is output[L-1, :, :H] forward and output[0, :, H:] reverse, bit for bit',
    (d) => {
      const { rnn, x, h0, shape } = setUp(d);

      const [output, h_n] = rnn.forward(x, h0);

      const last = (shape.layers - 1) * shape.D;
      expectSame(ops.narrow(h_n, 0, last, 1), ops.narrow(ops.narrow(output, 0, d.L - 1, 1), 2, 0, shape.H), 'h_n forward');
      if (shape.D === 2) expectSame(ops.narrow(h_n, 0, last + 1, 1), ops.narrow(ops.narrow(output, 0, 0, 1), 2, shape.H, shape.H), 'h_n reverse');
    },
  );

  test.prop([rnnArb({ options: optionsArb().map((o) => ({ ...o, nonlinearity: 'relu' as const })) })])('relu outputs and h_n are >= 0', (d) => {
    const { rnn, x, h0 } = setUp(d);

    const [output, h_n] = rnn.forward(x, h0);

    expect(Math.min(0, ...(output.data as Float64Array), ...(h_n.data as Float64Array))).toBe(0);
  });
});

// ---- layers and dropout ------------------------------------------------------------------------
/** Layer k of `rnn` as its own single-layer RNN with the same weights. */
function singleLayer(rnn: RNN, k: number, d: RnnDraw, inputSize: number): RNN {
  const one = new RNN(inputSize, d.hiddenSize, { ...d.options, numLayers: 1, batchFirst: false, dtype: rnn.parameters()[0].dtype });
  one.loadStateDict(Object.fromEntries(one.namedParameters().map(([name]) => [name, rnn.getParameter(name.replace('_l0', `_l${k}`))])));
  return one;
}

/**
 * Chains single-layer RNNs by hand, applying `between(k, output)` to each non-final layer's output:
 * the stack as the docs describe it.
 */
function chain(rnn: RNN, d: RnnDraw, s: Shape, x: Tensor, h0: Tensor | undefined, between: (k: number, o: Tensor) => Tensor = (_, o) => o) {
  let input = d.options.batchFirst ? ops.transpose(x, 0, 1) : x;
  const h_n: Tensor[] = [];
  for (let k = 0; k < s.layers; k++) {
    const [o, h] = singleLayer(rnn, k, d, k === 0 ? d.inputSize : s.D * s.H).forward(input, h0 && ops.narrow(h0, 0, k * s.D, s.D));
    h_n.push(h);
    input = k < s.layers - 1 ? between(k, o) : o;
  }
  return { output: d.options.batchFirst ? ops.transpose(input, 0, 1) : input, h_n: ops.cat(h_n, 0) };
}

const multiLayer = (o: fc.Arbitrary<ReturnType<typeof optionsArb> extends fc.Arbitrary<infer T> ? T : never>) =>
  o.map((opts) => ({ ...opts, numLayers: Math.max(2, opts.numLayers ?? 2) }));

describe('nn.RNN layers and dropout', () => {
  test.prop([rnnArb({ options: multiLayer(optionsArb()) })])('stacked layers equal chaining single-layer RNNs, bit for bit', (d) => {
    const { rnn, shape, x, h0 } = setUp(d);

    const [output, h_n] = rnn.forward(x, h0);
    const expected = chain(rnn, d, shape, x, h0);

    expectSame(output, expected.output, 'output');
    expectSame(h_n, expected.h_n, 'h_n');
  });

  test.prop([rnnArb()])('dropout 0 in training mode equals eval mode, bit for bit', (d) => {
    const { rnn, x, h0 } = setUp(d);

    const [o1, h1] = rnn.train().forward(x, h0);
    const [o2, h2] = rnn.eval().forward(x, h0);

    expectSame(o1, o2, 'output');
    expectSame(h1, h2, 'h_n');
  });

  test.prop([rnnArb({ options: multiLayer(optionsArb()) }), dropoutArb, fc.constantFrom<FloatDType>('float64', 'float32')])(
    'dropout with injected masks equals chaining single layers with x * mask * (1/(1-p)) in between (float32: fl32(1/fl32(1-p))), bit for bit',
    (d, p, dtype) => {
      const { gen, shape, x: x64, h0: h064 } = setUp(d);
      const rnn = new RNN(d.inputSize, d.hiddenSize, { ...d.options, dropout: p, dtype, generator: gen });
      const [x, h0] = [x64.to(dtype), h064?.to(dtype)];
      const masks = Array.from({ length: shape.layers - 1 }, () => bernoulli(gen, [d.L, d.N, shape.D * shape.H], 1 - p, dtype));
      const scale = dtype === 'float32' ? Math.fround(1 / Math.fround(1 - p)) : 1 / (1 - p);
      const round = dtype === 'float32' ? Math.fround : (v: number) => v;

      const [output, h_n] = rnn.forward(x, h0, { dropoutMasks: masks });
      const expected = chain(rnn, d, shape, x, h0, (k, o) => {
        const m = masks[k].data as Float64Array;
        const dropped = new Tensor(dtype, o.shape);
        (o.data as Float64Array).forEach((v, i) => (dropped.data[i] = m[i] === 1 ? round(v * scale) : v * 0));
        return dropped;
      });

      expectSame(output, expected.output, 'output');
      expectSame(h_n, expected.h_n, 'h_n');
    },
  );

  test.prop([rnnArb({ options: multiLayer(optionsArb()) }), dropoutArb])(
    'dropout with injected masks agrees with the float64 loop applying mask/(1-p) between layers',
    (d, p) => {
      const { gen, shape, x, h0 } = setUp(d);
      const rnn = new RNN(d.inputSize, d.hiddenSize, { ...d.options, dropout: p, dtype: 'float64', generator: gen });
      const masks = Array.from({ length: shape.layers - 1 }, () => bernoulli(gen, [d.L, d.N, shape.D * shape.H], 1 - p));

      const [output] = rnn.forward(x, h0, { dropoutMasks: masks });

      const m = masks.map(list3);
      const runs = Array.from({ length: d.N }, (_, b) =>
        loop(shape, paramsOf(rnn), sequence(x, b, d.options.batchFirst, d.L), h0Column(h0, b, shape), (k, t, j) => m[k][t][b][j] / (1 - p)),
      );
      const outputs = runs.map((r) => r.output);
      expectClose(output, plain('float64', [...output.shape], d.options.batchFirst ? outputs : transposed01(outputs)), {
        name: 'output',
        tolerance: TOLERANCES.float64.forward,
        context: `rnn ${JSON.stringify(d)} p=${p}`,
      });
    },
  );

  test('float32 dropout p = 0.021 scales kept values by 1.0214505195617676 = fl32(1/fl32(1-p)), not fl32(1/(1-p)) = 1.021450400352478', () => {
    // torch 1.13: F.dropout(torch.ones(1000), 0.021, True).max().item() == 1.0214505195617676
    const d: RnnDraw = { inputSize: 3, hiddenSize: 4, options: { numLayers: 2 }, L: 3, N: 2, withH0: false, seed: 8 };
    const { gen, shape, x } = setUp(d);
    const rnn = new RNN(3, 4, 2, { dropout: 0.021, generator: gen });
    const xf = x.to('float32');
    const keepAll = new Tensor('float32', [3, 2, 4], new Float32Array(24).fill(1));

    const [output] = rnn.forward(xf, null, { dropoutMasks: [keepAll] });
    const expected = chain(rnn, d, shape, xf, undefined, (_, o) => {
      const scaled = new Tensor('float32', o.shape);
      (o.data as Float32Array).forEach((v, i) => (scaled.data[i] = Math.fround(v * 1.0214505195617676)));
      return scaled;
    });

    expectSame(output, expected.output, 'output');
  });

  test.prop([rnnArb({ options: multiLayer(optionsArb()) })])('dropout 1 feeds zeros to the next layer (it sees only biases and recurrence)', (d) => {
    const { gen, shape, x, h0 } = setUp(d);
    const rnn = new RNN(d.inputSize, d.hiddenSize, { ...d.options, dropout: 1, dtype: 'float64', generator: gen });

    const [output, h_n] = rnn.forward(x, h0);
    const expected = chain(rnn, d, shape, x, h0, (_, o) => new Tensor('float64', o.shape));

    expectSame(output, expected.output, 'output');
    expectSame(h_n, expected.h_n, 'h_n');
  });

  test.prop([rnnArb({ options: multiLayer(optionsArb()) }), dropoutArb])(
    'without injected masks, dropout draws bernoulli(1-p) row-major over each (L, N, D*H) layer output from the generator, layer by layer',
    (d, p) => {
      const { shape, x, h0 } = setUp(d);
      const rnn = new RNN(d.inputSize, d.hiddenSize, { ...d.options, dropout: p, dtype: 'float64', generator: new Generator(7) });
      const again = new Generator(7);
      const width = shape.D * shape.H;
      for (const param of rnn.parameters()) for (let i = 0; i < param.numel(); i++) again.random(); // the init draws

      const [output] = rnn.forward(x, h0);
      const masks = Array.from({ length: shape.layers - 1 }, () => bernoulli(again, [d.L, d.N, width], 1 - p));
      const [expected] = rnn.forward(x, h0, { dropoutMasks: masks });

      expectSame(output, expected, 'output');
    },
  );

  test('dropout in eval mode is off: eval output equals the single-layer chain without masks', () => {
    const d: RnnDraw = { inputSize: 3, hiddenSize: 4, options: { numLayers: 3 }, L: 4, N: 2, withH0: true, seed: 11 };
    const { gen, shape, x, h0 } = setUp(d);
    const rnn = new RNN(3, 4, 3, { dropout: 0.5, dtype: 'float64', generator: gen }).eval();

    const [output, h_n] = rnn.forward(x, h0);
    const expected = chain(rnn, d, shape, x, h0);

    expectSame(output, expected.output, 'output');
    expectSame(h_n, expected.h_n, 'h_n');
  });
});

// ---- packed input -------------------------------------------------------------------------------
function packedSetUp(d: PackedDraw) {
  const s = setUp(d);
  const packed = packPaddedSequence(s.x, d.lengths, { batchFirst: d.options.batchFirst, ...(d.enforceSorted === undefined ? {} : { enforceSorted: d.enforceSorted }) });
  return { ...s, packed };
}

describe('nn.RNN forward, packed input', () => {
  test.prop([packedArb()])(
    'packed input equals running each sequence alone without padding (output steps and h_n), bit for bit in float64',
    (d) => {
      const { rnn, x, h0, packed, shape } = packedSetUp(d);

      const [out, h_n] = rnn.forward(packed, h0);
      const [padded] = padPackedSequence(out, { batchFirst: true });

      for (let b = 0; b < d.N; b++) {
        const alone = ops.unsqueeze(new Tensor('float64', [d.lengths[b], d.inputSize], Float64Array.from(sequence(x, b, d.options.batchFirst, d.lengths[b]).flat())), 1);
        const h0b = h0 && ops.narrow(h0, 1, b, 1);
        const single = new RNN(d.inputSize, d.hiddenSize, { ...d.options, batchFirst: false, dtype: 'float64' });
        single.loadStateDict(rnn.stateDict());
        const [o, h] = single.forward(alone, h0b);
        expectSame(ops.narrow(ops.narrow(padded, 0, b, 1), 1, 0, d.lengths[b]), ops.transpose(o, 0, 1), `output of sequence ${b}`);
        expectSame(ops.narrow(h_n, 1, b, 1), h, `h_n of sequence ${b}`);
      }
      expect(out.batchSizes).toBe(packed.batchSizes);
      expect(out.sortedIndices).toBe(packed.sortedIndices);
      expect(out.unsortedIndices).toBe(packed.unsortedIndices);
      expect(shape.D * shape.H).toBe(out.data.shape[1]);
    },
  );

  test.prop([packedArb()])('packed output and h_n agree with the float64 loop over each sequence alone; padding stays 0', (d) => {
    const { rnn, x, h0, packed, shape } = packedSetUp(d);

    const [out, h_n] = rnn.forward(packed, h0);
    const [padded] = padPackedSequence(out, { batchFirst: true });

    const T = Math.max(...d.lengths);
    const expected = d.lengths.map((len, b) => {
      const run = loop(shape, paramsOf(rnn), sequence(x, b, d.options.batchFirst, len), h0Column(h0, b, shape));
      const pad = Array.from({ length: T - len }, () => new Array<number>(shape.D * shape.H).fill(0));
      return { output: [...run.output, ...pad], h_n: run.h_n };
    });
    const tolerance = TOLERANCES.float64.forward;
    const context = `packed rnn ${JSON.stringify(d)}`;
    expectClose(padded, plain('float64', [d.N, T, shape.D * shape.H], expected.map((e) => e.output)), { name: 'output', tolerance, context });
    expectClose(h_n, plain('float64', [shape.layers * shape.D, d.N, shape.H], transposed01(expected.map((e) => e.h_n))), { name: 'h_n', tolerance, context });
  });

  test.prop([packedArb({ options: multiLayer(optionsArb()) }), dropoutArb])(
    'packed dropout masks are laid out like the packed data (sum L_b, D*H): they act on step t of sorted sequence r at row sum_{s<t} batch_sizes[s] + r',
    (d, p) => {
      const { gen, x, h0, packed, shape } = packedSetUp(d);
      const rnn = new RNN(d.inputSize, d.hiddenSize, { ...d.options, dropout: p, dtype: 'float64', generator: gen });
      const rows = d.lengths.reduce((a, b) => a + b, 0);
      const masks = Array.from({ length: shape.layers - 1 }, () => bernoulli(gen, [rows, shape.D * shape.H], 1 - p));

      const [out] = rnn.forward(packed, h0, { dropoutMasks: masks });
      const [padded] = padPackedSequence(out, { batchFirst: true });

      // sorted order, written independently: a stable sort by decreasing length
      const order = d.lengths.map((_, b) => b);
      if (d.enforceSorted === false) order.sort((a, b) => d.lengths[b] - d.lengths[a]);
      const rank = order.map((_, r) => r);
      order.forEach((b, r) => (rank[b] = r));
      const batchSizes = Array.from({ length: Math.max(...d.lengths) }, (_, t) => d.lengths.filter((len) => len > t).length);
      const rowOf = (t: number, r: number) => batchSizes.slice(0, t).reduce((a, b) => a + b, 0) + r;
      const m = masks.map((t) => t.tolist() as number[][]);
      for (let b = 0; b < d.N; b++) {
        const len = d.lengths[b];
        const run = loop(shape, paramsOf(rnn), sequence(x, b, d.options.batchFirst, len), h0Column(h0, b, shape), (k, t, j) => m[k][rowOf(t, rank[b])][j] / (1 - p));
        expectClose(ops.narrow(ops.narrow(padded, 0, b, 1), 1, 0, len), plain('float64', [1, len, shape.D * shape.H], run.output), {
          name: `output of sequence ${b}`,
          tolerance: TOLERANCES.float64.forward,
          context: `packed dropout ${JSON.stringify(d)} p=${p}`,
        });
      }
    },
  );

  test('with enforce_sorted=False, an h0 with a larger batch is silently accepted: index_select drops the extra rows (docs/spec.md §5)', () => {
    const gen = new Generator(3);
    const rnn = new RNN(2, 3, { dtype: 'float64', generator: gen });
    const x = randn(gen, [3, 2, 2]);
    const h0 = randn(gen, [1, 4, 3]);
    const packed = packPaddedSequence(x, [2, 3], { enforceSorted: false });

    const [, h_n] = rnn.forward(packed, h0);
    const [, h_nExpected] = rnn.forward(packed, ops.narrow(h0, 1, 0, 2));

    expect(h_n.shape).toEqual([1, 2, 3]);
    expectSame(h_n, h_nExpected, 'h_n');
  });

  test('a PackedSequence built by hand (no sorted_indices) runs; the output keeps batch_sizes and no indices', () => {
    const gen = new Generator(4);
    const rnn = new RNN(2, 3, { dtype: 'float64', generator: gen });
    const packed = new PackedSequence(randn(gen, [5, 2]), [3, 2]);

    const [out, h_n] = rnn.forward(packed);

    expect(out.data.shape).toEqual([5, 3]);
    expect(out.sortedIndices).toBeNull();
    expect(h_n.shape).toEqual([1, 3, 3]);
  });
});

// ---- the PyTorch docs' example -----------------------------------------------------------------
describe('the nn.RNN docs example', () => {
  test('rnn = nn.RNN(10, 20, 2); output, hn = rnn(randn(5, 3, 10), randn(2, 3, 20)) gives [5, 3, 20] and [2, 3, 20]', () => {
    const gen = new Generator(0);
    const { result: rnn, warnings } = catchWarnings(() => new RNN(10, 20, 2));
    const input = randn(gen, [5, 3, 10], 'float32');
    const h0 = randn(gen, [2, 3, 20], 'float32');

    const [output, hn] = rnn.forward(input, h0);

    expect(warnings).toEqual([]);
    expect(output.shape).toEqual([5, 3, 20]);
    expect(hn.shape).toEqual([2, 3, 20]);
    expect(output.dtype).toBe('float32');
  });
});
