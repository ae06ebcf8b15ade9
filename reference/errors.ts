/**
 * PyTorch's exceptions, one class per Python exception kind.
 *
 * rnnspec raises what PyTorch 1.13 raises: the same Python exception type (as `name`) and the
 * same text (as `message`), so that a test can compare both with a golden fixture
 * (docs/spec.md §1.6, §2.6, §3.4).
 */

export type PythonErrorType =
  | 'RuntimeError'
  | 'ValueError'
  | 'TypeError'
  | 'IndexError'
  | 'AssertionError'
  | 'AttributeError';

/** Base class: `name` is the Python exception type, `message` PyTorch's exact text. */
export class TorchError extends Error {
  constructor(
    readonly pythonType: PythonErrorType,
    message: string,
  ) {
    super(message);
    this.name = pythonType;
  }
}

export class RuntimeError extends TorchError {
  constructor(message: string) {
    super('RuntimeError', message);
  }
}

export class ValueError extends TorchError {
  constructor(message: string) {
    super('ValueError', message);
  }
}

/** Python's TypeError (named so to keep JavaScript's own TypeError usable). */
export class PyTypeError extends TorchError {
  constructor(message: string) {
    super('TypeError', message);
  }
}

export class IndexError extends TorchError {
  constructor(message: string) {
    super('IndexError', message);
  }
}

export class AssertionError extends TorchError {
  constructor(message: string) {
    super('AssertionError', message);
  }
}

export class AttributeError extends TorchError {
  constructor(message: string) {
    super('AttributeError', message);
  }
}

