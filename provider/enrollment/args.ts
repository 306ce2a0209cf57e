/**
 * Public argument and output types of {@link SpeakerEnrollmentJob}, plus the plain shapes the
 * provider works with. The names are part of the contract: they are what the state records.
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import type { BaseJobInputs, BaseJobOutputs, InputDataConfigArgs, OutputDataConfigArgs } from "../batchJob/kind";

export { DEFAULT_TIMEOUT_SECONDS } from "./properties";

/** What to do with a speaker who is already enrolled. */
export type ExistingEnrollmentAction = "SKIP" | "OVERWRITE";

/** What to do with a speaker whose voice matches a fraudster of the watchlist. */
export type FraudDetectionAction = "IGNORE" | "FAIL";

/** Arguments of a {@link SpeakerEnrollmentJob}. */
export interface SpeakerEnrollmentJobArgs {
    /** The Voice ID domain to enroll speakers in: 22 alphanumerics. Changing it starts a new job. */
    domainId: pulumi.Input<string>;
    /**
     * IAM role Voice ID assumes to read the manifest and audio and write the output file. See
     * {@link VoiceIdDataAccessRole} for one built to measure.
     */
    dataAccessRoleArn: pulumi.Input<string>;
    /** Where the input manifest (`SpeakerEnrollmentRequests`) lives. */
    inputDataConfig: pulumi.Input<InputDataConfigArgs>;
    /** Where Voice ID writes the output file, and the KMS key that encrypts it. */
    outputDataConfig: pulumi.Input<OutputDataConfigArgs>;
    /** Existing-enrollment handling and fraud detection during enrollment. */
    enrollmentConfig?: pulumi.Input<EnrollmentConfigArgs>;
    /** A name for the job (1-256 of letters, digits, `_`, `-`). Sensitive: never printed. */
    jobName?: pulumi.Input<string>;
    /** Idempotency token (1-64 of `[a-zA-Z0-9-_]`); leave unset to let the provider derive one. */
    clientToken?: pulumi.Input<string>;
    /** Wait for the job to end before `create` returns (default true). */
    waitForCompletion?: pulumi.Input<boolean>;
    /** Longest wait for a job slot plus the job, in seconds (default 21600, range 1-604800). */
    timeoutSeconds?: pulumi.Input<number>;
    /** Fail the update when the job ends COMPLETED_WITH_ERRORS (default false: warn only). */
    failOnErrors?: pulumi.Input<boolean>;
    /**
     * On destroy (or replacement), delete the speakers this job newly enrolled (NEW_ENROLLMENT;
     * default false: destroy just forgets the job). Speakers it skipped or overwrote stay.
     */
    deleteSpeakersOnDestroy?: pulumi.Input<boolean>;
    /** Any values; changing them starts a new job with otherwise identical inputs. */
    triggers?: pulumi.Input<any[]>;
    /** AWS region; else stack config `voiceid:region`, `aws:region`, then `AWS_REGION`. */
    region?: pulumi.Input<string>;
    /** Voice ID endpoint URL; else stack config `voiceid:endpoint`, then the environment. */
    endpoint?: pulumi.Input<string>;
}

/** How enrollments are made. */
export interface EnrollmentConfigArgs {
    /** SKIP (service default) or OVERWRITE an already enrolled speaker. */
    existingEnrollmentAction?: pulumi.Input<ExistingEnrollmentAction>;
    /** Fraud detection against a watchlist before enrolling. */
    fraudDetectionConfig?: pulumi.Input<FraudDetectionConfigArgs>;
}

/** Fraud detection during enrollment. */
export interface FraudDetectionConfigArgs {
    /** FAIL (service default: the speaker is not enrolled) or IGNORE a match. */
    fraudDetectionAction?: pulumi.Input<FraudDetectionAction>;
    /** Risk score (0-100) at or above which a voice counts as a known fraudster. */
    riskThreshold?: pulumi.Input<number>;
    /** Exactly one watchlist id (22 alphanumerics); unset means the domain's default watchlist. */
    watchlistIds?: pulumi.Input<pulumi.Input<string>[]>;
}

/** One successful enrollment from the output file. */
export interface Enrollment {
    /** RequestId from the manifest. */
    requestId: string;
    /** The speaker's generated id. */
    speakerId: string;
    /** NEW_ENROLLMENT, OVERWRITTEN(_ENROLLMENT) or DUPLICATE_SKIPPED. */
    enrollmentStatus: string;
    /** PASS or FAIL, when the output file reports a fraud-detection result. */
    fraudDetectionResult?: string;
}

/** One failed request from the output file. */
export interface EnrollmentError {
    /** RequestId from the manifest. */
    requestId: string;
    /** HTTP-like status code of the failure. */
    errorCode: number;
    /** Why the request failed. */
    errorMessage: string;
}

/** What the provider learned from the output file (lists capped at 100; counts complete). */
export interface EnrollmentResults {
    /** Successful enrollments (capped). Secret: speaker ids are sensitive. */
    enrollments: Enrollment[];
    /** Failed requests (capped), including speakers fraud detection refused. */
    enrollmentErrors: EnrollmentError[];
    /** Requests in the output file (successes + errors). */
    totalRequests: number;
    /** Speakers newly enrolled. */
    newEnrollmentCount: number;
    /** Speakers already enrolled whose voiceprint was replaced (OVERWRITE). */
    overwrittenCount: number;
    /** Speakers already enrolled and skipped (SKIP). */
    duplicateCount: number;
    /** Requests that failed. */
    errorCount: number;
    /** Requests refused or flagged by fraud detection (a known fraudster's voice). */
    fraudDetectionFailureCount: number;
    /** True when a list was cut to the cap. */
    resultsTruncated: boolean;
}

/** Inputs as the provider receives them (plain values). */
export interface EnrollmentInputs extends BaseJobInputs {
    enrollmentConfig?: {
        existingEnrollmentAction?: ExistingEnrollmentAction;
        fraudDetectionConfig?: { fraudDetectionAction?: FraudDetectionAction; riskThreshold?: number; watchlistIds?: string[] };
    };
    deleteSpeakersOnDestroy?: boolean;
}

/** Outputs the provider records: the inputs, plus what the job and its output file say. */
export interface EnrollmentOutputs extends EnrollmentInputs, BaseJobOutputs, Partial<EnrollmentResults> {}
