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
export * from "./jobs";
export * from "./domain";
export * from "./components";
