/**
 * The input manifest of a batch job (fraudster registration, speaker enrollment), written to S3
 * from typed requests under a content-addressed key.
 * @module
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { Issues, S3_BUCKET_PATTERN, S3_URI_MAX_LENGTH, isKnown } from "./validation";

const BUCKET_RULE = "must be an S3 bucket name of 3-63 lowercase letters, digits, dots and hyphens";

/** Most audio files Voice ID accepts in one registration request. */
export const MAX_AUDIO_PER_REQUEST = 10;

/** One audio file of a fraudster registration request. */
export interface FraudsterAudioSpecification {
    /** The `.wav` recording (8 kHz, PCM-16, up to 20 MB): `s3://bucket/key`. */
    s3Uri: pulumi.Input<string>;
    /** The channel that carries the fraudster's voice: 0 or 1. */
    channelId: pulumi.Input<number>;
}

/** One fraudster to register. */
export interface FraudsterRegistrationRequest {
    /** Identifies the request in the job's output file; unique within the manifest. */
    requestId: pulumi.Input<string>;
    /** 1 to 10 recordings of the fraudster. */
    audio: pulumi.Input<pulumi.Input<FraudsterAudioSpecification>[]>;
}

/** A request with every value known: what the manifest is rendered from. */
export interface ResolvedRegistrationRequest {
    /** See {@link FraudsterRegistrationRequest.requestId}. */
    requestId: string;
    /** See {@link FraudsterRegistrationRequest.audio}. */
    audio: { s3Uri: string; channelId: number }[];
}

/** The manifest document Voice ID reads (all fields required). */
export interface ManifestDocument {
    /** Always `1.0`. */
    Version: "1.0";
    /** The requests, in the order given. */
    FraudsterRegistrationRequests: {
        RequestId: string;
        AudioSpecifications: { S3Uri: string; ChannelId: number }[];
    }[];
}

