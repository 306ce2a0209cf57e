/**
 * The `FraudsterRegistrationJob` resource class users instantiate.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../shared/lazyProvider";
import { BatchJobResource } from "../batchJob/resource";
import { GetOptions, getArgs, hasTypeToken } from "../shared/resourceInputs";
import { voiceIdTypeToken } from "../shared/typeTokens";
import { FraudsterRegistrationJobArgs, Registration, RegistrationConfigArgs, RegistrationError } from "./args";
import { PROPERTIES } from "./properties";

/**
 * Package specifier of the implementation. Resolved by the dynamic provider host from the
 * program's directory at call time, so it must be a package name, never a path.
 */
// Compatibility: state-bound module path, never changes: docs/compatibility.md
export const PROVIDER_MODULE = "pulumi-voiceid/provider/jobs/provider";

/** The provider object serialized into state: about 2.7 KB of `require` calls (`jobs-serialized` in docs/benchmarks.md). */
const provider = lazyProvider(PROVIDER_MODULE);

/**
 * Outputs secret whatever the inputs: the ids of the fraudsters the job registered. Every other
 * output is secret exactly when the input it comes from is (`jobName: pulumi.secret(...)`).
 */
const SECRET_OUTPUTS = ["registrations"];

/** Every output, declared so the class's Output properties exist (values arrive from the engine). */
const OUTPUT_NAMES = PROPERTIES.outputNames;

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
export class FraudsterRegistrationJob extends BatchJobResource {
    /** Successful registrations from the output file, first 100 (secret: fraudster ids). */
    declare readonly registrations: pulumi.Output<Registration[] | undefined>;
    /** Failed requests from the output file, first 100. */
    declare readonly registrationErrors: pulumi.Output<RegistrationError[] | undefined>;
    /** Requests that registered a new fraudster. */
    declare readonly newRegistrationCount: pulumi.Output<number | undefined>;
    /** Requests skipped as duplicates of an existing fraudster. */
    declare readonly duplicateCount: pulumi.Output<number | undefined>;
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
        return hasTypeToken(obj, voiceIdTypeToken("FraudsterRegistrationJob"));
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
        super(provider, "FraudsterRegistrationJob", name, args, opts, {
            outputs: OUTPUT_NAMES,
            secretOutputs: SECRET_OUTPUTS,
        });
    }
}
