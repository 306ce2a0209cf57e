/**
 * Speaker enrollment jobs (the "Input and output file schema for the Speaker Enrollment Job" of
 * the Amazon Connect admin guide): each request enrolls the voice of one CustomerSpeakerId.
 * A speaker already ENROLLED is skipped (SKIP) or re-enrolled with the new voice (OVERWRITE);
 * with FraudDetectionAction FAIL, a voice at or above RiskThreshold against a fraudster of the
 * configured watchlist is not enrolled (a per-request error).
 * @module
 */
import { namesOfJobKind, type JobKind } from "../kind";
import { RequestError } from "../../errors";
import { newGeneratedId } from "../../ids";
import { jobWatchlists, speakerStatus } from "../../resourceRules";

export interface EnrollmentConfig {
    ExistingEnrollmentAction: "SKIP" | "OVERWRITE";
    FraudDetectionConfig: { FraudDetectionAction: "IGNORE" | "FAIL"; RiskThreshold: number; WatchlistIds: string[] };
}

const CUSTOMER_SPEAKER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

export const enrollment: JobKind = {
    name: "SPEAKER_ENROLLMENT",
    label: "speaker enrollment",
    // StartSpeakerEnrollmentJob, DescribeSpeakerEnrollmentJob, ListSpeakerEnrollmentJobs; the manifest lists SpeakerEnrollmentRequests.
    ...namesOfJobKind("SpeakerEnrollment"),
    configKey: "EnrollmentConfig",

    normalizeConfig(ctx, domain, ec) {
        const fd = ec.FraudDetectionConfig ?? {};
        const config: EnrollmentConfig = {
            ExistingEnrollmentAction: ec.ExistingEnrollmentAction ?? "SKIP",
            FraudDetectionConfig: {
                FraudDetectionAction: fd.FraudDetectionAction ?? "FAIL",
                RiskThreshold: fd.RiskThreshold ?? ctx.config.defaultRiskThreshold,
                WatchlistIds: jobWatchlists(ctx, domain, fd.WatchlistIds),
            },
        };
        return { ...config };
    },

    checkEntry(entry) {
        const id = entry.SpeakerId;
        if (typeof id !== "string" || id.length === 0)
            throw new RequestError(400, "SpeakerId is required and must be a non-empty string");
        if (id.startsWith("id#"))
            throw new RequestError(
                400,
                "SpeakerId must be the CustomerSpeakerId; a GeneratedSpeakerId is not supported in enrollment jobs",
            );
        if (id.length > 256 || !CUSTOMER_SPEAKER_ID.test(id))
            throw new RequestError(400, "SpeakerId must be 1-256 characters matching ^[a-zA-Z0-9][a-zA-Z0-9_-]*$");
    },

    fraudsterScope(config) {
        return { watchlistIds: (config as unknown as EnrollmentConfig).FraudDetectionConfig.WatchlistIds };
    },

    apply(ctx, job, config, entry, row, voiceprint, closestFraudster) {
        const cfg = config as unknown as EnrollmentConfig;
        const { store } = ctx;
        const customerId = entry.SpeakerId as string;
        const existing = store.findSpeaker(job.domain_id, customerId);
        const status = existing ? speakerStatus(ctx, existing) : undefined;
        if (status === "OPTED_OUT")
            throw new RequestError(400, "The speaker has opted out of Voice ID and cannot be enrolled");
        if (existing && status === "ENROLLED" && cfg.ExistingEnrollmentAction === "SKIP") {
            row.outcome = "DUPLICATE_SKIPPED";
            row.result_id = existing.id;
            return;
        }
        const fd = cfg.FraudDetectionConfig;
        const match = closestFraudster();
        row.score = match?.score ?? 0;
        if (fd.FraudDetectionAction === "FAIL" && match && match.score >= fd.RiskThreshold) {
            throw new RequestError(
                400,
                `The speaker was flagged by fraud detection as a known fraudster (risk score ${match.score}, threshold ${fd.RiskThreshold}) and was not enrolled`,
            );
        }
        const now = ctx.now();
        if (existing) {
            store.updateSpeaker(existing.id, {
                status: "ENROLLED",
                voiceprint: JSON.stringify(voiceprint),
                updated_at: now,
                last_accessed_at: now,
                job_id: job.id,
            });
            row.outcome = "OVERWRITTEN";
            row.result_id = existing.id;
            return;
        }
        row.outcome = "NEW_ENROLLMENT";
        row.result_id = newGeneratedId();
        store.insertSpeaker({
            id: row.result_id,
            domain_id: job.domain_id,
            customer_id: customerId,
            status: "ENROLLED",
            voiceprint: JSON.stringify(voiceprint),
            created_at: now,
            updated_at: now,
            last_accessed_at: now,
            job_id: job.id,
        });
    },

    output(rows) {
        return {
            SuccessfulEnrollments: rows
                .filter((r) => r.outcome !== "ERROR")
                .map((r) => ({
                    RequestId: r.request_id,
                    GeneratedSpeakerId: r.result_id,
                    EnrollmentStatus: r.outcome,
                })),
        };
    },
};
