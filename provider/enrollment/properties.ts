/**
 * The SpeakerEnrollmentJob's properties, declared once (see `jobs/properties.ts`).
 * @module
 */
import { batchJobInputs, deriveProperties } from "../batchJob/kind";

/** Default `timeoutSeconds`: 6 hours, as every batch job. */
export { DEFAULT_JOB_TIMEOUT_SECONDS as DEFAULT_TIMEOUT_SECONDS } from "../batchJob/kind";

/** The inputs in order, with what a change of each does (the batch-job inputs with this kind's config and delete option). */
export const INPUTS = batchJobInputs("enrollmentConfig", "deleteSpeakersOnDestroy");

/** What the job's output file adds to the outputs (see `results.ts`). */
export const RESULTS = [
    "enrollments",
    "enrollmentErrors",
    "totalRequests",
    "newEnrollmentCount",
    "overwrittenCount",
    "duplicateCount",
    "errorCount",
    "fraudDetectionFailureCount",
    "resultsTruncated",
] as const;

export const PROPERTIES = deriveProperties(INPUTS, RESULTS);
