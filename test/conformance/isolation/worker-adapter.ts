/**
 * A third-party adapter run in a worker thread, so that a case that never returns — even a
 * synchronous infinite loop — is stopped at the time-out (the worker is terminated and started
 * again) and the run goes on. The proxy is itself an Adapter: the runner treats it like any other.
 * In-place changes the adapter makes to a case are copied back, so mutation checks still work; a
 * tensor-creation case runs whole in the worker (tensor-probe.ts).
 * A worker that exits (an adapter calling process.exit) or dies of an uncaught error fails the
 * call in flight at once, with the exit code or the error, and the next call gets a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import type { Adapter, Capabilities } from '../../../impl/contract.ts';
import { RunnerError } from '../runner-error.ts';
import { PROBE, type TensorCase } from '../tensor-probe.ts';

type Reply =
  | { type: 'ready'; name: string; capabilities: Capabilities }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: unknown; input: unknown }
  | { type: 'error'; id: number; name?: string; message: string; stack?: string }
  | { type: 'died'; message: string };

/** Copies every typed array of `src` into the one at the same place in `dst`. */
function mirror(dst: unknown, src: unknown): void {
  if (ArrayBuffer.isView(dst) && ArrayBuffer.isView(src) && dst.byteLength === src.byteLength) {
    new Uint8Array(dst.buffer, dst.byteOffset, dst.byteLength).set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
  } else if (dst && src && typeof dst === 'object' && typeof src === 'object') {
    for (const key of Object.keys(dst)) mirror((dst as Record<string, unknown>)[key], (src as Record<string, unknown>)[key]);
  }
}

class WorkerHost {
  readonly worker: Worker;
  readonly ready: Promise<{ name: string; capabilities: Capabilities }>;
  /** Why the worker is gone, once it is. */
  dead: string | null = null;
  private readonly calls = new Map<number, (reply: Reply) => void>();

  constructor(path: string) {
    this.worker = new Worker(new URL('./boot.mjs', import.meta.url), { workerData: { path } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (reply: Reply) => {
        if (reply.type === 'ready') resolve(reply);
        else if (reply.type === 'failed') reject(new Error(reply.message));
        else if (reply.type === 'result' || reply.type === 'error') this.calls.get(reply.id)?.(reply);
      });
      const die = (why: string) => {
        if (this.dead !== null) return;
        this.dead = why;
        reject(new Error(why));
        for (const answer of this.calls.values()) answer({ type: 'died', message: why });
        this.calls.clear();
      };
      this.worker.on('error', (e) => die(`its worker thread died: ${e instanceof Error ? e.message : String(e)}`));
      this.worker.on('exit', (code) => die(`its worker thread exited with code ${code} (did the adapter call process.exit?)`));
    });
    this.ready.catch(() => undefined); // observed by whoever awaits it
  }

  call(id: number, kind: 'rnn' | 'embedding' | 'probe', input: unknown): Promise<Reply> {
    return new Promise((resolve) => {
      if (this.dead !== null) return resolve({ type: 'died', message: this.dead });
      this.calls.set(id, (reply) => {
        this.calls.delete(id);
        resolve(reply);
      });
      this.worker.postMessage({ id, kind, input });
    });
  }
}

/** Loads the adapter module at `path` in a worker; each call is stopped after `timeoutMs`. */
export async function loadIsolatedAdapter(path: string, timeoutMs: number): Promise<Adapter> {
  let host = new WorkerHost(path);
  const { name, capabilities } = await host.ready;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 0;

  const call = (kind: 'rnn' | 'embedding' | 'probe', input: unknown): Promise<never> => {
    const run = async () => {
      if (host.dead !== null) host = new WorkerHost(path); // the last call killed it
      await host.ready;
      const id = nextId++;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const reply = await Promise.race([host.call(id, kind, input), timedOut]);
      clearTimeout(timer);
      if (reply === 'timeout') {
        await host.worker.terminate();
        host = new WorkerHost(path);
        throw new RunnerError(`timed out after ${timeoutMs} ms (its worker thread was stopped)`);
      }
      if (reply.type === 'died') throw Object.assign(new RunnerError(reply.message), { stack: undefined }); // no stack of the adapter's to show
      if (reply.type === 'error') throw Object.assign(new Error(reply.message), { name: reply.name ?? 'Error', stack: reply.stack ?? reply.message });
      if (reply.type !== 'result') throw new Error(`unexpected reply ${reply.type}`);
      mirror(input, reply.input);
      return reply.result as never;
    };
    const result = queue.then(run);
    queue = result.catch(() => undefined); // one call at a time, whatever the last one did
    return result;
  };

  const proxy: Adapter & { [PROBE]: (c: TensorCase) => Promise<never> } = {
    name,
    capabilities,
    rnn: (c) => call('rnn', c),
    embedding: (c) => call('embedding', c),
    [PROBE]: (c: TensorCase) => call('probe', c),
    dispose: async () => {
      await host.worker.terminate();
    },
  };
  return proxy;
}
