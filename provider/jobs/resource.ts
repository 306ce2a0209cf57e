/**
 * The `FraudsterRegistrationJob` resource class users instantiate.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../shared/lazyProvider";
import { GetOptions, dynamicResourceInputs, getArgs } from "../shared/resourceInputs";
import {
    FailureDetails,
    FraudsterRegistrationJobArgs,
    JobStatus,
    Registration,
    RegistrationConfigArgs,
    RegistrationError,
} from "./args";

/**
 * Package specifier of the implementation. Resolved by the dynamic provider host from the
 * program's directory at call time, so it must be a package name, never a path.
 */
export const PROVIDER_MODULE = "pulumi-voiceid/provider/jobs/provider";

/** The provider object serialized into state: a few KB of `require` calls. */
const provider = lazyProvider(PROVIDER_MODULE);

/**
 * Outputs secret whatever the inputs: the ids of the fraudsters the job registered. Every other
 * output is secret exactly when the input it comes from is (`jobName: pulumi.secret(...)`).
 */
const SECRET_OUTPUTS = ["registrations"];

/** Every output, declared so the class's Output properties exist (values arrive from the engine). */
const OUTPUT_NAMES = [
    "domainId",
    "jobName",
    "registrationConfig",
    "inputDataConfig",
    "outputDataConfig",
    "dataAccessRoleArn",
    "jobId",
    "jobStatus",
    "createdAt",
    "endedAt",
    "percentComplete",
    "failureDetails",
    "outputFileS3Uri",
    "registrations",
    "registrationErrors",
    "totalRequests",
    "newRegistrationCount",
    "duplicateCount",
    "errorCount",
    "resultsTruncated",
    "resultsStatus",
    "effectiveClientToken",
    "tokenGeneration",
    "effectiveRegion",
] as const;

/**
 * An Amazon Connect Voice ID batch fraudster registration job.
 *
 * `create` starts `StartFraudsterRegistrationJob` and (by default) waits for it to end, then
 * reads its output file. The job is identified as `<domainId>/<jobId>`. The guide
 * `docs/jobs.md` (in the package and the API reference) covers retries, timeouts, crash
 * recovery and what destroy does.
 *
 * @example
 * ```ts
 * const job = new FraudsterRegistrationJob("known-fraudsters", {
 *     domainId: domain.id,
 *     dataAccessRoleArn: role.arn,
 *     inputDataConfig: { s3Uri: "s3://my-bucket/registrations/batch-1.json" },
 *     outputDataConfig: { s3Uri: "s3://my-bucket/results", kmsKeyId: key.arn },
 *     registrationConfig: { fraudsterSimilarityThreshold: 80 },
 * });
 * export const newFraudsters = job.newRegistrationCount;
 * ```
 */
export class FraudsterRegistrationJob extends pulumi.dynamic.Resource {
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
    /** Successful registrations from the output file, first 100 (secret: fraudster ids). */
    declare readonly registrations: pulumi.Output<Registration[] | undefined>;
    /** Failed requests from the output file, first 100. */
    declare readonly registrationErrors: pulumi.Output<RegistrationError[] | undefined>;
    /** Requests in the output file. */
    declare readonly totalRequests: pulumi.Output<number | undefined>;
    /** Requests that registered a new fraudster. */
    declare readonly newRegistrationCount: pulumi.Output<number | undefined>;
    /** Requests skipped as duplicates of an existing fraudster. */
    declare readonly duplicateCount: pulumi.Output<number | undefined>;
    /** Requests that failed. */
    declare readonly errorCount: pulumi.Output<number | undefined>;
    /** True when `registrations` or `registrationErrors` was cut to 100 entries. */
    declare readonly resultsTruncated: pulumi.Output<boolean | undefined>;
    /** `read` once the output file was parsed; `denied`, `missing` or `unreadable` when it could not be. */
    declare readonly resultsStatus: pulumi.Output<string | undefined>;
    /** The ClientToken the job was started with (derived unless `clientToken` was given). */
    declare readonly effectiveClientToken: pulumi.Output<string | undefined>;
    /** The region the resource lives in, however it was chosen (argument, stack config, environment, profile). */
    declare readonly effectiveRegion: pulumi.Output<string | undefined>;
    /** Derived-token generation of the job: 0, or n after n FAILED runs with the same inputs. */
    declare readonly tokenGeneration: pulumi.Output<number | undefined>;
    /** The manifest location. */
    declare readonly inputDataConfig: pulumi.Output<{ s3Uri: string }>;
    /** The output location and key. */
    declare readonly outputDataConfig: pulumi.Output<{ s3Uri: string; kmsKeyId?: string }>;
    /** The registration settings as given. */
    declare readonly registrationConfig: pulumi.Output<RegistrationConfigArgs | undefined>;

    /**
     * Gets an existing job's state by id (`<domainId>/<jobId>`), as `@pulumi/aws` resources do.
     * The job is described through the same provider; nothing is started.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: GetOptions): FraudsterRegistrationJob {
        const get = getArgs<FraudsterRegistrationJobArgs>(id, opts);
        return new FraudsterRegistrationJob(name, get.args, get.opts);
    }

    /** Returns true if `obj` is a FraudsterRegistrationJob (works across package copies). */
    static isInstance(obj: unknown): obj is FraudsterRegistrationJob {
        return !!obj && (obj as { __pulumiType?: string }).__pulumiType === "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob";
    }

    /**
     * @param name Logical name; part of the default ClientToken, so renaming (without an alias)
     *   starts a new job.
     * @param args Job definition and waiter/policy knobs.
     * @param opts Resource options; `{ import: "<domainId>/<jobId>" }` adopts an existing job.
     */
    constructor(name: string, args: FraudsterRegistrationJobArgs, opts?: pulumi.CustomResourceOptions) {
        // `{ import }` is carried as an input: the engine's import Read cannot load a dynamic
        // provider (see shared/importing.ts); `create` adopts the job instead of starting one.
        const { props, opts: options } = dynamicResourceInputs(name, args, opts, {
            outputs: OUTPUT_NAMES,
            secretOutputs: SECRET_OUTPUTS,
        });
        super(provider, name, props, options, "voiceid", "FraudsterRegistrationJob");
    }
}
