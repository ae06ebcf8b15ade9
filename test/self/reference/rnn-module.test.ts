/**
 * nn.RNN as a module (docs/spec.md §3.1): parameter names, order and shapes,
 * the U(-1/sqrt(H), 1/sqrt(H)) init from rnnspec's generator, state dicts, train/eval, and every
 * construction and forward error of the §3.4 table a JavaScript caller can trigger, with PyTorch
 * 1.13's exception type and exact text (each text as the spec records it from torch 1.13).
 */
import { asTorch } from '../torch-version.ts';
import { beforeEach, describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Generator, Tensor, catchWarnings, tensor } from '../../../reference/index.ts';
import { RNN, type RNNOptions } from '../../../reference/rnn.ts';
import { PackedSequence, packPaddedSequence } from '../../../reference/packed-sequence.ts';
import { optionsArb, randn } from '../../harness/arbitraries/rnn.ts';
import { expectError } from '../expect-error.ts';

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 40 }); // keeps a seed fixed by the mutation run


const zeros = (shape: number[], dtype: 'float32' | 'float64' = 'float32') => new Tensor(dtype, shape);

describe('nn.RNN parameters', () => {
  test('RNN(3, 4, 2, bidirectional) registers PyTorch names in PyTorch order with the documented shapes', () => {
    const rnn = new RNN(3, 4, 2, { bidirectional: true });

    const shapes = rnn.namedParameters().map(([name, p]) => [name, p.shape]);

    expect(shapes).toEqual([
      ['weight_ih_l0', [4, 3]], ['weight_hh_l0', [4, 4]], ['bias_ih_l0', [4]], ['bias_hh_l0', [4]],
      ['weight_ih_l0_reverse', [4, 3]], ['weight_hh_l0_reverse', [4, 4]], ['bias_ih_l0_reverse', [4]], ['bias_hh_l0_reverse', [4]],
      ['weight_ih_l1', [4, 8]], ['weight_hh_l1', [4, 4]], ['bias_ih_l1', [4]], ['bias_hh_l1', [4]],
      ['weight_ih_l1_reverse', [4, 8]], ['weight_hh_l1_reverse', [4, 4]], ['bias_ih_l1_reverse', [4]], ['bias_hh_l1_reverse', [4]],
    ]);
  });

  test('bias=false registers only the weights; every parameter is a float32 leaf that requires grad', () => {
    const rnn = new RNN(2, 3, { numLayers: 2, bias: false });

    expect(rnn.namedParameters().map(([n]) => n)).toEqual(['weight_ih_l0', 'weight_hh_l0', 'weight_ih_l1', 'weight_hh_l1']);
    for (const p of rnn.parameters()) expect([p.dtype, p.requiresGrad, p.isLeaf]).toEqual(['float32', true, true]);
  });

  test('numLayers is accepted positionally or in the options; the options are stored as attributes', () => {
    const a = new RNN(2, 3, 2, { nonlinearity: 'relu', batchFirst: true, dropout: 0.25, bidirectional: true });
    const b = new RNN(2, 3, { numLayers: 2 });

    expect([a.inputSize, a.hiddenSize, a.numLayers, a.nonlinearity, a.mode, a.bias, a.batchFirst, a.dropout, a.bidirectional]).toEqual([
      2, 3, 2, 'relu', 'RNN_RELU', true, true, 0.25, true,
    ]);
    expect([b.numLayers, b.nonlinearity, b.mode, b.bias, b.batchFirst, b.dropout, b.bidirectional]).toEqual([2, 'tanh', 'RNN_TANH', true, false, 0, false]);
  });

  test.prop([fc.integer({ min: 1, max: 9 }), optionsArb(), fc.integer({ min: 0, max: 1000 }), fc.constantFrom('float32' as const, 'float64' as const)])(
    'init draws U(-1/sqrt(H), 1/sqrt(H)) from the generator for every parameter in registration order',
    (H, options, seed, dtype) => {
      const rnn = new RNN(2, H, { ...options, dtype, generator: new Generator(seed) });

      const stream = new Generator(seed);
      const bound = 1 / Math.sqrt(H);
      for (const [name, p] of rnn.namedParameters()) {
        const expected = Array.from({ length: p.numel() }, () => stream.uniform(-bound, bound));
        const values = Array.from(p.data as Float64Array);
        expect(values, name).toEqual(dtype === 'float32' ? expected.map(Math.fround) : expected);
        expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(dtype === 'float32' ? Math.fround(bound) : bound);
      }
    },
  );

  test('init is roughly uniform: 20k float64 draws with H = 100 have mean ~ 0, variance ~ bound^2/3, and fill every tenth of the range', () => {
    const rnn = new RNN(100, 100, { dtype: 'float64', generator: new Generator(1) });
    const values = rnn.parameters().flatMap((p) => Array.from(p.data as Float64Array));
    const bound = 0.1;

    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    const bins = new Array<number>(10).fill(0);
    for (const v of values) bins[Math.min(9, Math.floor(((v + bound) / (2 * bound)) * 10))]++;

    expect(values.length).toBe(20200);
    expect(Math.abs(mean)).toBeLessThan(0.003); // 5 standard errors: bound / sqrt(3 * 20200) = 4.1e-4
    expect(Math.abs(variance / (bound * bound / 3) - 1)).toBeLessThan(0.05);
    for (const count of bins) expect(Math.abs(count - 2020)).toBeLessThan(250); // binomial sd ~ 43
  });

  test('stateDict exports every parameter by name; loadStateDict copies them into another RNN, which then computes the same', () => {
    const a = new RNN(3, 4, 2, { bidirectional: true, dtype: 'float64', generator: new Generator(1) });
    const b = new RNN(3, 4, 2, { bidirectional: true, dtype: 'float64', generator: new Generator(2) });
    const x = randn(new Generator(3), [5, 2, 3]);

    b.loadStateDict(a.stateDict());

    expect(Object.keys(b.stateDict())).toEqual(a.namedParameters().map(([n]) => n));
    expect(b.forward(x)[0].data).toEqual(a.forward(x)[0].data);
  });

  test('loadStateDict refuses a state dict with missing keys, in PyTorch words', () => {
    const rnn = new RNN(2, 2);
    const { weight_ih_l0, weight_hh_l0, bias_ih_l0 } = rnn.stateDict();

    expectError(() => rnn.loadStateDict({ weight_ih_l0, weight_hh_l0, bias_ih_l0 }), 'RuntimeError', 'Error(s) in loading state_dict for RNN:\n\tMissing key(s) in state_dict: "bias_hh_l0". ');
  });

  test('loadStateDict refuses unexpected keys and mis-shaped values, in PyTorch words (torch 1.13 probed)', () => {
    const rnn = new RNN(2, 3);
    const state = rnn.stateDict();
    expectError(() => rnn.loadStateDict({ ...state, foo: zeros([3, 4]), bar: zeros([1]) }), 'RuntimeError', 'Error(s) in loading state_dict for RNN:\n\tUnexpected key(s) in state_dict: "foo", "bar". ');
    expectError(() => rnn.loadStateDict({ ...state, weight_ih_l0: zeros([3, 4]) }), 'RuntimeError',
      'Error(s) in loading state_dict for RNN:\n\tsize mismatch for weight_ih_l0: copying a param with shape torch.Size([3, 4]) from checkpoint, the shape in current model is torch.Size([3, 2]).');
  });

  test('loadStateDict lists every missing and unexpected key, one line each (torch 1.13 probed)', () => {
    const rnn = new RNN(2, 3);
    const { weight_ih_l0, weight_hh_l0, bias_ih_l0 } = rnn.stateDict();
    expectError(() => rnn.loadStateDict({ weight_ih_l0, weight_hh_l0, foo: bias_ih_l0 }), 'RuntimeError',
      'Error(s) in loading state_dict for RNN:\n\tMissing key(s) in state_dict: "bias_ih_l0", "bias_hh_l0". \n\tUnexpected key(s) in state_dict: "foo". ');
  });

  test('getParameter of a name the module does not have is an rnnspec error naming both', () => {
    expect(() => new RNN(2, 3).getParameter('weight_ih_l1')).toThrow("rnnspec: RNN has no parameter 'weight_ih_l1'");
  });

  test('train() and eval() set training; a new RNN is in training mode', () => {
    const rnn = new RNN(2, 2);

    expect(rnn.training).toBe(true);
    expect(rnn.eval().training).toBe(false);
    expect(rnn.train().training).toBe(true);
  });
});

