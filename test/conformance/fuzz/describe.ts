/** A fuzz case in one line, its options as PyTorch spells them (what a failure report prints). */
import type { EmbeddingCase, RnnCase } from '../../../impl/contract.ts';

export type Kind = 'rnn' | 'embedding';
export type AnyCase = RnnCase | EmbeddingCase;

export function describeCase(kind: Kind, c: AnyCase): string {
  if (kind === 'rnn') {
    const { config: k, input, h0, lengths, enforceSorted, upstream } = c as RnnCase;
    const opts = [
      `input_size=${k.inputSize}`, `hidden_size=${k.hiddenSize}`, `num_layers=${k.numLayers}`, `nonlinearity='${k.nonlinearity}'`,
      `bias=${k.bias ? 'True' : 'False'}`, `batch_first=${k.batchFirst ? 'True' : 'False'}`, `bidirectional=${k.bidirectional ? 'True' : 'False'}`,
      ...(k.dropout > 0 ? [`dropout=${k.dropout}`] : []), `dtype=torch.${k.dtype}`,
    ];
    const shown = lengths && lengths.length > 12 ? `${lengths.slice(0, 12)}, ...` : `${lengths}`;
    const form = lengths ? `packed lengths=[${shown}]${enforceSorted === undefined ? '' : ` enforce_sorted=${enforceSorted ? 'True' : 'False'}`}` : input.shape.length === 2 ? 'unbatched' : 'padded';
    return `nn.RNN(${opts.join(', ')})${k.training ? '' : '.eval()'} on input [${input.shape}] ${form}${h0 ? ` with h0 [${h0.shape}]` : ''}${upstream ? ', gradients' : ''}`;
  }
  const { config: k, weight, indices, upstream } = c as EmbeddingCase;
  const opts = [
    `${k.numEmbeddings}, ${k.embeddingDim}`, ...(k.paddingIdx === null ? [] : [`padding_idx=${k.paddingIdx}`]),
    ...(k.maxNorm === null ? [] : [`max_norm=${k.maxNorm}`, `norm_type=${k.normType}`]),
    ...(k.scaleGradByFreq ? ['scale_grad_by_freq=True'] : []), ...(k.sparse ? ['sparse=True'] : []), `dtype=torch.${weight.dtype}`,
  ];
  const idx = Array.from(indices.data as ArrayLike<number | bigint>, Number);
  return `nn.Embedding(${opts.join(', ')}) on ${indices.dtype} indices [${indices.shape}] = [${idx.slice(0, 12)}${idx.length > 12 ? ', ...' : ''}]${upstream ? ', gradients' : ''}`;
}
