/**
 * A fraudster kept for the later job that claims it (`batchJob/claims.ts`) moves to that job's
 * watchlists: a replacement that changed `registrationConfig.watchlistIds` then leaves the new
 * watchlist holding every voice of the manifest, and the old watchlist free of what only the old
 * job put there (so destroying it is not refused as non-empty).
 * @module
 */
import type { JobView } from "../batchJob/api";
import type { VoiceIdCommandCalls } from "../batchJob/kind";
import { isNotFound } from "../shared/errors";

/** The watchlists a registration job puts fraudsters in: its declared one, else the domain's default. */
async function watchlistsOf(api: VoiceIdCommandCalls, domainId: string, declared: unknown): Promise<string[]> {
    if (Array.isArray(declared) && declared.length) return declared.map(String);
    const out: any = await api.call("DescribeDomainCommand", { DomainId: domainId });
    const d = out?.Domain?.WatchlistDetails?.DefaultWatchlistId;
    return d ? [d] : [];
}

/** Associates `fraudsterId` with `claimer`'s watchlists and takes it out of those only `from` used. */
export async function moveToClaimerWatchlists(
    api: VoiceIdCommandCalls,
    domainId: string,
    fraudsterId: string,
    from: Record<string, any>,
    claimer: JobView,
): Promise<void> {
    let current: string[];
    try {
        const out: any = await api.call("DescribeFraudsterCommand", { DomainId: domainId, FraudsterId: fraudsterId });
        current = out?.Fraudster?.WatchlistIds ?? [];
    } catch (err) {
        if (isNotFound(err)) return;
        throw err;
    }
    const target = await watchlistsOf(api, domainId, claimer.config?.watchlistIds);
    const own = await watchlistsOf(api, domainId, from.registrationConfig?.watchlistIds);
    let joined = current.filter((w) => target.includes(w)).length;
    for (const w of target) {
        if (current.includes(w)) continue;
        try {
            await api.call("AssociateFraudsterCommand", {
                DomainId: domainId,
                FraudsterId: fraudsterId,
                WatchlistId: w,
            });
            joined++;
        } catch (err) {
            // The claimer's watchlist is gone (deleted with its stack): nothing to join there.
            if (!isNotFound(err)) throw err;
        }
    }
    // Leave the deleting job's watchlists only once the fraudster is in one of the claimer's
    // (Voice ID keeps every fraudster in at least one watchlist).
    if (!joined) return;
    for (const w of own) {
        if (current.includes(w) && !target.includes(w))
            await api.call("DisassociateFraudsterCommand", {
                DomainId: domainId,
                FraudsterId: fraudsterId,
                WatchlistId: w,
            });
    }
}
