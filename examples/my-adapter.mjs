// my-adapter.mjs: a float32, forward-only, tanh nn.RNN, h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)
export default {
  name: 'my-rnn',
  capabilities: {
    rnn: { dtypes: ['float32'], nonlinearities: ['tanh'], withoutBias: true, batchFirst: false, bidirectional: false,
           maxLayers: 1, h0: true, unbatched: false, packed: false, dropout: false, gradients: false },
  },
  rnn({ config, params, input, h0 }) {
    const [L, N, I] = input.shape, H = config.hiddenSize;
    const W = params.weight_ih_l0.data, R = params.weight_hh_l0.data;
    const b = params.bias_ih_l0?.data, c = params.bias_hh_l0?.data;
    const output = new Float32Array(L * N * H);
    let h = h0 ? Float32Array.from(h0.data) : new Float32Array(N * H);
    for (let t = 0; t < L; t++) {
      const next = new Float32Array(N * H);
      for (let n = 0; n < N; n++) for (let j = 0; j < H; j++) {
        let s = (b ? b[j] : 0) + (c ? c[j] : 0);
        for (let i = 0; i < I; i++) s += input.data[(t * N + n) * I + i] * W[j * I + i];
        for (let k = 0; k < H; k++) s += h[n * H + k] * R[j * H + k];
        next[n * H + j] = Math.tanh(s);
      }
      output.set(next, t * N * H);
      h = next;
    }
    return { output: { dtype: 'float32', shape: [L, N, H], data: output }, h_n: { dtype: 'float32', shape: [1, N, H], data: h } };
  },
};
