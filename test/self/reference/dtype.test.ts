/**
 * reference/dtype.ts's tables: the storage of each dtype and the names PyTorch prints for it
 * (probed with torch 1.13: `Tensor.type()`, and the "Got Long instead." of norm()'s dtype check).
 */
import { describe, expect, it } from 'vitest';
import { DTYPES, promoteTypes, type DType } from '../../../reference/index.ts';
import { allocate, legacyTypeName, scalarTypeName } from '../../../reference/dtype.ts';

describe('dtype tables', () => {
  it('each dtype is stored in its typed array, bool as bytes', () => {
    const storage: Record<DType, string> = {
      float32: 'Float32Array', float64: 'Float64Array', int64: 'BigInt64Array', int32: 'Int32Array',
      int16: 'Int16Array', int8: 'Int8Array', uint8: 'Uint8Array', bool: 'Uint8Array',
    };
    for (const dtype of DTYPES) expect([dtype, allocate(dtype, 2).constructor.name]).toEqual([dtype, storage[dtype]]);
  });
  it("legacy type names, as torch.tensor([1], dtype=d).type() prints them", () => {
    expect(DTYPES.map(legacyTypeName)).toEqual(DTYPES.map((d) => ({
      float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', int64: 'torch.LongTensor', int32: 'torch.IntTensor',
      int16: 'torch.ShortTensor', int8: 'torch.CharTensor', uint8: 'torch.ByteTensor', bool: 'torch.BoolTensor',
    })[d]));
  });
  it("ScalarType names, as F.embedding(idx, w, max_norm=1.) prints an integer w's dtype", () => {
    expect(DTYPES.map(scalarTypeName)).toEqual(DTYPES.map((d) => ({
      float32: 'Float', float64: 'Double', int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool',
    })[d]));
  });
  it('promote_types over every pair, as torch.promote_types answers (1.13; rows and columns in DTYPES order)', () => {
    const table: Record<DType, DType[]> = {
      float32: ['float32', 'float64', 'float32', 'float32', 'float32', 'float32', 'float32', 'float32'],
      float64: ['float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64', 'float64'],
      int64: ['float32', 'float64', 'int64', 'int64', 'int64', 'int64', 'int64', 'int64'],
      int32: ['float32', 'float64', 'int64', 'int32', 'int32', 'int32', 'int32', 'int32'],
      int16: ['float32', 'float64', 'int64', 'int32', 'int16', 'int16', 'int16', 'int16'],
      int8: ['float32', 'float64', 'int64', 'int32', 'int16', 'int8', 'int16', 'int8'],
      uint8: ['float32', 'float64', 'int64', 'int32', 'int16', 'int16', 'uint8', 'uint8'],
      bool: ['float32', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool'],
    };
    for (const a of DTYPES) expect([a, DTYPES.map((b) => promoteTypes(a, b))]).toEqual([a, table[a]]);
  });
});
