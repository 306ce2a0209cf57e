/**
 * The SpeakerEnrollmentJob's properties, declared once (see `jobs/properties.ts`).
 * @module
 */
import { deriveProperties, internal, replace, replaceOnly, target, update } from "../batchJob/kind";

/** Default `timeoutSeconds`: 6 hours. */
export const DEFAULT_TIMEOUT_SECONDS = 6 * 3600;

/** The inputs in order, with what a change of each does. */
export const INPUTS = {
    domainId: replace,
    dataAccessRoleArn: replace,
    inputDataConfig: replace,
    outputDataConfig: replace,
    enrollmentConfig: replace,
    jobName: replace,
    clientToken: replaceOnly,
    waitForCompletion: update(true),
    timeoutSeconds: update(DEFAULT_TIMEOUT_SECONDS),
    failOnErrors: update(false),
    deleteSpeakersOnDestroy: update(false),
    triggers: replaceOnly,
    region: target,
    endpoint: target,
    scope: internal,
    importId: internal,
};

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
