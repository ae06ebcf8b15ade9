/**
 * Dropout between the layers of the reference nn.RNN (docs/spec.md §3.1, §3.2), observed through a
 * two-layer ReLU RNN built so that its output IS the scaled keep-mask of layer 0's output:
 * layer 0 maps an input of ones to ones (W_ih_l0 = 1, W_hh_l0 = 0, no bias) and layer 1 passes its input
 * through (W_ih_l1 = I, W_hh_l1 = 0), so output = relu(mask * 1/(1-p)) = mask * 1/(1-p) exactly.
 */
import { describe, expect, it } from 'vitest';
import { Generator, Tensor } from '../../../reference/index.ts';
import { RNN } from '../../../reference/rnn.ts';

/** The mask-revealing RNN with hidden size H in float64. */
function maskRevealer(H: number, dropout: number, generator = new Generator(0)): RNN {
  const rnn = new RNN(1, H, 2, { nonlinearity: 'relu', bias: false, dropout, dtype: 'float64', generator });
  const set = (name: string, value: (i: number, j: number) => number) => {
    const w = rnn.getParameter(name);
    const cols = w.shape[1];
    (w.data as Float64Array).forEach((_, k) => ((w.data as Float64Array)[k] = value(Math.floor(k / cols), k % cols)));
  };
  set('weight_ih_l0', () => 1);
  set('weight_hh_l0', () => 0);
  set('weight_ih_l1', (i, j) => (i === j ? 1 : 0));
  set('weight_hh_l1', () => 0);
  return rnn;
}

const ones = (shape: number[]) => new Tensor('float64', shape)._applyInplace(() => 1);
const values = (t: Tensor) => Array.from(t.data as Float64Array);

describe('nn.RNN dropout masks drawn by the reference generator (no masks given)', () => {
  it('keeps each element with probability 1 - p: over 20,000 draws the keep rate is within a Hoeffding bound of false-alarm probability 1e-9', () => {
    const p = 0.3;
    const [L, N, H] = [50, 4, 100];
    const n = L * N * H;
    const [out] = maskRevealer(H, p, new Generator(20261130)).forward(ones([L, N, 1]));
    const kept = values(out).filter((v) => v !== 0).length;
    // Hoeffding: P(|kept/n - (1-p)| >= t) <= 2 exp(-2 n t^2); t for 1e-9 is sqrt(ln(2e9) / (2n)) = 0.0231 at n = 20,000.
    // A generator keeping with probability 1 + p (all kept), p (0.3) or never (0) is farther than t from 0.7.
    const t = Math.sqrt(Math.log(2 / 1e-9) / (2 * n));
    expect(t).toBeLessThan(0.03);
    expect(Math.abs(kept / n - (1 - p))).toBeLessThan(t);
  });

  it('every kept float64 element is 1/(1-p) in float64, and every dropped one is 0', () => {
    const p = 0.3;
    const [out] = maskRevealer(8, p, new Generator(7)).forward(ones([6, 2, 1]));
    const scale = 1 / (1 - 0.3); // 1.4285714285714286 in float64; float32's fl32(1/fl32(0.7)) is 1.4285714626312256
    expect(new Set(values(out))).toEqual(new Set([0, scale]));
  });

  it('the same generator seed gives the same masks, another seed other masks', () => {
    const run = (seed: number) => values(maskRevealer(8, 0.5, new Generator(seed)).forward(ones([4, 2, 1]))[0]);
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });
});

