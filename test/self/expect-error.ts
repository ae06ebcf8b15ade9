/** Asserts that `fn` raises PyTorch's exception: the Python type (as `name`) and the exact text. */
import { expect } from 'vitest';

export function expectError(fn: () => unknown, type: string, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected ${type}: ${message}`).toBeInstanceOf(Error);
  expect({ type: (caught as Error).name, message: (caught as Error).message }).toEqual({ type, message });
}
