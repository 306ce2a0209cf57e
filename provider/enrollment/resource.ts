/**
 * The `SpeakerEnrollmentJob` resource class users instantiate.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../shared/lazyProvider";
import { BatchJobResource } from "../batchJob/resource";
import { GetOptions, getArgs, hasTypeToken } from "../shared/resourceInputs";
import { voiceIdTypeToken } from "../shared/typeTokens";
import { EnrollmentConfigArgs, Enrollment, EnrollmentError, SpeakerEnrollmentJobArgs } from "./args";
import { PROPERTIES } from "./properties";

/**
 * Package specifier of the implementation. Resolved by the dynamic provider host from the
 * program's directory at call time, so it must be a package name, never a path.
 */
// Compatibility: state-bound module path, never changes: docs/compatibility.md
export const PROVIDER_MODULE = "pulumi-voiceid/provider/enrollment/provider";

/** The provider object serialized into state: about 2.7 KB of `require` calls, as for the registration job. */
const provider = lazyProvider(PROVIDER_MODULE);

/** Outputs secret whatever the inputs: the generated ids of the enrolled speakers. */
const SECRET_OUTPUTS = ["enrollments"];

/**
 * An Amazon Connect Voice ID batch speaker enrollment job: the same life as
 * {@link FraudsterRegistrationJob} (derived ClientTokens and crash-safe adoption, slot waits,
 * the adaptive waiter, partial state, import by `<domainId>/<jobId>`), running
 * `StartSpeakerEnrollmentJob` and parsing its output file into outputs.
 *
 * @example
 * ```ts
 * const customers = new SpeakerEnrollmentJob("customers", {
 *     domainId: domain.id,
 *     dataAccessRoleArn: role.arn,
 *     inputDataConfig: { s3Uri: manifest.s3Uri },
 *     outputDataConfig: { s3Uri: "s3://my-bucket/results", kmsKeyId: key.arn },
 *     enrollmentConfig: { existingEnrollmentAction: "SKIP", fraudDetectionConfig: { fraudDetectionAction: "FAIL", riskThreshold: 80 } },
 * });
 * export const flagged = customers.fraudDetectionFailureCount;
 * ```
 */
export class SpeakerEnrollmentJob extends BatchJobResource {
    /** Successful enrollments from the output file, first 100 (secret: speaker ids). */
    declare readonly enrollments: pulumi.Output<Enrollment[] | undefined>;
    /** Failed requests from the output file, first 100 (fraud-detection refusals among them). */
    declare readonly enrollmentErrors: pulumi.Output<EnrollmentError[] | undefined>;
    /** Speakers newly enrolled. */
    declare readonly newEnrollmentCount: pulumi.Output<number | undefined>;
    /** Enrolled speakers whose voiceprint was replaced (OVERWRITE). */
    declare readonly overwrittenCount: pulumi.Output<number | undefined>;
    /** Enrolled speakers skipped (SKIP). */
    declare readonly duplicateCount: pulumi.Output<number | undefined>;
    /** Requests refused or flagged by fraud detection (a known fraudster's voice). */
    declare readonly fraudDetectionFailureCount: pulumi.Output<number | undefined>;
    /** The enrollment settings as given. */
    declare readonly enrollmentConfig: pulumi.Output<EnrollmentConfigArgs | undefined>;

    /** Gets an existing job's state by id (`<domainId>/<jobId>`); nothing is started. */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: GetOptions): SpeakerEnrollmentJob {
        const get = getArgs<SpeakerEnrollmentJobArgs>(id, opts);
        return new SpeakerEnrollmentJob(name, get.args, get.opts);
    }

    /** Returns true if `obj` is a SpeakerEnrollmentJob (works across package copies). */
    static isInstance(obj: unknown): obj is SpeakerEnrollmentJob {
        return hasTypeToken(obj, voiceIdTypeToken("SpeakerEnrollmentJob"));
    }

    /**
     * @param name Logical name; part of the default ClientToken.
     * @param args Job definition and waiter/policy knobs.
     * @param opts Resource options; `{ import: "<domainId>/<jobId>" }` adopts an existing job.
     */
    constructor(name: string, args: SpeakerEnrollmentJobArgs, opts?: pulumi.CustomResourceOptions) {
        super(provider, "SpeakerEnrollmentJob", name, args, opts, {
            outputs: PROPERTIES.outputNames,
            secretOutputs: SECRET_OUTPUTS,
        });
    }
}
