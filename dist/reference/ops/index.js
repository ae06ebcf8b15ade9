/** The differentiable ops the reference is built from. */
export { add, map, mul, mulScalar, relu, sum, sumToLastDim, tanh } from "./pointwise.js";
export { linear } from "./linear.js";
export { cat, indexSelect, narrow, squeeze, stack, transpose, unsqueeze, view } from "./shape.js";
