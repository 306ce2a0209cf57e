/**
 * The SpeakerEnrollmentJob's properties, declared once (see `jobs/properties.ts`).
 * @module
 */
import { DEFAULT_JOB_TIMEOUT_SECONDS, batchJobInputs, deriveProperties } from "../batchJob/kind";

/** Default `timeoutSeconds`: 6 hours, as every batch job. */
export const DEFAULT_TIMEOUT_SECONDS = DEFAULT_JOB_TIMEOUT_SECONDS;

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
