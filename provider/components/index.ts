/**
 * `@pulumi/aws` helper components for Voice ID fraudster registration: the data access role
 * Voice ID assumes, the KMS key for the output file, the KMS key of a domain, and the input
 * manifest object.
 * @module
 */
export { VoiceIdDataAccessRole, VoiceIdDataAccessRoleArgs } from "./dataAccessRole";
export { VoiceIdOutputKey, VoiceIdOutputKeyArgs } from "./outputKey";
export { VoiceIdDomainKey, VoiceIdDomainKeyArgs } from "./domainKey";
export { KmsKeyOptionsArgs } from "./keyOptions";
export {
    FraudsterRegistrationManifest,
    FraudsterRegistrationManifestArgs,
    FraudsterRegistrationRequest,
    FraudsterAudioSpecification,
    ResolvedRegistrationRequest,
    ManifestDocument,
    MAX_AUDIO_PER_REQUEST,
    buildManifestDocument,
    renderManifest,
    manifestObjectKey,
    contentHash,
    SpeakerEnrollmentManifest,
    SpeakerEnrollmentManifestArgs,
    SpeakerEnrollmentRequest,
    buildEnrollmentManifestDocument,
} from "./manifest";
export { AwsScopeArgs } from "./awsScope";
export * from "./policies";
export { InputValidationError } from "./validation";
