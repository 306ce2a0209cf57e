/**
 * SpeakerEnrollmentJob as a kind of the batch-job core: its commands, enrollment config, token
 * derivation, output file, and destroy deleting the speakers it newly enrolled.
 * @module
 */
import { definedMembers, jobCommandNames } from "../batchJob/api";
import { jobToken } from "../batchJob/definition";
import { JobKind, plural } from "../batchJob/kind";
import { verifyManifest } from "../batchJob/manifest";
import { DEFAULT_JOB_TIMEOUT_SECONDS } from "../batchJob/properties";
import type { EnrollmentInputs, EnrollmentOutputs, EnrollmentResults } from "./args";
import { PROPERTIES } from "./properties";
import { emptyEnrollmentResults, parseEnrollmentOutput } from "./results";
import { validateEnrollmentInputs } from "./validate";

/** Version tag of the token derivation: bump only if the hashed material changes meaning. */
const DERIVATION = "pulumi-voiceid/SpeakerEnrollmentJob/v1";

const CONFIG_INPUT = "enrollmentConfig" satisfies keyof EnrollmentInputs;

/** The default ClientToken for `generation` (why generations exist, and what is hashed: `batchJob/definition.ts`). */
export function deriveEnrollmentToken(inputs: EnrollmentInputs, generation = 0): string {
    return jobToken(DERIVATION, CONFIG_INPUT, inputs as EnrollmentInputs & Record<string, unknown>, generation);
}

export const speakerEnrollment: JobKind = {
    type: "SpeakerEnrollmentJob",
    properties: PROPERTIES,
    configInput: CONFIG_INPUT,
    deleteInput: "deleteSpeakersOnDestroy" satisfies keyof EnrollmentInputs,
    noun: "speaker",
    verb: "enrolled",
    resultsNoun: "enrollments",
    errorsOutput: "enrollmentErrors" satisfies keyof EnrollmentResults,
    defaultTimeoutSeconds: DEFAULT_JOB_TIMEOUT_SECONDS,
    commands: {
        ...jobCommandNames("SpeakerEnrollment"),
        configMember: "EnrollmentConfig",
        configRequest: (inputs) => {
            const ec = (inputs as EnrollmentInputs).enrollmentConfig;
            const fd = ec?.fraudDetectionConfig;
            return ec
                ? definedMembers({
                      ExistingEnrollmentAction: ec.existingEnrollmentAction,
                      FraudDetectionConfig: fd
                          ? definedMembers({
                                FraudDetectionAction: fd.fraudDetectionAction,
                                RiskThreshold: fd.riskThreshold,
                                WatchlistIds: fd.watchlistIds,
                            })
                          : undefined,
                  })
                : undefined;
        },
        configView: (ec) => ({
            existingEnrollmentAction: ec.ExistingEnrollmentAction,
            fraudDetectionConfig: ec.FraudDetectionConfig
                ? {
                      fraudDetectionAction: ec.FraudDetectionConfig.FraudDetectionAction,
                      riskThreshold: ec.FraudDetectionConfig.RiskThreshold,
                      watchlistIds: ec.FraudDetectionConfig.WatchlistIds,
                  }
                : undefined,
        }),
    },
    created: {
        describeCommand: "DescribeSpeakerCommand",
        deleteCommand: "DeleteSpeakerCommand",
        idMember: "SpeakerId",
    },
    validate: validateEnrollmentInputs,
    deriveClientToken: (inputs, generation) => deriveEnrollmentToken(inputs as EnrollmentInputs, generation),
    parseOutput(text) {
        const { newSpeakerIds, existingSpeakerIds, ...results } = parseEnrollmentOutput(text);
        const flagged = results.fraudDetectionFailureCount
            ? `, ${results.fraudDetectionFailureCount} flagged by fraud detection`
            : "";
        return {
            results: { ...results },
            createdIds: newSpeakerIds,
            claimedIds: existingSpeakerIds,
            errorCount: results.errorCount,
            summary: `${results.newEnrollmentCount} new, ${results.overwrittenCount} overwritten, ${plural(results.duplicateCount, "duplicate")} skipped, ${plural(results.errorCount, "error")}${flagged}`,
        };
    },
    emptyResults: () => ({ ...emptyEnrollmentResults() }),
    recordedCreatedIds: (outs) =>
        (outs as Partial<EnrollmentOutputs>).enrollments
            ?.filter((r) => r.enrollmentStatus === "NEW_ENROLLMENT")
            .map((r) => r.speakerId),
    recordedCreatedCount: (outs) => (outs as Partial<EnrollmentOutputs>).newEnrollmentCount,
    verifyManifest: (inputs, retry) => verifyManifest(inputs, retry, "SpeakerEnrollmentRequests"),
};
