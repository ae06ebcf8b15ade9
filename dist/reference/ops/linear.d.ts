import { Tensor } from '../tensor.ts';
/** x (M, K) . W (N, K)^T + b (N) -> (M, N). */
export declare function linear(x: Tensor, W: Tensor, b?: Tensor | null): Tensor;
