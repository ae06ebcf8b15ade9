/**
 * The part of `torch.nn.Module` the reference needs: registered parameters in registration order,
 * `namedParameters()`, `stateDict()` / `loadStateDict()` by PyTorch's names, and `train()` / `eval()`.
 */
import { isFloatingPoint } from './dtype.ts';
import { RuntimeError } from './errors.ts';
import { Tensor } from './tensor.ts';

/** `nn.Parameter(data)`: an alias of `data` (same storage and version counter) that requires grad. */
export function Parameter(data: Tensor, requiresGrad = true): Tensor {
  if (requiresGrad && !isFloatingPoint(data.dtype)) throw new RuntimeError('Only Tensors of floating point and complex dtype can require gradients');
  return data.detach().requiresGrad_(requiresGrad);
}

export abstract class Module {
  /** `module.training`: true after construction and `train()`, false after `eval()`. */
  training = true;
  private readonly params = new Map<string, Tensor>();

  /** `register_parameter(name, param)`: keeps registration order, as `named_parameters()` does. */
  protected registerParameter(name: string, param: Tensor): Tensor {
    this.params.set(name, param);
    return param;
  }

  namedParameters(): Array<[string, Tensor]> {
    return [...this.params.entries()];
  }

  parameters(): Tensor[] {
    return [...this.params.values()];
  }

  getParameter(name: string): Tensor {
    const p = this.params.get(name);
    if (p === undefined) throw new RuntimeError(`rnnspec: ${this.constructor.name} has no parameter '${name}'`);
    return p;
  }

  train(mode = true): this {
    this.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** `state_dict()`: detached aliases of every parameter, by name, in registration order. */
  stateDict(): Record<string, Tensor> {
    return Object.fromEntries(this.namedParameters().map(([name, p]) => [name, p.detach()]));
  }

  /**
   * `load_state_dict(state_dict, strict=True)`: copies each value into the parameter of that name
   * (in place, under no_grad), with PyTorch's error for missing, unexpected or mis-shaped entries.
   */
  loadStateDict(state: Record<string, Tensor>): void {
    const missing = [...this.params.keys()].filter((k) => !(k in state));
    const unexpected = Object.keys(state).filter((k) => !this.params.has(k));
    const mismatched: string[] = [];
    for (const [name, p] of this.params) {
      const v = state[name];
      if (v !== undefined && v.shape.join() !== p.shape.join()) {
        mismatched.push(
          `size mismatch for ${name}: copying a param with shape torch.Size([${v.shape.join(', ')}]) from checkpoint, the shape in current model is torch.Size([${p.shape.join(', ')}]).`,
        );
      }
    }
    if (missing.length > 0 || unexpected.length > 0 || mismatched.length > 0) {
      const lines: string[] = [];
      if (missing.length > 0) lines.push(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(', ')}. `);
      if (unexpected.length > 0) lines.push(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(', ')}. `);
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
