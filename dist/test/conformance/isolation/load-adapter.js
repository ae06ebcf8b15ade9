var __rewriteRelativeImportExtension = (this && this.__rewriteRelativeImportExtension) || function (path, preserveJsx) {
    if (typeof path === "string" && /^\.\.?\//.test(path)) {
        return path.replace(/\.(tsx)$|((?:\.d)?)((?:\.[^./]+?)?)\.([cm]?)ts$/i, function (m, tsx, d, ext, cm) {
            return tsx ? preserveJsx ? ".jsx" : ".js" : d && (!ext || !cm) ? m : (d + ext + "." + cm.toLowerCase() + "js");
        });
    }
    return path;
};
/**
 * Loads an adapter module: it exports `createAdapter()` (returning an Adapter or a promise of
 * one), or `default` / `adapter` as an Adapter or as such a factory.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
export async function loadAdapterModule(path) {
    const mod = (await import(__rewriteRelativeImportExtension(pathToFileURL(resolve(path)).href)));
    let candidate = mod.createAdapter ?? mod.default ?? mod.adapter;
    if (typeof candidate === 'function')
        candidate = await candidate();
    const adapter = candidate;
    if (!adapter || typeof adapter.name !== 'string' || typeof adapter.capabilities !== 'object') {
        throw new Error(`${path} exports no adapter: export default (or 'adapter') an object with name and capabilities, or createAdapter()`);
    }
    return adapter;
}
