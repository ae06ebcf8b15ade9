/**
 * The adapter contract: what a third party writes to have rnnspec validate an implementation.
 *
 * Framework-neutral and small (DESIGN.md "The adapter contract"): plain `{dtype, shape, data}`
 * tensors in row-major typed arrays, PyTorch's parameter names, promises allowed. An adapter
 * declares its capabilities and implements only what it claims; the suite reports every case it
 * cannot express as `unsupported` (with the reason) and never passes it silently.
 *
 * A case carries everything needed to run it (inputs, parameters, injected dropout masks, the
 * upstream gradient); an adapter must not mutate its inputs, except the in-place renorm that
 * Embedding's max_norm is specified to do on `weight`.
 */
export {};
