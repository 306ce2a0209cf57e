/**
 * The arguments every batch-job resource shares, written once: {@link BatchJobArgs} is the base
 * both `FraudsterRegistrationJobArgs` and `SpeakerEnrollmentJobArgs` extend, so their docs cannot
 * drift apart. Plus the plain shapes the provider works with (inputs and outputs as recorded).
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceScope, TargetOutputs } from "../shared/scope";
import type { JobStatus } from "./status";

/** Location of a batch job's input manifest. */
export interface InputDataConfigArgs {
    /** `s3://bucket/key.json` of the manifest (max 1024 characters). */
    s3Uri: pulumi.Input<string>;
}

/** Location and encryption of the output file. */
export interface OutputDataConfigArgs {
    /** `s3://bucket/folder` Voice ID writes `<jobId>/<manifest name>.out` under. */
    s3Uri: pulumi.Input<string>;
    /** KMS key id, key ARN, alias name or alias ARN (1-2048 characters) for the output file. */
    kmsKeyId?: pulumi.Input<string>;
}

/** Why a whole job failed. */
export interface FailureDetails {
    /** HTTP-like status code. */
    statusCode?: number;
    /** Description from the service. */
    message?: string;
}

/** Arguments every Voice ID batch job has; each job kind adds its configuration block and delete option. */
export interface BatchJobArgs {
    /** The Voice ID domain the job runs in: 22 alphanumerics. Changing it starts a new job. */
    domainId: pulumi.Input<string>;
    /**
     * IAM role Voice ID assumes to read the manifest and audio and write the output file
     * (`arn:aws:iam::<account>:role/...`). The caller needs `iam:PassRole` on it. See
     * {@link VoiceIdDataAccessRole} for one built to measure.
     */
    dataAccessRoleArn: pulumi.Input<string>;
    /** Where the input manifest lives. */
    inputDataConfig: pulumi.Input<InputDataConfigArgs>;
    /** Where Voice ID writes the output file, and the KMS key that encrypts it. */
    outputDataConfig: pulumi.Input<OutputDataConfigArgs>;
    /**
     * A name for the job: 1-256 characters, letters, digits, `_` and `-`, starting with a letter
     * or digit. Sensitive: stored as a secret and never printed.
     */
    jobName?: pulumi.Input<string>;
    /**
     * Idempotency token (1-64 of `[a-zA-Z0-9-_]`). Leave unset: the provider derives one from the
     * project, stack, resource name, job-defining inputs and `triggers`, which is what makes an
     * interrupted `pulumi up` adopt the job it already started. Setting it pins the token; a job
     * that FAILED under a pinned token cannot be retried without changing it.
     */
    clientToken?: pulumi.Input<string>;
    /** Wait for the job to end before `create` returns (default true). */
    waitForCompletion?: pulumi.Input<boolean>;
    /**
     * Longest wait for a job slot plus the job itself, in seconds (default 21600 = 6 h, range
     * 1-604800). When it passes the resource is recorded with its job id and the update fails;
     * the job keeps running and the next `pulumi up` resumes waiting.
     */
    timeoutSeconds?: pulumi.Input<number>;
    /** Fail the update when the job ends COMPLETED_WITH_ERRORS (default false: warn only). */
    failOnErrors?: pulumi.Input<boolean>;
    /** Any values; changing them starts a new job with otherwise identical inputs. */
    triggers?: pulumi.Input<any[]>;
    /** AWS region; else stack config `voiceid:region`, `aws:region`, then `AWS_REGION`. */
    region?: pulumi.Input<string>;
    /**
     * Voice ID endpoint URL; else stack config `voiceid:endpoint`, then `AWS_ENDPOINT_URL_VOICE_ID`
     * / `AWS_ENDPOINT_URL`, then the SDK's default for the region.
     */
    endpoint?: pulumi.Input<string>;
}

/** Inputs every kind has (plain values, as the provider receives them). */
export interface BaseJobInputs {
    domainId: string;
    dataAccessRoleArn: string;
    inputDataConfig: { s3Uri: string };
    outputDataConfig: { s3Uri: string; kmsKeyId?: string };
    jobName?: string;
    clientToken?: string;
    waitForCompletion?: boolean;
    timeoutSeconds?: number;
    failOnErrors?: boolean;
    triggers?: unknown[];
    region?: string;
    endpoint?: string;
    /** Set by the resource class: identity for the default ClientToken and stack config. */
    scope?: ResourceScope;
    /** Set by the resource class from `{ import: "<domainId>/<jobId>" }`: adopt that job. */
    importId?: string;
}

/** Outputs every kind records besides its inputs and results. */
export interface BaseJobOutputs extends BaseJobInputs, TargetOutputs {
    /** The job's id (22 alphanumerics). */
    jobId: string;
    /** Last status seen. */
    jobStatus: JobStatus;
    /** ClientToken the job was started with (derived or given); absent for imported jobs. */
    effectiveClientToken?: string;
    /** Which derived-token generation started this job (0 unless earlier ones FAILED). */
    tokenGeneration?: number;
    /** ISO time the job was created. */
    createdAt?: string;
    /** ISO time the job ended. */
    endedAt?: string;
    /** Last PercentComplete seen. */
    percentComplete?: number;
    /** Present when the whole job failed. */
    failureDetails?: FailureDetails;
    /** `s3://` URI of the output file (present once the job completed). */
    outputFileS3Uri?: string;
    /** Whether the output file has been read: `read`, or why not (`denied`, `missing`, `unreadable`); absent before completion. */
    resultsStatus?: "read" | "denied" | "missing" | "unreadable";
}
