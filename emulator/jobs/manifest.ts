/**
 * The input manifest of a batch job: a bounded JSON parse and the document-level rules (Version
 * "1.0", a non-empty request list under the job kind's key). Problems end the job FAILED with a
 * 400 failure; per-request rules are checked later, request by request, by the job's kind.
 * @module
 */
import { JobFailure, JsonError } from "../errors";
import { parseBoundedJson } from "../json";

/** A manifest entry as read (unvalidated beyond JSON). */
export type ManifestEntry = Record<string, unknown>;

/**
 * Parses a manifest's bytes and returns the entries of its `listKey` list
 * (`FraudsterRegistrationRequests`, `SpeakerEnrollmentRequests`); throws JobFailure(400) naming
 * what is wrong.
 */
export function parseManifest(body: Buffer, uri: string, listKey = "FraudsterRegistrationRequests"): ManifestEntry[] {
    let doc: unknown;
    try {
        doc = parseBoundedJson(body.toString("utf8"));
    } catch (e) {
        if (!(e instanceof JsonError)) throw e;
        throw new JobFailure(400, `The input manifest ${uri} is not valid JSON: ${e.message}`);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc))
        throw new JobFailure(400, "The input manifest must be a JSON object");
    const { Version, [listKey]: list } = doc as Record<string, unknown>;
    if (Version !== "1.0") {
        const shown =
            typeof Version === "string"
                ? JSON.stringify(Version.length > 64 ? `${Version.slice(0, 64)}...` : Version)
                : typeof Version === "undefined"
                  ? "(missing)"
                  : `of type ${Array.isArray(Version) ? "array" : Version === null ? "null" : typeof Version}`;
        throw new JobFailure(400, `Unsupported input manifest Version ${shown}; expected "1.0"`);
    }
    if (!Array.isArray(list) || list.length === 0) {
        throw new JobFailure(400, `The input manifest must have a non-empty ${listKey} list`);
    }
    return list as ManifestEntry[];
}
