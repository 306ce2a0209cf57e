/**
 * Fraudster registration jobs: each request's voice is compared with the domain's fraudsters;
 * with SKIP a close enough one makes it DUPLICATE_SKIPPED, otherwise a new fraudster joins the
 * configured watchlists.
 * @module
 */
import { namesOfJobKind, type JobKind } from "../kind";
import { newGeneratedId } from "../../ids";
import { jobWatchlists } from "../../resourceRules";

export interface RegistrationConfig {
    DuplicateRegistrationAction: "SKIP" | "REGISTER_AS_NEW";
    FraudsterSimilarityThreshold: number;
    WatchlistIds: string[];
}

export const registration: JobKind = {
    name: "FRAUDSTER_REGISTRATION",
    label: "fraudster registration",
    // StartFraudsterRegistrationJob, DescribeFraudsterRegistrationJob, ListFraudsterRegistrationJobs; the manifest lists FraudsterRegistrationRequests.
    ...namesOfJobKind("FraudsterRegistration"),
    configKey: "RegistrationConfig",

    normalizeConfig(ctx, domain, rc) {
        const config: RegistrationConfig = {
            DuplicateRegistrationAction: rc.DuplicateRegistrationAction ?? "SKIP",
            FraudsterSimilarityThreshold: rc.FraudsterSimilarityThreshold ?? ctx.config.defaultSimilarityThreshold,
            WatchlistIds: jobWatchlists(ctx, domain, rc.WatchlistIds),
        };
        return { ...config };
    },

    checkEntry() {
        // RequestId and AudioSpecifications are all a registration request has.
    },

    fraudsterScope() {
        return {}; // every fraudster of the domain, earlier requests of the job included
    },

    apply(ctx, job, config, _entry, row, voiceprint, closestFraudster) {
        const cfg = config as unknown as RegistrationConfig;
        const best = closestFraudster();
        row.score = best?.score ?? 0;
        if (best && best.score >= cfg.FraudsterSimilarityThreshold && cfg.DuplicateRegistrationAction === "SKIP") {
            row.outcome = "DUPLICATE_SKIPPED";
            row.result_id = best.fraudsterId;
            return;
        }
        row.outcome = "NEW_REGISTRATION";
        row.result_id = newGeneratedId();
        ctx.store.insertFraudster(
            {
                id: row.result_id,
                domain_id: job.domain_id,
                voiceprint: JSON.stringify(voiceprint),
                created_at: ctx.now(),
                job_id: job.id,
            },
            cfg.WatchlistIds,
        );
    },

    output(rows) {
        return {
            SuccessfulRegistrations: rows
                .filter((r) => r.outcome !== "ERROR")
                .map((r) => ({
                    RequestId: r.request_id,
                    GeneratedFraudsterId: r.result_id,
                    RegistrationStatus: r.outcome,
                    FraudsterSimilarityScore: r.score ?? 0,
                })),
        };
    },
};
