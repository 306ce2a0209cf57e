/**
 * The Voice ID domain calls (their home is `shared/domainCalls.ts`: watchlists use them too).
 * @module
 */
export * from "../shared/domainCalls";