/** Arguments of {@link FraudsterRegistrationManifest}. */
export interface FraudsterRegistrationManifestArgs {
    /** Name of the bucket the manifest is written to (e.g. `bucket.bucket`). */
    bucket: pulumi.Input<string>;
    /**
     * The fraudsters to register. Checked at preview: at least one request, unique request ids,
     * 1-10 audio files per request, channel 0 or 1, S3 URIs of Voice ID's pattern.
     */
    requests: pulumi.Input<pulumi.Input<FraudsterRegistrationRequest>[]>;
    /** Key prefix (folder) of the manifest object. Default: `voiceid/manifests/`. */
    keyPrefix?: string;
    /**
     * Start of the manifest's file name; the content hash and `.json` follow. Default: the
     * component name. The job's output file is named after the manifest file.
     */
    fileName?: string;
    /**
     * KMS key to encrypt the manifest with (SSE-KMS). Give the same key to the data access role's
     * `inputKmsKeyArns`. Default: the bucket's default encryption.
     */
    kmsKeyId?: pulumi.Input<string>;
    /** Tags for the manifest object. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * Checks registration requests. Works on partly known values: anything still deferred is
 * skipped, so this runs both eagerly at construction and again once every value is known.
 */
export function checkRegistrationRequests(issues: Issues, path: string, requests: unknown, speakerIds = false): void {
    const seen = new Map<string, number>();
    issues.each(
        path,
        requests,
        (reqPath, request) => {
            if (!isKnown(request)) return;
            if (typeof request !== "object" || request === null) return issues.add(reqPath, "must be an object");
            const { requestId, audio, speakerId } = request as Record<string, unknown>;
            if (speakerIds) checkSpeakerId(issues, `${reqPath}.speakerId`, speakerId);
            if (requestId === undefined) issues.add(`${reqPath}.requestId`, "is required");
            else if (isKnown(requestId)) {
                if (typeof requestId !== "string" || requestId.length === 0)
                    issues.add(`${reqPath}.requestId`, "must be a non-empty string");
                else if (seen.has(requestId)) {
                    issues.add(
                        `${reqPath}.requestId`,
                        `must be unique: "${requestId}" is also ${path}[${seen.get(requestId)}].requestId`,
                    );
                } else seen.set(requestId, Number(/\[(\d+)\]$/.exec(reqPath)![1]));
            }
            if (audio === undefined) return issues.add(`${reqPath}.audio`, "is required");
            issues.each(
                `${reqPath}.audio`,
                audio,
                (audioPath, spec) => {
                    if (!isKnown(spec)) return;
                    if (typeof spec !== "object" || spec === null) return issues.add(audioPath, "must be an object");
                    const { s3Uri, channelId } = spec as Record<string, unknown>;
                    if (s3Uri === undefined) issues.add(`${audioPath}.s3Uri`, "is required");
                    issues.s3Uri(`${audioPath}.s3Uri`, s3Uri);
                    if (channelId === undefined) issues.add(`${audioPath}.channelId`, "is required");
                    else if (isKnown(channelId) && channelId !== 0 && channelId !== 1)
                        issues.add(`${audioPath}.channelId`, "must be 0 or 1");
                },
                1,
                MAX_AUDIO_PER_REQUEST,
            );
        },
        1,
    );
}

/** The CustomerSpeakerId rule of StartSpeakerEnrollmentJob's manifest. */
function checkSpeakerId(issues: Issues, path: string, speakerId: unknown): void {
    if (speakerId === undefined) return issues.add(path, "is required");
    if (!isKnown(speakerId)) return;
    if (
        typeof speakerId !== "string" ||
        speakerId.length < 1 ||
        speakerId.length > 256 ||
        !CUSTOMER_SPEAKER_ID.test(speakerId)
    ) {
        issues.add(
            path,
            "must be 1-256 characters: a letter or digit, then letters, digits, '_' or '-' (your CustomerSpeakerId)",
        );
    }
}

const CUSTOMER_SPEAKER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

/** One speaker to enroll: a registration-shaped request plus the customer's own speaker id. */
export interface SpeakerEnrollmentRequest extends FraudsterRegistrationRequest {
    /** Your CustomerSpeakerId (1-256 of letters, digits, `_`, `-`, starting with a letter or digit). */
    speakerId: pulumi.Input<string>;
}

/** Arguments of {@link SpeakerEnrollmentManifest}: as for the registration manifest, with speaker ids. */
export interface SpeakerEnrollmentManifestArgs extends Omit<FraudsterRegistrationManifestArgs, "requests"> {
    /** The speakers to enroll, checked at preview like registration requests, plus `speakerId`. */
    requests: pulumi.Input<pulumi.Input<SpeakerEnrollmentRequest>[]>;
}

/** The enrollment manifest document for resolved requests. */
export function buildEnrollmentManifestDocument(
    requests: (ResolvedRegistrationRequest & { speakerId: string })[],
): Record<string, unknown> {
    return {
        Version: "1.0",
        SpeakerEnrollmentRequests: requests.map((r) => ({
            RequestId: r.requestId,
            SpeakerId: r.speakerId,
            AudioSpecifications: r.audio.map((a) => ({ S3Uri: a.s3Uri, ChannelId: a.channelId })),
        })),
    };
}

/** The manifest document for resolved requests. */
export function buildManifestDocument(requests: ResolvedRegistrationRequest[]): ManifestDocument {
    return {
        Version: "1.0",
        FraudsterRegistrationRequests: requests.map((r) => ({
            RequestId: r.requestId,
            AudioSpecifications: r.audio.map((a) => ({ S3Uri: a.s3Uri, ChannelId: a.channelId })),
        })),
    };
}

/** The manifest as the exact bytes written to S3 (stable key order, two-space indent). */
export function renderManifest(requests: ResolvedRegistrationRequest[]): string {
    return JSON.stringify(buildManifestDocument(requests), null, 2) + "\n";
}

/** First 16 hex digits of the SHA-256 of the content: part of the object key. */
export function contentHash(content: string): string {
    return createHash("sha256").update(content, "utf8").digest("hex").slice(0, 16);
}

/**
 * The object key: `<prefix><fileName>-<hash>.json`. The content hash makes a changed manifest a
 * new object with a new URI, so a job that takes the URI is replaced and runs again, while an
 * unchanged manifest keeps its URI and its job.
 */
export function manifestObjectKey(keyPrefix: string, fileName: string, content: string): string {
    return `${keyPrefix}${fileName}-${contentHash(content)}.json`;
}

/** Checks everything about the arguments that is known now; throws listing every problem. */
function checkArgs(
    type: string,
    name: string,
    args: Partial<FraudsterRegistrationManifestArgs>,
    speakerIds: boolean,
): void {
    const issues = new Issues();
    if (args.bucket === undefined) issues.add("bucket", "is required");
    issues.pattern("bucket", args.bucket, S3_BUCKET_PATTERN, BUCKET_RULE);
    if (args.requests === undefined) issues.add("requests", "is required");
    checkRegistrationRequests(issues, "requests", args.requests, speakerIds);
    if (
        args.keyPrefix !== undefined &&
        (args.keyPrefix.startsWith("/") || (args.keyPrefix !== "" && !args.keyPrefix.endsWith("/")))
    ) {
        issues.add("keyPrefix", "must be empty or a folder ending in / without a leading /");
    }
    if (args.fileName !== undefined && !/^[A-Za-z0-9._-]{1,200}$/.test(args.fileName)) {
        issues.add("fileName", "must be 1-200 characters of A-Z a-z 0-9 . _ -");
    }
    issues.throwIfAny(type, name);
}

/** What differs between the manifests of the two job kinds. */
interface ManifestKind {
    type: string;
    speakerIds: boolean;
    render(requests: (ResolvedRegistrationRequest & { speakerId?: string })[]): string;
}

/** The manifest component of either kind (see {@link FraudsterRegistrationManifest}). */
abstract class BatchJobManifest extends pulumi.ComponentResource {
    /** `s3://bucket/key` of the manifest: the job's `inputDataConfig.s3Uri`. */
    public readonly s3Uri: pulumi.Output<string>;
    /** Bucket of the manifest object. */
    public readonly bucket: pulumi.Output<string>;
    /** Key of the manifest object. */
    public readonly key: pulumi.Output<string>;
    /** The manifest JSON exactly as written. */
    public readonly content: pulumi.Output<string>;
    /** SHA-256 (first 16 hex digits) of the content, as in the key. */
    public readonly contentHash: pulumi.Output<string>;
    /** Every audio S3 URI of the manifest, de-duplicated and sorted. */
    public readonly audioS3Uris: pulumi.Output<string[]>;
    /** Number of requests. */
    public readonly requestCount: pulumi.Output<number>;
    /** The `aws.s3.BucketObjectv2` (typed as a plain resource so the package's types do not need `@pulumi/aws`). */
    public readonly object: pulumi.CustomResource;

