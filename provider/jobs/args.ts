/**
 * Public argument and output types of {@link FraudsterRegistrationJob}, plus the plain shapes the
 * provider works with. The names are part of the contract: they are what the state records.
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import type { BaseJobInputs, BaseJobOutputs, BatchJobArgs } from "../batchJob/args";
import type { ResourceScope } from "../shared/scope";

/**
 * Program context the resource class passes to the provider.
 * @deprecated The same for every resource: use `ResourceScope` (`provider/shared/scope`).
 */
// Compatibility shim, may be removed in 0.3.0: docs/compatibility.md
export type JobScope = ResourceScope;

/** Whether to register a fraudster whose voice matches one already in the watchlist. */
export type DuplicateRegistrationAction = "SKIP" | "REGISTER_AS_NEW";

/** Arguments of a {@link FraudsterRegistrationJob}: the batch-job arguments plus the registration's own. */
export interface FraudsterRegistrationJobArgs extends BatchJobArgs {
    /** Duplicate handling, similarity threshold and target watchlist. */
    registrationConfig?: pulumi.Input<RegistrationConfigArgs>;
    /**
     * On destroy (or replacement), delete the fraudsters this job newly registered (default
     * false: Voice ID has no job deletion, so destroy just forgets the job).
     */
    deleteFraudstersOnDestroy?: pulumi.Input<boolean>;
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
