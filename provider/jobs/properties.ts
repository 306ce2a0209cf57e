/**
 * The FraudsterRegistrationJob's properties, declared once: every list the provider and the
 * resource class use (known inputs, replace/update keys, outputs, what an update keeps) is
 * derived from this declaration.
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
    registrationConfig: replace,
    jobName: replace,
    clientToken: replaceOnly,
    waitForCompletion: update(true),
    timeoutSeconds: update(DEFAULT_TIMEOUT_SECONDS),
    failOnErrors: update(false),
    deleteFraudstersOnDestroy: update(false),
    triggers: replaceOnly,
    region: target,
    endpoint: target,
    scope: internal,
    importId: internal,
};

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
