/**
 * Speakers: made by speaker enrollment jobs (and OptOutSpeaker), addressed by either their
 * GeneratedSpeakerId (`id#...`) or their CustomerSpeakerId.
 * @module
 */
import type { SpeakerRow } from "../store";
import { speakerStatus } from "../resourceRules";
import { newGeneratedId } from "../ids";
import { notFound } from "../errors";
import type { OperationContext } from "../context";
import { type Handler, ts, requireDomain, requireActiveDomain, listPage } from "./context";

function renderSpeaker(ctx: OperationContext, s: SpeakerRow): Record<string, unknown> {
    return {
        CreatedAt: ts(s.created_at),
        CustomerSpeakerId: s.customer_id,
        DomainId: s.domain_id,
        GeneratedSpeakerId: s.id,
        LastAccessedAt: ts(s.last_accessed_at),
        Status: speakerStatus(ctx, s),
        UpdatedAt: ts(s.updated_at),
    };
}

function requireSpeaker(ctx: OperationContext, domainId: string, speakerId: string): SpeakerRow {
    const s = ctx.store.findSpeaker(domainId, speakerId);
    // The id is sensitive: the message does not repeat it.
    if (!s) throw notFound("SPEAKER", `Speaker not found in domain ${domainId}`);
    return s;
}

const describeSpeaker: Handler = (ctx, input) => {
    requireDomain(ctx, input.DomainId);
    return { Speaker: renderSpeaker(ctx, requireSpeaker(ctx, input.DomainId, input.SpeakerId)) };
};

const listSpeakers: Handler = (ctx, input) => {
    requireDomain(ctx, input.DomainId);
    const { items, nextToken } = listPage(input, `speakers/${input.DomainId}`, (after, count) =>
        ctx.store.listSpeakers(input.DomainId, after, count),
    );
    return { SpeakerSummaries: items.map((s) => renderSpeaker(ctx, s)), NextToken: nextToken };
};

const deleteSpeaker: Handler = (ctx, input) => {
    requireActiveDomain(ctx, input.DomainId);
    const s = requireSpeaker(ctx, input.DomainId, input.SpeakerId);
    ctx.store.tx(() => ctx.store.deleteSpeaker(s.id));
    return {};
};

/**
 * Opts a speaker out: the voiceprint is deleted and the speaker stays OPTED_OUT (later
 * enrollments fail for it). As Voice ID documents, a speaker that does not exist yet is created
 * opted out, so a customer can opt out before ever being enrolled.
 */
const optOutSpeaker: Handler = (ctx, input) => {
    const d = requireActiveDomain(ctx, input.DomainId);
    const now = ctx.now();
    const existing = ctx.store.findSpeaker(d.id, input.SpeakerId);
    if (existing) {
        ctx.store.tx(() =>
            ctx.store.updateSpeaker(existing.id, { status: "OPTED_OUT", voiceprint: null, updated_at: now }),
        );
        return { Speaker: renderSpeaker(ctx, ctx.store.findSpeaker(d.id, existing.id)!) };
    }
    if ((input.SpeakerId as string).startsWith("id#")) throw notFound("SPEAKER", `Speaker not found in domain ${d.id}`);
    const row: SpeakerRow = {
        id: newGeneratedId(),
        domain_id: d.id,
        customer_id: input.SpeakerId,
        status: "OPTED_OUT",
        voiceprint: null,
        created_at: now,
        updated_at: now,
        last_accessed_at: null,
        job_id: null,
    };
    ctx.store.tx(() => ctx.store.insertSpeaker(row));
    return { Speaker: renderSpeaker(ctx, row) };
};

export const speakerHandlers: Record<string, Handler> = {
    DescribeSpeaker: describeSpeaker,
    ListSpeakers: listSpeakers,
    DeleteSpeaker: deleteSpeaker,
    OptOutSpeaker: optOutSpeaker,
};
