/**
 * Watchlist: a Voice ID fraudster watchlist as a Pulumi resource.
 * @module
 */
export { Watchlist, WATCHLIST_PROVIDER_MODULE, WATCHLIST_TYPE } from "./resource";
export * from "./args";
export { validateWatchlistInputs } from "./validate";
