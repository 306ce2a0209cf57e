/**
 * The Voice ID domain calls, with retries and plain result shapes: used by the domain resource
 * and by every resource that lives in a domain (to tell a deleted domain from a deleted child).
 * The SDK module is loaded on first use: `check` and `diff` never pay for it.
 * @module
 */
import { VoiceIdCalls, voiceIdSdk } from "./voiceIdCalls";
import { isNotFound } from "./errors";

/** Status of a domain as Voice ID reports it. */
export type DomainStatus = "ACTIVE" | "PENDING" | "SUSPENDED";

/** A domain as the provider sees it. */
export interface DomainView {
    domainId: string;
    arn: string;
    name: string;
    description?: string;
    kmsKeyId?: string;
    status: DomainStatus;
    defaultWatchlistId?: string;
    createdAt?: Date;
    updatedAt?: Date;
    sseUpdateStatus?: string;
    sseUpdateMessage?: string;
}

/** Converts the SDK's Domain (or DomainSummary) shape. */
export function toDomainView(d: any): DomainView {
    return {
        domainId: d.DomainId,
        arn: d.Arn,
        name: d.Name,
        description: d.Description,
        kmsKeyId: d.ServerSideEncryptionConfiguration?.KmsKeyId,
        status: d.DomainStatus,
        defaultWatchlistId: d.WatchlistDetails?.DefaultWatchlistId,
        createdAt: d.CreatedAt ? new Date(d.CreatedAt) : undefined,
        updatedAt: d.UpdatedAt ? new Date(d.UpdatedAt) : undefined,
        sseUpdateStatus: d.ServerSideEncryptionUpdateDetails?.UpdateStatus,
        sseUpdateMessage: d.ServerSideEncryptionUpdateDetails?.Message,
    };
}

/** Tag map -> the API's list. */
export function toTagList(tags: Record<string, string> | undefined): { Key: string; Value: string }[] {
    return Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

/** What CreateDomain needs. */
export interface CreateDomainRequest {
    name: string;
    description?: string;
    kmsKeyId: string;
    tags?: Record<string, string>;
}

/** Voice ID domain calls for one target (region + endpoint), each retried per `retry`. */
export class DomainApi extends VoiceIdCalls {
    /** CreateDomain (a known token answers with the domain it created before). */
    async create(req: CreateDomainRequest, clientToken: string): Promise<DomainView> {
        const { CreateDomainCommand } = voiceIdSdk();
        const out: any = await this.send(
            new CreateDomainCommand({
                Name: req.name,
                ...(req.description !== undefined ? { Description: req.description } : {}),
                ServerSideEncryptionConfiguration: { KmsKeyId: req.kmsKeyId },
                ...(req.tags && Object.keys(req.tags).length ? { Tags: toTagList(req.tags) } : {}),
                ClientToken: clientToken,
            }),
        );
        return toDomainView(out.Domain);
    }

    async describe(domainId: string): Promise<DomainView> {
        const { DescribeDomainCommand } = voiceIdSdk();
        const out: any = await this.send(new DescribeDomainCommand({ DomainId: domainId }));
        return toDomainView(out.Domain);
    }

    /** UpdateDomain replaces every attribute: an absent description is cleared. */
    async update(domainId: string, req: Omit<CreateDomainRequest, "tags">): Promise<DomainView> {
        const { UpdateDomainCommand } = voiceIdSdk();
        const out: any = await this.send(
            new UpdateDomainCommand({
                DomainId: domainId,
                Name: req.name,
                ...(req.description !== undefined ? { Description: req.description } : {}),
                ServerSideEncryptionConfiguration: { KmsKeyId: req.kmsKeyId },
            }),
        );
        return toDomainView(out.Domain);
    }

    async delete(domainId: string): Promise<void> {
        const { DeleteDomainCommand } = voiceIdSdk();
        await this.send(new DeleteDomainCommand({ DomainId: domainId }));
    }

    /**
     * Whether ListDomains still lists the domain. A deleted domain can stay describable for a
     * while (SUSPENDED) but is no longer listed: that is how a soft-deleted domain is told
     * apart from one suspended for another reason (e.g. a disabled key).
     */
    async isListed(domainId: string): Promise<boolean> {
        const { ListDomainsCommand } = voiceIdSdk();
        let next: string | undefined;
        do {
            const out: any = await this.send(new ListDomainsCommand({ MaxResults: 10, NextToken: next }));
            if ((out.DomainSummaries ?? []).some((d: any) => d.DomainId === domainId)) return true;
            next = out.NextToken;
        } while (next);
        return false;
    }

    async tags(arn: string): Promise<Record<string, string>> {
        const { ListTagsForResourceCommand } = voiceIdSdk();
        const out: any = await this.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
        const tags: Record<string, string> = {};
        for (const t of out.Tags ?? []) tags[t.Key] = t.Value ?? "";
        return tags;
    }

    async tag(arn: string, tags: Record<string, string>): Promise<void> {
        const { TagResourceCommand } = voiceIdSdk();
        await this.send(new TagResourceCommand({ ResourceArn: arn, Tags: toTagList(tags) }));
    }

    async untag(arn: string, keys: string[]): Promise<void> {
        const { UntagResourceCommand } = voiceIdSdk();
        await this.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: keys }));
    }
}

/** Tags to set and keys to remove to go from `current` to `desired`. */
export function tagChanges(
    current: Record<string, string> | undefined,
    desired: Record<string, string> | undefined,
): { set: Record<string, string>; remove: string[] } {
    const cur = current ?? {};
    const want = desired ?? {};
    const set: Record<string, string> = {};
    for (const [k, v] of Object.entries(want)) if (cur[k] !== v) set[k] = v;
    const remove = Object.keys(cur).filter((k) => !(k in want));
    return { set, remove };
}

/**
 * Whether a domain is gone: not found, or soft-deleted (SUSPENDED and no longer listed). A
 * domain suspended for another reason still exists.
 */
export async function domainIsGone(api: DomainApi, domainId: string): Promise<{ gone: boolean; domain?: DomainView }> {
    let d: DomainView;
    try {
        d = await api.describe(domainId);
    } catch (err) {
        if (isNotFound(err)) return { gone: true };
        throw err;
    }
    if (d.status === "SUSPENDED" && !(await api.isListed(domainId))) return { gone: true, domain: d };
    return { gone: false, domain: d };
}