    protected constructor(
        kind: ManifestKind,
        name: string,
        args: FraudsterRegistrationManifestArgs | SpeakerEnrollmentManifestArgs,
        opts?: pulumi.ComponentResourceOptions,
    ) {
        checkArgs(kind.type, name, args, kind.speakerIds);
        super(kind.type, name, {}, opts);

        const requests = pulumi
            .output(args.requests as pulumi.Input<pulumi.Input<SpeakerEnrollmentRequest>[]>)
            .apply((resolved) => {
                // Parts that were Outputs at construction are checked now that they are known.
                const issues = new Issues();
                checkRegistrationRequests(issues, "requests", resolved, kind.speakerIds);
                issues.throwIfAny(kind.type, name);
                return resolved.map((r) => ({
                    requestId: r.requestId,
                    ...(kind.speakerIds ? { speakerId: r.speakerId } : {}),
                    audio: r.audio.map((a) => ({ s3Uri: a.s3Uri, channelId: a.channelId })),
                }));
            });
        const keyPrefix = args.keyPrefix ?? "voiceid/manifests/";
        const fileName = args.fileName ?? name.replace(/[^A-Za-z0-9._-]/g, "-");
        this.content = requests.apply((rs) => kind.render(rs));
        this.contentHash = this.content.apply(contentHash);
        const key = this.content.apply((c) => manifestObjectKey(keyPrefix, fileName, c));

        const object = new aws.s3.BucketObjectv2(
            name,
            {
                bucket: args.bucket,
                key,
                content: this.content,
                contentType: "application/json",
                serverSideEncryption: args.kmsKeyId === undefined ? undefined : "aws:kms",
                kmsKeyId: args.kmsKeyId,
                tags: args.tags,
            },
            { parent: this },
        );

        this.object = object;
        this.bucket = object.bucket;
        this.key = object.key;
        this.s3Uri = pulumi.interpolate`s3://${object.bucket}/${object.key}`.apply((uri) => {
            const issues = new Issues();
            issues.pattern("bucket", uri.slice(5).split("/")[0], S3_BUCKET_PATTERN, BUCKET_RULE);
            if (uri.length > S3_URI_MAX_LENGTH) {
                issues.add("s3Uri", `must be at most ${S3_URI_MAX_LENGTH} characters (shorten keyPrefix or fileName)`);
            }
            issues.throwIfAny(kind.type, name);
            return uri;
        });
        this.audioS3Uris = requests.apply((rs) => [...new Set(rs.flatMap((r) => r.audio.map((a) => a.s3Uri)))].sort());
        this.requestCount = requests.apply((rs) => rs.length);
        this.registerOutputs({
            s3Uri: this.s3Uri,
            bucket: this.bucket,
            key: this.key,
            contentHash: this.contentHash,
            audioS3Uris: this.audioS3Uris,
            requestCount: this.requestCount,
        });
    }
}

/**
 * The input manifest of a fraudster registration job, as an S3 object.
 *
 * Takes typed requests, checks them at preview, renders the manifest JSON and writes it to
 * `s3://<bucket>/<keyPrefix><fileName>-<content hash>.json`. {@link s3Uri} resolves once the
 * object exists, so a job consuming it starts after the upload; {@link audioS3Uris} lists the
 * recordings, for the data access role's `inputS3Uris`.
 */
export class FraudsterRegistrationManifest extends BatchJobManifest {
    /** @internal */
    public static readonly __pulumiType = "voiceid:components:FraudsterRegistrationManifest";

