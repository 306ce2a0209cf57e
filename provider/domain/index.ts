/**
 * VoiceIdDomain: an Amazon Connect Voice ID domain as a Pulumi resource.
 * @module
 */
export { VoiceIdDomain, DOMAIN_PROVIDER_MODULE, DOMAIN_TYPE } from "./resource";
export * from "./args";
export { validateDomainInputs } from "./validate";
