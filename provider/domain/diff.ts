/**
 * What a change to a domain's inputs means. UpdateDomain rewrites name, description and key in
 * place, TagResource / UntagResource handle tags; only moving the domain to another region or
 * endpoint (another service) needs a new domain: the effective region, not how it is declared.
 * @module
 */
import { prune, deepEqual } from "../shared/data";
import { AmbientTarget, targetReplaces as sharedTargetReplaces } from "../shared/scope";
import { containsUnknown } from "../shared/validation";
import { DomainInputs, DomainOutputs } from "./args";

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

/** A change of the effective region or declared endpoint replaces (see `shared/scope.ts`). */
export function targetReplaces(olds: Partial<DomainOutputs>, news: Partial<DomainInputs>, ambient: AmbientTarget): string[] {
    return sharedTargetReplaces(olds, news, ambient, containsUnknown);
}

/** Inputs updated in place. */
export const UPDATE_KEYS = ["name", "description", "serverSideEncryptionConfiguration", "tags"] as const;

/** Computes the diff between recorded outputs `olds` and new inputs `news`. */
export function diffDomain(olds: Partial<DomainOutputs>, news: Partial<DomainInputs>, ambient: AmbientTarget = {}): ResourceDiff {
    const o = olds as Record<string, unknown>;
    const n = news as Record<string, unknown>;
    const replaces = targetReplaces(olds, news, ambient);
    const updates = UPDATE_KEYS.filter((k) => changed(o, n, k));
    return { changes: replaces.length > 0 || updates.length > 0, replaces, updates };
}
