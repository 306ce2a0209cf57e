/**
 * pulumi-voiceid: Amazon Connect Voice ID fraudster registration as code.
 *
 * - {@link FraudsterRegistrationJob}: starts a batch registration job and waits for its result.
 * - {@link VoiceIdDomain} and {@link Watchlist}: the domain and the watchlists fraudsters go to.
 * - {@link VoiceIdDataAccessRole}, {@link VoiceIdOutputKey}, {@link FraudsterRegistrationManifest}:
 *   `@pulumi/aws` components for what a job needs.
 *
 * @packageDocumentation
 */
import type * as components from "./components";

export * from "./jobs";
export * from "./domain";
export * from "./watchlist";
export * from "./components/policies";
export type {
    VoiceIdDataAccessRoleArgs, VoiceIdOutputKeyArgs, FraudsterRegistrationManifestArgs,
    FraudsterRegistrationRequest, FraudsterAudioSpecification, ResolvedRegistrationRequest,
    ManifestDocument, AwsScopeArgs,
} from "./components";

// The components load @pulumi/aws, which costs about half a second per program run (and per
// preview). Programs that only declare jobs, domains and watchlists should not pay for it, so
// the component exports load their module on first use, the way @pulumi/aws loads its own.
export type VoiceIdDataAccessRole = components.VoiceIdDataAccessRole;
export const VoiceIdDataAccessRole: typeof components.VoiceIdDataAccessRole = undefined as any;
export type VoiceIdOutputKey = components.VoiceIdOutputKey;
export const VoiceIdOutputKey: typeof components.VoiceIdOutputKey = undefined as any;
export type FraudsterRegistrationManifest = components.FraudsterRegistrationManifest;
export const FraudsterRegistrationManifest: typeof components.FraudsterRegistrationManifest = undefined as any;
export type InputValidationError = components.InputValidationError;
export const InputValidationError: typeof components.InputValidationError = undefined as any;
export const MAX_AUDIO_PER_REQUEST: typeof components.MAX_AUDIO_PER_REQUEST = undefined as any;
export const buildManifestDocument: typeof components.buildManifestDocument = undefined as any;
export const renderManifest: typeof components.renderManifest = undefined as any;
export const manifestObjectKey: typeof components.manifestObjectKey = undefined as any;
export const contentHash: typeof components.contentHash = undefined as any;

for (const name of [
    "VoiceIdDataAccessRole", "VoiceIdOutputKey", "FraudsterRegistrationManifest", "InputValidationError",
    "MAX_AUDIO_PER_REQUEST", "buildManifestDocument", "renderManifest", "manifestObjectKey", "contentHash",
]) {
    Object.defineProperty(exports, name, { enumerable: true, get: () => require("./components")[name] });
}
