/**
 * Tags of domains (TagResource / UntagResource / ListTagsForResource), addressed by the domain's ARN.
 * @module
 */
import { notFound, validation } from "../errors";
import type { OperationContext } from "../context";
import { type Handler, requireDomain, requireActiveDomain } from "./context";

const MAX_TAGS = 200;

function domainIdFromArn(ctx: OperationContext, arn: string): string {
    const m = /^arn:aws(-[^:]+)?:voiceid:([^:]+):([0-9]{12}):domain\/([a-zA-Z0-9]{22})$/.exec(arn);
    if (!m || m[2] !== ctx.config.region || m[3] !== ctx.config.accountId) {
        throw notFound("DOMAIN", "The resource ARN does not name a domain of this account and region");
    }
    return m[4];
}

const tagResource: Handler = (ctx, input) => {
    const d = requireActiveDomain(ctx, domainIdFromArn(ctx, input.ResourceArn));
    const tags: { Key: string; Value: string }[] = input.Tags;
    const keys = new Set(ctx.store.getTags(d.arn).map((t) => t.key));
    for (const t of tags) keys.add(t.Key);
    if (keys.size > MAX_TAGS) throw validation(`A resource can have at most ${MAX_TAGS} tags`);
    ctx.store.tx(() => {
        for (const t of tags) ctx.store.putTag(d.arn, t.Key, t.Value);
    });
    return {};
};

const untagResource: Handler = (ctx, input) => {
    const d = requireActiveDomain(ctx, domainIdFromArn(ctx, input.ResourceArn));
    ctx.store.tx(() => {
        for (const k of input.TagKeys as string[]) ctx.store.deleteTag(d.arn, k);
    });
    return {};
};

const listTagsForResource: Handler = (ctx, input) => {
    const d = requireDomain(ctx, domainIdFromArn(ctx, input.ResourceArn));
    return { Tags: ctx.store.getTags(d.arn).map((t) => ({ Key: t.key, Value: t.value })) };
};

export const tagHandlers: Record<string, Handler> = {
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
};
