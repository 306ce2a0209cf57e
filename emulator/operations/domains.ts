/**
 * Domains: Create / Describe / Update / List / Delete, and how a domain is rendered in responses.
 * @module
 */
import type { DomainRow } from "../store";
import { newId } from "../ids";
import { validation } from "../errors";
import type { OperationContext } from "../context";
import { type Handler, ts, requireDomain, requireActiveDomain, checkClientToken, listPage } from "./context";

export function domainArn(ctx: OperationContext, id: string): string {
    return `arn:aws:voiceid:${ctx.config.region}:${ctx.config.accountId}:domain/${id}`;
}

export function renderDomain(d: DomainRow): Record<string, unknown> {
    return {
        Arn: d.arn,
        CreatedAt: ts(d.created_at),
        Description: d.description ?? undefined,
        DomainId: d.id,
        DomainStatus: d.status,
        Name: d.name,
        ServerSideEncryptionConfiguration: { KmsKeyId: d.kms_key_id },
        ServerSideEncryptionUpdateDetails: d.old_kms_key_id
            ? { OldKmsKeyId: d.old_kms_key_id, UpdateStatus: "COMPLETED" }
            : undefined,
        UpdatedAt: ts(d.updated_at),
        WatchlistDetails: { DefaultWatchlistId: d.default_watchlist_id },
    };
}

const createDomain: Handler = (ctx, input) => {
    const { hash, existing } = checkClientToken(ctx, "CreateDomain", input);
    if (existing) return { Domain: renderDomain(requireDomain(ctx, existing)) };
    const now = ctx.now();
    const id = newId();
    const row: DomainRow = {
        id,
        arn: domainArn(ctx, id),
        name: input.Name,
        description: input.Description ?? null,
        kms_key_id: input.ServerSideEncryptionConfiguration.KmsKeyId,
        old_kms_key_id: null,
        status: "ACTIVE",
        default_watchlist_id: newId(),
        created_at: now,
        updated_at: now,
        deleted_at: null,
    };
    const tags: { Key: string; Value: string }[] = input.Tags ?? [];
    ctx.store.tx(() => {
        ctx.store.insertDomain(row);
        ctx.store.insertWatchlist({
            id: row.default_watchlist_id,
            domain_id: id,
            name: "Default",
            description: "Default watchlist",
            is_default: 1,
            created_at: now,
            updated_at: now,
        });
        for (const t of tags) ctx.store.putTag(row.arn, t.Key, t.Value);
        if (input.ClientToken) ctx.store.putToken("CreateDomain", input.ClientToken, hash, id, now);
    });
    ctx.log.info("domain created", { domainId: id });
    return { Domain: renderDomain(row) };
};

const describeDomain: Handler = (ctx, input) => ({ Domain: renderDomain(requireDomain(ctx, input.DomainId)) });

const listDomains: Handler = (ctx, input) => {
    const { items, nextToken } = listPage(input, "domains", (after, count) => ctx.store.listDomains(after, count), 10);
    return { DomainSummaries: items.map(renderDomain), NextToken: nextToken };
};

const updateDomain: Handler = (ctx, input) => {
    const d = requireActiveDomain(ctx, input.DomainId);
    const newKey: string = input.ServerSideEncryptionConfiguration.KmsKeyId;
    const fields: Partial<DomainRow> = {
        name: input.Name,
        // UpdateDomain replaces the description: omitting it clears it.
        description: input.Description ?? null,
        kms_key_id: newKey,
        updated_at: ctx.now(),
    };
    if (newKey !== d.kms_key_id) fields.old_kms_key_id = d.kms_key_id;
    ctx.store.tx(() => ctx.store.updateDomain(d.id, fields));
    return { Domain: renderDomain(ctx.store.getDomain(d.id)!) };
};

const deleteDomain: Handler = (ctx, input) => {
    const d = requireDomain(ctx, input.DomainId);
    if (d.deleted_at !== null) return {}; // idempotent
    if (d.status === "PENDING") throw validation(`Domain ${d.id} cannot be deleted while it is PENDING`);
    const now = ctx.now();
    ctx.store.tx(() => ctx.store.updateDomain(d.id, { status: "SUSPENDED", deleted_at: now, updated_at: now }));
    ctx.log.info("domain deleted", { domainId: d.id });
    return {};
};

export const domainHandlers: Record<string, Handler> = {
    CreateDomain: createDomain,
    DescribeDomain: describeDomain,
    ListDomains: listDomains,
    UpdateDomain: updateDomain,
    DeleteDomain: deleteDomain,
};
