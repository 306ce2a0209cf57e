/**
 * Reading audio the way Voice ID does for batch jobs and (locally) sessions: S3 objects read as
 * the data access role, its s3:GetObject / kms:Decrypt permissions enforced, each file a
 * RIFF/WAVE PCM-16 8 kHz recording of at most 20 MB, one channel per audio specification.
 * @module
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { JobFailure, RequestError, WavError } from "./errors";
import { parseS3Uri, s3ObjectArn, type RoleSession } from "./aws";
import { parseWav } from "./wav";

export const MAX_AUDIO_BYTES = 20 * 1024 * 1024;
export const MAX_AUDIO_FILES = 10;
const S3_URI = /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/;

export interface AudioSpecification {
    S3Uri: string;
    ChannelId: 0 | 1;
}

export const errorName = (e: unknown) => (e as { name?: string; Code?: string })?.name ?? "";
export const httpStatus = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

/** True for failures worth retrying (connection errors, 5xx, throttling). */
export function transient(e: unknown): boolean {
    if (e instanceof JobFailure || e instanceof RequestError) return false;
    const status = httpStatus(e);
    if (status !== undefined) return status >= 500 || status === 429;
    return true; // no HTTP status: the connection itself failed
}

/** Runs fn, retrying transient failures; `retry` decides how (the job runner's stoppable sleep). */
export type Retry = <T>(what: string, fn: () => Promise<T>) => Promise<T>;

/** Checks a manifest entry's AudioSpecifications: 1-10 `.wav` objects, channel 0 or 1. */
export function validateSpecs(value: unknown): AudioSpecification[] {
    if (!Array.isArray(value) || value.length === 0)
        throw new RequestError(400, "AudioSpecifications must be a non-empty list");
    if (value.length > MAX_AUDIO_FILES)
        throw new RequestError(
            400,
            `AudioSpecifications has ${value.length} entries; at most ${MAX_AUDIO_FILES} are allowed`,
        );
    return value.map((spec, i) => {
        const s = spec as Record<string, unknown>;
        if (!s || typeof s !== "object") throw new RequestError(400, `AudioSpecifications[${i}] must be an object`);
        if (typeof s.S3Uri !== "string" || !S3_URI.test(s.S3Uri) || !/^s3:\/\/[^/]+\/.+/.test(s.S3Uri)) {
            throw new RequestError(400, `AudioSpecifications[${i}].S3Uri must be an s3://bucket/key URI`);
        }
        if (!s.S3Uri.toLowerCase().endsWith(".wav"))
            throw new RequestError(400, `AudioSpecifications[${i}].S3Uri must name a .wav file`);
        if (s.ChannelId !== 0 && s.ChannelId !== 1)
            throw new RequestError(400, `AudioSpecifications[${i}].ChannelId must be 0 or 1`);
        return { S3Uri: s.S3Uri, ChannelId: s.ChannelId };
    });
}

/** Reads an object as the role, enforcing its s3:GetObject and kms:Decrypt permissions. */
export async function getObject(session: RoleSession, uri: string, maxBytes: number, retry: Retry): Promise<Buffer> {
    const { bucket, key } = parseS3Uri(uri);
    if (!session.permissions.allows("s3:GetObject", s3ObjectArn(bucket, key))) {
        throw new RequestError(403, `Access denied: the data access role is not allowed s3:GetObject on ${uri}`);
    }
    let res;
    try {
        res = await retry("get object", () => session.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
    } catch (e) {
        const name = errorName(e);
        if (name === "NoSuchKey" || name === "NoSuchBucket" || name === "NotFound")
            throw new RequestError(400, `The object ${uri} does not exist`);
        if (name === "AccessDenied" || httpStatus(e) === 403)
            throw new RequestError(403, `Access denied reading ${uri}`);
        throw e;
    }
    if (res.SSEKMSKeyId && !session.permissions.allows("kms:Decrypt", res.SSEKMSKeyId)) {
        res.Body?.transformToByteArray().catch(() => undefined);
        throw new RequestError(
            403,
            `Access denied: the data access role is not allowed kms:Decrypt on the key encrypting ${uri}`,
        );
    }
    if ((res.ContentLength ?? 0) > maxBytes) {
        (res.Body as { destroy?: () => void } | undefined)?.destroy?.();
        throw new RequestError(400, `The object ${uri} is larger than ${maxBytes / 1024 / 1024} MB`);
    }
    return Buffer.from(await res.Body!.transformToByteArray());
}

/** Reads every specified channel; returns the samples and the total audio duration. */
export async function readAudio(
    session: RoleSession,
    specs: AudioSpecification[],
    retry: Retry,
): Promise<{ channels: Float32Array[]; audioSeconds: number }> {
    const channels: Float32Array[] = [];
    let audioSeconds = 0;
    for (const spec of specs) {
        const buf = await getObject(session, spec.S3Uri, MAX_AUDIO_BYTES, retry);
        try {
            const wav = parseWav(buf);
            if (spec.ChannelId >= wav.channels)
                throw new WavError(
                    `ChannelId ${spec.ChannelId} does not exist in ${spec.S3Uri} (${wav.channels} channel${wav.channels > 1 ? "s" : ""})`,
                );
            channels.push(wav.channel(spec.ChannelId));
            audioSeconds += wav.durationSeconds;
        } catch (e) {
            if (e instanceof WavError) throw new RequestError(400, `${spec.S3Uri}: ${e.message}`);
            throw e;
        }
    }
    return { channels, audioSeconds };
}
