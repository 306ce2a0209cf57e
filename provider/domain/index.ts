/**
 * VoiceIdDomain: an Amazon Connect Voice ID domain as a Pulumi resource.
 * @module
 */
export { VoiceIdDomain, DOMAIN_PROVIDER_MODULE, DOMAIN_TYPE } from "./resource";
export * from "./args";
export { validateDomainInputs } from "./validate";
// Watchlists live in domains: re-exported here so `export * from "./domain"` brings both.
export * from "../watchlist";
