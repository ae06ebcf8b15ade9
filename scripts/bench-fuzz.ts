/**
 * `npx tsx scripts/bench-fuzz.ts [--runs N] [--budget SECONDS]`: fuzz throughput (cases/s, shrinking
 * excluded, every case judged against the reference oracle) of the reference and ONNX Runtime
 * adapters at each size class, one fixed seed; the numbers the README's "Fuzzing" section quotes.
 */
import { parseArgs } from 'node:util';
import type { Adapter } from '../impl/contract.ts';
import { createOnnxRuntimeAdapter } from '../impl/onnxruntime/index.ts';
import { createReferenceAdapter } from '../impl/reference/index.ts';
import { runFuzz } from '../test/conformance/fuzz/engine.ts';
import { SIZE_CLASSES } from '../test/harness/arbitraries/fuzz.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, budget: { type: 'string', default: '40' } } });
const adapters: Adapter[] = [createReferenceAdapter(), createOnnxRuntimeAdapter()];
console.log('adapter\tsize\tnn.RNN cases/s\tnn.Embedding cases/s');
for (const adapter of adapters) {
  for (const maxSize of SIZE_CLASSES) {
    const r = await runFuzz(adapter, { runs: Number(values.runs), seed: 1, maxSize, timeBudgetMs: Number(values.budget) * 1000 });
    const cell = (kind: string) => {
      const p = r.properties.find((x) => x.kind === kind)!;
      return `${p.casesPerSecond.toFixed(1)} (${p.ran} cases${p.failure ? ', FAILED' : ''})`;
    };
    console.log(`${adapter.name}\t${maxSize}\t${cell('rnn')}\t${cell('embedding')}`);
  }
  await adapter.dispose?.();
}
