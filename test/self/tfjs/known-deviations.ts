/**
 * Where @tensorflow/tfjs 4.22 itself deviates from PyTorch 1.13 on golden cases whose features the
 * tfjs adapters claim: these cases FAIL in the conformance report, and that is the finding, not a
 * bug of the adapter (each root cause is reproduced on bare tfjs in deviations.test.ts). Their ids
 * and root causes live in the baseline the adapters ship with (impl/tfjs/baseline.json), so that
 * `npm run conformance -- --adapter tfjs-cpu` exits 0 while still showing them.
 * Here is the failure message each must keep giving: a tfjs upgrade or an adapter change that
 * alters one is noticed, and the baseline (and the report) updated.
 */
import { readFileSync } from 'node:fs';
import type { TfjsBackend } from '../../../impl/tfjs/index.ts';

export interface KnownDeviation {
  /** The failure message the suite reports. */
  message: RegExp;
  /** false: the value comes from uninitialised wasm memory, so the case may also pass. */
  always: boolean;
  why: string;
}

const UNSTACK_GRADIENT = /threw: Argument tensors passed to stack must be a `Tensor\[\]` or `TensorLike\[\]`/;
const EMPTY_GATHER = /output has shape \[1, 1, 0, 2\] but should have \[0, 2\]/;
const ALIASES = /^result after a write to the source\[0\] = 7 but should be /;
const BOOL_FIRST = /^result has dtype bool but should have float32/;
const KEEPS_NEGATIVE_ZERO = /^result\[0\] = -0 but should be 0/;

export const KNOWN_MESSAGES: Record<TfjsBackend, Record<string, RegExp>> = {
  cpu: {
    'rnn/seq_len_1': UNSTACK_GRADIENT,
    'rnn/unbatched_seq_len_1': UNSTACK_GRADIENT,
    'embedding/num_embeddings_0': /threw: Cannot read properties of undefined \(reading 'shape'\)/,
    'tensor/typed_float32': ALIASES,
    'tensor/typed_int32': ALIASES,
    'tensor/random_typed_float32': ALIASES,
    'tensor/bool_float_mix': BOOL_FIRST,
    'tensor/neg_zero_list': KEEPS_NEGATIVE_ZERO,
    'tensor/empty_then_nonempty': /^result has 1 elements for shape \[2, 0\]/,
    'tensor/empty_then_scalar': /^result has 1 elements for shape \[2, 0\]/,
  },
  wasm: {
    'rnn/seq_len_1': UNSTACK_GRADIENT,
    'rnn/unbatched_seq_len_1': UNSTACK_GRADIENT,
    'embedding/num_embeddings_0': EMPTY_GATHER,
    'embedding/num_embeddings_0_padding_0': EMPTY_GATHER,
    'embedding/embedding_dim_0': /output has shape \[1, 1, 2, 0\] but should have \[1, 2, 0\]/,
    'rnn/batch_0': /grad\.bias_(ih|hh)_l\d/,
    'rnn/batch_0_h0_bidir_2layers': /grad\.bias_(ih|hh)_l\d/,
    'rnn/input_size_0': /(output|h_n|grad\.\w+)\[[\d,]+\] = .* but should be/,
    'tensor/bool_float_mix': BOOL_FIRST,
    'tensor/neg_zero_list': KEEPS_NEGATIVE_ZERO,
  },
};

export const SHIPPED_BASELINE = JSON.parse(readFileSync(new URL('../../../impl/tfjs/baseline.json', import.meta.url), 'utf8')) as {
  adapters: Record<string, Record<string, { why: string; mayPass?: boolean }>>;
};

export const KNOWN_DEVIATIONS: Record<TfjsBackend, Record<string, KnownDeviation>> = {
  cpu: deviations('cpu'),
  wasm: deviations('wasm'),
};

function deviations(backend: TfjsBackend): Record<string, KnownDeviation> {
  const listed = SHIPPED_BASELINE.adapters[`tfjs-${backend}`] ?? {};
  return Object.fromEntries(
    Object.entries(listed).map(([id, { why, mayPass }]) => [id, { message: KNOWN_MESSAGES[backend][id] ?? /(?!)/, always: !mayPass, why }]),
  );
}
