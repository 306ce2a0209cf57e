/**
 * pulumi-voiceid: Amazon Connect Voice ID fraudster registration as code.
 *
 * - {@link FraudsterRegistrationJob}: starts a batch registration job and waits for its result.
 * - {@link SpeakerEnrollmentJob}: the same for a batch speaker enrollment job.
 * - {@link VoiceIdDomain} and {@link VoiceIdWatchlist}: the domain and the watchlists fraudsters go to.
 * - {@link VoiceIdDataAccessRole}, {@link VoiceIdOutputKey}, {@link VoiceIdDomainKey},
 *   {@link FraudsterRegistrationManifest}: `@pulumi/aws` components for what a job and a domain
 *   need. `@pulumi/aws` is an optional peer dependency, needed only by these.
 *
 * This entry exports the public API only. Implementation modules (provider internals, input
 * validators, ClientToken derivation) are reachable by subpath, e.g.
 * `pulumi-voiceid/provider/jobs/token`, and may change in any release.
 *
 * @packageDocumentation
 * @module
 */
import type * as components from "./components";

export { FraudsterRegistrationJob } from "./jobs/resource";
export type {
    FraudsterRegistrationJobArgs,
    RegistrationConfigArgs,
    DuplicateRegistrationAction,
    Registration,
    RegistrationError,
    JobResults,
} from "./jobs/args";
export type { InputDataConfigArgs, OutputDataConfigArgs, FailureDetails } from "./batchJob/args";
export type { JobStatus } from "./batchJob/status";
export { SpeakerEnrollmentJob } from "./enrollment/resource";
export type {
    SpeakerEnrollmentJobArgs,
    EnrollmentConfigArgs,
    FraudDetectionConfigArgs,
    ExistingEnrollmentAction,
    FraudDetectionAction,
    Enrollment,
    EnrollmentError,
    EnrollmentResults,
} from "./enrollment/args";
export { VoiceIdDomain } from "./domain/resource";
export type { VoiceIdDomainArgs, ServerSideEncryptionConfigurationArgs, DomainStatus } from "./domain/args";
export { VoiceIdWatchlist, Watchlist } from "./watchlist/resource";
export type { VoiceIdWatchlistArgs, WatchlistArgs } from "./watchlist/args";
export type { GetOptions } from "./shared/resourceInputs";
export { InputValidationError } from "./shared/validation";
export type { Failure } from "./shared/validation";
export {
    buildTrustPolicy,
    buildDataAccessPolicy,
    buildOutputKeyPolicy,
    buildDomainKeyPolicy,
} from "./components/policies";
export type {
    PolicyDocument,
    PolicyStatement,
    PolicyConditions,
    AwsScope,
    TrustPolicyInput,
    DataAccessPolicyInput,
    OutputKeyPolicyInput,
    DomainKeyPolicyInput,
    KeyAdministrationInput,
} from "./components/policies";
export type {
    VoiceIdDataAccessRoleArgs,
    VoiceIdOutputKeyArgs,
    VoiceIdDomainKeyArgs,
    KmsKeyOptionsArgs,
    FraudsterRegistrationManifestArgs,
    FraudsterRegistrationRequest,
    FraudsterAudioSpecification,
    AwsScopeArgs,
    SpeakerEnrollmentManifestArgs,
    SpeakerEnrollmentRequest,
} from "./components";

// The components load @pulumi/aws: an optional peer dependency (84 MB) that programs declaring
// only jobs, domains and watchlists do not install, and about half a second per program run
// for those that do. So the component classes below are loaded from ./components on first use,
// the way @pulumi/aws loads its own modules. Each is declared once here with the LAZY marker;
// the loop at the end turns every marked export into a getter.
const LAZY: never = Symbol("loaded from ./components on first use") as never;

export type VoiceIdDataAccessRole = components.VoiceIdDataAccessRole;
/**
 * The IAM role Voice ID assumes to read a registration job's inputs and write its results:
 * trusted only by `voiceid.amazonaws.com` for this account's domains, least privilege.
 * @class
 */
export const VoiceIdDataAccessRole: typeof components.VoiceIdDataAccessRole = LAZY;
export type VoiceIdOutputKey = components.VoiceIdOutputKey;
/**
 * The KMS key that encrypts a job's results: usable only through S3, only for the results
 * folder, by the data access role and the results readers. Not a domain key.
 * @class
 */
export const VoiceIdOutputKey: typeof components.VoiceIdOutputKey = LAZY;
export type VoiceIdDomainKey = components.VoiceIdDomainKey;
/**
 * The KMS key that encrypts a domain's data (`serverSideEncryptionConfiguration.kmsKeyId`):
 * usable only through Voice ID; grants only for Voice ID.
 * @class
 */
export const VoiceIdDomainKey: typeof components.VoiceIdDomainKey = LAZY;
export type FraudsterRegistrationManifest = components.FraudsterRegistrationManifest;
/**
 * A job's input manifest, validated at preview and written to S3 under a content-addressed key.
 * @class
 */
export const FraudsterRegistrationManifest: typeof components.FraudsterRegistrationManifest = LAZY;
export type SpeakerEnrollmentManifest = components.SpeakerEnrollmentManifest;
/**
 * A speaker enrollment job's input manifest, validated at preview and written to S3 under a
 * content-addressed key.
 * @class
 */
export const SpeakerEnrollmentManifest: typeof components.SpeakerEnrollmentManifest = LAZY;

for (const [name, value] of Object.entries(exports)) {
    if (value !== LAZY) continue;
    Object.defineProperty(exports, name, {
        enumerable: true,
        get: () =>
            (require("./components/load") as typeof import("./components/load")).componentExport(
                name as keyof typeof components,
            ),
    });
}