describe('nn.RNN warnings', () => {
  test.each([
    [0.5, 'dropout=0.5'],
    [1, 'dropout=1'],
    [1e-5, 'dropout=1e-05'],
  ])('dropout %s with numLayers 1 warns once with Python formatting (%s)', (dropout, text) => {
    const { warnings } = catchWarnings(() => new RNN(3, 4, 1, { dropout }));

    expect(warnings).toEqual([
      {
        type: 'UserWarning',
        message: `dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got ${text} and num_layers=1`,
      },
    ]);
  });

  test('dropout with 2 layers does not warn', () => {
    expect(catchWarnings(() => new RNN(3, 4, 2, { dropout: 0.5 })).warnings).toEqual([]);
  });
});

const DROPOUT_RANGE = 'dropout should be a number in range [0, 1] representing the probability of an element being zeroed';

describe('nn.RNN construction errors of PyTorch 1.13 (docs/spec.md §3.4)', () => {
  test.each<[string, () => unknown, string, string]>([
    ['dropout < 0', () => new RNN(3, 4, { dropout: -0.1 }), 'ValueError', DROPOUT_RANGE],
    ['dropout > 1', () => new RNN(3, 4, { dropout: 1.5 }), 'ValueError', DROPOUT_RANGE],
    ['dropout NaN', () => new RNN(3, 4, { dropout: NaN }), 'ValueError', DROPOUT_RANGE],
    ['dropout a bool', () => new RNN(3, 4, { dropout: true as never }), 'ValueError', DROPOUT_RANGE],
    ['dropout a numeric string', () => new RNN(3, 4, { dropout: '0.5' as never }), 'ValueError', DROPOUT_RANGE],
    ["dropout 'abc'", () => new RNN(3, 4, { dropout: 'abc' as never }), 'ValueError', "could not convert string to float: 'abc'"],
    // Python's float() of a string, then the range check (torch 1.13 and 2.6 probed)
    ["dropout ''", () => new RNN(3, 4, { dropout: '' as never }), 'ValueError', "could not convert string to float: ''"],
    ["dropout '  '", () => new RNN(3, 4, { dropout: '  ' as never }), 'ValueError', "could not convert string to float: '  '"],
    ["dropout 'xinf'", () => new RNN(3, 4, { dropout: 'xinf' as never }), 'ValueError', "could not convert string to float: 'xinf'"],
    ["dropout 'infx'", () => new RNN(3, 4, { dropout: 'infx' as never }), 'ValueError', "could not convert string to float: 'infx'"],
    ["dropout 'x inf'", () => new RNN(3, 4, { dropout: 'x inf' as never }), 'ValueError', "could not convert string to float: 'x inf'"],
    ...['inf', '  inf', 'inf  ', '+inf', '-nan', ' Infinity '].map((s): [string, () => unknown, string, string] => [`dropout '${s}' (a float, out of range)`, () => new RNN(3, 4, { dropout: s as never }), 'ValueError', DROPOUT_RANGE]),
    ['dropout null', () => new RNN(3, 4, { dropout: null as never }), 'TypeError', "float() argument must be a string or a real number, not 'NoneType'"],
    ['unknown nonlinearity', () => new RNN(3, 4, { nonlinearity: 'sigmoid' as never }), 'ValueError', "Unknown nonlinearity 'sigmoid'"],
    ['numLayers null (None is a value, not the default)', () => new RNN(3, 4, null as never), 'TypeError', "'NoneType' object cannot be interpreted as an integer"],
    ["numLayers '2'", () => new RNN(3, 4, { numLayers: '2' as never }), 'TypeError', "'str' object cannot be interpreted as an integer"],
    ['nonlinearity True (Python prints the bool)', () => new RNN(3, 4, { nonlinearity: true as never }), 'ValueError', "Unknown nonlinearity 'True'"],
    ['no arguments', () => new (RNN as unknown as new () => RNN)(), 'TypeError', "RNNBase.__init__() missing 2 required positional arguments: 'input_size' and 'hidden_size'"],
    ['more positional arguments than rnnspec binds (proj_size, device, dtype are keyword-only here)', () => new RNN(1, 2, 1, true, false, 0, false, 0 as never), 'TypeError',
      'rnnspec: nn.RNN takes at most 7 positional arguments (input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional) but 8 were given'],
    ['projSize given', () => new RNN(3, 4, { projSize: 2 } as RNNOptions), 'ValueError', 'proj_size argument is only supported for LSTM, not RNN or GRU'],
    ['hiddenSize 0', () => new RNN(3, 0), 'ValueError', 'proj_size has to be smaller than hidden_size'],
    ['hiddenSize -2', () => new RNN(3, -2), 'ValueError', 'proj_size has to be smaller than hidden_size'],
    ['numLayers 0', () => new RNN(3, 4, 0), 'IndexError', 'list index out of range'],
    ['numLayers -1', () => new RNN(3, 4, { numLayers: -1 }), 'IndexError', 'list index out of range'],
    ['numLayers 2.5', () => new RNN(3, 4, 2.5), 'TypeError', "'float' object cannot be interpreted as an integer"],
    ['inputSize null', () => new RNN(null as never, 4), 'TypeError', "empty(): argument 'size' must be tuple of SymInts, but found element of type NoneType at pos 2"],
    ['inputSize 2.5', () => new RNN(2.5, 4), 'TypeError', "empty(): argument 'size' must be tuple of SymInts, but found element of type float at pos 2"],
    ['inputSize -1', () => new RNN(-1, 3), 'RuntimeError', 'Trying to create tensor with negative dimension -1: [3, -1]'],
    ['an unknown option', () => new RNN(3, 4, { foo: 1 } as RNNOptions), 'TypeError', "RNNBase.__init__() got an unexpected keyword argument 'foo'"],
    ['numLayers twice', () => new RNN(3, 4, 2, { numLayers: 2 }), 'TypeError', "RNNBase.__init__() got multiple values for argument 'num_layers'"],
    ['hiddenSize missing', () => new (RNN as new (i: number) => RNN)(3), 'TypeError', "RNNBase.__init__() missing 1 required positional argument: 'hidden_size'"],
    ['integer dtype', () => new RNN(3, 4, { dtype: 'int64' }), 'RuntimeError', 'Only Tensors of floating point and complex dtype can require gradients'],
  ])('%s', asTorch('1.13', (_, construct, type, message) => {
    expectError(construct, type, message);
  }));

  test('as many positional arguments as 1.13 binds are accepted: num_layers, bias, batch_first, dropout, bidirectional', asTorch('1.13', () => {
    const rnn = new RNN(1, 2, 2, false, true, 0, true);
    expect([rnn.numLayers, rnn.bias, rnn.batchFirst, rnn.dropout, rnn.bidirectional]).toEqual([2, false, true, 0, true]);
  }));

  test('hiddenSize 2.5 fails in torch.empty with its full overload list', asTorch('1.13', () => {
    expectError(
      () => new RNN(3, 2.5),
      'TypeError',
      'empty() received an invalid combination of arguments - got (tuple, dtype=NoneType, device=NoneType), but expected one of:\n * (tuple of ints size, *, tuple of names names, torch.memory_format memory_format, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)\n * (tuple of SymInts size, *, torch.memory_format memory_format, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)\n',
    );
  }));

  test('the nonlinearity is checked before dropout, as RNN.__init__ does it before RNNBase.__init__', asTorch('1.13', () => {
    expectError(() => new RNN(3, 4, { nonlinearity: 'sigmoid' as never, dropout: 2 }), 'ValueError', "Unknown nonlinearity 'sigmoid'");
  }));

  test('inputSize 0 is allowed', asTorch('1.13', () => {
    expect(new RNN(0, 3).getParameter('weight_ih_l0').shape).toEqual([3, 0]);
  }));
});

