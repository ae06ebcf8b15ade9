/**
 * What a case exercises (its features, the rows of the conformance matrix) and what it requires of
 * an adapter. A case whose requirements the adapter's declared capabilities do not meet is
 * `unsupported`, with the first unmet requirement as the reason; it is never run, never passed.
 */
import type { Capabilities, EmbeddingCase, RnnCase } from '../../impl/contract.ts';
export declare function rnnFeatures(c: RnnCase): string[];
/** null when supported, else why not. */
export declare function rnnUnsupported(c: RnnCase, caps: Capabilities): string | null;
/** null when the adapter can also give the case's gradients, else why not. */
export declare function rnnGradientsUnsupported(c: RnnCase, caps: Capabilities): string | null;
export declare function embeddingFeatures(c: EmbeddingCase): string[];
export declare function embeddingUnsupported(c: EmbeddingCase, caps: Capabilities): string | null;
/** padding_idx and scale_grad_by_freq act only on gradients, so they are checked here. */
export declare function embeddingGradientsUnsupported(c: EmbeddingCase, caps: Capabilities): string | null;
/** The features that only a gradient check exercises (reported unsupported when gradients are). */
export declare const GRADIENT_FEATURES: Set<string>;
