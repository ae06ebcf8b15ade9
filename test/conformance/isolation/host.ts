/**
 * The worker side of an isolated adapter (isolated.ts): loads the adapter module named in
 * workerData, says what it claims, then answers one call at a time, sending back the result and
 * the case as the adapter left it (so that the main thread sees any in-place change).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadAdapterModule } from './load-adapter.ts';
import { probeTensor, type TensorCase } from '../tensor-probe.ts';

const port = parentPort!;
try {
  const adapter = await loadAdapterModule((workerData as { path: string }).path);
  port.postMessage({ type: 'ready', name: adapter.name, capabilities: adapter.capabilities });
  port.on('message', async ({ id, kind, input }: { id: number; kind: 'rnn' | 'embedding' | 'probe'; input: unknown }) => {
    try {
      // a tensor-creation case runs whole here: aliasing cannot be seen across threads
      const run = kind === 'probe' ? (c: unknown) => probeTensor(adapter, c as TensorCase) : kind === 'rnn' ? adapter.rnn : adapter.embedding;
      const result = await (run as (c: unknown) => unknown).call(adapter, input);
      port.postMessage({ type: 'result', id, result, input });
    } catch (e) {
      port.postMessage({ type: 'error', id, name: e instanceof Error ? e.name : undefined, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });
    }
  });
} catch (e) {
  port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
}
