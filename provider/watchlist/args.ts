/**
 * Public argument and output types of {@link VoiceIdWatchlist}, plus the plain shapes its provider
 * works with.
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceScope, TargetOutputs } from "../shared/scope";

/** Arguments of a {@link VoiceIdWatchlist}. */
export interface VoiceIdWatchlistArgs {
    /** The domain the watchlist belongs to (22 alphanumerics). Changing it creates a new watchlist. */
    domainId: pulumi.Input<string>;
    /**
     * Watchlist name: 1-256 characters, letters, digits, `_` and `-`, starting with a letter or
     * digit. Defaults to the resource's logical name (other characters replaced by `-`).
     * Sensitive: stored as a secret. Updated in place.
     */
    name?: pulumi.Input<string>;
    /**
     * A description (1-1024 characters: letters, digits, spaces and `_.:/=+-%@`). Sensitive.
     * Updated in place. Voice ID cannot clear a watchlist's description: when unset, whatever the
     * service holds is left alone.
     */
    description?: pulumi.Input<string>;
    /** AWS region; else stack config `voiceid:region`, `aws:region`, then `AWS_REGION`. Changing it replaces the watchlist. */
    region?: pulumi.Input<string>;
    /** Voice ID endpoint URL; else stack config `voiceid:endpoint`, then `AWS_ENDPOINT_URL_VOICE_ID`. Changing it replaces the watchlist. */
    endpoint?: pulumi.Input<string>;
}

/** @deprecated Use {@link VoiceIdWatchlistArgs} (the same type). */
// Compatibility shim, may be removed in 1.0.0: docs/compatibility.md
export type WatchlistArgs = VoiceIdWatchlistArgs;

/** Inputs as the provider receives them (plain values; `scope` is filled by the resource class). */
export interface WatchlistInputs {
    domainId: string;
    name: string;
    description?: string;
    region?: string;
    endpoint?: string;
    scope?: ResourceScope;
    /** Set by the resource class from the `import` resource option: `<domainId>/<watchlistId>` to adopt. */
    importId?: string;
}

/** Outputs the provider records. */
export interface WatchlistOutputs extends WatchlistInputs, TargetOutputs {
    /** The watchlist's id (22 alphanumerics). The resource id is `<domainId>/<watchlistId>`. */
    watchlistId: string;
    /** True for the domain's default watchlist (imported; it cannot be deleted). */
    defaultWatchlist: boolean;
    /** ISO 8601 creation time. */
    createdAt?: string;
    /** ISO 8601 time of the last update. */
    updatedAt?: string;
}