describe('nn.RNN forward errors of PyTorch 1.13 (docs/spec.md §3.4)', () => {
  // built in each test, not while the file is collected, so that a mutant of the constructor or of
  // packing counts against these tests (npm run mutation: code run at collection is a static mutant)
  let rnn: RNN;
  let packed: PackedSequence;
  beforeEach(() => {
    rnn = new RNN(4, 5);
    packed = packPaddedSequence(zeros([2, 3, 4]), [2, 1, 1], { enforceSorted: false });
  });

  test.each<[string, () => unknown, string, string]>([
    ['last dim != input_size (3-D)', () => rnn.forward(zeros([2, 3, 6])), 'RuntimeError', 'input.size(-1) must be equal to input_size. Expected 4, got 6'],
    ['last dim != input_size (unbatched)', () => rnn.forward(zeros([2, 6])), 'RuntimeError', 'input.size(-1) must be equal to input_size. Expected 4, got 6'],
    ['h0 of the wrong batch', () => rnn.forward(zeros([2, 3, 4]), zeros([1, 2, 5])), 'RuntimeError', 'Expected hidden size (1, 3, 5), got [1, 2, 5]'],
    ['unbatched h0 of the wrong first dim', () => rnn.forward(zeros([2, 4]), zeros([2, 5])), 'RuntimeError', 'Expected hidden size (1, 1, 5), got [2, 1, 5]'],
    ['3-D input, 2-D h0', () => rnn.forward(zeros([2, 3, 4]), zeros([1, 5])), 'RuntimeError', 'For batched 3-D input, hx should also be 3-D but got 2-D tensor'],
    ['2-D input, 3-D h0', () => rnn.forward(zeros([2, 4]), zeros([1, 1, 5])), 'RuntimeError', 'For unbatched 2-D input, hx should also be 2-D but got 3-D tensor'],
    ['1-D input', () => rnn.forward(zeros([4])), 'RuntimeError', 'input must have 3 dimensions, got 2'],
    ['4-D input', () => rnn.forward(zeros([2, 3, 1, 4])), 'RuntimeError', 'input must have 3 dimensions, got 5'],
    ['0-D input', () => rnn.forward(zeros([])), 'IndexError', 'Dimension out of range (expected to be in range of [-1, 0], but got 1)'],
    ['sequence length 0 (batched)', () => rnn.forward(zeros([0, 3, 4])), 'RuntimeError', 'Expected sequence length to be larger than 0 in RNN'],
    ['sequence length 0 (unbatched)', () => rnn.forward(zeros([0, 4])), 'RuntimeError', 'Expected sequence length to be larger than 0 in RNN'],
    ['float64 input, float32 weights', () => rnn.forward(zeros([2, 3, 4], 'float64')), 'RuntimeError', 'mat1 and mat2 must have the same dtype'],
    ['int64 input', () => rnn.forward(new Tensor('int64', [2, 3, 4])), 'RuntimeError', 'mat1 and mat2 must have the same dtype'],
    ['float64 h0, float32 weights', () => rnn.forward(zeros([2, 3, 4]), zeros([1, 3, 5], 'float64')), 'RuntimeError', 'mat1 and mat2 must have the same dtype'],
    ['a list as input', () => rnn.forward([1, 2] as never), 'AttributeError', "'list' object has no attribute 'dim'"],
    ['packed data not 2-D', () => rnn.forward(new PackedSequence(zeros([4, 1, 4]), [2, 2])), 'RuntimeError', 'input must have 2 dimensions, got 3'],
    ['packed, enforce_sorted=False, h0 batch too small', () => rnn.forward(packed, zeros([1, 2, 5])), 'RuntimeError', 'INDICES element is out of DATA bounds, id=2 axis_dim=2'],
    ['packed, h0 of another shape', () => rnn.forward(packed, zeros([2, 3, 5])), 'RuntimeError', 'Expected hidden size (1, 3, 5), got [2, 3, 5]'],
    ['packed by hand with a negative unsorted index', () => rnn.forward(new PackedSequence(zeros([3, 4]), [2, 1], tensor([1, 0]), tensor([-1, 0])), zeros([1, 2, 5])), 'RuntimeError',
      'INDICES element is out of DATA bounds, id=-1 axis_dim=2'],
    ['packed by hand with a negative sorted index and a 1-D h0: the dim is checked first', () => rnn.forward(new PackedSequence(zeros([3, 4]), [2, 1], tensor([-1, 0]), tensor([1, 0])), zeros([5])), 'IndexError',
      'Dimension out of range (expected to be in range of [-1, 0], but got 1)'],
    ['packed, 2-D h0', () => rnn.forward(packed, zeros([1, 5])), 'RuntimeError', 'Expected hidden size (1, 3, 5), got [1, 3]'],
  ])('%s', asTorch('1.13', (_, call, type, message) => {
    expectError(call, type, message);
  }));

  test('sequence length 0 with an h0 of another dtype reports the length: the hidden matmul never runs', asTorch('1.13', () => {
    expectError(() => rnn.forward(zeros([0, 3, 4]), zeros([1, 3, 5], 'float64')), 'RuntimeError', 'Expected sequence length to be larger than 0 in RNN');
  }));

  test("bias=0 builds an RNN without biases, but forward fails in _VF.rnn_tanh's argument parser (issue #136954)", asTorch('1.13', () => {
    const r = new RNN(4, 5, { bias: 0 as never });

    expect(r.namedParameters().map(([n]) => n)).toEqual(['weight_ih_l0', 'weight_hh_l0']);
    expectError(
      () => r.forward(zeros([2, 3, 4])),
      'TypeError',
      "rnn_tanh() received an invalid combination of arguments - got (Tensor, Tensor, list, int, int, float, bool, bool, bool), but expected one of:\n * (Tensor data, Tensor batch_sizes, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional)\n      didn't match because some of the arguments have invalid types: (Tensor, Tensor, !list!, !int!, !int!, !float!, !bool!, bool, bool)\n * (Tensor input, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first)\n      didn't match because some of the arguments have invalid types: (Tensor, Tensor, !list!, !int!, int, float, bool, bool, bool)\n",
    );
  }));

  test("a string bias ('relu', the 4th positional argument of 1.13) fails the same way, naming str", asTorch('1.13', () => {
    expectError(
      () => new RNN(4, 5, { bias: 'relu' as never }).forward(zeros([2, 3, 4])),
      'TypeError',
      "rnn_tanh() received an invalid combination of arguments - got (Tensor, Tensor, list, str, int, float, bool, bool, bool), but expected one of:\n * (Tensor data, Tensor batch_sizes, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional)\n      didn't match because some of the arguments have invalid types: (Tensor, Tensor, !list!, !str!, !int!, !float!, !bool!, bool, bool)\n * (Tensor input, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first)\n      didn't match because some of the arguments have invalid types: (Tensor, Tensor, !list!, !str!, int, float, bool, bool, bool)\n",
    );
  }));

  test('bias=1 with packed input fails in the packed overload, and relu names rnn_relu (torch 1.13 probed)', asTorch('1.13', () => {
    expectError(
      () => new RNN(4, 5, { bias: 1 as never }).forward(packPaddedSequence(zeros([2, 1, 4]), [2])),
      'TypeError',
      'rnn_tanh() received an invalid combination of arguments - got (Tensor, Tensor, Tensor, list, int, int, float, bool, bool), but expected one of:\n' +
        ' * (Tensor data, Tensor batch_sizes, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional)\n' +
        "      didn't match because some of the arguments have invalid types: (Tensor, Tensor, Tensor, !list!, !int!, int, float, bool, bool)\n" +
        ' * (Tensor input, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first)\n' +
        "      didn't match because some of the arguments have invalid types: (Tensor, Tensor, !Tensor!, !list!, int, int, !float!, bool, bool)\n",
    );
    expectError(
      () => new RNN(4, 5, { nonlinearity: 'relu', bias: 1 as never }).forward(zeros([2, 1, 4])),
      'TypeError',
      'rnn_relu() received an invalid combination of arguments - got (Tensor, Tensor, list, int, int, float, bool, bool, bool), but expected one of:\n' +
        ' * (Tensor data, Tensor batch_sizes, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional)\n' +
        "      didn't match because some of the arguments have invalid types: (Tensor, Tensor, !list!, !int!, !int!, !float!, !bool!, bool, bool)\n" +
        ' * (Tensor input, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first)\n' +
        "      didn't match because some of the arguments have invalid types: (Tensor, Tensor, !list!, !int!, int, float, bool, bool, bool)\n",
    );
  }));

  for (const version of ['1.13', '2.6'] as const) {
    // 2.6 names the list's elements in the mismatch marks
    const list = version === '1.13' ? '!list!' : '!list of [Parameter, Parameter, Parameter, Parameter]!';
    test(`num_layers=True (a bool is an int in Python) builds one layer and warns as num_layers=1 does; forward's _VF call refuses it (torch ${version} probed)`, asTorch(version, () => {
      expect(catchWarnings(() => new RNN(3, 4, { numLayers: true as never, dropout: 0.5 })).warnings.map((w) => w.message)).toEqual([
        'dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=0.5 and num_layers=True',
      ]);
      const r = new RNN(3, 4, { numLayers: true as never });
      expect(r.namedParameters().map(([n]) => n)).toEqual(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0']);
      expectError(() => r.forward(zeros([2, 3]), zeros([2, 4])), 'RuntimeError', 'Expected hidden size (1, 1, 4), got [2, 1, 4]');
      expectError(
        () => r.forward(zeros([2, 3])),
        'TypeError',
        'rnn_tanh() received an invalid combination of arguments - got (Tensor, Tensor, list, bool, bool, float, bool, bool, bool), but expected one of:\n' +
          ' * (Tensor data, Tensor batch_sizes, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional)\n' +
          `      didn't match because some of the arguments have invalid types: (Tensor, Tensor, ${list}, !bool!, bool, !float!, !bool!, bool, bool)\n` +
          ' * (Tensor input, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first)\n' +
          `      didn't match because some of the arguments have invalid types: (Tensor, Tensor, ${list}, bool, !bool!, float, bool, bool, bool)\n`,
      );
      expectError(
        () => r.forward(packPaddedSequence(zeros([2, 1, 3]), [2])),
        'TypeError',
        'rnn_tanh() received an invalid combination of arguments - got (Tensor, Tensor, Tensor, list, bool, bool, float, bool, bool), but expected one of:\n' +
          ' * (Tensor data, Tensor batch_sizes, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional)\n' +
          `      didn't match because some of the arguments have invalid types: (Tensor, Tensor, Tensor, ${list}, bool, !bool!, float, bool, bool)\n` +
          ' * (Tensor input, Tensor hx, tuple of Tensors params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first)\n' +
          `      didn't match because some of the arguments have invalid types: (Tensor, Tensor, !Tensor!, ${list}, !bool!, !bool!, !float!, bool, bool)\n`,
      );
    }));
  }

  test('num_layers=False (0): 1.13 builds no layer and fails in flatten_parameters, 2.6 checks it up front; 1.13 binds a positional True as num_layers (probed)', () => {
    expectError(() => asTorch('1.13', () => new RNN(3, 4, { numLayers: false as never }))(), 'IndexError', 'list index out of range');
    expectError(() => asTorch('2.6', () => new RNN(3, 4, { numLayers: false as never }))(), 'ValueError', 'num_layers must be greater than zero');
    asTorch('1.13', () => expect(new RNN(3, 4, true).numLayers).toBe(true))();
  });

  test('a non-bool batchFirst is not passed to the packed kernel, so packed input runs', asTorch('1.13', () => {
    const r = new RNN(4, 5, { batchFirst: 1 as never });

    expect(r.forward(packPaddedSequence(zeros([2, 1, 4]), [2]))[1].shape).toEqual([1, 1, 5]);
  }));

  test('batch_first with 2-D input is ignored (unbatched); the result equals batch_first=False', asTorch('1.13', () => {
    const a = new RNN(2, 3, { batchFirst: true, dtype: 'float64', generator: new Generator(1) });
    const b = new RNN(2, 3, { dtype: 'float64', generator: new Generator(1) });
    const x = randn(new Generator(2), [5, 2]);

    expect(a.forward(x)[0].data).toEqual(b.forward(x)[0].data);
    expect(a.forward(x)[0].shape).toEqual([5, 3]);
  }));

  test('injected dropout masks must match the layer outputs (rnnspec check)', asTorch('1.13', () => {
    const r = new RNN(2, 3, 2, { dropout: 0.5 });
    const x = zeros([4, 2, 2]);

    expect(() => r.forward(x, null, { dropoutMasks: [] })).toThrow('rnnspec: expected 1 dropout masks');
    expect(() => r.forward(x, null, { dropoutMasks: [zeros([2, 4, 3])] })).toThrow('rnnspec: a dropout mask has shape [2, 4, 3] but the layer output is [4, 2, 3]');
    expect(() => r.forward(x, null, { dropoutMasks: [new Tensor('float32', [4, 2, 3], new Float32Array(24).fill(0.5))] })).toThrow('only 0 and 1');
  }));
});

describe('nn.RNN at extreme values', () => {
  test('a relu RNN carries a NaN input through, as torch does (relu keeps NaN; torch 1.13 probed)', () => {
    const rnn = new RNN(1, 1, 1, { nonlinearity: 'relu', bias: false });
    rnn.getParameter('weight_ih_l0').detach().fill_(1);
    rnn.getParameter('weight_hh_l0').detach().fill_(0);
    const [output] = rnn.forward(tensor([[[NaN]], [[-0]]], { dtype: 'float32' }));
    expect((output.tolist() as number[][][]).flat(2).map(Number.isNaN)).toEqual([true, true]);
  });
});
