/**
 * The registration job's output file: `{ Version, Errors: [...], SuccessfulRegistrations: [...] }`.
 * Parsing is tolerant (unknown members ignored, missing lists empty) and keeps the state small:
 * lists are capped, counts always cover the whole file. Where the file is: `batchJob/results.ts`.
 * @module
 */
import { RESULT_LIST_CAP, listOf, parseOutputDocument, requestCounts, requestErrors } from "../batchJob/results";
import type { JobResults, Registration, RegistrationError } from "./args";

/** Parses the output file's text. `cap` bounds each list; counts always cover everything. */
export function parseOutputFile(
    text: string,
    cap = RESULT_LIST_CAP,
): JobResults & { newFraudsterIds: string[]; skippedFraudsterIds: string[] } {
    const doc = parseOutputDocument(text);
    const registrations: Registration[] = listOf(doc, "SuccessfulRegistrations").map((s) => ({
        requestId: String(s?.RequestId ?? ""),
        fraudsterId: String(s?.GeneratedFraudsterId ?? ""),
        registrationStatus: String(s?.RegistrationStatus ?? ""),
        ...(typeof s?.FraudsterSimilarityScore === "number"
            ? { fraudsterSimilarityScore: s.FraudsterSimilarityScore }
            : {}),
    }));
    const registrationErrors: RegistrationError[] = requestErrors(doc);
    const newOnes = registrations.filter((r) => r.registrationStatus === "NEW_REGISTRATION");
    return {
        registrations: registrations.slice(0, cap),
        registrationErrors: registrationErrors.slice(0, cap),
        ...requestCounts(registrations, registrationErrors, cap),
        newRegistrationCount: newOnes.length,
        duplicateCount: registrations.filter((r) => r.registrationStatus === "DUPLICATE_SKIPPED").length,
        // Not recorded in state: used by delete to remove exactly what this job registered.
        newFraudsterIds: newOnes.map((r) => r.fraudsterId).filter(Boolean),
        // The existing fraudsters this job relies on: never deleted under it (batchJob/claims.ts).
        skippedFraudsterIds: registrations
            .filter((r) => r.registrationStatus === "DUPLICATE_SKIPPED")
            .map((r) => r.fraudsterId)
            .filter(Boolean),
    };
}

/** Results when the output file could not be read: empty lists, zero counts. */
export function emptyResults(): JobResults {
    return {
        registrations: [],
        registrationErrors: [],
        totalRequests: 0,
        newRegistrationCount: 0,
        duplicateCount: 0,
        errorCount: 0,
        resultsTruncated: false,
    };
}
