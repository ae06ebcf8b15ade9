/**
 * nn.RNN written again from the reference's public differentiable ops, with the activation as a
 * parameter: the substrate of the mutants whose bug sits inside the recurrence (a relu clamped at
 * 6, tanh as (e^2x - 1)/(e^2x + 1), relu's derivative at 0). With the true activation it computes
 * what the reference computes, bit for bit (the same ops on the same rows).
 *
 *     h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)
 *
 * Each sequence of the batch runs on its own over its own length (what packing means); an empty
 * batch, fractional lengths or dropout that acts are left to the reference.
 */
import type { PlainTensor, RnnCase, RnnResult } from '../contract.ts';
import { Tensor, ops, type DType } from '../../reference/index.ts';

/** The nonlinearity as the mutant computes it; `a` is the pre-activation. */
export type Activation = (a: Tensor, nonlinearity: 'tanh' | 'relu') => Tensor;

export const trueActivation: Activation = (a, nl) => (nl === 'tanh' ? ops.tanh(a) : ops.relu(a));

const toTensor = (t: PlainTensor, grad: boolean) => {
  const out = new Tensor(t.dtype as DType, t.shape, t.data.slice());
  return grad ? out.requiresGrad_() : out;
};

/** null when the case needs what this RNN leaves to the reference. */
export function rnnFromOps(c: RnnCase, act: Activation): RnnResult | null {
  const { config: k } = c;
  const unbatched = c.input.shape.length === 2;
  const [L, N] = unbatched ? [c.input.shape[0], 1] : k.batchFirst ? [c.input.shape[1], c.input.shape[0]] : [c.input.shape[0], c.input.shape[1]];
  const fractional = c.lengths?.some((l) => !Number.isInteger(l)); // PyTorch truncates them; left to the reference
  if (L === 0 || N === 0 || fractional || (k.training && k.dropout > 0 && k.numLayers > 1)) return null;
  const grad = c.upstream !== undefined;
  const params = Object.fromEntries(Object.entries(c.params).map(([name, p]) => [name, toTensor(p, grad)]));
  const input = toTensor(c.input, grad);
  const h0 = c.h0 ? toTensor(c.h0, grad) : null;
  const D = k.bidirectional ? 2 : 1;
  const H = k.hiddenSize;
  const x = unbatched ? ops.unsqueeze(input, 1) : k.batchFirst ? ops.transpose(input, 0, 1) : input; // (L, N, I)
  const h = h0 === null ? null : unbatched ? ops.unsqueeze(h0, 1) : h0; // (layers*D, N, H)
  const zeros = (rows: number) => new Tensor(k.dtype, [rows, H]);
  const outputs: Tensor[] = [];
  const padTo = c.lengths ? Math.max(...c.lengths) : L; // pad_packed_sequence pads to the longest sequence
  const last: Tensor[][] = Array.from({ length: k.numLayers * D }, () => []);
  for (let n = 0; n < N; n++) {
    const len = c.lengths ? c.lengths[n] : L;
    let seq = ops.narrow(ops.view(ops.narrow(x, 1, n, 1), [L, k.inputSize]), 0, 0, len);
    for (let layer = 0; layer < k.numLayers; layer++) {
      const dirs: Tensor[] = [];
      for (let d = 0; d < D; d++) {
        const sfx = `_l${layer}${d === 1 ? '_reverse' : ''}`;
        const [W_ih, W_hh] = [params[`weight_ih${sfx}`], params[`weight_hh${sfx}`]];
        const [b_ih, b_hh] = k.bias ? [params[`bias_ih${sfx}`], params[`bias_hh${sfx}`]] : [null, null];
        const P = ops.linear(seq, W_ih, b_ih);
        let state = h === null ? zeros(1) : ops.view(ops.narrow(ops.narrow(h, 0, layer * D + d, 1), 1, n, 1), [1, H]);
        const steps: Tensor[] = new Array(len);
        for (let s = 0; s < len; s++) {
          const t = d === 0 ? s : len - 1 - s;
          state = act(ops.add(ops.linear(state, W_hh, b_hh), ops.narrow(P, 0, t, 1)), k.nonlinearity);
          steps[t] = state;
        }
        last[layer * D + d].push(ops.view(state, [H]));
        dirs.push(ops.cat(steps, 0));
      }
      seq = D === 2 ? ops.cat(dirs, 1) : dirs[0];
    }
    outputs.push(len < padTo ? ops.cat([seq, new Tensor(k.dtype, [padTo - len, D * H])], 0) : seq);
  }
  let output = ops.stack(outputs, 1); // (L, N, D*H)
  let h_n = ops.stack(last.map((rows) => ops.stack(rows, 0)), 0); // (layers*D, N, H)
  if (unbatched) [output, h_n] = [ops.squeeze(output, 1), ops.squeeze(h_n, 1)];
  else if (k.batchFirst) output = ops.transpose(output, 0, 1);
  if (!c.upstream) return { output: output.detach(), h_n: h_n.detach() };
  const loss = ops.add(ops.sum(ops.mul(output, toTensor(c.upstream.output, false))), ops.sum(ops.mul(h_n, toTensor(c.upstream.h_n, false))));
  loss.backward();
  const grads: Record<string, PlainTensor> = { input: input.grad as Tensor };
  if (h0) grads.h0 = h0.grad as Tensor;
  for (const [name, p] of Object.entries(params)) grads[name] = p.grad as Tensor;
  return { output: output.detach(), h_n: h_n.detach(), grads };
}
