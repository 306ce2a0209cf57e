/**
 * Speaker enrollment against the fraud watchlist.
 * @module
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, label, read, voiceIdKind } from "../resources";

/** Configuration of {@link enrollmentFraudDetection}. */
export interface FraudDetectionConfig {
    /** Highest allowed fraudDetectionConfig.riskThreshold (0-100): above it, risky voices pass as customers; unset: any. */
    maximumRiskThreshold?: number;
}

export const enrollmentFraudDetection: ResourceValidationPolicy = {
    name: "voiceid-enrollment-fraud-detection",
    description:
        "Speaker enrollment jobs refuse known fraudsters (fraudDetectionAction FAIL, not IGNORE), optionally with a ceiling on the risk threshold.",
    // Advisory until a team turns it on: some enrollments (a migration of known-good speakers) ignore fraud on purpose.
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            maximumRiskThreshold: {
                type: "integer",
                minimum: 0,
                maximum: 100,
                description:
                    "Highest allowed enrollmentConfig.fraudDetectionConfig.riskThreshold: a voice scoring below the threshold is enrolled, so a high threshold lets risky voices in. Unset allows any.",
            },
        },
    },
    validateResource: (args, report) => {
        if (voiceIdKind(args.type) !== "SpeakerEnrollmentJob") return;
        const who = label("SpeakerEnrollmentJob", args.name);
        const action = read(args.props, "enrollmentConfig.fraudDetectionConfig.fraudDetectionAction");
        if (action === "IGNORE") {
            report(
                `${who}: enrollmentConfig.fraudDetectionConfig.fraudDetectionAction is IGNORE, so a voice on the fraud watchlist ` +
                    "is enrolled as a customer. Fix: set it to FAIL (or leave it unset: FAIL is the service default).",
            );
        }
        const { maximumRiskThreshold } = args.getConfig<FraudDetectionConfig>();
        const risk = read(args.props, "enrollmentConfig.fraudDetectionConfig.riskThreshold");
        if (
            maximumRiskThreshold !== undefined &&
            risk !== UNKNOWN &&
            typeof risk === "number" &&
            risk > maximumRiskThreshold
        ) {
            report(
                `${who}: enrollmentConfig.fraudDetectionConfig.riskThreshold is ${risk}, above the configured ceiling of ` +
                    `${maximumRiskThreshold}: voices scoring up to it on the fraud watchlist are enrolled. Fix: lower it to ${maximumRiskThreshold} or less.`,
            );
        }
    },
};
