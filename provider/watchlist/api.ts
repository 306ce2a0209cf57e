/**
 * The Voice ID watchlist calls, with retries and plain result shapes.
 * @module
 */
import type { VoiceIDClient } from "@aws-sdk/client-voice-id";
import { ClientSettings, RetryOptions, voiceIdClient, withRetry } from "../shared";

type VoiceIdSdk = typeof import("@aws-sdk/client-voice-id");
const sdk = (): VoiceIdSdk => require("@aws-sdk/client-voice-id");

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
export class WatchlistApi {
    readonly client: VoiceIDClient;
    constructor(
        settings: ClientSettings,
        private readonly retry: () => RetryOptions,
    ) {
        this.client = voiceIdClient(settings);
    }

    private send<T>(command: any): Promise<T> {
        return withRetry(() => this.client.send(command) as Promise<T>, this.retry());
    }

    /** CreateWatchlist (a known token answers with the watchlist it created before). */
    async create(domainId: string, name: string, description: string | undefined, clientToken: string): Promise<WatchlistView> {
        const { CreateWatchlistCommand } = sdk();
        const out: any = await this.send(
            new CreateWatchlistCommand({
                DomainId: domainId,
                Name: name,
                ...(description !== undefined ? { Description: description } : {}),
                ClientToken: clientToken,
            }),
        );
        return toWatchlistView(out.Watchlist);
    }

    async describe(domainId: string, watchlistId: string): Promise<WatchlistView> {
        const { DescribeWatchlistCommand } = sdk();
        const out: any = await this.send(new DescribeWatchlistCommand({ DomainId: domainId, WatchlistId: watchlistId }));
        return toWatchlistView(out.Watchlist);
    }

    /** UpdateWatchlist: absent fields are left as they are. */
    async update(domainId: string, watchlistId: string, name: string | undefined, description: string | undefined): Promise<WatchlistView> {
        const { UpdateWatchlistCommand } = sdk();
        const out: any = await this.send(
            new UpdateWatchlistCommand({
                DomainId: domainId,
                WatchlistId: watchlistId,
                ...(name !== undefined ? { Name: name } : {}),
                ...(description !== undefined ? { Description: description } : {}),
            }),
        );
        return toWatchlistView(out.Watchlist);
    }

    async delete(domainId: string, watchlistId: string): Promise<void> {
        const { DeleteWatchlistCommand } = sdk();
        await this.send(new DeleteWatchlistCommand({ DomainId: domainId, WatchlistId: watchlistId }));
    }
}
