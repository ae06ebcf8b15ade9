/**
 * The part of `torch.nn.Module` the reference needs: registered parameters in registration order,
 * `namedParameters()`, `stateDict()` / `loadStateDict()` by PyTorch's names, and `train()` / `eval()`.
 */
import { isFloatingPoint } from "./dtype.js";
import { RuntimeError } from "./errors.js";
import { Tensor } from "./tensor.js";
/** `nn.Parameter(data)`: an alias of `data` (same storage and version counter) that requires grad. */
export function Parameter(data) {
    if (!isFloatingPoint(data.dtype))
        throw new RuntimeError('Only Tensors of floating point and complex dtype can require gradients');
    return data.detach().requiresGrad_(true);
}
export class Module {
    /** `module.training`: true after construction and `train()`, false after `eval()`. */
    training = true;
    params = new Map();
    /** `register_parameter(name, param)`: keeps registration order, as `named_parameters()` does. */
    registerParameter(name, param) {
        this.params.set(name, param);
        return param;
    }
    namedParameters() {
        return [...this.params.entries()];
    }
    parameters() {
        return [...this.params.values()];
    }
    getParameter(name) {
        const p = this.params.get(name);
        if (p === undefined)
            throw new RuntimeError(`rnnspec: ${this.constructor.name} has no parameter '${name}'`);
        return p;
    }
    train(mode = true) {
        this.training = mode;
        return this;
    }
    eval() {
        return this.train(false);
    }
    /** `state_dict()`: detached aliases of every parameter, by name, in registration order. */
    stateDict() {
        return Object.fromEntries(this.namedParameters().map(([name, p]) => [name, p.detach()]));
    }
    /**
     * `load_state_dict(state_dict, strict=True)`: copies each value into the parameter of that name
     * (in place, under no_grad), with PyTorch's error for missing, unexpected or mis-shaped entries.
     */
    loadStateDict(state) {
        const missing = [...this.params.keys()].filter((k) => !(k in state));
        const unexpected = Object.keys(state).filter((k) => !this.params.has(k));
        const mismatched = [];
        for (const [name, p] of this.params) {
            const v = state[name];
            if (v !== undefined && v.shape.join() !== p.shape.join()) {
                mismatched.push(`size mismatch for ${name}: copying a param with shape torch.Size([${v.shape.join(', ')}]) from checkpoint, the shape in current model is torch.Size([${p.shape.join(', ')}]).`);
            }
        }
        if (missing.length > 0 || unexpected.length > 0 || mismatched.length > 0) {
            const lines = [];
            if (missing.length > 0)
                lines.push(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(', ')}. `);
            if (unexpected.length > 0)
                lines.push(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(', ')}. `);
            lines.push(...mismatched);
            throw new RuntimeError(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${lines.join('\n\t')}`);
        }
        for (const [name, p] of this.params) {
            const src = state[name];
            const dst = p.detach(); // shares storage and version counter: the copy is an in-place change of p
            dst.copy_(src);
        }
    }
}