describe('nn.RNN float64 dropout with injected masks scales by the float64 1/(1-p)', () => {
  it.each([
    // [p, 1/(1-p) in float64]; each differs from float32's fl32(1/fl32(1-p)), the scale float32 weights get
    [0.3, 1.4285714285714286],
    [0.1, 1.1111111111111112],
    [0.9, 10.000000000000002],
  ])('p = %s: a kept element is %s', (p, scale) => {
    expect(Math.fround(1 / Math.fround(1 - p))).not.toBe(scale);
    const mask = new Tensor('float64', [2, 1, 3]);
    (mask.data as Float64Array).set([1, 0, 1, 0, 1, 1]);
    const [out] = maskRevealer(3, p).forward(ones([2, 1, 1]), null, { dropoutMasks: [mask] });
    expect(values(out)).toEqual([scale, 0, scale, 0, scale, scale]);
  });

  it('in eval mode no mask acts: the output is the ones of layer 0', () => {
    const rnn = maskRevealer(3, 0.3).eval();
    expect(values(rnn.forward(ones([2, 1, 1]))[0])).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('which draws the reference makes for dropout, and which masks it accepts', () => {
  it('the masks are bernoulli(1 - p) draws taken row-major over each non-final layer output, one draw per element and no more', () => {
    const [p, L, N, H] = [0.4, 3, 2, 5];
    const drawing = new Generator(11);
    const [out] = maskRevealer(H, p, drawing).forward(ones([L, N, 1]));
    const replay = new Generator(11);
    maskRevealer(H, p, replay); // the same parameter draws
    const expected = Array.from({ length: L * N * H }, () => replay.bernoulli(1 - p) * (1 / (1 - p)));
    expect(values(out)).toEqual(expected);
    expect(drawing.random()).toBe(replay.random()); // the forward drew nothing more
  });

  it('dropout 0 in training mode draws nothing from the generator (at::dropout returns its input at p = 0)', () => {
    const drawing = new Generator(12);
    const rnn = maskRevealer(3, 0, drawing);
    const replay = new Generator(12);
    maskRevealer(3, 0, replay);
    expect(values(rnn.forward(ones([2, 1, 1]))[0])).toEqual([1, 1, 1, 1, 1, 1]);
    expect(drawing.random()).toBe(replay.random());
  });

  it('a one-layer RNN with dropout has no layer to drop out after: it draws nothing and ignores injected masks', () => {
    const drawing = new Generator(13);
    const rnn = new RNN(1, 3, 1, { dropout: 0.5, dtype: 'float64', generator: drawing });
    const replay = new Generator(13);
    new RNN(1, 3, 1, { dropout: 0.5, dtype: 'float64', generator: replay });
    const x = ones([2, 1, 1]);
    const [trained] = rnn.forward(x, null, { dropoutMasks: [ones([2, 1, 3])] });
    expect(drawing.random()).toBe(replay.random());
    expect(values(trained)).toEqual(values(rnn.eval().forward(x)[0]));
  });

  it('unbatched input takes its masks as (L, D*H) or as the batched (L, 1, D*H), with the batched result', () => {
    const mask = (shape: number[]) => {
      const m = new Tensor('float64', shape);
      (m.data as Float64Array).set([1, 0, 1, 1, 1, 0]);
      return m;
    };
    const p = 0.5;
    const [batched] = maskRevealer(3, p).forward(ones([2, 1, 1]), null, { dropoutMasks: [mask([2, 1, 3])] });
    expect(values(batched)).toEqual([2, 0, 2, 2, 2, 0]);
    for (const shape of [[2, 3], [2, 1, 3]]) {
      const [out] = maskRevealer(3, p).forward(ones([2, 1]), null, { dropoutMasks: [mask(shape)] });
      expect(out.shape).toEqual([2, 3]);
      expect(values(out)).toEqual(values(batched));
    }
  });

  it('a mask holding anything but 0 and 1, even in one element, is refused', () => {
    const mask = new Tensor('float64', [2, 1, 3]);
    (mask.data as Float64Array).set([1, 0, 1, 0.5, 1, 0]);
    expect(() => maskRevealer(3, 0.5).forward(ones([2, 1, 1]), null, { dropoutMasks: [mask] })).toThrow('rnnspec: a dropout mask must hold only 0 and 1');
  });
});
