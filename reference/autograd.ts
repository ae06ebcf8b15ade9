/**
 * A small reverse-mode autograd: nodes record how to push a gradient back to their inputs, and
 * `runBackward` visits them in reverse topological order, accumulating into leaves' `.grad`.
 *
 * As in PyTorch (docs/spec.md §1.5, §2.3): every tensor an op saves for its
 * backward is checked against its version counter, so an in-place change made after the save
 * raises "one of the variables needed for gradient computation has been modified by an inplace
 * operation"; saved tensors are freed after backward unless retainGraph is set.
 */
import { legacyTypeName } from './dtype.ts';
import { RuntimeError } from './errors.ts';
import { Tensor } from './tensor.ts';
import { SparseCooTensor } from './sparse.ts';

export type Grad = Tensor | SparseCooTensor;

// ---- grad mode --------------------------------------------------------------------------------
let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** `with torch.no_grad():` */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

// ---- saved tensors ----------------------------------------------------------------------------
class SavedTensor {
  private readonly version: number;
  constructor(
    private readonly tensor: Tensor,
    private readonly producer: Node | null,
  ) {
    this.version = tensor._version;
  }
  unpack(): Tensor {
    const t = this.tensor;
    if (t._version !== this.version) {
      const output = this.producer ? `, which is output 0 of ${this.producer.name},` : '';
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: [${legacyTypeName(t.dtype)} [${t.shape.join(', ')}]]${output} is at version ${t._version}; expected version ${this.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`,
      );
    }
    return t;
  }
}

// ---- nodes ------------------------------------------------------------------------------------
export type BackwardFn = (grad: Tensor, saved: Tensor[]) => Array<Grad | null>;

export class Node {
  private saved: SavedTensor[] | null;
  constructor(
    /** PyTorch's grad_fn name, e.g. `TanhBackward0`. */
    readonly name: string,
    readonly inputs: ReadonlyArray<Tensor | null>,
    saved: SavedTensor[],
    private readonly backwardFn: BackwardFn,
  ) {
    this.saved = saved;
  }
  apply(grad: Tensor): Array<Grad | null> {
    if (this.saved === null) {
      throw new RuntimeError(
        'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.',
      );
    }
    return this.backwardFn(grad, this.saved.map((s) => s.unpack()));
  }
  release(): void {
    this.saved = null;
  }
}

/**
 * Records `out = op(inputs)` in the graph when grad mode is on and an input requires grad.
 * `save` lists the tensors backward reads (checked against in-place changes); `out` itself may be
 * among them. `backward(grad, saved)` returns one gradient (or null) per input.
 */
export function attach(
  out: Tensor,
  name: string,
  inputs: ReadonlyArray<Tensor | null>,
  save: readonly Tensor[],
  backward: BackwardFn,
): Tensor {
  if (!gradEnabled || !inputs.some((t) => t?.requiresGrad)) return out;
  const saved: SavedTensor[] = [];
  const node = new Node(name, inputs, saved, backward);
  out.gradFn = node;
  out._setRequiresGradUnchecked(true);
  for (const t of save) saved.push(new SavedTensor(t, t === out ? node : t.gradFn));
  return out;
}

// ---- the engine -------------------------------------------------------------------------------
function addGrads(a: Grad, b: Grad): Grad {
  if (a instanceof SparseCooTensor && b instanceof SparseCooTensor) return a.add(b);
  const dense = a instanceof SparseCooTensor ? a.toDense() : a;
  const other = b instanceof SparseCooTensor ? b.toDense() : b;
  const out = new Tensor(dense.dtype, dense.shape);
  for (let i = 0; i < out.data.length; i++) out.data[i] = ((dense.data[i] as number) + (other.data[i] as number)) as never;
  return out;
}

function copyGrad(g: Grad): Grad {
  return g instanceof SparseCooTensor ? g : new Tensor(g.dtype, g.shape, g.data.slice() as never);
}

function accumulateIntoLeaf(leaf: Tensor, g: Grad): void {
  const current = leaf.grad; // a leaf: no warning
  leaf.grad = current === null ? copyGrad(g) : addGrads(current, g);
}

/** Nodes reachable from `root`, each after every node that feeds it a gradient. */
function topologicalOrder(root: Node): Node[] {
  const order: Node[] = [];
  const seen = new Set<Node>();
  const stack: Array<[Node, number]> = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const [node, i] = top;
    if (i < node.inputs.length) {
      top[1]++;
      const next = node.inputs[i]?.gradFn;
      if (next && !seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order.reverse();
}

export function runBackward(root: Tensor, gradient: Tensor | undefined, retainGraph: boolean): void {
  if (!root.requiresGrad) {
    throw new RuntimeError('element 0 of tensors does not require grad and does not have a grad_fn');
  }
  let seed: Tensor;
  if (gradient === undefined) {
    if (root.numel() !== 1) throw new RuntimeError('grad can be implicitly created only for scalar outputs');
    seed = new Tensor(root.dtype, root.shape);
    seed.data.fill(1 as never);
  } else {
    if (gradient.shape.join() !== root.shape.join()) {
      throw new RuntimeError(
        `Mismatch in shape: grad_output[0] has a shape of torch.Size([${gradient.shape.join(', ')}]) and output[0] has a shape of torch.Size([${root.shape.join(', ')}]).`,
      );
    }
    seed = gradient;
  }
  if (root.gradFn === null) {
    accumulateIntoLeaf(root, seed);
    return;
  }
  const pending = new Map<Node, Grad>([[root.gradFn, seed]]);
  const previousMode = gradEnabled;
  gradEnabled = false; // backward itself is not recorded (no create_graph)
  try {
    for (const node of topologicalOrder(root.gradFn)) {
      const grad = pending.get(node);
      pending.delete(node);
      if (grad === undefined) continue;
      const dense = grad instanceof SparseCooTensor ? grad.toDense() : grad;
      const inputGrads = node.apply(dense);
      if (!retainGraph) node.release();
      node.inputs.forEach((input, i) => {
        const g = inputGrads[i];
        if (!input || !input.requiresGrad || g === null || g === undefined) return;
        if (input.gradFn === null) accumulateIntoLeaf(input, g);
        else {
          const prev = pending.get(input.gradFn);
          pending.set(input.gradFn, prev === undefined ? g : addGrads(prev, g));
        }
      });
    }
  } finally {
    gradEnabled = previousMode;
  }
}
