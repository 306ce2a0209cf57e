/**
 * The outputs every batch-job resource class has (a kind's class adds its results and config).
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import { VoiceIdResource } from "../shared/resourceInputs";
import type { FailureDetails } from "./args";
import type { JobStatus } from "./status";

/** A Voice ID batch job as a dynamic resource. */
export abstract class BatchJobResource extends VoiceIdResource {
    /** The job's id (22 alphanumerics). */
    declare readonly jobId: pulumi.Output<string>;
    /** Last status seen: SUBMITTED, IN_PROGRESS, COMPLETED, COMPLETED_WITH_ERRORS or FAILED. */
    declare readonly jobStatus: pulumi.Output<JobStatus>;
    /** The job's name (secret when the input is). */
    declare readonly jobName: pulumi.Output<string | undefined>;
    /** The data access role the job ran with. */
    declare readonly dataAccessRoleArn: pulumi.Output<string>;
    /** The domain the job ran in. */
    declare readonly domainId: pulumi.Output<string>;
    /** ISO 8601 time the job was created. */
    declare readonly createdAt: pulumi.Output<string | undefined>;
    /** ISO 8601 time the job ended. */
    declare readonly endedAt: pulumi.Output<string | undefined>;
    /** Last PercentComplete seen (0-100). */
    declare readonly percentComplete: pulumi.Output<number | undefined>;
    /** Why the whole job failed (FAILED only). */
    declare readonly failureDetails: pulumi.Output<FailureDetails | undefined>;
    /** `s3://` URI of the job's output file. */
    declare readonly outputFileS3Uri: pulumi.Output<string | undefined>;
    /** Requests in the output file. */
    declare readonly totalRequests: pulumi.Output<number | undefined>;
    /** Requests that failed. */
    declare readonly errorCount: pulumi.Output<number | undefined>;
    /** True when a result list was cut to 100 entries. */
    declare readonly resultsTruncated: pulumi.Output<boolean | undefined>;
    /** `read` once the output file was parsed; `denied`, `missing` or `unreadable` when it could not be; absent before completion. */
    declare readonly resultsStatus: pulumi.Output<string | undefined>;
    /** The ClientToken the job was started with (derived unless `clientToken` was given). */
    declare readonly effectiveClientToken: pulumi.Output<string | undefined>;
    /** Derived-token generation of the job: 0, or n after n FAILED runs with the same inputs. */
    declare readonly tokenGeneration: pulumi.Output<number | undefined>;
    /** The manifest location. */
    declare readonly inputDataConfig: pulumi.Output<{ s3Uri: string }>;
    /** The output location and key. */
    declare readonly outputDataConfig: pulumi.Output<{ s3Uri: string; kmsKeyId?: string }>;
}
