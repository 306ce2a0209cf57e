/**
 * The destructive items of a plan: fraudsters and speakers deleted with their jobs, domains and
 * watchlists deleted or replaced, each with its count and reason. `--fail-on destroy` fails on
 * any of them, and the comment lists every one of them first, never collapsed or cut.
 * @module
 */
import { fraudsters, speakers, VoiceIdType } from "../../provider/plan/consequences";
import type { PlannedChange } from "./change";

/** What a deletion removes. */
export type DeletedKind = "fraudsters" | "speakers" | "domain" | "watchlist";

/** One destructive item of a plan: what goes, how many, and why. */
export interface Deletion {
    what: DeletedKind;
    /** Fraudsters or speakers deleted (at most, for a replacement); 1 for a domain or watchlist. */
    count: number;
    /** The resource whose replacement or deletion causes it. */
    resource: string;
    type: VoiceIdType;
    op: "replace" | "delete";
    /** Why: `replaced (<properties forcing it>)`, `removed from the program` or `the stack is destroyed`. */
    reason: string;
    /** For a replacement, the properties forcing it. */
    reasons: string[];
    /** What happens, in the providers' words. */
    consequence: string;
    /** The job whose fraudsters or speakers go. */
    jobId?: string;
}

const DELETED_ORDER: DeletedKind[] = ["fraudsters", "speakers", "domain", "watchlist"];

/** The destructive items of the changes, in the order a reviewer weighs them: fraudsters first. */
export function deletionsOf(changes: PlannedChange[], deleteReason: string): Deletion[] {
    const out: Deletion[] = [];
    for (const c of changes) {
        if (c.op !== "replace" && c.op !== "delete") continue;
        const reason =
            c.op === "replace" ? `replaced${c.reasons.length ? ` (${c.reasons.join(", ")})` : ""}` : deleteReason;
        const base = {
            resource: c.name,
            type: c.type,
            op: c.op,
            reason,
            reasons: c.op === "replace" ? c.reasons : [],
            consequence: c.consequence,
            ...(c.jobId ? { jobId: c.jobId } : {}),
        };
        if (c.fraudstersDeleted > 0) out.push({ what: "fraudsters", count: c.fraudstersDeleted, ...base });
        if ((c.speakersDeleted ?? 0) > 0) out.push({ what: "speakers", count: c.speakersDeleted!, ...base });
        if (c.type === "VoiceIdDomain") out.push({ what: "domain", count: 1, ...base });
        if (c.type === "Watchlist") out.push({ what: "watchlist", count: 1, ...base });
    }
    return out.sort((a, b) => DELETED_ORDER.indexOf(a.what) - DELETED_ORDER.indexOf(b.what));
}

/** `3 fraudsters`, `1 domain`, `2 watchlists`. */
export function countOf(what: DeletedKind, n: number): string {
    if (what === "fraudsters") return fraudsters(n);
    if (what === "speakers") return speakers(n);
    return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/**
 * What a plan deletes, in one phrase: `up to 3 fraudsters, 1 domain and 1 watchlist`. "Up to":
 * a replacement deletes only what the new job does not find again. Empty when nothing is deleted.
 */
export function deletionsPhrase(plan: { deletions: readonly Deletion[] }): string {
    const parts = DELETED_ORDER.flatMap((what) => {
        const items = plan.deletions.filter((d) => d.what === what);
        if (!items.length) return [];
        const n = items.reduce((k, d) => k + d.count, 0);
        const upTo =
            (what === "fraudsters" || what === "speakers") && items.some((d) => d.op === "replace") ? "up to " : "";
        return [`${upTo}${countOf(what, n)}`];
    });
    return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts.join("");
}
