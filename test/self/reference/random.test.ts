/** The reference's random source: `manualSeed` reseeds the default generator, as `torch.manual_seed` does. */
import { describe, expect, it } from 'vitest';
import { Generator, defaultGenerator, manualSeed } from '../../../reference/random.ts';

describe('manualSeed', () => {
  it('reseeds the default generator and returns it: its draws then are those of a new Generator(seed)', () => {
    defaultGenerator.random(); // wherever it stood before
    expect(manualSeed(42)).toBe(defaultGenerator);
    const fresh = new Generator(42);
    expect([defaultGenerator.random(), defaultGenerator.random()]).toEqual([fresh.random(), fresh.random()]);
    expect(new Generator(43).random()).not.toBe(new Generator(42).random());
  });
});
