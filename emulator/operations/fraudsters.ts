/**
 * Fraudsters: Describe / List / Delete, and the watchlist associations of a fraudster.
 * @module
 */
import type { FraudsterRow } from "../store";
import { notFound, conflict, quotaExceeded } from "../errors";
import type { OperationContext } from "../context";
import { type Handler, ts, requireDomain, requireActiveDomain, listPage } from "./context";
import { requireWatchlist } from "../resourceRules";

/** Watchlists a fraudster may belong to at once. */
const MAX_WATCHLISTS_PER_FRAUDSTER = 10;

function renderFraudster(ctx: OperationContext, f: FraudsterRow): Record<string, unknown> {
    return {
        CreatedAt: ts(f.created_at),
        DomainId: f.domain_id,
        GeneratedFraudsterId: f.id,
        WatchlistIds: ctx.store.fraudsterWatchlists(f.id),
    };
}

function requireFraudster(ctx: OperationContext, domainId: string, id: string): FraudsterRow {
    const f = ctx.store.getFraudster(domainId, id);
    // The id is sensitive: the message does not repeat it.
    if (!f) throw notFound("FRAUDSTER", `Fraudster not found in domain ${domainId}`);
    return f;
}

const describeFraudster: Handler = (ctx, input) => {
    requireDomain(ctx, input.DomainId);
    return { Fraudster: renderFraudster(ctx, requireFraudster(ctx, input.DomainId, input.FraudsterId)) };
};

const listFraudsters: Handler = (ctx, input) => {
    requireDomain(ctx, input.DomainId);
    if (input.WatchlistId) requireWatchlist(ctx, input.DomainId, input.WatchlistId);
    const scope = `fraudsters/${input.DomainId}/${input.WatchlistId ?? ""}`;
    const { items, nextToken } = listPage(input, scope, (after, count) =>
        ctx.store.listFraudsters(input.DomainId, input.WatchlistId, after, count),
    );
    return { FraudsterSummaries: items.map((f) => renderFraudster(ctx, f)), NextToken: nextToken };
};

const deleteFraudster: Handler = (ctx, input) => {
    requireActiveDomain(ctx, input.DomainId);
    const f = requireFraudster(ctx, input.DomainId, input.FraudsterId);
    ctx.store.tx(() => ctx.store.deleteFraudster(f.id));
    return {};
};

const associateFraudster: Handler = (ctx, input) => {
    requireActiveDomain(ctx, input.DomainId);
    const w = requireWatchlist(ctx, input.DomainId, input.WatchlistId);
    const f = requireFraudster(ctx, input.DomainId, input.FraudsterId);
    const current = ctx.store.fraudsterWatchlists(f.id);
    if (!current.includes(w.id)) {
        if (current.length >= MAX_WATCHLISTS_PER_FRAUDSTER) {
            throw quotaExceeded(`A fraudster can belong to at most ${MAX_WATCHLISTS_PER_FRAUDSTER} watchlists`);
        }
        ctx.store.tx(() => ctx.store.associate(f.id, w.id));
    }
    return { Fraudster: renderFraudster(ctx, f) };
};

const disassociateFraudster: Handler = (ctx, input) => {
    requireActiveDomain(ctx, input.DomainId);
    const w = requireWatchlist(ctx, input.DomainId, input.WatchlistId);
    const f = requireFraudster(ctx, input.DomainId, input.FraudsterId);
    const current = ctx.store.fraudsterWatchlists(f.id);
    if (current.includes(w.id)) {
        if (current.length === 1) {
            throw conflict(
                "A fraudster must belong to at least one watchlist",
                "FRAUDSTER_MUST_BELONG_TO_AT_LEAST_ONE_WATCHLIST",
            );
        }
        ctx.store.tx(() => ctx.store.disassociate(f.id, w.id));
    }
    return { Fraudster: renderFraudster(ctx, f) };
};

export const fraudsterHandlers: Record<string, Handler> = {
    DescribeFraudster: describeFraudster,
    ListFraudsters: listFraudsters,
    DeleteFraudster: deleteFraudster,
    AssociateFraudster: associateFraudster,
    DisassociateFraudster: disassociateFraudster,
};
