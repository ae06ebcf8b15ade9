/**
 * Golden cases of group `rnn`: nn.RNN as each recorded PyTorch version ran it (padded, unbatched and packed input,
 * with and without h0, dropout with the very masks torch drew), replayed through the reference
 * emulating that version (positional constructor arguments bound as that version binds them):
 * outputs and every gradient under the one tolerance rule (toleranceForCase), packing bookkeeping exactly, errors by
 * phase, Python type and exact message, warnings by text. Cases with a `deviation` are the
 * documented places where rnnspec raises instead of copying a silent wrong answer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  RNN, Tensor, TorchError, catchWarnings, isFloatingPoint, nn, ops, withTorchVersion, type RNNArgument, type RNNOptions,
} from '../../../reference/index.ts';
import { compareTensors, type Comparable } from '../../harness/compare.ts';
import { TORCH_VERSIONS, decodeJsValue, decodeTensor, loadGolden, type GoldenCase, type TensorJson, type TorchVersion } from '../../harness/golden.ts';
import { flushHeadroom, recordHeadroom } from '../../harness/headroom.ts';
import { EXACT, toleranceForCase } from '../../harness/tolerances.ts';
import { rnnArgumentsOf, rnnInputOf } from '../../conformance/cases.ts';
import { tensorOf } from './tensors.ts';

const leaf = (json: unknown): Tensor => {
  const t = tensorOf(json);
  return isFloatingPoint(t.dtype) ? t.requiresGrad_() : t;
};

type Phase = 'construct' | 'forward' | 'backward';

function replay(c: GoldenCase, torch: TorchVersion): void {
  const a = decodeJsValue(c.args, (t) => t) as Record<string, unknown>;
  const inputs = (c.inputs ?? {}) as Record<string, unknown>;
  const context = `rnn case=${c.id} torch=${torch} impl=reference`;
  let phase: Phase = 'construct';
  const { warnings } = catchWarnings(() => {
    try {
      const { inputSize, hiddenSize, positional, options, training } = rnnArgumentsOf(c);
      const rnn = positional ? new RNN(...(positional as [number, number, ...RNNArgument[]]), options as RNNOptions) : new RNN(inputSize, hiddenSize, options as RNNOptions);
      if (!training) rnn.eval();
      if (c.params && Object.keys(c.params).length > 0) rnn.loadStateDict(Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, tensorOf(v)])));
      phase = 'forward';
      const input = leaf(inputs.input);
      const h0 = inputs.h0 ? leaf(inputs.h0) : null;
      const dropoutMasks = (inputs.dropout_masks as unknown[] | undefined)?.map(tensorOf);
      const batchFirst = (a.batch_first as boolean | null) ?? false;
      let output: Tensor;
      let h_n: Tensor;
      const extra: Record<string, Comparable> = {};
      if (inputs.lengths !== undefined) {
        const lengths = decodeJsValue(inputs.lengths, (t) => t) as number[];
        const packed = nn.utils.rnn.packPaddedSequence(input, lengths, { batchFirst, enforceSorted: (inputs.enforce_sorted as boolean | undefined) ?? true });
        const [out, hn] = rnn.forward(packed, h0, { dropoutMasks });
        [output] = nn.utils.rnn.padPackedSequence(out, { batchFirst });
        h_n = hn;
        extra.output_data = out.data;
        extra.batch_sizes = out.batchSizes;
        if (out.sortedIndices) extra.sorted_indices = out.sortedIndices;
        if (out.unsortedIndices) extra.unsorted_indices = out.unsortedIndices;
      } else {
        [output, h_n] = rnn.forward(input, h0, { dropoutMasks });
      }
      const dtype = rnn.getParameter('weight_ih_l0').dtype;
      const outputs = c.expected.outputs as Record<string, TensorJson> | undefined;
      if (!c.expected.error) {
        const check = (name: string, actual: Comparable, quantity: 'forward' | 'gradient' | 'exact') => {
          const expected = decodeTensor((name.startsWith('grad.') ? (c.expected.grads as Record<string, TensorJson>)[name.slice(5)] : outputs![name]));
          const tol = quantity === 'exact' ? EXACT : toleranceForCase('rnn', rnnInputOf(c, torch), name, expected.dtype);
          const cmp = compareTensors(actual, expected, { name, tolerance: tol, context });
          recordHeadroom('rnn', `${c.id}@${torch}`, name, cmp);
          expect(cmp.ok, cmp.message).toBe(true);
        };
        check('output', output, 'forward');
        check('h_n', h_n, 'forward');
        for (const [name, t] of Object.entries(extra)) {
          if (name in outputs!) check(name, t, name === 'output_data' ? 'forward' : 'exact');
        }
        expect(Object.keys(outputs!).filter((k) => !['output', 'h_n'].includes(k) && !(k in extra))).toEqual([]);
        expect(dtype).toBe(output.dtype);
      }
      if (c.expected.error && c.expected.error.phase !== 'backward') {
        expect.fail(`expected ${c.expected.error.type} at ${c.expected.error.phase}, got no error [${context}]`);
      }
      if (!c.expected.grads && !c.expected.error) return;
      phase = 'backward';
      const loss = ops.add(ops.sum(ops.mul(output, tensorOf(c.upstream!.output))), ops.sum(ops.mul(h_n, tensorOf(c.upstream!.h_n))));
      loss.backward();
      expect(c.expected.error, `expected ${c.expected.error?.type} at backward, got no error [${context}]`).toBeUndefined();
      const grads = c.expected.grads as Record<string, TensorJson>;
      const actual: Record<string, Tensor | null> = {
        input: input.grad as Tensor | null,
        ...(h0 ? { h0: h0.grad as Tensor | null } : {}),
        ...Object.fromEntries(rnn.namedParameters().map(([k, p]) => [k, p.grad as Tensor | null])),
      };
      expect(Object.keys(actual).sort()).toEqual(Object.keys(grads).sort());
      for (const [name, g] of Object.entries(actual)) {
        expect(g, `grad.${name} is missing [${context}]`).toBeInstanceOf(Tensor);
        const expected = decodeTensor(grads[name]);
        const cmp = compareTensors(g!, expected, { name: `grad.${name}`, tolerance: toleranceForCase('rnn', rnnInputOf(c, torch), `grad.${name}`, expected.dtype), context });
        recordHeadroom('rnn', `${c.id}@${torch}`, `grad.${name}`, cmp);
        expect(cmp.ok, cmp.message).toBe(true);
      }
    } catch (e) {
      const expected = c.expected.error;
      if (!expected || !(e instanceof TorchError)) throw e; // a failed assertion or a crash
      expect({ phase, type: e.name, message: e.message }).toEqual({ phase: expected.phase, type: expected.type, message: expected.message });
    }
  });
  expect(warnings.map((w) => ({ type: w.type, message: w.message }))).toEqual(c.expected.warnings ?? []);
}

describe.each(TORCH_VERSIONS.map((v) => [v]))('golden rnn cases of PyTorch %s', (torch) => {
  const cases = loadGolden({ torch }).cases.filter((c) => c.group === 'rnn');
  afterAll(() => flushHeadroom('rnn'));
  it('there are rnn cases', () => expect(cases.length).toBeGreaterThan(200));
  it.each(cases.map((c) => [c.id, c] as const))(`%s matches PyTorch ${torch}`, (_id, c) => withTorchVersion(torch, () => replay(c, torch)));
});
