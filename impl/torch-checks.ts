/**
 * What PyTorch checks before it computes, for adapters whose backend would silently answer where
 * PyTorch raises (spec §3.4): errors carry PyTorch's exception type as `name` and its exact text.
 * Shared by the ONNX Runtime and tfjs adapters.
 */

export function torchError(type: 'RuntimeError' | 'IndexError' | 'ValueError' | 'TypeError', message: string): Error {
  const e = new Error(message);
  e.name = type;
  return e;
}

export function shapeStr(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

/** pack_padded_sequence's checks of `lengths` for a padded (T, N) input, in PyTorch's order. */
export function checkPacked(lengths: readonly number[], enforceSorted: boolean, T: number, N: number): void {
  if (T === 0 || N === 0) throw torchError('RuntimeError', 'Cannot pack empty tensors.');
  if (lengths.length !== N) {
    throw torchError('RuntimeError', `Expected \`len(lengths)\` to be equal to batch_size, but got ${lengths.length} (batch_size=${N})`);
  }
  if (enforceSorted) {
    for (let b = 1; b < lengths.length; b++) {
      if (lengths[b] > lengths[b - 1]) {
        throw torchError(
          'RuntimeError',
          '`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.',
        );
      }
    }
  }
  // Sorted (as pack_padded_sequence does) the last length is the minimum.
  if (Math.min(...lengths) <= 0) {
    throw torchError('RuntimeError', "Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  }
  // torch 1.13 packs garbage here (spec §5); rnnspec's documented deviation raises instead.
  const i = lengths.findIndex((l) => l > T);
  if (i >= 0) throw torchError('ValueError', `pack_padded_sequence: lengths[${i}]=${lengths[i]} exceeds the padded sequence length ${T}`);
}
