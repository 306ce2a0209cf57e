/**
 * Sessions. Voice ID fed sessions from Amazon Connect audio streams, which cannot exist
 * locally; the emulator-only operation `VoiceIDLocal.CreateSession` makes a session from audio
 * in S3 instead (outside the Voice ID API: no SDK knows it). EvaluateSession is the real
 * operation: authentication of the session's speaker and known-fraudster detection, decided
 * from voiceprints at the moment of the call (so enrolling, opting out or registering a
 * fraudster after the session changes the next evaluation, as on the real service).
 * @module
 */
import type { SessionRow } from "../store";
import type { Voiceprint } from "../voice/voiceprint";
import { computeVoiceprint, similarity } from "../voice/voiceprint";
import { newGeneratedId, requestHash } from "../ids";
import { notFound, validation, accessDenied, internal } from "../errors";
import { JobFailure, RequestError } from "../errors";
import { assumeDataAccessRole, serviceSession, type RoleSession } from "../aws";
import { readAudio, validateSpecs } from "../audio";
import { FraudsterSearch } from "../voice/fraudSearch";
import { type Handler, ts, requireActiveDomain } from "./context";
import { requireWatchlist, speakerStatus } from "../resourceRules";

/** A stable 22-character id for a result: the same inputs give the same (cached) result id. */
const resultId = (...parts: unknown[]) => requestHash(parts).slice(0, 22);

function toServiceError(e: unknown): unknown {
    if (e instanceof RequestError || e instanceof JobFailure) {
        const code = e instanceof RequestError ? e.code : e.statusCode;
        if (code === 403) return accessDenied(e.message);
        if (code >= 500) return internal(e.message);
        return validation(e.message);
    }
    return e;
}

/** VoiceIDLocal.CreateSession: a finished session whose audio is read from S3 now. */
const createSession: Handler = async (ctx, input) => {
    const d = requireActiveDomain(ctx, input.DomainId);
    const watchlistId: string = input.WatchlistId ?? d.default_watchlist_id;
    requireWatchlist(ctx, d.id, watchlistId);
    let role: RoleSession | undefined;
    let voiceprint: Voiceprint;
    try {
        const specs = validateSpecs(input.AudioSpecifications);
        role = input.DataAccessRoleArn
            ? await assumeDataAccessRole(ctx.config, input.DataAccessRoleArn, d.arn, "voiceid-session")
            : serviceSession(ctx.config);
        const audio = await readAudio(role, specs, (_what, fn) => fn());
        voiceprint = computeVoiceprint(audio.channels);
    } catch (e) {
        throw toServiceError(e);
    } finally {
        role?.destroy();
    }
    const id = newGeneratedId();
    const row: SessionRow = {
        id,
        domain_id: d.id,
        name: input.SessionName ?? id.slice(3),
        speaker_id: input.SpeakerId ?? null,
        voiceprint: JSON.stringify(voiceprint),
        acceptance_threshold: input.AcceptanceThreshold ?? ctx.config.defaultAcceptanceThreshold,
        risk_threshold: input.RiskThreshold ?? ctx.config.defaultRiskThreshold,
        watchlist_id: watchlistId,
        created_at: ctx.now(),
    };
    ctx.store.tx(() => ctx.store.insertSession(row));
    ctx.log.info("session created", { domainId: d.id, sessionId: id });
    return {
        DomainId: d.id,
        SessionId: id,
        SessionName: row.name,
        StreamingStatus: "ENDED",
        SpeechSeconds: voiceprint.speechSeconds,
    };
};

const evaluateSession: Handler = async (ctx, input) => {
    const d = requireActiveDomain(ctx, input.DomainId);
    const s = ctx.store.findSession(d.id, input.SessionNameOrId);
    if (!s) throw notFound("SESSION", `Session not found in domain ${d.id}`);
    const voice = JSON.parse(s.voiceprint) as Voiceprint;
    const enoughSpeech = voice.speechSeconds >= ctx.config.minSpeechSeconds;
    const aggregation = {
        AudioAggregationStartedAt: ts(s.created_at),
        AudioAggregationEndedAt: ts(s.created_at + Math.round(voice.speechSeconds * 1000)),
    };

    // Authentication of the speaker the session names.
    const auth: Record<string, unknown> = {
        ...aggregation,
        Configuration: { AcceptanceThreshold: s.acceptance_threshold },
    };
    const speaker = s.speaker_id ? ctx.store.findSpeaker(d.id, s.speaker_id) : undefined;
    if (speaker) Object.assign(auth, { CustomerSpeakerId: speaker.customer_id, GeneratedSpeakerId: speaker.id });
    const status = speaker ? speakerStatus(ctx, speaker) : undefined;
    if (!s.speaker_id) auth.Decision = "SPEAKER_ID_NOT_PROVIDED";
    else if (!speaker || status === "PENDING" || (!speaker.voiceprint && status !== "OPTED_OUT"))
        auth.Decision = "SPEAKER_NOT_ENROLLED";
    else if (status === "OPTED_OUT") auth.Decision = "SPEAKER_OPTED_OUT";
    else if (status === "EXPIRED") auth.Decision = "SPEAKER_EXPIRED";
    else if (!enoughSpeech) auth.Decision = "NOT_ENOUGH_SPEECH";
    else {
        const score = similarity(JSON.parse(speaker.voiceprint!) as Voiceprint, voice);
        auth.Score = score;
        auth.Decision = score >= s.acceptance_threshold ? "ACCEPT" : "REJECT";
        const now = ctx.now();
        ctx.store.tx(() => ctx.store.updateSpeaker(speaker.id, { last_accessed_at: now }));
    }
    auth.AuthenticationResultId = resultId(
        "auth",
        s.id,
        s.acceptance_threshold,
        speaker?.id,
        speaker?.updated_at,
        auth.Decision,
    );

    // Known-fraudster detection against the session's watchlist.
    const fraud: Record<string, unknown> = {
        ...aggregation,
        Configuration: { RiskThreshold: s.risk_threshold, WatchlistId: s.watchlist_id },
    };
    if (!enoughSpeech) {
        fraud.Decision = "NOT_ENOUGH_SPEECH";
    } else {
        const match = await new FraudsterSearch(ctx.store, d.id, voice, [s.watchlist_id]).closest();
        const risk = match?.score ?? 0;
        const high = risk >= s.risk_threshold;
        fraud.Decision = high ? "HIGH_RISK" : "LOW_RISK";
        fraud.Reasons = high ? ["KNOWN_FRAUDSTER"] : [];
        fraud.RiskDetails = {
            KnownFraudsterRisk: { RiskScore: risk, ...(match ? { GeneratedFraudsterId: match.fraudsterId } : {}) },
            VoiceSpoofingRisk: { RiskScore: 0 },
        };
    }
    fraud.FraudDetectionResultId = resultId("fraud", s.id, s.risk_threshold, s.watchlist_id, fraud.RiskDetails);

    return {
        AuthenticationResult: auth,
        DomainId: d.id,
        FraudDetectionResult: fraud,
        SessionId: s.id,
        SessionName: s.name,
        StreamingStatus: "ENDED",
    };
};

export const sessionHandlers: Record<string, Handler> = { EvaluateSession: evaluateSession };

/** Emulator-only operations, X-Amz-Target `VoiceIDLocal.<name>`. */
export const localHandlers: Record<string, Handler> = { CreateSession: createSession };
