/**
 * What a change to a {@link FraudsterRegistrationJob} means (the rules are the batch-job core's,
 * `batchJob/diff.ts`): job-defining inputs, `triggers` and the target replace; the knobs
 * (`waitForCompletion`, `timeoutSeconds`, `failOnErrors`, `deleteFraudstersOnDestroy`) update in
 * place; the recorded status can call for a new run or a resumed wait.
 * @module
 */
import { AmbientTarget } from "../shared/scope";
import { JobDiff, diffBatchJob, norm } from "../batchJob/diff";
import { RUNNING_STATUSES } from "../batchJob/status";
import { JobInputs, JobOutputs } from "./args";
import { PROPERTIES } from "./properties";

export { JobDiff, norm, RUNNING_STATUSES };

/** Inputs whose change replaces the job. */
export const REPLACE_KEYS = PROPERTIES.replaceKeys;

/** Inputs updated in place, with the value an absent input stands for. */
export const UPDATE_KEYS = PROPERTIES.updateKeys;

/** Computes the diff between recorded outputs `olds` and new inputs `news`. */
export function diffJob(olds: Partial<JobOutputs>, news: Partial<JobInputs>, ambient: AmbientTarget = {}): JobDiff {
    return diffBatchJob(PROPERTIES, olds, news, ambient);
}
