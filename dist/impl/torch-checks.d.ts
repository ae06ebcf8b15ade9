/**
 * What PyTorch checks before it computes, for adapters whose backend would silently answer where
 * PyTorch raises (spec §3.4): errors carry PyTorch's exception type as `name` and its exact text.
 * Shared by the ONNX Runtime and tfjs adapters.
 */
import type { RnnCase } from './contract.ts';
export declare function torchError(type: 'RuntimeError' | 'IndexError' | 'ValueError' | 'TypeError', message: string): Error;
/** pack_padded_sequence's checks of `lengths` for a padded (T, N) input, in PyTorch's order. */
export declare function checkPacked(lengths: readonly number[], enforceSorted: boolean, T: number, N: number): void;
/** The time-major layout of a checked nn.RNN case. */
export interface RnnInputLayout {
    L: number;
    N: number;
    I: number;
    /** 2-D input without lengths: run as a batch of one. */
    unbatched: boolean;
    /** batch_first as it acts (PyTorch 1.13 ignores it for unbatched input). */
    batchFirst: boolean;
    /** The lengths as torch.as_tensor(lengths, dtype=int64) makes them (floats truncated); packed input only. */
    lengths?: number[];
    /** The h0 shape nn.RNN expects, (layers * D, N, H); a packed, unsorted h0 may have more rows (rows 0..N-1 count). */
    hShape: [number, number, number];
}
/** pack_padded_sequence's and nn.RNN's checks of a case's input and h0, in PyTorch's order. */
export declare function checkRnnInput(c: RnnCase): RnnInputLayout;
