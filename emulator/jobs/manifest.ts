// The input manifest of a fraudster registration job: a bounded JSON parse and the document-level
// rules (Version "1.0", a non-empty request list). Problems end the job FAILED with a 400 failure;
// per-request rules are checked later, request by request, by the job runner.
import { JobFailure } from "../aws";
import { parseBoundedJson, JsonError } from "../json";

/** A registration request as read from the manifest (unvalidated beyond JSON). */
export interface ManifestRequest {
  RequestId?: unknown;
  AudioSpecifications?: unknown;
}

/** Parses a manifest's bytes; throws JobFailure(400) naming what is wrong. */
export function parseManifest(body: Buffer, uri: string): ManifestRequest[] {
  let doc: unknown;
  try {
    doc = parseBoundedJson(body.toString("utf8"));
  } catch (e) {
    if (!(e instanceof JsonError)) throw e;
    throw new JobFailure(400, `The input manifest ${uri} is not valid JSON: ${e.message}`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new JobFailure(400, "The input manifest must be a JSON object");
  const { Version, FraudsterRegistrationRequests } = doc as Record<string, unknown>;
  if (Version !== "1.0") {
    const shown = typeof Version === "string" ? JSON.stringify(Version.length > 64 ? `${Version.slice(0, 64)}...` : Version) : typeof Version === "undefined" ? "(missing)" : `of type ${Array.isArray(Version) ? "array" : Version === null ? "null" : typeof Version}`;
    throw new JobFailure(400, `Unsupported input manifest Version ${shown}; expected "1.0"`);
  }
  if (!Array.isArray(FraudsterRegistrationRequests) || FraudsterRegistrationRequests.length === 0) {
    throw new JobFailure(400, "The input manifest must have a non-empty FraudsterRegistrationRequests list");
  }
  return FraudsterRegistrationRequests as ManifestRequest[];
}
