/**
 * What a change to a batch job means: replace, update in place, or nothing.
 *
 * - The kind's job-defining inputs (everything Voice ID receives, `clientToken`, `triggers`) and
 *   a change of effective region or declared endpoint (see `shared/scope.ts`: declaring the
 *   region already in effect is no change) replace the job.
 * - Waiter and policy knobs update in place.
 * - The recorded job's status matters too: a FAILED job is replaced (a new run), a job still
 *   running is updated (the update resumes waiting), a COMPLETED_WITH_ERRORS job under
 *   `failOnErrors` is updated (the update fails again until the inputs change).
 * - `__provider` and the program scope (project, stack, resource name) are ignored, so a package
 *   upgrade or a stack rename previews clean.
 * - A replacement always runs the new job first and deletes the old job's objects (under the
 *   kind's delete option) only after it succeeded, keeping those the new job claims (see
 *   `claims.ts`): a replacement never asks for delete-before-replace.
 * @module
 */
import { containsUnknown } from "../shared/validation";
import { AmbientTarget, targetReplaces } from "../shared/scope";
import { ResourceDiff, changed } from "../shared/resourceDiff";
import type { DerivedProperties } from "./properties";
import { isRunning } from "./status";

/** The result shape of `pulumi.dynamic.ResourceProvider.diff`, with the in-place updates always listed. */
export interface JobDiff extends ResourceDiff {
    updates: string[];
}

/** Computes the diff between recorded outputs `olds` and new inputs `news`. */
export function diffBatchJob(
    properties: Pick<DerivedProperties, "replaceKeys" | "updateKeys">,
    olds: Record<string, any>,
    news: Record<string, any>,
    ambient: AmbientTarget = {},
): JobDiff {
    const replaces = properties.replaceKeys.filter((key) => changed(olds, news, key));
    replaces.push(...targetReplaces(olds, news, ambient, containsUnknown));

    let changes = false;
    const updates: string[] = [];
    for (const [key, dflt] of Object.entries(properties.updateKeys)) {
        const n = news[key];
        if (containsUnknown(n) || (n ?? dflt) !== (olds[key] ?? dflt)) {
            changes = true;
            updates.push(key);
        }
    }

    const status = olds.jobStatus;
    if (status === "FAILED" && !replaces.length) replaces.push("jobStatus");
    if (isRunning(status) && news.waitForCompletion !== false) changes = true;
    if (status === "COMPLETED_WITH_ERRORS" && news.failOnErrors === true) changes = true;

    return { changes: changes || replaces.length > 0, replaces, updates };
}
