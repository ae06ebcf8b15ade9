/**
 * A small reverse-mode autograd: nodes record how to push a gradient back to their inputs, and
 * `runBackward` visits them in reverse topological order, accumulating into leaves' `.grad`.
 *
 * As in PyTorch (docs/spec.md §1.5, §2.3): every tensor an op saves for its
 * backward is checked against its version counter, so an in-place change made after the save
 * raises "one of the variables needed for gradient computation has been modified by an inplace
 * operation"; saved tensors are freed after backward unless retainGraph is set.
 *
 * A node may have several outputs (like `split`): each output tensor records its `outputNr`, and
 * the node's backward receives one gradient (or null) per output. The engine only moves gradients
 * around; adding and copying them is the gradients' own business (Tensor and SparseCooTensor), so
 * this file needs their types only.
 */
import { legacyTypeName } from './dtype.ts';
import { RuntimeError } from './errors.ts';
import type { Tensor } from './tensor.ts';
import type { SparseCooTensor } from './sparse.ts';

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
/** The backward of a node with several outputs: one gradient per output, null where none arrived. */
export type MultiBackwardFn = (grads: Array<Tensor | null>, saved: Tensor[]) => Array<Grad | null>;

export class Node {
  private saved: SavedTensor[] | null;
  constructor(
    /** PyTorch's grad_fn name, e.g. `TanhBackward0`. */
    readonly name: string,
    readonly inputs: ReadonlyArray<Tensor | null>,
    saved: SavedTensor[],
    private readonly backwardFn: MultiBackwardFn,
    readonly numOutputs = 1,
  ) {
    this.saved = saved;
  }
  apply(grads: Array<Tensor | null>): Array<Grad | null> {
    if (this.saved === null) {
      throw new RuntimeError(
        'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.',
      );
    }
    return this.backwardFn(grads, this.saved.map((s) => s.unpack()));
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
  attachOutputs([out], name, inputs, save, ([g], saved) => backward(g!, saved));
  return out;
}

/** `attach` for an op with several outputs; `backward` gets one gradient (or null) per output. */
export function attachOutputs(
  outs: readonly Tensor[],
  name: string,
  inputs: ReadonlyArray<Tensor | null>,
  save: readonly Tensor[],
  backward: MultiBackwardFn,
): readonly Tensor[] {
  if (!gradEnabled || !inputs.some((t) => t?.requiresGrad)) return outs;
  const saved: SavedTensor[] = [];
  const node = new Node(name, inputs, saved, backward, outs.length);
  outs.forEach((out, i) => {
    out.gradFn = node;
    out.outputNr = i;
    out._setRequiresGradUnchecked(true);
  });
  for (const t of save) saved.push(new SavedTensor(t, outs.includes(t) ? node : t.gradFn));
  return outs;
}

// ---- the engine -------------------------------------------------------------------------------
function accumulateIntoLeaf(leaf: Tensor, g: Grad): void {
  const current = leaf.grad; // a leaf: no warning
  leaf.grad = current === null ? g._copyAsGrad() : current._plusGrad(g);
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

/**
 * Pushes `seed` = d(loss)/d(root) back through root's graph (Tensor.backward checks the seed).
 * Gradients arriving at the same output of a node are summed before the node runs.
 */
export function runBackward(root: Tensor, seed: Tensor, retainGraph: boolean): void {
  if (root.gradFn === null) {
    accumulateIntoLeaf(root, seed);
    return;
  }
  const pending = new Map<Node, Array<Grad | null>>();
  const arrive = (node: Node, outputNr: number, g: Grad) => {
    let slots = pending.get(node);
    if (slots === undefined) pending.set(node, (slots = new Array<Grad | null>(node.numOutputs).fill(null)));
    const prev = slots[outputNr];
    slots[outputNr] = prev === null ? g : prev._plusGrad(g);
  };
  arrive(root.gradFn, root.outputNr, seed);
  const previousMode = gradEnabled;
  gradEnabled = false; // backward itself is not recorded (no create_graph)
  try {
    for (const node of topologicalOrder(root.gradFn)) {
      const grads = pending.get(node);
      pending.delete(node);
      if (grads === undefined) continue;
      const inputGrads = node.apply(grads.map((g) => (g === null ? null : g.toDense())));
      if (!retainGraph) node.release();
      node.inputs.forEach((input, i) => {
        const g = inputGrads[i];
        if (!input?.requiresGrad || g === null) return; // absent, needs no grad, or given None
        if (input.gradFn === null) accumulateIntoLeaf(input, g);
        else arrive(input.gradFn, input.outputNr, g);
      });
    }
  } finally {
    gradEnabled = previousMode;
  }
}
