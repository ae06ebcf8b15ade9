/**
 * Python's `warnings.warn`, for the UserWarnings PyTorch emits (spec §1.4, §1.5, §3.4).
 *
 * Warnings go to every registered listener; with none registered they are printed once per text
 * with console.warn, as Python's default filter does. `catchWarnings(fn)` records them instead,
 * like `warnings.catch_warnings(record=True)`.
 */
export interface Warning {
    type: 'UserWarning';
    message: string;
}
export declare function warn(message: string, type?: Warning['type']): void;
/** Runs `fn` and returns its result with every warning it raised, in order. */
export declare function catchWarnings<T>(fn: () => T): {
    result: T;
    warnings: Warning[];
};
