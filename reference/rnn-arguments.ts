/**
 * nn.RNN's argument handling in PyTorch 1.13, kept apart from the recurrence in rnn.ts: Python's
 * argument binding, `float(dropout)` and its range check, and the TypeError `_VF.rnn_tanh` raises
 * for non-bool flags, each with 1.13's exact text (Python 3.11 wording; spec §3.1, §3.4).
 */
import { PyTypeError, ValueError } from './errors.ts';
import { pythonTypeName } from './python.ts';
import type { DType } from './dtype.ts';
import type { Generator } from './random.ts';

/** nn.RNN's keyword arguments (PyTorch's names in camelCase). */
export interface RNNOptions {
  numLayers?: number;
  nonlinearity?: 'tanh' | 'relu';
  bias?: boolean;
  batchFirst?: boolean;
  dropout?: number;
  bidirectional?: boolean;
  dtype?: DType;
  /** Draws the initial weights (and dropout masks not given to forward); default: defaultGenerator. */
  generator?: Generator;
}

const OPTION_NAMES = new Set(['numLayers', 'nonlinearity', 'bias', 'batchFirst', 'dropout', 'bidirectional', 'dtype', 'generator']);

/** What Python does before RNNBase.__init__'s body: RNN.__init__'s checks, then argument binding. */
export function bindArguments(inputSize: unknown, hiddenSize: unknown, numLayersOrOptions: number | RNNOptions | undefined, options: RNNOptions) {
  const opts = typeof numLayersOrOptions === 'object' && numLayersOrOptions !== null ? numLayersOrOptions : options;
  if ('projSize' in opts) throw new ValueError('proj_size argument is only supported for LSTM, not RNN or GRU');
  const nonlinearity = opts.nonlinearity ?? 'tanh';
  if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new ValueError(`Unknown nonlinearity '${nonlinearity}'`);
  const unknown = Object.keys(opts).find((k) => !OPTION_NAMES.has(k));
  if (unknown !== undefined) throw new PyTypeError(`RNNBase.__init__() got an unexpected keyword argument '${unknown}'`);
  if (typeof numLayersOrOptions === 'number' && opts.numLayers !== undefined) {
    throw new PyTypeError("RNNBase.__init__() got multiple values for argument 'num_layers'");
  }
  if (inputSize === undefined) throw new PyTypeError("RNNBase.__init__() missing 2 required positional arguments: 'input_size' and 'hidden_size'");
  if (hiddenSize === undefined) throw new PyTypeError("RNNBase.__init__() missing 1 required positional argument: 'hidden_size'");
  const numLayers = typeof numLayersOrOptions === 'number' ? numLayersOrOptions : (opts.numLayers ?? 1);
  return { numLayers, opts, nonlinearity };
}

/** `self.dropout = float(dropout)`, then the range check. */
export function checkDropout(dropout: unknown): number {
  if (dropout === null) throw new PyTypeError("float() argument must be a string or a real number, not 'NoneType'");
  if (typeof dropout === 'string' && (dropout.trim() === '' || Number.isNaN(Number(dropout))) && !/^\s*[+-]?(inf|infinity|nan)\s*$/i.test(dropout)) {
    throw new ValueError(`could not convert string to float: '${dropout}'`);
  }
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
    throw new ValueError('dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
  }
  return dropout;
}

/** 1.13 tests bias, batch_first and bidirectional for truthiness only; `_VF.rnn_tanh` then refuses non-bools (#136954). */
export function checkFlagsAreBools(rnn: { bias: unknown; bidirectional: unknown; batchFirst: unknown; mode: 'RNN_TANH' | 'RNN_RELU' }, packed: boolean): void {
  const flags = packed ? [rnn.bias, rnn.bidirectional] : [rnn.bias, rnn.bidirectional, rnn.batchFirst];
  if (flags.every((f) => typeof f === 'boolean')) return;
  const got = [...(packed ? ['Tensor', 'Tensor', 'Tensor'] : ['Tensor', 'Tensor']), 'list', pythonTypeName(rnn.bias), 'int', 'float', 'bool', pythonTypeName(rnn.bidirectional)];
  if (!packed) got.push(pythonTypeName(rnn.batchFirst));
  const signatures = [
    ['Tensor data', 'Tensor batch_sizes', 'Tensor hx', 'tuple of Tensors params', 'bool has_biases', 'int num_layers', 'float dropout', 'bool train', 'bool bidirectional'],
    ['Tensor input', 'Tensor hx', 'tuple of Tensors params', 'bool has_biases', 'int num_layers', 'float dropout', 'bool train', 'bool bidirectional', 'bool batch_first'],
  ];
  const accepts = (param: string, type: string) => {
    const wanted = param.slice(0, param.lastIndexOf(' '));
    return wanted === type || (wanted === 'float' && type === 'int'); // a list is no "tuple of Tensors" here
  };
  const lines = signatures.map(
    (sig) => ` * (${sig.join(', ')})\n      didn't match because some of the arguments have invalid types: (${got.map((t, i) => (accepts(sig[i], t) ? t : `!${t}!`)).join(', ')})\n`,
  );
  const name = rnn.mode === 'RNN_TANH' ? 'rnn_tanh' : 'rnn_relu';
  throw new PyTypeError(`${name}() received an invalid combination of arguments - got (${got.join(', ')}), but expected one of:\n${lines.join('')}`);
}
