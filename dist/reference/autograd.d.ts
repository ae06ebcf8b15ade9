import { Tensor } from './tensor.ts';
import { SparseCooTensor } from './sparse.ts';
export type Grad = Tensor | SparseCooTensor;
export declare function isGradEnabled(): boolean;
/** `with torch.no_grad():` */
export declare function noGrad<T>(fn: () => T): T;
declare class SavedTensor {
    private readonly tensor;
    private readonly producer;
    private readonly version;
    constructor(tensor: Tensor, producer: Node | null);
    unpack(): Tensor;
}
export type BackwardFn = (grad: Tensor, saved: Tensor[]) => Array<Grad | null>;
export declare class Node {
    /** PyTorch's grad_fn name, e.g. `TanhBackward0`. */
    readonly name: string;
    readonly inputs: ReadonlyArray<Tensor | null>;
    private readonly backwardFn;
    private saved;
    constructor(
    /** PyTorch's grad_fn name, e.g. `TanhBackward0`. */
    name: string, inputs: ReadonlyArray<Tensor | null>, saved: SavedTensor[], backwardFn: BackwardFn);
    apply(grad: Tensor): Array<Grad | null>;
    release(): void;
}
/**
 * Records `out = op(inputs)` in the graph when grad mode is on and an input requires grad.
 * `save` lists the tensors backward reads (checked against in-place changes); `out` itself may be
 * among them. `backward(grad, saved)` returns one gradient (or null) per input.
 */
export declare function attach(out: Tensor, name: string, inputs: ReadonlyArray<Tensor | null>, save: readonly Tensor[], backward: BackwardFn): Tensor;
export declare function runBackward(root: Tensor, gradient: Tensor | undefined, retainGraph: boolean): void;
export {};
