/**
 * The example's resources, as a function so a test can run it under Pulumi mocks
 * (tests/typecheck/awsExample.test.ts); index.ts calls it with the stack's config.
 * @module
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    FraudsterRegistrationJob,
    FraudsterRegistrationManifest,
    FraudsterRegistrationRequest,
    VoiceIdDataAccessRole,
    VoiceIdOutputKey,
} from "pulumi-voiceid";

/** What the example needs to know about your account. */
export interface AwsExampleConfig {
    /** An existing Voice ID domain (22 alphanumerics) in the stack's region. */
    domainId: string;
    /** The bucket (same region) that holds the fraudsters' recordings. */
    audioBucket: string;
    /**
     * The fraudsters to register: request id -> recordings (keys in `audioBucket`, `.wav`,
     * 8 kHz PCM-16, the fraudster on channel 0).
     */
    fraudsters: Record<string, string[]>;
    /** Similarity (0-100) above which a recording counts as an already known fraudster. */
    similarityThreshold?: number;
    /** KMS key ARN that encrypts the recordings, if they use SSE-KMS with a customer key. */
    audioKmsKeyArn?: string;
}

/** Declares the stack; returns what index.ts exports. */
export function awsExample(config: AwsExampleConfig) {
    // One private bucket for the manifest (manifests/) and Voice ID's results (results/).
    const workspace = new aws.s3.Bucket("voiceid-workspace", { forceDestroy: true });
    new aws.s3.BucketPublicAccessBlock("voiceid-workspace", {
        bucket: workspace.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    });
    const resultsFolder = pulumi.interpolate`s3://${workspace.bucket}/results`;

    const requests: FraudsterRegistrationRequest[] = Object.entries(config.fraudsters).map(([requestId, keys]) => ({
        requestId,
        audio: keys.map((key) => ({ s3Uri: `s3://${config.audioBucket}/${key}`, channelId: 0 })),
    }));
    const manifest = new FraudsterRegistrationManifest("fraudsters", {
        bucket: workspace.bucket,
        keyPrefix: "manifests/",
        requests,
    });

    // The key names the role by its fixed name; the role's policy names the key by ARN.
    // Neither depends on the other resource, so there is no cycle.
    const roleName = VoiceIdDataAccessRole.defaultRoleName("voiceid-data-access");
    const outputKey = new VoiceIdOutputKey("voiceid-results", {
        dataAccessRoleName: roleName,
        outputS3Uri: resultsFolder,
    });
    const role = new VoiceIdDataAccessRole("voiceid-data-access", {
        roleName,
        domainId: config.domainId,
        inputS3Uris: pulumi.all([manifest.s3Uri, manifest.audioS3Uris]).apply(([m, audio]) => [m, ...audio]),
        outputS3Uri: resultsFolder,
        inputKmsKeyArns: config.audioKmsKeyArn ? [config.audioKmsKeyArn] : undefined,
        outputKmsKeyArn: outputKey.keyArn,
    });

    // roleArn resolves once the role's policy is attached and s3Uri once the manifest is
    // written, so the job starts only when Voice ID can do its work.
    const job = new FraudsterRegistrationJob("register-fraudsters", {
        domainId: config.domainId,
        dataAccessRoleArn: role.roleArn,
        inputDataConfig: { s3Uri: manifest.s3Uri },
        outputDataConfig: { s3Uri: resultsFolder, kmsKeyId: outputKey.keyArn },
        registrationConfig: {
            duplicateRegistrationAction: "SKIP",
            fraudsterSimilarityThreshold: config.similarityThreshold ?? 90,
        },
    });

    return {
        manifestS3Uri: manifest.s3Uri,
        dataAccessRoleArn: role.roleArn,
        outputKeyArn: outputKey.keyArn,
        outputKeyAlias: outputKey.aliasName,
        jobId: job.jobId,
        jobStatus: job.jobStatus,
        outputFileS3Uri: job.outputFileS3Uri,
    };
}
