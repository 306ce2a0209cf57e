/**
 * The FraudsterRegistrationJob's properties, declared once: every list the provider and the
 * resource class use (known inputs, replace/update keys, outputs, what an update keeps) is
 * derived from this declaration.
 * @module
 */
import { batchJobInputs, deriveProperties } from "../batchJob/kind";

/** Default `timeoutSeconds`: 6 hours, as every batch job. */
export { DEFAULT_JOB_TIMEOUT_SECONDS as DEFAULT_TIMEOUT_SECONDS } from "../batchJob/kind";

/** The inputs in order, with what a change of each does (the batch-job inputs with this kind's config and delete option). */
export const INPUTS = batchJobInputs("registrationConfig", "deleteFraudstersOnDestroy");

/** What the job's output file adds to the outputs (see `results.ts`). */
export const RESULTS = [
    "registrations",
    "registrationErrors",
    "totalRequests",
    "newRegistrationCount",
    "duplicateCount",
    "errorCount",
    "resultsTruncated",
] as const;

export const PROPERTIES = deriveProperties(INPUTS, RESULTS);
