/**
 * Where a batch job's output file is. Location (as Voice ID documents it for both batch jobs):
 * `<OutputDataConfig.S3Uri>/<JobId>/<input file name>.out`.
 * @module
 */

// The job kinds and the provider core import the S3 URI parser from here; its home is shared/.
export { parseS3Uri } from "../shared/s3Uri";

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
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new OutputFileFormatError("output file is not a JSON object");
    return doc;
}

/** `doc[name]` when it is a list, else an empty list (parsing is tolerant). */
export function listOf(doc: Record<string, any>, name: string): any[] {
    return Array.isArray(doc[name]) ? doc[name] : [];
}
