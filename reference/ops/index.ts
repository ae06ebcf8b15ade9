/** The differentiable ops the reference is built from. */
export { add, map, mul, mulScalar, relu, sum, sumToLastDim, tanh, type FloatStorage } from './pointwise.ts';
export { linear } from './linear.ts';
export { cat, checkIndexSelect, indexSelect, narrow, split, squeeze, stack, transpose, unsqueeze, view } from './shape.ts';
export { rnnCell } from './rnn-cell.ts';
