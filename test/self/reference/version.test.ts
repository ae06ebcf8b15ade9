/** reference/version.ts: the one PyTorch-version parameter, and what it switches. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  NEWEST_TORCH, RNN, TORCH_VERSIONS, Tensor, nn, rnnPositionalNames, torchAtLeast, torchVersion, withTorchVersion,
} from '../../../reference/index.ts';
import { expectError } from '../expect-error.ts';

describe('withTorchVersion', () => {
  it('outside any scope the reference is the newest version, 2.6', () => {
    expect(TORCH_VERSIONS).toEqual(['1.13', '2.6']);
    expect(NEWEST_TORCH).toBe('2.6');
    expect(torchVersion()).toBe('2.6');
  });
  it('sets the version for the call and restores the one before, also when the call throws', () => {
    expect(withTorchVersion('1.13', () => [torchVersion(), torchAtLeast('2.6')])).toEqual(['1.13', false]);
    expect(() => withTorchVersion('1.13', () => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(torchVersion()).toBe('2.6');
  });
  it('nests: the inner scope wins, the outer one comes back', () => {
    const seen = withTorchVersion('1.13', () => [withTorchVersion('2.6', torchVersion), torchVersion()]);
    expect(seen).toEqual(['2.6', '1.13']);
  });
  it('refuses an unknown version', () => {
    expect(() => withTorchVersion('3.0' as never, () => 0)).toThrow('rnnspec: unknown PyTorch version 3.0; known: 1.13, 2.6');
  });
});

describe("nn.RNN's positional arguments follow the version in force", () => {
  it('the 4th positional argument is bias in 1.13 and nonlinearity in 2.6', () => {
    expect(withTorchVersion('1.13', rnnPositionalNames).slice(0, 2)).toEqual(['numLayers', 'bias']);
    expect(withTorchVersion('2.6', rnnPositionalNames).slice(0, 2)).toEqual(['numLayers', 'nonlinearity']);
  });
  it("new RNN(3, 4, 1, 'relu') is a relu RNN in 2.6 and a str bias in 1.13", () => {
    expect(withTorchVersion('2.6', () => new RNN(3, 4, 1, 'relu')).nonlinearity).toBe('relu');
    const old = withTorchVersion('1.13', () => new RNN(3, 4, 1, 'relu'));
    expect([old.nonlinearity, old.bias]).toEqual(['tanh', 'relu']);
  });
  it('new RNN(3, 4, 1, false) has no bias in 1.13 and an unknown nonlinearity in 2.6', () => {
    expect(withTorchVersion('1.13', () => new RNN(3, 4, 1, false)).namedParameters().map(([n]) => n)).toEqual(['weight_ih_l0', 'weight_hh_l0']);
    expectError(() => withTorchVersion('2.6', () => new RNN(3, 4, 1, false)), 'ValueError', "Unknown nonlinearity 'False'. Select from 'tanh' or 'relu'.");
  });
  it('2.6: a nonlinearity given by position and by keyword reaches RNNBase as an unexpected keyword', () => {
    expectError(() => withTorchVersion('2.6', () => new RNN(3, 4, 1, 'relu', { nonlinearity: 'tanh' })), 'TypeError', "RNNBase.__init__() got an unexpected keyword argument 'nonlinearity'");
  });
  it('a positional argument also given as an option is refused, naming it', () => {
    expectError(() => withTorchVersion('1.13', () => new RNN(3, 4, 1, true, { bias: false })), 'TypeError', "RNNBase.__init__() got multiple values for argument 'bias'");
  });
});

describe("2.6's RNNBase compares num_layers with 0 before anything uses it (torch 2.6 probed)", () => {
  it.each([
    ['null', null, 'NoneType'],
    ["'2'", '2', 'str'],
  ])('num_layers %s is a TypeError from <=', (_, numLayers, type) => {
    expectError(() => withTorchVersion('2.6', () => new RNN(3, 4, numLayers as never)), 'TypeError', `'<=' not supported between instances of '${type}' and 'int'`);
  });
});

describe('2.6 binds the fourth positional argument as the nonlinearity', () => {
  it('num_layers, nonlinearity, bias, batch_first, dropout, bidirectional bind in that order', () => {
    const rnn = withTorchVersion('2.6', () => new RNN(1, 2, 2, 'relu', false, true, 0, true));
    expect([rnn.numLayers, rnn.nonlinearity, rnn.bias, rnn.batchFirst, rnn.dropout, rnn.bidirectional]).toEqual([2, 'relu', false, true, 0, true]);
  });
  it('one more is an rnnspec error that names them all', () => {
    expectError(() => withTorchVersion('2.6', () => new RNN(1, 2, 2, 'relu', false, true, 0, true, 0 as never)), 'TypeError',
      'rnnspec: nn.RNN takes at most 8 positional arguments (input_size, hidden_size, num_layers, nonlinearity, bias, batch_first, dropout, bidirectional) but 9 were given');
  });
});

describe("2.6's hidden_size check takes a bool for an int (isinstance(True, int)): torch.empty refuses it next", () => {
  it('hidden_size True', () => {
    expectError(() => withTorchVersion('2.6', () => new RNN(3, true as never)), 'TypeError',
      'empty() received an invalid combination of arguments - got (tuple, dtype=NoneType, device=NoneType), but expected one of:\n' +
        ' * (tuple of ints size, *, tuple of names names, torch.memory_format memory_format = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n' +
        ' * (tuple of ints size, *, torch.memory_format memory_format = None, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)\n');
  });
});

describe('2.6 checks nn.RNN input before the kernel does', () => {
  let rnn: RNN;
  beforeEach(() => {
    rnn = new RNN(4, 5); // in each test, not at collection (see rnn-module.test.ts)
  });
  it('a 4-D input is a ValueError naming its rank', () => {
    expectError(() => rnn.forward(new Tensor('float32', [1, 2, 3, 4])), 'ValueError', 'RNN: Expected input to be 2D or 3D, got 4D tensor instead');
  });
  it('a float64 input for float32 weights is a ValueError naming both dtypes', () => {
    expectError(() => rnn.forward(new Tensor('float64', [2, 3, 4])), 'ValueError', 'input must have the type torch.float32, got type torch.float64');
  });
  it("pad_sequence's padding_side 'left' pads before each sequence", () => {
    const padded = nn.utils.rnn.padSequence([new Tensor('float32', [1], Float32Array.from([7])), new Tensor('float32', [2], Float32Array.from([1, 2]))], { batchFirst: true, paddingSide: 'left', paddingValue: -1 });
    expect(Array.from(padded.data as Float32Array)).toEqual([-1, 7, 1, 2]);
  });
});
