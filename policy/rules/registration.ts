/**
 * How fraudster registration jobs treat voices already on the watchlist.
 * @module
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, label, read, voiceIdKind } from "../resources";
import { jobListSchema, listed } from "../jobList";

/** Configuration of {@link noRegisterAsNew}. */
export interface RegisterAsNewConfig {
    /** Logical names of the jobs allowed to use REGISTER_AS_NEW in this stack; `"*"` allows every job. */
    allowedJobs?: string[];
}

export const noRegisterAsNew: ResourceValidationPolicy = {
    name: "voiceid-no-register-as-new",
    description:
        "Registration jobs do not use the REGISTER_AS_NEW duplicate action unless the stack's policy config allows the job.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedJobs: jobListSchema("that may use REGISTER_AS_NEW in this stack"),
        },
    },
    validateResource: (args, report) => {
        if (voiceIdKind(args.type) !== "FraudsterRegistrationJob") return;
        if (read(args.props, "registrationConfig.duplicateRegistrationAction") !== "REGISTER_AS_NEW") return;
        if (listed(args.getConfig<RegisterAsNewConfig>().allowedJobs, args.name)) return;
        report(
            `${label("FraudsterRegistrationJob", args.name)}: registrationConfig.duplicateRegistrationAction is REGISTER_AS_NEW, ` +
                "which registers a voice already on the watchlist a second time and silently grows it. Fix: use SKIP (the default), or " +
                `allow this job in the stack's policy config ({"voiceid-no-register-as-new": {"allowedJobs": [${JSON.stringify(args.name)}]}}).`,
        );
    },
};

/** Configuration of {@link similarityFloor}. */
export interface SimilarityFloorConfig {
    /** Lowest allowed fraudsterSimilarityThreshold (0-100). */
    minimum: number;
}

/** The floor when the config gives none: the threshold the local service and this package's docs use by default. */
export const DEFAULT_SIMILARITY_FLOOR = 70;

export const similarityFloor: ResourceValidationPolicy = {
    name: "voiceid-similarity-threshold-floor",
    description: "A registration job's fraudsterSimilarityThreshold is not below the configured floor.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            minimum: {
                type: "integer",
                minimum: 0,
                maximum: 100,
                default: DEFAULT_SIMILARITY_FLOOR,
                description:
                    "Lowest allowed registrationConfig.fraudsterSimilarityThreshold: below it, voices that merely resemble a known fraudster count as that fraudster and are never registered.",
            },
        },
    },
    validateResource: (args, report) => {
        if (voiceIdKind(args.type) !== "FraudsterRegistrationJob") return;
        const threshold = read(args.props, "registrationConfig.fraudsterSimilarityThreshold");
        if (threshold === UNKNOWN || typeof threshold !== "number") return; // unset: the service default
        const { minimum } = args.getConfig<SimilarityFloorConfig>();
        if (threshold >= minimum) return;
        report(
            `${label("FraudsterRegistrationJob", args.name)}: registrationConfig.fraudsterSimilarityThreshold is ${threshold}, ` +
                `below the floor of ${minimum}: voices that merely resemble a known fraudster would be skipped as duplicates instead of ` +
                `registered. Fix: set it to ${minimum} or more, or lower "minimum" of voiceid-similarity-threshold-floor in the policy config.`,
        );
    },
};
