/**
 * Golden cases of group `packing`: torch.nn.utils.rnn's pack_padded_sequence, pack_sequence,
 * pad_sequence, pad_packed_sequence, unpack_sequence and unpad_sequence as each recorded PyTorch
 * version ran them, replayed through the reference emulating that version. Index bookkeeping and values compare exactly (packing copies);
 * errors by Python type and exact message.
 */
import { describe, expect, it } from 'vitest';
import { TorchError, nn, withTorchVersion, type Tensor } from '../../../reference/index.ts';
import { compareTensors, type Comparable } from '../../harness/compare.ts';
import { TORCH_VERSIONS, decodeJsValue, decodeTensor, loadGolden, type GoldenCase, type TensorJson } from '../../harness/golden.ts';
import { EXACT } from '../../harness/tolerances.ts';
import { asReferenceTensor, tensorOf } from './tensors.ts';

const { PackedSequence, packPaddedSequence, packSequence, padSequence, padPackedSequence, unpackSequence, unpadSequence } = nn.utils.rnn;

/** Runs the case's function; returns its outputs under the names the fixture uses. */
function run(c: GoldenCase): Record<string, Comparable | Comparable[] | null> {
  const a = decodeJsValue(c.args, (t) => t) as Record<string, unknown>;
  const inputs = (c.inputs ?? {}) as Record<string, unknown>;
  const opt = <T>(key: string): T | undefined => (a[key] === null || a[key] === undefined ? undefined : (a[key] as T));
  const lengths = inputs.lengths === undefined ? undefined : (decodeJsValue(inputs.lengths, asReferenceTensor) as number[]);
  const packedIn = () => {
    const p = inputs.packed as Record<string, unknown>;
    return new PackedSequence(tensorOf(p.data), tensorOf(p.batch_sizes), p.sorted_indices ? tensorOf(p.sorted_indices) : null, p.unsorted_indices ? tensorOf(p.unsorted_indices) : null);
  };
  // a list of fixture tensors, or any other JS value a caller may pass (an iterable, a Tensor, a number)
  const sequences = () =>
    (Array.isArray(inputs.sequences) ? inputs.sequences.map(tensorOf) : decodeJsValue(inputs.sequences, asReferenceTensor)) as Tensor[];
  const packedOut = (p: InstanceType<typeof PackedSequence>) => ({
    data: p.data, batch_sizes: p.batchSizes, sorted_indices: p.sortedIndices, unsorted_indices: p.unsortedIndices,
  });
  switch (a.fn) {
    case 'pack_padded_sequence':
      return packedOut(packPaddedSequence(tensorOf(inputs.input), lengths!, { batchFirst: opt('batch_first'), enforceSorted: opt('enforce_sorted') }));
    case 'pack_sequence':
      return packedOut(packSequence(sequences(), { enforceSorted: opt('enforce_sorted') }));
    case 'pad_sequence':
      return { padded: padSequence(sequences(), { batchFirst: opt('batch_first'), paddingValue: opt('padding_value'), paddingSide: opt('padding_side') }) };
    case 'pad_packed_sequence': {
      const [padded, lens] = padPackedSequence(packedIn(), { batchFirst: opt('batch_first'), paddingValue: opt('padding_value'), totalLength: opt('total_length') });
      return { padded, lengths: lens };
    }
    case 'unpack_sequence':
      return { sequences: unpackSequence(packedIn()) };
    case 'unpad_sequence':
      return { sequences: unpadSequence(tensorOf(inputs.input), lengths!, { batchFirst: opt('batch_first') }) };
    default:
      throw new Error(`unknown packing fn ${String(a.fn)} in ${c.id}`);
  }
}

describe.each(TORCH_VERSIONS.map((v) => [v]))('golden packing cases of PyTorch %s', (torch) => {
  const cases = loadGolden({ torch }).cases.filter((c) => c.group === 'packing');
  it('there are packing cases', () => expect(cases.length).toBeGreaterThan(40));
  it.each(cases.map((c) => [c.id, c] as const))(`%s matches PyTorch ${torch}`, (_id, c) => withTorchVersion(torch, () => {
    let outputs: ReturnType<typeof run>;
    try {
      outputs = run(c);
    } catch (e) {
      if (!c.expected.error || !(e instanceof TorchError)) throw e;
      expect({ type: e.name, message: e.message }).toEqual({ type: c.expected.error.type, message: c.expected.error.message });
      return;
    }
    expect(c.expected.error, `expected ${c.expected.error?.type}: ${c.expected.error?.message}`).toBeUndefined();
    const expected = c.expected.outputs as Record<string, unknown>;
    const context = `packing case=${c.id} torch=${torch} impl=reference`;
    for (const [name, value] of Object.entries(outputs)) {
      if (value === null) {
        expect(expected[name], `${name} should be ${JSON.stringify(expected[name])?.slice(0, 60)} but is None [${context}]`).toBeUndefined();
        continue;
      }
      const want = Array.isArray(value) ? (expected[name] as TensorJson[]) : [expected[name] as TensorJson];
      const got = Array.isArray(value) ? value : [value];
      expect(got.length, `${name} count [${context}]`).toBe(want.length);
      got.forEach((t, k) => {
        const cmp = compareTensors(t, decodeTensor(want[k]), { name: Array.isArray(value) ? `${name}[${k}]` : name, tolerance: EXACT, context });
        expect(cmp.ok, cmp.message).toBe(true);
      });
    }
    expect(Object.keys(expected).filter((k) => !(k in outputs))).toEqual([]);
  }));
});
