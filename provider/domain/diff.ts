/**
 * What a change to a domain's inputs means. UpdateDomain rewrites name, description and key in
 * place, TagResource / UntagResource handle tags; only moving the domain to another region or
 * endpoint (another service) needs a new domain.
 * @module
 */
import { prune, deepEqual } from "../shared/data";
import { declaredTargetOf } from "../shared/scope";
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

/** Region/endpoint changes (declared in args or stack config) replace. */
export function targetReplaces(olds: Partial<DomainInputs>, news: Partial<DomainInputs>): string[] {
    const out: string[] = [];
    const o = declaredTargetOf(olds);
    const n = declaredTargetOf(news);
    for (const key of ["region", "endpoint"] as const) {
        const viaScope = key === "region" ? news.scope?.configRegion : news.scope?.configEndpoint;
        if (containsUnknown(news[key]) || containsUnknown(viaScope) || o[key] !== n[key]) out.push(key);
    }
    return out;
}

/** Inputs updated in place. */
export const UPDATE_KEYS = ["name", "description", "serverSideEncryptionConfiguration", "tags"] as const;

/** Computes the diff between recorded outputs `olds` and new inputs `news`. */
export function diffDomain(olds: Partial<DomainOutputs>, news: Partial<DomainInputs>): ResourceDiff {
    const o = olds as Record<string, unknown>;
    const n = news as Record<string, unknown>;
    const replaces = targetReplaces(olds, news);
    const updates = UPDATE_KEYS.filter((k) => changed(o, n, k));
    return { changes: replaces.length > 0 || updates.length > 0, replaces, updates };
}
