/**
 * The providers' plan lines: printed during `check` / `diff`, the only provider calls a preview
 * makes, so they reach `pulumi preview` (and the diagnostics of `pulumi preview --json`). Each
 * names its resource: the dynamic provider host's output is not attributed to one.
 * @module
 */
import { sink } from "../shared/log";
import { inRefreshDiff } from "../shared/refreshDiff";
import { PresentedDiff, replacementReasons } from "../shared/detailedDiff";
import { ResourceScope } from "../shared/scope";
import { JobFacts, PlanOp, VoiceIdType, consequence, planLine } from "./consequences";

/** The name a plan line uses: the logical name from the program scope, else the id. */
function nameOf(scope: ResourceScope | undefined, fallback: string | undefined): string {
    return scope?.name ?? fallback ?? "(unnamed)";
}

/**
 * Prints the line for a diff that replaces the resource, or that updates a job still running
 * (the update resumes waiting for it); nothing otherwise. Never during a refresh: the engine
 * diffs there only to display what the refresh found, nothing is planned.
 */
export function noteDiff(
    type: VoiceIdType,
    id: string,
    olds: JobFacts & Record<string, unknown>,
    news: { scope?: ResourceScope },
    diff: PresentedDiff,
): void {
    if (inRefreshDiff()) return;
    const resumes =
        !diff.replaces.length && diff.changes && (olds.jobStatus === "SUBMITTED" || olds.jobStatus === "IN_PROGRESS");
    if (!diff.replaces.length && !resumes) return;
    const op: PlanOp = resumes ? "update" : "replace";
    const reasons = replacementReasons(diff);
    sink.write(
        "info",
        planLine(type, nameOf(news.scope, id), op, reasons, consequence(type, op, olds, undefined, diff.replaces)),
        news.scope?.urn,
    );
}

/** Prints the line for a create that adopts an existing object (`{ import }`). */
export function noteCheck(
    type: VoiceIdType,
    olds: Record<string, unknown> | undefined,
    news: { scope?: ResourceScope; importId?: unknown },
): void {
    const fresh = !olds || Object.keys(olds).length === 0;
    if (!fresh || typeof news.importId !== "string") return;
    sink.write(
        "info",
        planLine(
            type,
            nameOf(news.scope, undefined),
            "import",
            [],
            consequence(type, "import", undefined, news.importId),
        ),
        news.scope?.urn,
    );
}
