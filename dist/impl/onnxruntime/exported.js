import { SessionCache } from "./session-cache.js";
import { fromOrt, toOrt } from "./tensors.js";
const defaultCache = new SessionCache();
/** The cache `runExportedModel` uses when none is passed (key `file:<path>`). */
export function exportedModelCache() {
    return defaultCache;
}
export async function runExportedModel(onnxPath, inputs, cache = defaultCache) {
    const session = await cache.get(`file:${onnxPath}`, () => onnxPath);
    const names = session.inputNames;
    const feeds = {};
    for (const name of names) {
        if (name === 'input')
            feeds.input = toOrt(inputs.input);
        else if (name === 'h0') {
            if (!inputs.h0)
                throw new Error(`${onnxPath} takes an h0 input (inputs: ${names.join(', ')}) but none was given`);
            feeds.h0 = toOrt(inputs.h0);
        }
        else {
            throw new Error(`${onnxPath} has an input '${name}' that runExportedModel does not know (inputs: ${names.join(', ')})`);
        }
    }
    if (inputs.h0 && !names.includes('h0')) {
        throw new Error(`${onnxPath} takes no h0 input (inputs: ${names.join(', ')}) but one was given`);
    }
    for (const out of ['output', 'h_n']) {
        if (!session.outputNames.includes(out)) {
            throw new Error(`${onnxPath} has no output '${out}' (outputs: ${session.outputNames.join(', ')})`);
        }
    }
    const r = await session.run(feeds);
    return { output: fromOrt(r.output), h_n: fromOrt(r.h_n) };
}
