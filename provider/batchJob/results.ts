/**
 * Where a batch job's output file is. Location (as Voice ID documents it for both batch jobs):
 * `<OutputDataConfig.S3Uri>/<JobId>/<input file name>.out`. And what every kind's output file
 * shares: a JSON object with an `Errors` list, read tolerantly, lists capped in state.
 * @module
 */

/** Longest result list (successes, errors) kept in state; counts always cover the whole file. */
export const RESULT_LIST_CAP = 100;

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

/** Parses the output file's text into a JSON object (the kind reads its members). */
export function parseOutputDocument(text: string): Record<string, any> {
    let doc: any;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new OutputFileFormatError(`output file is not valid JSON: ${(e as Error).message}`);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc))
        throw new OutputFileFormatError("output file is not a JSON object");
    return doc;
}

/** `doc[name]` when it is a list, else an empty list (parsing is tolerant). */
export function listOf(doc: Record<string, any>, name: string): any[] {
    return Array.isArray(doc[name]) ? doc[name] : [];
}

/** The failed requests of an output file (`Errors`), in the shape every kind reports them. */
export function requestErrors(
    doc: Record<string, any>,
): { requestId: string; errorCode: number; errorMessage: string }[] {
    return listOf(doc, "Errors").map((e) => ({
        requestId: String(e?.RequestId ?? ""),
        errorCode: Number(e?.ErrorCode ?? 0),
        errorMessage: String(e?.ErrorMessage ?? ""),
    }));
}

/** The counts every kind reports, from the whole lists (before capping). */
export function requestCounts(
    successes: readonly unknown[],
    errors: readonly unknown[],
    cap: number,
): { totalRequests: number; errorCount: number; resultsTruncated: boolean } {
    return {
        totalRequests: successes.length + errors.length,
        errorCount: errors.length,
        resultsTruncated: successes.length > cap || errors.length > cap,
    };
}
