/**
 * nn.RNN's argument handling, kept apart from the recurrence in rnn.ts: Python's argument binding
 * (which differs between versions: the 4th positional argument is `bias` in 1.13 and `nonlinearity`
 * from 2.x on), `float(dropout)` and its range check, the checks of hidden_size and num_layers 2.x
 * added, and the TypeError `_VF.rnn_tanh` raises for non-bool flags, each with the exact text of the
 * PyTorch version in force (version.ts; Python 3.11 wording; docs/spec.md §3.1, §3.4).
 */
import { PyTypeError, ValueError } from './errors.ts';
import { pythonTypeName } from './python.ts';
import { sinceTorch, torchAtLeast } from './version.ts';
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
const SNAKE: Record<string, string> = {
  numLayers: 'num_layers', nonlinearity: 'nonlinearity', bias: 'bias', batchFirst: 'batch_first', dropout: 'dropout', bidirectional: 'bidirectional',
};

/** A positional argument after hidden_size, or (last) the keyword options. */
export type RNNArgument = number | string | boolean | RNNOptions;

/** The options nn.RNN binds, by position, after input_size and hidden_size, in the version in force. */
export function rnnPositionalNames(): Array<keyof RNNOptions> {
  return sinceTorch<Array<keyof RNNOptions>>(
    '2.6',
    ['numLayers', 'nonlinearity', 'bias', 'batchFirst', 'dropout', 'bidirectional'], // RNN.__init__ takes args[3] as nonlinearity
    ['numLayers', 'bias', 'batchFirst', 'dropout', 'bidirectional'], // RNNBase(mode, input_size, hidden_size, num_layers, bias, ...)
  );
}

/** What Python does before RNNBase.__init__'s body: RNN.__init__'s checks, then argument binding. */
export function bindArguments(inputSize: unknown, hiddenSize: unknown, args: readonly RNNArgument[]) {
  const last = args[args.length - 1];
  const keywords: RNNOptions = typeof last === 'object' && last !== null ? last : {};
  const positional = keywords === last ? args.slice(0, -1) : args;
  if ('projSize' in keywords) throw new ValueError('proj_size argument is only supported for LSTM, not RNN or GRU');
  const names = rnnPositionalNames();
  if (positional.length > names.length) {
    throw new PyTypeError(`rnnspec: nn.RNN takes at most ${names.length + 2} positional arguments (${['input_size', 'hidden_size', ...names.map((n) => SNAKE[n])].join(', ')}) but ${positional.length + 2} were given`);
  }
  const byPosition: Record<string, unknown> = Object.fromEntries(positional.map((v, i) => [names[i], v]));
  // 2.x: RNN.__init__ pops args[3] as the nonlinearity; a nonlinearity keyword then reaches RNNBase, which has none
  if (torchAtLeast('2.6') && 'nonlinearity' in byPosition && keywords.nonlinearity !== undefined) {
    throw new PyTypeError("RNNBase.__init__() got an unexpected keyword argument 'nonlinearity'");
  }
  const nonlinearity = (byPosition.nonlinearity ?? keywords.nonlinearity ?? 'tanh') as string;
  if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
    throw new ValueError(sinceTorch('2.6', `Unknown nonlinearity '${pyStr(nonlinearity)}'. Select from 'tanh' or 'relu'.`, `Unknown nonlinearity '${pyStr(nonlinearity)}'`));
  }
  const unknown = Object.keys(keywords).find((k) => !OPTION_NAMES.has(k));
  if (unknown !== undefined) throw new PyTypeError(`RNNBase.__init__() got an unexpected keyword argument '${unknown}'`);
  // (a nonlinearity given both ways was refused above; 1.13 has no positional nonlinearity)
  const twice = Object.keys(byPosition).find((k) => keywords[k as keyof RNNOptions] !== undefined);
  if (twice !== undefined) throw new PyTypeError(`RNNBase.__init__() got multiple values for argument '${SNAKE[twice]}'`);
  if (inputSize === undefined) throw new PyTypeError("RNNBase.__init__() missing 2 required positional arguments: 'input_size' and 'hidden_size'");
  if (hiddenSize === undefined) throw new PyTypeError("RNNBase.__init__() missing 1 required positional argument: 'hidden_size'");
  const opts = { ...keywords, ...byPosition } as RNNOptions;
  // an explicit None (null) is a value, not a missing argument: RNNBase's checks refuse it
  return { numLayers: opts.numLayers === undefined ? 1 : opts.numLayers, opts, nonlinearity: nonlinearity as 'tanh' | 'relu' };
}

