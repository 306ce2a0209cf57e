/**
 * Proof that a job's inputs can work before anything is deleted on their strength: the manifest
 * exists and parses, and every audio object it names exists. Read with the deployer's
 * credentials (the job itself reads them with the data access role, which the provider cannot
 * assume), so "verified" means "the objects are there", and "unverifiable" is said when the
 * deployer may not look.
 * @module
 */
import { s3Client } from "../shared/clients";
import { classifyError, errorSummary } from "../shared/errors";
import { RetryOptions, withRetry } from "../shared/retry";
import { companionSettings } from "../shared/settings";
import { endpointInputsOf } from "../shared/scope";
import { readS3Object } from "./api";
import type { BaseJobInputs } from "./args";
import { parseS3Uri } from "../shared/s3Uri";

/** An input object the job reads, and the KMS key it is encrypted with (SSE-KMS only). */
export interface InputObject {
    uri: string;
    kmsKeyId?: string;
}

/** Outcome of {@link verifyManifest}. */
export type ManifestVerdict =
    /** The manifest parsed and every audio object exists; `objects` are the manifest, then the audio checked. */
    | { state: "verified"; requests: number; audioObjects: number; objects: InputObject[] }
    /** Shown not to work: the job would FAIL (or register nothing). */
    | { state: "invalid"; reason: string }
    /** Could not be checked (access denied, unreachable): nothing proven either way. */
    | { state: "unverifiable"; reason: string };

/** Most audio objects looked at (HEAD, 8 at a time); a bigger manifest has its first ones checked. */
export const MAX_AUDIO_CHECKED = 1000;

/** Parses a manifest document; returns the audio URIs or why it is not a manifest. */
export function manifestAudioUris(
    text: string,
    listKey = "FraudsterRegistrationRequests",
): { uris: string[]; requests: number } | { reason: string } {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        return { reason: `is not valid JSON (${(e as Error).message})` };
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) return { reason: "is not a JSON object" };
    const { Version, [listKey]: requests } = doc as Record<string, unknown>;
    if (Version !== "1.0") return { reason: `has Version ${JSON.stringify(Version)}; expected "1.0"` };
    if (!Array.isArray(requests) || requests.length === 0) return { reason: `has no ${listKey}` };
    const uris = new Set<string>();
    for (const [i, r] of requests.entries()) {
        const specs = (r as { AudioSpecifications?: unknown })?.AudioSpecifications;
        if (!Array.isArray(specs) || specs.length === 0)
            return { reason: `${listKey}[${i}] has no AudioSpecifications` };
        for (const [j, spec] of specs.entries()) {
            const uri = (spec as { S3Uri?: unknown })?.S3Uri;
            if (typeof uri !== "string" || !/^s3:\/\/[^/]+\/.+/.test(uri)) {
                return { reason: `${listKey}[${i}].AudioSpecifications[${j}].S3Uri is not an s3:// object URI` };
            }
            uris.add(uri);
        }
    }
    return { uris: [...uris], requests: requests.length };
}

/** Checks the manifest of `inputs` and the audio objects it names. */
export async function verifyManifest(
    inputs: Pick<BaseJobInputs, "inputDataConfig" | "region" | "endpoint" | "scope">,
    retry: RetryOptions,
    /** The manifest's request list: `FraudsterRegistrationRequests` or `SpeakerEnrollmentRequests`. */
    listKey = "FraudsterRegistrationRequests",
): Promise<ManifestVerdict> {
    const manifestUri = inputs.inputDataConfig.s3Uri;
    const settings = companionSettings("S3", endpointInputsOf(inputs));
    const unverifiable = (what: string, err: unknown): ManifestVerdict => ({
        state: "unverifiable",
        reason: `cannot read ${what} (${errorSummary(err)})`,
    });
    let text: string;
    const objects: InputObject[] = [];
    try {
        const { bucket, key } = parseS3Uri(manifestUri);
        const read = await readS3Object(settings, bucket, key, retry);
        text = read.text;
        objects.push({ uri: manifestUri, ...(read.kmsKeyId ? { kmsKeyId: read.kmsKeyId } : {}) });
    } catch (err) {
        if (classifyError(err) === "notFound")
            return { state: "invalid", reason: `the manifest ${manifestUri} does not exist` };
        return unverifiable(`the manifest ${manifestUri}`, err);
    }
    const parsed = manifestAudioUris(text, listKey);
    if ("reason" in parsed) return { state: "invalid", reason: `the manifest ${manifestUri} ${parsed.reason}` };
    const client = s3Client(settings);
    const { HeadObjectCommand } = require("@aws-sdk/client-s3") as typeof import("@aws-sdk/client-s3");
    const uris = parsed.uris.slice(0, MAX_AUDIO_CHECKED);
    let next = 0;
    let verdict: ManifestVerdict | undefined;
    const worker = async () => {
        while (!verdict && next < uris.length) {
            const uri = uris[next++];
            const { bucket, key } = parseS3Uri(uri);
            try {
                const head = await withRetry(
                    () => client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
                    retry,
                );
                objects.push({
                    uri,
                    ...(head.ServerSideEncryption === "aws:kms" && head.SSEKMSKeyId
                        ? { kmsKeyId: head.SSEKMSKeyId }
                        : {}),
                });
            } catch (err) {
                verdict ??=
                    classifyError(err) === "notFound"
                        ? {
                              state: "invalid",
                              reason: `the audio object ${uri} named in the manifest ${manifestUri} does not exist`,
                          }
                        : unverifiable(`the audio object ${uri}`, err);
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(8, uris.length) }, worker));
    return verdict ?? { state: "verified", requests: parsed.requests, audioObjects: parsed.uris.length, objects };
}
