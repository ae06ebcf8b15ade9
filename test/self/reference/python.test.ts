/**
 * reference/python.ts: the Python type names and reprs PyTorch's messages print, for the
 * JavaScript values that stand for Python ones (an integer number is an int, an object a dict).
 */
import { describe, expect, it } from 'vitest';
import { Tensor, withTorchVersion } from '../../../reference/index.ts';
import { empty, pyRepr, pythonTypeName } from '../../../reference/python.ts';
import { expectError } from '../expect-error.ts';

describe('type(x).__name__', () => {
  it.each<[string, unknown, string]>([
    ['null', null, 'NoneType'], ['undefined', undefined, 'NoneType'], ['an integer number', 3, 'int'], ['a bigint', 3n, 'int'], ['another number', 2.5, 'float'],
    ['a boolean', true, 'bool'], ['a string', 'a', 'str'], ['an array', [1], 'list'], ['a typed array', new Float32Array(1), 'numpy.ndarray'],
    ['a Set', new Set(), 'set'], ['a Tensor', new Tensor('float32', [1]), 'Tensor'], ['a function', () => 1, 'function'], ['an object', {}, 'dict'],
  ])('%s is %s', (_, value, name) => {
    expect(pythonTypeName(value)).toBe(name);
  });
});

describe('repr(v)', () => {
  it.each<[number | boolean, string]>([
    [true, 'True'], [false, 'False'], [NaN, 'nan'], [Infinity, 'inf'], [-Infinity, '-inf'], [1e-5, '1e-05'], [-2.5e-7, '-2.5e-07'],
    [1e-100, '1e-100'], [0.0001, '0.0001'], [2.5, '2.5'], [0, '0'],
  ])('repr(%s) is %s', (v, text) => {
    expect(pyRepr(v)).toBe(text);
  });
});

describe('torch.empty(size, dtype)', () => {
  it('a first size that is no int names the dtype argument as the parser saw it', () => {
    const firstLine = (dtype?: 'float32') => {
      try {
        empty([1.5], dtype);
      } catch (e) {
        return (e as Error).message.split('\n')[0];
      }
      return 'no error';
    };
    expect(firstLine('float32')).toBe('empty() received an invalid combination of arguments - got (tuple, dtype=torch.dtype, device=NoneType), but expected one of:');
    expect(firstLine()).toBe('empty() received an invalid combination of arguments - got (tuple, dtype=NoneType, device=NoneType), but expected one of:');
  });
  it('a later size that is no int names its position and type, in each version\'s words (1.13 and 2.6 probed)', () => {
    expectError(() => withTorchVersion('1.13', () => empty([3, 1.5])), 'TypeError', "empty(): argument 'size' must be tuple of SymInts, but found element of type float at pos 2");
    expectError(() => withTorchVersion('2.6', () => empty([3, 1.5])), 'TypeError', 'empty(): argument \'size\' failed to unpack the object at pos 2 with error "type must be tuple of ints,but got float"');
    expectError(() => withTorchVersion('2.6', () => empty([3, 2, 'a'])), 'TypeError', 'empty(): argument \'size\' failed to unpack the object at pos 3 with error "type must be tuple of ints,but got str"');
  });
  it('a bool size passes as an int', () => {
    expect(empty([2, true], 'float64').shape).toEqual([2, 1]);
  });
});
