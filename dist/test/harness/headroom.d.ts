import type { Comparison } from './compare.ts';
interface Row {
    case: string;
    value: string;
    headroom: number;
    maxAbsError: number;
}
export declare function recordHeadroom(group: string, caseId: string, value: string, c: Comparison): void;
export declare function flushHeadroom(group: string, show?: number): Row[];
export {};
