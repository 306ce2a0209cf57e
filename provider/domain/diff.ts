/**
 * What a change to a domain's inputs means. UpdateDomain rewrites name, description and key in
 * place, TagResource / UntagResource handle tags; only moving the domain to another region or
 * endpoint (another service) needs a new domain: the effective region, not how it is declared.
 * @module
 */
import { AmbientTarget, targetReplaces as sharedTargetReplaces } from "../shared/scope";
import { containsUnknown } from "../shared/validation";
import { ResourceDiff, changed } from "../shared/resourceDiff";
import { DomainInputs, DomainOutputs } from "./args";

/** A change of the effective region or declared endpoint replaces (see `shared/scope.ts`). */
export function targetReplaces(
    olds: Partial<DomainOutputs>,
    news: Partial<DomainInputs>,
    ambient: AmbientTarget,
): string[] {
    return sharedTargetReplaces(olds, news, ambient, containsUnknown);
}

/** Inputs updated in place. */
export const UPDATE_KEYS = ["name", "description", "serverSideEncryptionConfiguration", "tags"] as const;

/** Computes the diff between recorded outputs `olds` and new inputs `news`. */
export function diffDomain(
    olds: Partial<DomainOutputs>,
    news: Partial<DomainInputs>,
    ambient: AmbientTarget = {},
): ResourceDiff {
    const o = olds as Record<string, unknown>;
    const n = news as Record<string, unknown>;
    const replaces = targetReplaces(olds, news, ambient);
    const updates = UPDATE_KEYS.filter((k) => changed(o, n, k));
    return { changes: replaces.length > 0 || updates.length > 0, replaces, updates };
}
