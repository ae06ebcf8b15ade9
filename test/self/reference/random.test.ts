/**
 * The reference's random source, rnnspec's own (PyTorch's streams are not reproduced): xoshiro128**
 * seeded through splitmix32, 53-bit doubles, Box-Muller normals. The known answers below come from an
 * independent Python implementation of those three algorithms (not from this code), so the stream a
 * seed gives cannot change unnoticed; `manualSeed` reseeds the default generator, as `torch.manual_seed` does.
 */
import { describe, expect, it } from 'vitest';
import { Generator, defaultGenerator, manualSeed } from '../../../reference/random.ts';

describe('Generator streams', () => {
  it('random() gives the 53-bit doubles of xoshiro128** seeded through splitmix32 (known answers)', () => {
    const zero = new Generator(0);
    expect([zero.random(), zero.random(), zero.random()]).toEqual([0.8868539502021594, 0.012474988946590604, 0.032522145755498943]);
    const other = new Generator(20261130);
    expect([other.random(), other.random(), other.random()]).toEqual([0.5747965807520575, 0.6430807019919854, 0.5232445350855075]);
  });

  it('normal() gives Box-Muller pairs, the cosine first and the sine next (known answers)', () => {
    // Python's libm and V8's fdlibm-derived log/sin/cos may differ in the last bit: 1e-14 relative
    // is about 45 ulps, while a wrong sign, a lost spare or another draw order is off in the first digit
    const close = (actual: number[], expected: number[]) => actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThan(1e-14 * Math.abs(expected[i])));
    const zero = new Generator(0);
    close([zero.normal(), zero.normal(), zero.normal()], [0.48854632132701026, 0.03837218016081414, 2.5868475608858597]);
    const other = new Generator(20261130);
    close([other.normal(), other.normal(), other.normal()], [-0.6549842706022114, -0.8236951815010689, 0.734675801440292]);
    expect(new Generator(0).normal(3, 2)).toBeCloseTo(3 + 2 * 0.48854632132701026, 12);
  });

  it('bernoulli(p) is 1 exactly when the next double is below p: P(U < p) = p on the 2^-53 grid', () => {
    const next = new Generator(7).random();
    expect(new Generator(7).bernoulli(next)).toBe(0); // U = p is not below p
    expect(new Generator(7).bernoulli(next + 2 ** -53)).toBe(1);
  });
});

describe('manualSeed', () => {
  it('reseeds the default generator and returns it: its draws then are those of a new Generator(seed)', () => {
    defaultGenerator.random(); // wherever it stood before
    expect(manualSeed(42)).toBe(defaultGenerator);
    const fresh = new Generator(42);
    expect([defaultGenerator.random(), defaultGenerator.random()]).toEqual([fresh.random(), fresh.random()]);
    expect(new Generator(43).random()).not.toBe(new Generator(42).random());
  });
});
