/**
 * One tensor-creation case (contract v2, `tensor`) as the adapter sees it: build the source, call
 * `tensor()` or `asTensor()`, read the result, write to the source, read the result again. It runs
 * where the adapter lives (an isolated adapter's worker thread: aliasing cannot be seen across
 * threads), and returns copies that the judge compares.
 */
import type { Adapter, PlainTensor } from '../../impl/contract.ts';

export interface TensorCase {
  call: 'tensor' | 'asTensor';
  /** The source: a JS value (numbers, booleans, bigints, nested arrays, typed arrays). */
  data: unknown;
  dtype?: string;
  /** Written to the source's element 0 after the call, before the result is read again. */
  write?: number | bigint;
}

export interface TensorProbe {
  result: PlainTensor;
  /** The result read again after the write to the source. */
  afterWrite?: PlainTensor;
}

/** An isolated adapter's proxy runs the probe in its worker thread under this key. */
export const PROBE = Symbol.for('rnnspec.probeTensor');

type Probing = Adapter & { [PROBE]?: (c: TensorCase) => Promise<TensorProbe> };

const copyOf = (t: PlainTensor): PlainTensor => ({ dtype: t.dtype, shape: [...t.shape], data: t.data.slice() });

export async function probeTensor(adapter: Adapter, c: TensorCase): Promise<TensorProbe> {
  const viaProxy = (adapter as Probing)[PROBE];
  if (viaProxy) return viaProxy(c);
  const make = c.call === 'tensor' ? adapter.tensor : adapter.asTensor;
  if (!make) throw new Error(`${adapter.name} claims tensor creation but has no ${c.call}() method`);
  const source = structuredClone(c.data); // the adapter may keep it: each probe has its own
  const view = await make.call(adapter, source as never, c.dtype);
  if (!view || !view.data || !Array.isArray(view.shape)) throw new Error(`${c.call}() returned no {dtype, shape, data} view`);
  const result = copyOf(view);
  if (c.write === undefined) return { result };
  (source as unknown as Array<number | bigint>)[0] = c.write;
  return { result, afterWrite: copyOf(view) };
}
