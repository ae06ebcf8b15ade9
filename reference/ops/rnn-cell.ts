/**
 * One time step of nn.RNN (docs/spec.md §3.2), with the input projection P_t = x_t W_ih^T + b_ih already
 * computed for every step at once:
 *
 *     h_t = act((h_{t-1} W_hh^T + b_hh) + P_t)          act = tanh or relu
 *
 * in that order of additions, each rounded to the dtype (torch's CPU order). One graph node per
 * step: it saves h_{t-1}, W_hh and h_t, so backpropagation through time keeps memory linear in L.
 */
import { attach } from '../autograd.ts';
import { Tensor } from '../tensor.ts';
import { checkLinear, linearGrads, linearValues } from './linear.ts';
import { reluGradOf, reluOf, type FloatStorage } from './pointwise.ts';

export function rnnCell(P_t: Tensor, h_prev: Tensor, W_hh: Tensor, b_hh: Tensor | null, nonlinearity: 'tanh' | 'relu'): Tensor {
  checkLinear(h_prev, W_hh, b_hh);
  const h_t = linearValues(h_prev, W_hh, b_hh); // h_{t-1} W_hh^T + b_hh
  const h = h_t.data as FloatStorage, p = P_t.data as FloatStorage;
  for (let i = 0; i < h.length; i++) h[i] += p[i]; // + P_t (the store rounds in float32)
  if (nonlinearity === 'tanh') for (let i = 0; i < h.length; i++) h[i] = Math.tanh(h[i]);
  else for (let i = 0; i < h.length; i++) h[i] = reluOf(h[i]);
  const name = nonlinearity === 'tanh' ? 'RnnTanhCellBackward' : 'RnnReluCellBackward';
  return attach(h_t, name, [P_t, h_prev, W_hh, b_hh], [h_prev, W_hh, h_t], (g, [hp, W, ht]) => {
    // dA = g * act'(A): d tanh(u)/du = 1 - h^2; relu's from its result h
    const dA = new Tensor(g.dtype, g.shape);
    const d = dA.data as FloatStorage, gv = g.data as FloatStorage, hv = ht.data as FloatStorage;
    if (nonlinearity === 'tanh') for (let i = 0; i < d.length; i++) d[i] = gv[i] * (1 - hv[i] * hv[i]);
    else for (let i = 0; i < d.length; i++) d[i] = reluGradOf(hv[i], gv[i]);
    const [g_hprev, g_W_hh, g_b_hh] = linearGrads(dA, hp, W, b_hh !== null);
    return [dA, g_hprev, g_W_hh, g_b_hh]; // dA/dP_t = I
  });
}
