/**
 * The SpeakerEnrollmentJob's properties, declared once (see `jobs/properties.ts`).
 * @module
 */
import { batchJobInputs, deriveProperties } from "../batchJob/kind";

/** Default `timeoutSeconds`: 6 hours. */
export const DEFAULT_TIMEOUT_SECONDS = 6 * 3600;

/** The inputs in order, with what a change of each does (the batch-job inputs with this kind's config and delete option). */
export const INPUTS = batchJobInputs("enrollmentConfig", "deleteSpeakersOnDestroy", DEFAULT_TIMEOUT_SECONDS);

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
