/**
 * The helpers every API operation uses: its handler type, timestamps, domain look-ups, ClientToken
 * idempotency and List paging.
 * @module
 */
import type { DomainRow, ListPosition } from "../store";
import type { Input, OperationContext } from "../context";
import { notFound, conflict, validation } from "../errors";
import { requestHash } from "../ids";

export type Handler = (ctx: OperationContext, input: Input) => unknown | Promise<unknown>;

/** Epoch ms -> the JSON 1.0 timestamp form (epoch seconds). */
export const ts = (ms: number | null | undefined): number | undefined =>
    ms === null || ms === undefined ? undefined : ms / 1000;

/** A domain that exists (deleted domains stay describable until purged). */
export function requireDomain(ctx: OperationContext, domainId: string): DomainRow {
    const d = ctx.store.getDomain(domainId);
    if (!d) throw notFound("DOMAIN", `Domain ${domainId} not found`);
    if (d.deleted_at !== null && ctx.now() - d.deleted_at > ctx.config.deletedDomainRetentionSeconds * 1000) {
        ctx.store.tx(() => ctx.store.purgeDomain(domainId));
        throw notFound("DOMAIN", `Domain ${domainId} not found`);
    }
    return d;
}

/** A domain that exists and is ACTIVE, else ConflictException DOMAIN_NOT_ACTIVE. */
export function requireActiveDomain(ctx: OperationContext, domainId: string): DomainRow {
    const d = requireDomain(ctx, domainId);
    if (d.status !== "ACTIVE")
        throw conflict(`Domain ${domainId} is not active (status ${d.status})`, "DOMAIN_NOT_ACTIVE");
    return d;
}

/**
 * ClientToken idempotency. Returns the id of the resource a previous identical request made,
 * undefined for a fresh token; throws ConflictException when the token was used with other
 * parameters within the window.
 */
export function checkClientToken(
    ctx: OperationContext,
    operation: string,
    input: Input,
): { hash: string; existing?: string } {
    const { ClientToken, ...rest } = input;
    const hash = requestHash(rest);
    if (!ClientToken) return { hash };
    const prev = ctx.store.getToken(operation, ClientToken);
    if (!prev || ctx.now() - prev.created_at > ctx.config.clientTokenTtlSeconds * 1000) return { hash };
    if (prev.request_hash !== hash) {
        throw conflict(`The ClientToken was already used with different request parameters for ${operation}.`);
    }
    return { hash, existing: prev.resource_id };
}

// Pagination: opaque tokens over the (created_at, seq) ordering every list uses.
export function decodeNextToken(token: string | undefined, scope: string): ListPosition | undefined {
    if (token === undefined || token === "") return undefined;
    try {
        const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
        if (v.s === scope && Number.isSafeInteger(v.c) && Number.isSafeInteger(v.q)) return [v.c, v.q];
    } catch {
        // fall through
    }
    throw validation("Invalid NextToken");
}

/**
 * One page of a List operation: up to `MaxResults` rows (default `defaultMax`) after the position
 * the `NextToken` holds; a token is valid only for the same `scope` (the listing and its filters).
 * `rows(after, count)` reads `count` rows in (created_at, seq) order after `after`.
 */
export function listPage<T extends { created_at: number; seq: number }>(
    input: Input,
    scope: string,
    rows: (after: ListPosition | undefined, count: number) => T[],
    defaultMax = 100,
): { items: T[]; nextToken?: string } {
    const limit = input.MaxResults ?? defaultMax;
    const found = rows(decodeNextToken(input.NextToken, scope), limit + 1);
    if (found.length <= limit) return { items: found };
    const items = found.slice(0, limit);
    const last = items[items.length - 1];
    return {
        items,
        nextToken: Buffer.from(JSON.stringify({ s: scope, c: last.created_at, q: last.seq })).toString("base64url"),
    };
}
