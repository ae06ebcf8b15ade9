/**
 * PyTorch's exceptions, one class per Python exception kind.
 *
 * rnnspec raises what PyTorch 1.13 raises: the same Python exception type (as `name`) and the
 * same text (as `message`), so that a test can compare both with a golden fixture
 * (shared/spec/pytorch-semantics.md §1.6, §2.6, §3.4).
 */
export type PythonErrorType = 'RuntimeError' | 'ValueError' | 'TypeError' | 'IndexError' | 'AssertionError' | 'AttributeError';
/** Base class: `name` is the Python exception type, `message` PyTorch's exact text. */
export declare class TorchError extends Error {
    readonly pythonType: PythonErrorType;
    constructor(pythonType: PythonErrorType, message: string);
}
export declare class RuntimeError extends TorchError {
    constructor(message: string);
}
export declare class ValueError extends TorchError {
    constructor(message: string);
}
/** Python's TypeError (named so to keep JavaScript's own TypeError usable). */
export declare class PyTypeError extends TorchError {
    constructor(message: string);
}
export declare class IndexError extends TorchError {
    constructor(message: string);
}
export declare class AssertionError extends TorchError {
    constructor(message: string);
}
export declare class AttributeError extends TorchError {
    constructor(message: string);
}
