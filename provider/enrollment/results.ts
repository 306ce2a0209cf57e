/**
 * The enrollment job's output file: `{ Version, Errors: [...], SuccessfulEnrollments: [...] }`.
 * Tolerant like the registration job's (`jobs/results.ts`): unknown members ignored, lists
 * capped, counts complete. A speaker refused by fraud detection is an error whose message says
 * so; a success may also carry a `FraudDetectionResult` (PASS/FAIL under IGNORE).
 * @module
 */
import { RESULT_LIST_CAP, listOf, parseOutputDocument, requestCounts, requestErrors } from "../batchJob/results";
import type { Enrollment, EnrollmentError, EnrollmentResults } from "./args";

const flaggedByFraudDetection = (message: string) => /fraud/i.test(message);

/** Parses the output file's text. `cap` bounds each list; counts always cover everything. */
export function parseEnrollmentOutput(
    text: string,
    cap = RESULT_LIST_CAP,
): EnrollmentResults & { newSpeakerIds: string[]; existingSpeakerIds: string[] } {
    const doc = parseOutputDocument(text);
    const enrollments: Enrollment[] = listOf(doc, "SuccessfulEnrollments").map((s) => {
        const fd = s?.FraudDetectionResult;
        const verdict =
            typeof fd === "string"
                ? fd
                : typeof fd?.FraudDetectionResult === "string"
                  ? fd.FraudDetectionResult
                  : undefined;
        return {
            requestId: String(s?.RequestId ?? ""),
            speakerId: String(s?.GeneratedSpeakerId ?? ""),
            enrollmentStatus: String(s?.EnrollmentStatus ?? ""),
            ...(verdict ? { fraudDetectionResult: verdict } : {}),
        };
    });
    const enrollmentErrors: EnrollmentError[] = requestErrors(doc);
    const newOnes = enrollments.filter((r) => r.enrollmentStatus === "NEW_ENROLLMENT");
    return {
        enrollments: enrollments.slice(0, cap),
        enrollmentErrors: enrollmentErrors.slice(0, cap),
        ...requestCounts(enrollments, enrollmentErrors, cap),
        newEnrollmentCount: newOnes.length,
        overwrittenCount: enrollments.filter((r) => r.enrollmentStatus.startsWith("OVERWRITTEN")).length,
        duplicateCount: enrollments.filter((r) => r.enrollmentStatus === "DUPLICATE_SKIPPED").length,
        fraudDetectionFailureCount:
            enrollmentErrors.filter((e) => flaggedByFraudDetection(e.errorMessage)).length +
            enrollments.filter((r) => r.fraudDetectionResult === "FAIL").length,
        // Not recorded in state: used by delete to remove exactly the speakers this job enrolled.
        newSpeakerIds: newOnes.map((r) => r.speakerId).filter(Boolean),
        // Speakers enrolled before that this job enrolled again or skipped: never deleted under it.
        existingSpeakerIds: enrollments
            .filter((r) => r.enrollmentStatus !== "NEW_ENROLLMENT")
            .map((r) => r.speakerId)
            .filter(Boolean),
    };
}

/** Results when the output file could not be read: empty lists, zero counts. */
export function emptyEnrollmentResults(): EnrollmentResults {
    return {
        enrollments: [],
        enrollmentErrors: [],
        totalRequests: 0,
        newEnrollmentCount: 0,
        overwrittenCount: 0,
        duplicateCount: 0,
        errorCount: 0,
        fraudDetectionFailureCount: 0,
        resultsTruncated: false,
    };
}
