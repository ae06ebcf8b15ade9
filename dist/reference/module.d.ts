import { Tensor } from './tensor.ts';
/** `nn.Parameter(data)`: an alias of `data` (same storage and version counter) that requires grad. */
export declare function Parameter(data: Tensor): Tensor;
export declare abstract class Module {
    /** `module.training`: true after construction and `train()`, false after `eval()`. */
    training: boolean;
    private readonly params;
    /** `register_parameter(name, param)`: keeps registration order, as `named_parameters()` does. */
    protected registerParameter(name: string, param: Tensor): Tensor;
    namedParameters(): Array<[string, Tensor]>;
    parameters(): Tensor[];
    getParameter(name: string): Tensor;
    train(mode?: boolean): this;
    eval(): this;
    /** `state_dict()`: detached aliases of every parameter, by name, in registration order. */
    stateDict(): Record<string, Tensor>;
    /**
     * `load_state_dict(state_dict, strict=True)`: copies each value into the parameter of that name
     * (in place, under no_grad), with PyTorch's error for missing, unexpected or mis-shaped entries.
     */
    loadStateDict(state: Record<string, Tensor>): void;
}
