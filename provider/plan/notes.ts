/**
 * The providers' plan lines: printed during `check` / `diff`, the only provider calls a preview
 * makes, so they reach `pulumi preview` (and the diagnostics of `pulumi preview --json`). Each
 * names its resource: the dynamic provider host's output is not attributed to one.
 * @module
 */
import { sink } from "../shared/log";
import { PresentedDiff, replacementReasons } from "../shared/detailedDiff";
import { ResourceScope } from "../shared/scope";
import { JobFacts, PlanOp, VoiceIdType, consequence, planLine } from "./consequences";

/** The name a plan line uses: the logical name from the program scope, else the id. */
function nameOf(scope: ResourceScope | undefined, fallback: string | undefined): string {
    return scope?.name ?? fallback ?? "(unnamed)";
}

/** Prints the line for a diff that replaces the resource (nothing otherwise). */
export function noteDiff(type: VoiceIdType, id: string, olds: JobFacts & Record<string, unknown>, news: { scope?: ResourceScope }, diff: PresentedDiff): void {
    if (!diff.replaces.length) return;
    const op: PlanOp = "replace";
    sink.write("info", planLine(type, nameOf(news.scope, id), op, replacementReasons(diff), consequence(type, op, olds, undefined, diff.deleteBeforeReplace === true)));
}

/** Prints the line for a create that adopts an existing object (`{ import }`). */
export function noteCheck(type: VoiceIdType, olds: Record<string, unknown> | undefined, news: { scope?: ResourceScope; importId?: unknown }): void {
    const fresh = !olds || Object.keys(olds).length === 0;
    if (!fresh || typeof news.importId !== "string") return;
    sink.write("info", planLine(type, nameOf(news.scope, undefined), "import", [], consequence(type, "import", undefined, news.importId)));
}