/** Python's str() of a value a caller passed as the nonlinearity (`False`, `1`, `relu`). */
function pyStr(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/**
 * RNNBase.__init__'s checks of hidden_size and num_layers: 2.x tests both up front; 1.13 had no such
 * check and failed later, with proj_size's message for hidden_size <= 0 and an IndexError from
 * flatten_parameters for num_layers <= 0 (that one is raised in rnn.ts, after the parameters exist).
 */
export function checkSizes(hiddenSize: unknown, numLayers: unknown): void {
  if (torchAtLeast('2.6')) {
    if (!(Number.isInteger(hiddenSize) || typeof hiddenSize === 'boolean')) {
      throw new PyTypeError(`hidden_size should be of type int, got: ${pythonTypeName(hiddenSize)}`);
    }
    if ((hiddenSize as number) <= 0) throw new ValueError('hidden_size must be greater than zero');
    if (typeof numLayers !== 'number' && typeof numLayers !== 'boolean') {
      throw new PyTypeError(`'<=' not supported between instances of '${pythonTypeName(numLayers)}' and 'int'`);
    }
    if (Number(numLayers) <= 0) throw new ValueError('num_layers must be greater than zero');
    return;
  }
  if ((hiddenSize as number) <= 0) throw new ValueError('proj_size has to be smaller than hidden_size'); // 1.13's (misleading) text
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

/**
 * The argument parser of `_VF.rnn_tanh` / `_VF.rnn_relu`, which forward calls. 1.13 tests bias, batch_first
 * and bidirectional for truthiness only (#136954), and both versions build one layer for num_layers=True:
 * the parser then refuses a flag that is no bool, or a bool num_layers.
 */
export function checkVFArguments(rnn: { bias: unknown; bidirectional: unknown; batchFirst: unknown; numLayers: unknown; mode: 'RNN_TANH' | 'RNN_RELU'; parameters(): unknown[] }, packed: boolean): void {
  const flags = packed ? [rnn.bias, rnn.bidirectional] : [rnn.bias, rnn.bidirectional, rnn.batchFirst];
  if (flags.every((f) => typeof f === 'boolean') && typeof rnn.numLayers !== 'boolean') return;
  const got = [...(packed ? ['Tensor', 'Tensor', 'Tensor'] : ['Tensor', 'Tensor']), 'list', pythonTypeName(rnn.bias), pythonTypeName(rnn.numLayers), 'float', 'bool', pythonTypeName(rnn.bidirectional)];
  // 2.x names the list's element types in the mismatch marks: `!list of [Parameter, Parameter]!`
  const params = `list of [${rnn.parameters().map(() => 'Parameter').join(', ')}]`;
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
    (sig) => ` * (${sig.join(', ')})\n      didn't match because some of the arguments have invalid types: (${got.map((t, i) => (accepts(sig[i], t) ? t : `!${t === 'list' && torchAtLeast('2.6') ? params : t}!`)).join(', ')})\n`,
  );
  const name = rnn.mode === 'RNN_TANH' ? 'rnn_tanh' : 'rnn_relu';
  throw new PyTypeError(`${name}() received an invalid combination of arguments - got (${got.join(', ')}), but expected one of:\n${lines.join('')}`);
}
