/**
 * SpeakerEnrollmentJob as a kind of the batch-job core: its commands, enrollment config, token
 * derivation, output file, and destroy deleting the speakers it newly enrolled.
 * @module
 */
import { definedMembers, jobCommandNames } from "../batchJob/api";
import { JobKind, configMismatches, plural } from "../batchJob/kind";
import { verifyManifest } from "../batchJob/manifest";
import { prune } from "../shared/data";
import { resourceToken } from "../shared/idempotency";
import { EnrollmentInputs, EnrollmentOutputs } from "./args";
import { DEFAULT_TIMEOUT_SECONDS, PROPERTIES } from "./properties";
import { emptyEnrollmentResults, parseEnrollmentOutput } from "./results";
import { validateEnrollmentInputs } from "./validate";

/** Version tag of the token derivation: bump only if the hashed material changes meaning. */
const DERIVATION = "pulumi-voiceid/SpeakerEnrollmentJob/v1";

/** The default ClientToken for `generation` (see `jobs/token.ts` for why generations exist). */
export function deriveEnrollmentToken(inputs: EnrollmentInputs, generation = 0): string {
    const job = prune({
        domainId: inputs.domainId,
        dataAccessRoleArn: inputs.dataAccessRoleArn,
        inputDataConfig: { s3Uri: inputs.inputDataConfig?.s3Uri },
        outputDataConfig: { s3Uri: inputs.outputDataConfig?.s3Uri, kmsKeyId: inputs.outputDataConfig?.kmsKeyId },
        enrollmentConfig: inputs.enrollmentConfig,
        jobName: inputs.jobName,
    });
    return resourceToken("pvid", DERIVATION, inputs, { job, triggers: inputs.triggers ?? [] }, generation);
}

export const speakerEnrollment: JobKind = {
    type: "SpeakerEnrollmentJob",
    properties: PROPERTIES,
    configInput: "enrollmentConfig",
    deleteInput: "deleteSpeakersOnDestroy",
    noun: "speaker",
    verb: "enrolled",
    resultsNoun: "enrollments",
    errorsOutput: "enrollmentErrors",
    defaultTimeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
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
                          ? definedMembers({ FraudDetectionAction: fd.fraudDetectionAction, RiskThreshold: fd.riskThreshold, WatchlistIds: fd.watchlistIds })
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
    created: { describeCommand: "DescribeSpeakerCommand", deleteCommand: "DeleteSpeakerCommand", idMember: "SpeakerId" },
    validate: validateEnrollmentInputs,
    deriveClientToken: (inputs, generation) => deriveEnrollmentToken(inputs as EnrollmentInputs, generation),
    parseOutput(text) {
        const { newSpeakerIds, existingSpeakerIds, ...results } = parseEnrollmentOutput(text);
        const flagged = results.fraudDetectionFailureCount ? `, ${results.fraudDetectionFailureCount} flagged by fraud detection` : "";
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
        (outs as Partial<EnrollmentOutputs>).enrollments?.filter((r) => r.enrollmentStatus === "NEW_ENROLLMENT").map((r) => r.speakerId),
    recordedCreatedCount: (outs) => (outs as Partial<EnrollmentOutputs>).newEnrollmentCount,
    configMismatches: (declared, job) => [
        ...configMismatches("enrollmentConfig", ["existingEnrollmentAction"], declared, job),
        ...configMismatches(
            "enrollmentConfig.fraudDetectionConfig",
            ["fraudDetectionAction", "riskThreshold", "watchlistIds"],
            declared?.fraudDetectionConfig as Record<string, unknown> | undefined,
            job?.fraudDetectionConfig as Record<string, unknown> | undefined,
        ),
    ],
    verifyManifest: (inputs, retry) => verifyManifest(inputs, retry, "SpeakerEnrollmentRequests"),
};
