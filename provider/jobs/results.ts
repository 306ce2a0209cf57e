/**
 * The job's output file: where it is and what it says.
 *
 * Location (as Voice ID documents it): `<OutputDataConfig.S3Uri>/<JobId>/<input file name>.out`.
 * Content: `{ Version, Errors: [...], SuccessfulRegistrations: [...] }`. Parsing is tolerant
 * (unknown members ignored, missing lists empty) and keeps the state small: lists are capped,
 * counts always cover the whole file.
 * @module
 */
import { JobResults, RESULT_LIST_CAP, Registration, RegistrationError } from "./args";

/** `s3://bucket/key` -> parts; throws on anything else. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
    const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
    if (!m) throw new Error(`not an s3:// URI: ${uri}`);
    return { bucket: m[1], key: m[2] };
}

/** The output file's URI for a job. */
export function outputFileUri(outputFolderUri: string, jobId: string, inputUri: string): string {
    const folder = outputFolderUri.replace(/\/+$/, "");
    const inputName = inputUri.replace(/\/+$/, "").split("/").pop() ?? "";
    return `${folder}/${jobId}/${inputName}.out`;
}

/** Thrown when the output file is not the JSON document Voice ID writes. */
export class OutputFileFormatError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "OutputFileFormatError";
    }
}

/** Parses the output file's text. `cap` bounds each list; counts always cover everything. */
export function parseOutputFile(text: string, cap = RESULT_LIST_CAP): JobResults & { newFraudsterIds: string[] } {
    let doc: any;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new OutputFileFormatError(`output file is not valid JSON: ${(e as Error).message}`);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new OutputFileFormatError("output file is not a JSON object");
    const successes: any[] = Array.isArray(doc.SuccessfulRegistrations) ? doc.SuccessfulRegistrations : [];
    const errors: any[] = Array.isArray(doc.Errors) ? doc.Errors : [];
    const registrations: Registration[] = successes.map((s) => ({
        requestId: String(s?.RequestId ?? ""),
        fraudsterId: String(s?.GeneratedFraudsterId ?? ""),
        registrationStatus: String(s?.RegistrationStatus ?? ""),
        ...(typeof s?.FraudsterSimilarityScore === "number" ? { fraudsterSimilarityScore: s.FraudsterSimilarityScore } : {}),
    }));
    const registrationErrors: RegistrationError[] = errors.map((e) => ({
        requestId: String(e?.RequestId ?? ""),
        errorCode: Number(e?.ErrorCode ?? 0),
        errorMessage: String(e?.ErrorMessage ?? ""),
    }));
    const newOnes = registrations.filter((r) => r.registrationStatus === "NEW_REGISTRATION");
    return {
        registrations: registrations.slice(0, cap),
        registrationErrors: registrationErrors.slice(0, cap),
        totalRequests: registrations.length + registrationErrors.length,
        newRegistrationCount: newOnes.length,
        duplicateCount: registrations.filter((r) => r.registrationStatus === "DUPLICATE_SKIPPED").length,
        errorCount: registrationErrors.length,
        resultsTruncated: registrations.length > cap || registrationErrors.length > cap,
        // Not recorded in state: used by delete to remove exactly what this job registered.
        newFraudsterIds: newOnes.map((r) => r.fraudsterId).filter(Boolean),
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
