import { type AnyCase, type Kind, type Oracles, type PropertyResult } from './differential.ts';
export declare const REGRESSIONS_DIR: string;
export interface Regression {
    kind: Kind;
    /** Where it was found; all optional for a hand-reduced case. */
    found: {
        seed?: number;
        path?: string;
        message?: string;
        replay?: string;
    };
    description: string;
    case: AnyCase;
}
export declare function regressionText(r: Regression): string;
export declare function regressionFileName(r: Regression): string;
/** Writes the regression case into `dir` (created if needed); returns the file's path. */
export declare function saveRegression(dir: string, r: Regression): string;
/** Saves a property's shrunk counterexample (with its seed, path and disagreement); returns the path. */
export declare function saveFailure(dir: string, r: PropertyResult): string;
/** Parses one regression file; a malformed one is an error that names it. */
export declare function readRegression(path: string): Regression;
/** Every `*.json` in `dir` (none when the folder does not exist), in name order. */
export declare function listRegressions(dir?: string): string[];
/**
 * The differential test of one kind: runs the property with the RNNSPEC_* settings, prints its
 * summary (seed included), and on a disagreement throws the report with its replay command,
 * after saving the case under regressions/ when RNNSPEC_SAVE=1.
 */
export declare function checkDifferential(kind: Kind, oracles: Oracles, defaultRuns?: number): Promise<void>;
