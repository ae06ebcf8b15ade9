/**
 * Backpropagation through time keeps memory linear in the sequence length (issue: "keep the
 * hidden states, nothing quadratic"). Measured structurally, not by timing: the number of graph
 * nodes and the elements their inputs hold, for L and 4L steps, must grow by about 4, not 16.
 */
import { describe, expect, it } from 'vitest';
import { Generator, RNN, Tensor, nn, ops, type Node } from '../../../reference/index.ts';

/** Nodes reachable from `root` and the total numel of the tensors they reference. */
function graphSize(root: Tensor): { nodes: number; elements: number } {
  const seen = new Set<Node>();
  const tensors = new Set<Tensor>();
  const stack = root.gradFn ? [root.gradFn] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const t of node.inputs) {
      if (!t) continue;
      tensors.add(t);
      if (t.gradFn) stack.push(t.gradFn);
    }
  }
  return { nodes: seen.size, elements: [...tensors].reduce((n, t) => n + t.numel(), 0) };
}

function randn(shape: number[], gen: Generator): Tensor {
  const t = new Tensor('float64', shape);
  for (let i = 0; i < t.numel(); i++) t.data[i] = gen.normal();
  return t.requiresGrad_();
}

function lossFor(L: number, packed: boolean): Tensor {
  const gen = new Generator(L);
  const rnn = new RNN(3, 4, 2, { bidirectional: true, dtype: 'float64', generator: gen });
  const x = randn([L, 2, 3], gen);
  if (packed) {
    const [out, h_n] = rnn.forward(nn.utils.rnn.packPaddedSequence(x, [L, L - 1]));
    return ops.add(ops.sum(out.data), ops.sum(h_n));
  }
  const [output, h_n] = rnn.forward(x);
  return ops.add(ops.sum(output), ops.sum(h_n));
}

describe('BPTT memory is linear in the sequence length', () => {
  it.each([false, true])('graph nodes and referenced elements grow 4x from L=50 to L=200 (packed=%s)', (packed) => {
    const small = graphSize(lossFor(50, packed));
    const large = graphSize(lossFor(200, packed));
    expect(large.nodes / small.nodes).toBeGreaterThan(3.5);
    expect(large.nodes / small.nodes).toBeLessThan(4.5);
    expect(large.elements / small.elements).toBeGreaterThan(3.5);
    expect(large.elements / small.elements).toBeLessThan(4.5);
  });
});
