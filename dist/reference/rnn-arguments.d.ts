import type { RNN, RNNOptions } from './rnn.ts';
/** What Python does before RNNBase.__init__'s body: RNN.__init__'s checks, then argument binding. */
export declare function bindArguments(inputSize: unknown, hiddenSize: unknown, numLayersOrOptions: number | RNNOptions | undefined, options: RNNOptions): {
    numLayers: number;
    opts: RNNOptions;
    nonlinearity: "tanh" | "relu";
};
/** `self.dropout = float(dropout)`, then the range check. */
export declare function checkDropout(dropout: unknown): number;
/** 1.13 tests bias, batch_first and bidirectional for truthiness only; `_VF.rnn_tanh` then refuses non-bools (#136954). */
export declare function checkFlagsAreBools(rnn: RNN, packed: boolean): void;
