/**
 * What a change to a {@link FraudsterRegistrationJob} means: replace, update in place, or nothing.
 *
 * - Anything Voice ID receives (domain, role, input, output, registration config, job name,
 *   client token), `triggers`, and a change of effective region or declared endpoint (see
 *   `shared/scope.ts`: declaring the region already in effect is no change) replace the job.
 * - Waiter and policy knobs (`waitForCompletion`, `timeoutSeconds`, `failOnErrors`,
 *   `deleteFraudstersOnDestroy`) update in place.
 * - The recorded job's status matters too: a FAILED job is replaced (a new run), a job still
 *   running is updated (the update resumes waiting), a COMPLETED_WITH_ERRORS job under
 *   `failOnErrors` is updated (the update fails again until the inputs change).
 * - `__provider` and the program scope (project, stack, resource name) are ignored, so a package
 *   upgrade or a stack rename previews clean.
 * @module
 */
import { containsUnknown, deepEqual, prune } from "../shared";
import { DEFAULT_TIMEOUT_SECONDS, JobInputs, JobOutputs } from "./args";
import { AmbientTarget, targetReplaces } from "../shared/scope";

/** Inputs whose change replaces the job. */
export const REPLACE_KEYS = [
    "domainId",
    "dataAccessRoleArn",
    "inputDataConfig",
    "outputDataConfig",
    "registrationConfig",
    "jobName",
    "clientToken",
    "triggers",
] as const;

/** Inputs updated in place, with the value an absent input stands for. */
export const UPDATE_KEYS: Record<string, unknown> = {
    waitForCompletion: true,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    failOnErrors: false,
    deleteFraudstersOnDestroy: false,
};

/** Statuses a job can still leave. */
export const RUNNING_STATUSES = ["SUBMITTED", "IN_PROGRESS"];

/** The result shape of `pulumi.dynamic.ResourceProvider.diff`. */
export interface JobDiff {
    changes: boolean;
    replaces: string[];
    /** Inputs updated in place (presentation: `shared/detailedDiff.ts`). */
    updates: string[];
    deleteBeforeReplace?: boolean;
}

/** Normalizes a value for comparison: empty objects and lists count as absent. */
export function norm(v: unknown): unknown {
    const p = prune(v, true);
    if (p && typeof p === "object" && Object.keys(p as object).length === 0) return undefined;
    return p;
}

/** Computes the diff between recorded outputs `olds` and new inputs `news`. */
export function diffJob(olds: Partial<JobOutputs>, news: Partial<JobInputs>, ambient: AmbientTarget = {}): JobDiff {
    const replaces: string[] = [];
    for (const key of REPLACE_KEYS) {
        const n = (news as Record<string, unknown>)[key];
        const o = (olds as Record<string, unknown>)[key];
        if (containsUnknown(n) || !deepEqual(norm(o), norm(n))) replaces.push(key);
    }
    replaces.push(...targetReplaces(olds, news, ambient, containsUnknown));

    let changes = false;
    const updates: string[] = [];
    for (const [key, dflt] of Object.entries(UPDATE_KEYS)) {
        const n = (news as Record<string, unknown>)[key];
        const o = (olds as Record<string, unknown>)[key];
        if (containsUnknown(n) || (n ?? dflt) !== (o ?? dflt)) {
            changes = true;
            updates.push(key);
        }
    }

    const status = olds.jobStatus;
    if (status === "FAILED" && !replaces.length) replaces.push("jobStatus");
    if (status && RUNNING_STATUSES.includes(status) && news.waitForCompletion !== false) changes = true;
    if (status === "COMPLETED_WITH_ERRORS" && news.failOnErrors === true) changes = true;

    // Deleting the old job's fraudsters after the new job ran would undo the new job's work (its
    // duplicates of them were skipped), so with deleteFraudstersOnDestroy the old goes first.
    const deleteBeforeReplace = replaces.length > 0 && (olds.deleteFraudstersOnDestroy === true || news.deleteFraudstersOnDestroy === true);
    return {
        changes: changes || replaces.length > 0,
        replaces,
        updates,
        ...(deleteBeforeReplace ? { deleteBeforeReplace } : {}),
    };
}