    /**
     * @param name The component's unique name (the default file name).
     * @param args Bucket, requests and object options.
     * @param opts Component options; the AWS provider given here is used by the children.
     */
    constructor(name: string, args: FraudsterRegistrationManifestArgs, opts?: pulumi.ComponentResourceOptions) {
        super(
            { type: FraudsterRegistrationManifest.__pulumiType, speakerIds: false, render: renderManifest },
            name,
            args,
            opts,
        );
    }
}

/**
 * The input manifest of a speaker enrollment job (`SpeakerEnrollmentRequests`), as an S3 object:
 * like {@link FraudsterRegistrationManifest}, each request also naming the customer's speaker id.
 */
export class SpeakerEnrollmentManifest extends BatchJobManifest {
    /** @internal */
    public static readonly __pulumiType = "voiceid:components:SpeakerEnrollmentManifest";

    /**
     * @param name The component's unique name (the default file name).
     * @param args Bucket, requests (with `speakerId`) and object options.
     * @param opts Component options; the AWS provider given here is used by the children.
     */
    constructor(name: string, args: SpeakerEnrollmentManifestArgs, opts?: pulumi.ComponentResourceOptions) {
        super(
            {
                type: SpeakerEnrollmentManifest.__pulumiType,
                speakerIds: true,
                render: (rs) =>
                    JSON.stringify(
                        buildEnrollmentManifestDocument(rs as (ResolvedRegistrationRequest & { speakerId: string })[]),
                        null,
                        2,
                    ) + "\n",
            },
            name,
            args,
            opts,
        );
    }
}
