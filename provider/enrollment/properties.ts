/**
 * The SpeakerEnrollmentJob's properties, declared once (see `jobs/properties.ts`).
 * @module
 */
import { InputsOf, allKeys, batchJobInputs, deriveProperties } from "../batchJob/properties";
import type { EnrollmentInputs, EnrollmentResults } from "./args";

/** The inputs in order, with what a change of each does (the batch-job inputs with this kind's config and delete option). */
export const INPUTS = batchJobInputs(
    "enrollmentConfig",
    "deleteSpeakersOnDestroy",
) satisfies InputsOf<EnrollmentInputs>;

/** What the job's output file adds to the outputs (see `results.ts`). */
export const RESULTS = allKeys<EnrollmentResults>()([
    "enrollments",
    "enrollmentErrors",
    "totalRequests",
    "newEnrollmentCount",
    "overwrittenCount",
    "duplicateCount",
    "errorCount",
    "fraudDetectionFailureCount",
    "resultsTruncated",
]);

export const PROPERTIES = deriveProperties(INPUTS, RESULTS);
