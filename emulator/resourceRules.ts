/**
 * Rules on stored resources that both the API operations and the job kinds apply: which
 * watchlists a job names, a speaker's status as of now.
 * @module
 */
import type { SpeakerRow, SpeakerStatus, WatchlistRow } from "./store";
import type { OperationContext } from "./context";
import { notFound } from "./errors";

/** A watchlist of the domain, else ResourceNotFoundException (WATCHLIST). */
export function requireWatchlist(ctx: OperationContext, domainId: string, watchlistId: string): WatchlistRow {
    const w = ctx.store.getWatchlist(domainId, watchlistId);
    if (!w) throw notFound("WATCHLIST", `Watchlist ${watchlistId} not found in domain ${domainId}`);
    return w;
}

/** The watchlists a job's config names, or else the domain's default one; each must exist. */
export function jobWatchlists(
    ctx: OperationContext,
    domain: { id: string; default_watchlist_id: string },
    watchlistIds: string[] | undefined,
): string[] {
    const ids = watchlistIds ?? [domain.default_watchlist_id];
    for (const w of ids) requireWatchlist(ctx, domain.id, w);
    return ids;
}

/** The speaker's status now: ENROLLED turns EXPIRED after speakerExpiryDays without access. */
export function speakerStatus(ctx: OperationContext, s: SpeakerRow): SpeakerStatus {
    if (s.status !== "ENROLLED") return s.status;
    const last = s.last_accessed_at ?? s.updated_at;
    return ctx.now() - last > ctx.config.speakerExpiryDays * 86_400_000 ? "EXPIRED" : "ENROLLED";
}
