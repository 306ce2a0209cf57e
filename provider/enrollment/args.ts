/**
 * Public argument and output types of {@link SpeakerEnrollmentJob}, plus the plain shapes the
 * provider works with. The names are part of the contract: they are what the state records.
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import type { BaseJobInputs, BaseJobOutputs, BatchJobArgs } from "../batchJob/args";

/** What to do with a speaker who is already enrolled. */
export type ExistingEnrollmentAction = "SKIP" | "OVERWRITE";

/** What to do with a speaker whose voice matches a fraudster of the watchlist. */
export type FraudDetectionAction = "IGNORE" | "FAIL";

/**
 * Arguments of a {@link SpeakerEnrollmentJob}: the batch-job arguments plus the enrollment's own.
 * The input manifest holds `SpeakerEnrollmentRequests`.
 */
export interface SpeakerEnrollmentJobArgs extends BatchJobArgs {
    /** Existing-enrollment handling and fraud detection during enrollment. */
    enrollmentConfig?: pulumi.Input<EnrollmentConfigArgs>;
    /**
     * On destroy (or replacement), delete the speakers this job newly enrolled (NEW_ENROLLMENT;
     * default false: destroy just forgets the job). Speakers it skipped or overwrote stay.
     */
    deleteSpeakersOnDestroy?: pulumi.Input<boolean>;
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
        fraudDetectionConfig?: {
            fraudDetectionAction?: FraudDetectionAction;
            riskThreshold?: number;
            watchlistIds?: string[];
        };
    };
    deleteSpeakersOnDestroy?: boolean;
}

/** Outputs the provider records: the inputs, plus what the job and its output file say. */
export interface EnrollmentOutputs extends EnrollmentInputs, BaseJobOutputs, Partial<EnrollmentResults> {}
