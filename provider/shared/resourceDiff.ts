/**
 * What every resource's diff shares: the result shape, and one normalization for comparing a
 * recorded value with a new one (empty strings, objects and maps count as absent).
 * @module
 */
import { prune, deepEqual } from "./data";
import { containsUnknown } from "./validation";

/** The result shape of `pulumi.dynamic.ResourceProvider.diff`. */
export interface ResourceDiff {
    changes: boolean;
    replaces: string[];
    /** Inputs updated in place (presentation: `shared/detailedDiff.ts`). */
    updates?: string[];
    deleteBeforeReplace?: boolean;
}

/** Empty strings, objects and maps count as absent. */
export function normalize(v: unknown): unknown {
    const p = prune(v, true);
    if (p === "") return undefined;
    if (p && typeof p === "object" && Object.keys(p as object).length === 0) return undefined;
    return p;
}

/** True when `key` differs between recorded outputs and new inputs (unknown counts as different). */
export function changed(olds: Record<string, unknown>, news: Record<string, unknown>, key: string): boolean {
    const n = news[key];
    return containsUnknown(n) || !deepEqual(normalize(olds[key]), normalize(n));
}
