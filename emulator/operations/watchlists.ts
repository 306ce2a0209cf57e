/**
 * Watchlists: Create / Describe / Update / List / Delete, and how a watchlist is rendered in responses.
 * @module
 */
import type { WatchlistRow } from "../store";
import { newId } from "../ids";
import { requireWatchlist } from "../resourceRules";
import { conflict, quotaExceeded, validation } from "../errors";
import { type Handler, ts, requireDomain, requireActiveDomain, checkClientToken, listPage } from "./context";

export function renderWatchlist(w: WatchlistRow): Record<string, unknown> {
    return {
        CreatedAt: ts(w.created_at),
        DefaultWatchlist: w.is_default === 1,
        Description: w.description ?? undefined,
        DomainId: w.domain_id,
        Name: w.name,
        UpdatedAt: ts(w.updated_at),
        WatchlistId: w.id,
    };
}

const createWatchlist: Handler = (ctx, input) => {
    const { hash, existing } = checkClientToken(ctx, "CreateWatchlist", input);
    const d = requireActiveDomain(ctx, input.DomainId);
    if (existing) return { Watchlist: renderWatchlist(requireWatchlist(ctx, d.id, existing)) };
    if (ctx.store.countWatchlists(d.id) >= ctx.config.maxWatchlistsPerDomain) {
        throw quotaExceeded(
            `The domain already has the maximum number of watchlists (${ctx.config.maxWatchlistsPerDomain})`,
        );
    }
    const now = ctx.now();
    const row: WatchlistRow = {
        id: newId(),
        domain_id: d.id,
        name: input.Name,
        description: input.Description ?? null,
        is_default: 0,
        created_at: now,
        updated_at: now,
    };
    ctx.store.tx(() => {
        ctx.store.insertWatchlist(row);
        if (input.ClientToken) ctx.store.putToken("CreateWatchlist", input.ClientToken, hash, row.id, now);
    });
    return { Watchlist: renderWatchlist(row) };
};

const describeWatchlist: Handler = (ctx, input) => {
    requireDomain(ctx, input.DomainId);
    return { Watchlist: renderWatchlist(requireWatchlist(ctx, input.DomainId, input.WatchlistId)) };
};

const listWatchlists: Handler = (ctx, input) => {
    requireDomain(ctx, input.DomainId);
    const { items, nextToken } = listPage(input, `watchlists/${input.DomainId}`, (after, count) =>
        ctx.store.listWatchlists(input.DomainId, after, count),
    );
    return { WatchlistSummaries: items.map(renderWatchlist), NextToken: nextToken };
};

const updateWatchlist: Handler = (ctx, input) => {
    requireActiveDomain(ctx, input.DomainId);
    const w = requireWatchlist(ctx, input.DomainId, input.WatchlistId);
    const fields: Partial<WatchlistRow> = { updated_at: ctx.now() };
    if (input.Name !== undefined) fields.name = input.Name;
    if (input.Description !== undefined) fields.description = input.Description;
    ctx.store.tx(() => ctx.store.updateWatchlist(w.id, fields));
    return { Watchlist: renderWatchlist(ctx.store.getWatchlist(w.domain_id, w.id)!) };
};

const deleteWatchlist: Handler = (ctx, input) => {
    requireActiveDomain(ctx, input.DomainId);
    const w = requireWatchlist(ctx, input.DomainId, input.WatchlistId);
    if (w.is_default === 1) throw validation("The default watchlist of a domain cannot be deleted");
    if (ctx.store.countWatchlistFraudsters(w.id) > 0) {
        throw conflict(
            `Watchlist ${w.id} still has fraudsters; disassociate them first`,
            "CANNOT_DELETE_NON_EMPTY_WATCHLIST",
        );
    }
    ctx.store.tx(() => ctx.store.deleteWatchlist(w.id));
    return {};
};

export const watchlistHandlers: Record<string, Handler> = {
    CreateWatchlist: createWatchlist,
    DescribeWatchlist: describeWatchlist,
    ListWatchlists: listWatchlists,
    UpdateWatchlist: updateWatchlist,
    DeleteWatchlist: deleteWatchlist,
};
