/**
 * Public argument and output types of {@link FraudsterRegistrationJob}, plus the plain shapes the
 * provider works with. The names are part of the contract: they are what the state records.
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import type { BaseJobInputs, BaseJobOutputs, InputDataConfigArgs, OutputDataConfigArgs } from "../batchJob/kind";
import type { ResourceScope } from "../shared/scope";

export type { JobStatus } from "../batchJob/status";
export type { FailureDetails, InputDataConfigArgs, OutputDataConfigArgs } from "../batchJob/kind";

/**
 * Program context the resource class passes to the provider.
 * @deprecated The same for every resource: use `ResourceScope` (`provider/shared/scope`).
 */
// Compatibility shim, may be removed in 0.3.0: docs/compatibility.md
export type JobScope = ResourceScope;
export { DEFAULT_TIMEOUT_SECONDS } from "./properties";

/** Whether to register a fraudster whose voice matches one already in the watchlist. */
export type DuplicateRegistrationAction = "SKIP" | "REGISTER_AS_NEW";

/** Arguments of a {@link FraudsterRegistrationJob}. */
export interface FraudsterRegistrationJobArgs {
    /** The Voice ID domain to register fraudsters in: 22 alphanumerics. Changing it starts a new job. */
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
    /** Duplicate handling, similarity threshold and target watchlist. */
    registrationConfig?: pulumi.Input<RegistrationConfigArgs>;
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
    /**
     * On destroy (or replacement), delete the fraudsters this job newly registered (default
     * false: Voice ID has no job deletion, so destroy just forgets the job).
     */
    deleteFraudstersOnDestroy?: pulumi.Input<boolean>;
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

/** How registrations are made. */
export interface RegistrationConfigArgs {
    /** SKIP (service default) or REGISTER_AS_NEW. */
    duplicateRegistrationAction?: pulumi.Input<DuplicateRegistrationAction>;
    /** Similarity (0-100) above which a voice counts as an existing fraudster. */
    fraudsterSimilarityThreshold?: pulumi.Input<number>;
    /** Exactly one watchlist id (22 alphanumerics); unset means the domain's default watchlist. */
    watchlistIds?: pulumi.Input<pulumi.Input<string>[]>;
}

/** One successful registration from the output file. */
export interface Registration {
    /** RequestId from the manifest. */
    requestId: string;
    /** The new fraudster (NEW_REGISTRATION) or the closest existing one (DUPLICATE_SKIPPED). */
    fraudsterId: string;
    /** NEW_REGISTRATION or DUPLICATE_SKIPPED. */
    registrationStatus: string;
    /** Similarity to the closest existing fraudster, when reported. */
    fraudsterSimilarityScore?: number;
}

/** One failed request from the output file. */
export interface RegistrationError {
    /** RequestId from the manifest. */
    requestId: string;
    /** HTTP-like status code of the failure. */
    errorCode: number;
    /** Why the request failed. */
    errorMessage: string;
}

/**
 * What the provider learned from the output file. Lists are capped (100
 * entries) to keep the state small; counts always cover the whole file.
 */
export interface JobResults {
    /** Successful registrations (capped). Secret: fraudster ids are sensitive. */
    registrations: Registration[];
    /** Failed requests (capped). */
    registrationErrors: RegistrationError[];
    /** Requests in the output file (successes + errors). */
    totalRequests: number;
    /** Requests that registered a new fraudster. */
    newRegistrationCount: number;
    /** Requests skipped as duplicates of an existing fraudster. */
    duplicateCount: number;
    /** Requests that failed. */
    errorCount: number;
    /** True when a list was cut to the cap. */
    resultsTruncated: boolean;
}

/** Longest `registrations` / `registrationErrors` list kept in state. */
export { RESULT_LIST_CAP } from "../batchJob/results";

/**
 * Inputs as the provider receives them (plain values). `scope` is filled by the resource class:
 * the provider process cannot see the program's project, stack or config.
 */
export interface JobInputs extends BaseJobInputs {
    registrationConfig?: {
        duplicateRegistrationAction?: DuplicateRegistrationAction;
        fraudsterSimilarityThreshold?: number;
        watchlistIds?: string[];
    };
    deleteFraudstersOnDestroy?: boolean;
}

/** Outputs the provider records: the inputs, plus what the job and its output file say. */
export interface JobOutputs extends JobInputs, BaseJobOutputs, Partial<JobResults> {}
