// my-embedding.ts: nn.Embedding's forward in TypeScript, out[..., :] = weight[indices[...], :].
// rnnspec loads .ts and .mts adapters through tsx: no build step.
import type { Adapter, EmbeddingCase, EmbeddingResult } from 'rnnspec/contract';

const adapter: Adapter = {
  name: 'my-embedding',
  capabilities: {
    embedding: { dtypes: ['float32', 'float64'], indexDtypes: ['int64', 'int32'], paddingIdx: true, maxNorm: false, scaleGradByFreq: false, gradients: false },
  },
  embedding({ weight, indices }: EmbeddingCase): EmbeddingResult {
    const [V, D] = weight.shape;
    const rows = Array.from(indices.data as ArrayLike<number | bigint>, Number);
    const bad = rows.find((i) => !(i >= 0 && i < V));
    if (bad !== undefined) throw new RangeError(`index ${bad} out of range for ${V} rows`);
    const data = new (weight.dtype === 'float64' ? Float64Array : Float32Array)(rows.length * D);
    rows.forEach((i, k) => data.set(weight.data.subarray(i * D, (i + 1) * D) as Float32Array, k * D));
    return { output: { dtype: weight.dtype, shape: [...indices.shape, D], data }, weightAfter: weight };
  },
};
export default adapter;
