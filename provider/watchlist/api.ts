/**
 * The Voice ID watchlist calls, with retries and plain result shapes.
 * @module
 */
import { prune } from "../shared/data";
import { VoiceIdCalls, voiceIdSdk } from "../shared/voiceIdCalls";

/** A watchlist as the provider sees it. */
export interface WatchlistView {
    watchlistId: string;
    domainId: string;
    name: string;
    description?: string;
    defaultWatchlist: boolean;
    createdAt?: Date;
    updatedAt?: Date;
}

/** Converts the SDK's Watchlist (or WatchlistSummary) shape. */
export function toWatchlistView(w: any): WatchlistView {
    return {
        watchlistId: w.WatchlistId,
        domainId: w.DomainId,
        name: w.Name,
        description: w.Description,
        defaultWatchlist: w.DefaultWatchlist === true,
        createdAt: w.CreatedAt ? new Date(w.CreatedAt) : undefined,
        updatedAt: w.UpdatedAt ? new Date(w.UpdatedAt) : undefined,
    };
}

/** Voice ID watchlist calls for one target (region + endpoint), each retried per `retry`. */
export class WatchlistApi extends VoiceIdCalls {
    /** CreateWatchlist (a known token answers with the watchlist it created before). */
    create(
        domainId: string,
        name: string,
        description: string | undefined,
        clientToken: string,
    ): Promise<WatchlistView> {
        const { CreateWatchlistCommand } = voiceIdSdk();
        return this.watchlist(
            new CreateWatchlistCommand(
                prune({ DomainId: domainId, Name: name, Description: description, ClientToken: clientToken }),
            ),
        );
    }

    describe(domainId: string, watchlistId: string): Promise<WatchlistView> {
        const { DescribeWatchlistCommand } = voiceIdSdk();
        return this.watchlist(new DescribeWatchlistCommand({ DomainId: domainId, WatchlistId: watchlistId }));
    }

    /** UpdateWatchlist: absent fields are left as they are (members left undefined are not sent). */
    update(
        domainId: string,
        watchlistId: string,
        name: string | undefined,
        description: string | undefined,
    ): Promise<WatchlistView> {
        const { UpdateWatchlistCommand } = voiceIdSdk();
        return this.watchlist(
            new UpdateWatchlistCommand(
                prune({ DomainId: domainId, WatchlistId: watchlistId, Name: name, Description: description }),
            ),
        );
    }

    /** Sends a command that answers with a `Watchlist`. */
    private async watchlist(command: unknown): Promise<WatchlistView> {
        const out: any = await this.send(command);
        return toWatchlistView(out.Watchlist);
    }

    /** How many fraudsters the watchlist holds (ListFraudsters, every page). */
    async fraudsterCount(domainId: string, watchlistId: string): Promise<number> {
        const { ListFraudstersCommand } = voiceIdSdk();
        let count = 0;
        let next: string | undefined;
        do {
            const out: any = await this.send(
                new ListFraudstersCommand({
                    DomainId: domainId,
                    WatchlistId: watchlistId,
                    MaxResults: 100,
                    NextToken: next,
                }),
            );
            count += (out.FraudsterSummaries ?? []).length;
            next = out.NextToken;
        } while (next);
        return count;
    }

    async delete(domainId: string, watchlistId: string): Promise<void> {
        const { DeleteWatchlistCommand } = voiceIdSdk();
        await this.send(new DeleteWatchlistCommand({ DomainId: domainId, WatchlistId: watchlistId }));
    }
}
