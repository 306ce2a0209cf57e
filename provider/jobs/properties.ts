/**
 * The FraudsterRegistrationJob's properties, declared once: every list the provider and the
 * resource class use (known inputs, replace/update keys, outputs, what an update keeps) is
 * derived from this declaration (`batchJob/properties.ts`). Both lists are checked against the
 * types: a misspelled or forgotten name does not compile.
 * @module
 */
import { InputsOf, allKeys, batchJobInputs, deriveProperties } from "../batchJob/properties";
import type { JobInputs, JobResults } from "./args";

/** The inputs in order, with what a change of each does (the batch-job inputs with this kind's config and delete option). */
export const INPUTS = batchJobInputs("registrationConfig", "deleteFraudstersOnDestroy") satisfies InputsOf<JobInputs>;

/** What the job's output file adds to the outputs (see `results.ts`). */
export const RESULTS = allKeys<JobResults>()([
    "registrations",
    "registrationErrors",
    "totalRequests",
    "newRegistrationCount",
    "duplicateCount",
    "errorCount",
    "resultsTruncated",
]);

export const PROPERTIES = deriveProperties(INPUTS, RESULTS);
