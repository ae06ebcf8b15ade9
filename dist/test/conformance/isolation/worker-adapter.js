/**
 * A third-party adapter run in a worker thread, so that a case that never returns — even a
 * synchronous infinite loop — is stopped at the time-out (the worker is terminated and started
 * again) and the run goes on. The proxy is itself an Adapter: the runner treats it like any other.
 * In-place changes the adapter makes to a case are copied back, so mutation checks still work.
 */
import { Worker } from 'node:worker_threads';
/** Copies every typed array of `src` into the one at the same place in `dst`. */
function mirror(dst, src) {
    if (ArrayBuffer.isView(dst) && ArrayBuffer.isView(src) && dst.byteLength === src.byteLength) {
        new Uint8Array(dst.buffer, dst.byteOffset, dst.byteLength).set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
    }
    else if (dst && src && typeof dst === 'object' && typeof src === 'object') {
        for (const key of Object.keys(dst))
            mirror(dst[key], src[key]);
    }
}
class WorkerHost {
    worker;
    ready;
    calls = new Map();
    constructor(path) {
        this.worker = new Worker(new URL('./boot.mjs', import.meta.url), { workerData: { path } });
        this.ready = new Promise((resolve, reject) => {
            this.worker.once('error', reject);
            this.worker.on('message', (reply) => {
                if (reply.type === 'ready')
                    resolve(reply);
                else if (reply.type === 'failed')
                    reject(new Error(reply.message));
                else
                    this.calls.get(reply.id)?.(reply);
            });
        });
    }
    call(id, kind, input) {
        return new Promise((resolve) => {
            this.calls.set(id, resolve);
            this.worker.postMessage({ id, kind, input });
        });
    }
}
/** Loads the adapter module at `path` in a worker; each call is stopped after `timeoutMs`. */
export async function loadIsolatedAdapter(path, timeoutMs) {
    let host = new WorkerHost(path);
    const { name, capabilities } = await host.ready;
    let queue = Promise.resolve();
    let nextId = 0;
    const call = (kind, input) => {
        const run = async () => {
            await host.ready;
            const id = nextId++;
            let timer;
            const timedOut = new Promise((resolve) => {
                timer = setTimeout(() => resolve('timeout'), timeoutMs);
            });
            const reply = await Promise.race([host.call(id, kind, input), timedOut]);
            clearTimeout(timer);
            if (reply === 'timeout') {
                await host.worker.terminate();
                host = new WorkerHost(path);
                throw new Error(`timed out after ${timeoutMs} ms (its worker thread was stopped)`);
            }
            if (reply.type === 'error')
                throw new Error(reply.message);
            if (reply.type !== 'result')
                throw new Error(`unexpected reply ${reply.type}`);
            mirror(input, reply.input);
            return reply.result;
        };
        const result = queue.then(run);
        queue = result.catch(() => undefined); // one call at a time, whatever the last one did
        return result;
    };
    return {
        name,
        capabilities,
        rnn: (c) => call('rnn', c),
        embedding: (c) => call('embedding', c),
        dispose: async () => {
            await host.worker.terminate();
        },
    };
}
