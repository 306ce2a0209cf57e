/**
 * FraudsterRegistrationJob as a kind of the batch-job core: what differs from any other Voice ID
 * batch job (its commands, registration config, output file, and destroy deleting the fraudsters
 * it newly registered).
 * @module
 */
import { JobKind, configMismatches, plural } from "../batchJob/kind";
import { COMMANDS } from "./api";
import { JobInputs, JobOutputs } from "./args";
import { verifyManifest } from "../batchJob/manifest";
import { DEFAULT_TIMEOUT_SECONDS, PROPERTIES } from "./properties";
import { emptyResults, parseOutputFile } from "./results";
import { deriveClientToken } from "./token";
import { validateJobInputs } from "./validate";
import { moveToClaimerWatchlists } from "./handover";

export const fraudsterRegistration: JobKind = {
    type: "FraudsterRegistrationJob",
    properties: PROPERTIES,
    configInput: "registrationConfig",
    deleteInput: "deleteFraudstersOnDestroy",
    noun: "fraudster",
    verb: "registered",
    resultsNoun: "registrations",
    errorsOutput: "registrationErrors",
    defaultTimeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    commands: COMMANDS,
    created: { describeCommand: "DescribeFraudsterCommand", deleteCommand: "DeleteFraudsterCommand", idMember: "FraudsterId" },
    validate: validateJobInputs,
    deriveClientToken,
    parseOutput(text) {
        const { newFraudsterIds, skippedFraudsterIds, ...results } = parseOutputFile(text);
        return {
            results: { ...results },
            createdIds: newFraudsterIds,
            claimedIds: skippedFraudsterIds,
            errorCount: results.errorCount,
            summary: `${results.newRegistrationCount} new, ${plural(results.duplicateCount, "duplicate")} skipped, ${plural(results.errorCount, "error")}`,
        };
    },
    emptyResults: () => ({ ...emptyResults() }),
    recordedCreatedIds: (outs) =>
        (outs as Partial<JobOutputs>).registrations?.filter((r) => r.registrationStatus === "NEW_REGISTRATION").map((r) => r.fraudsterId),
    recordedCreatedCount: (outs) => (outs as Partial<JobOutputs>).newRegistrationCount,
    configMismatches: (declared, job) =>
        configMismatches("registrationConfig", ["duplicateRegistrationAction", "fraudsterSimilarityThreshold", "watchlistIds"], declared, job),
    handOver: moveToClaimerWatchlists,
    verifyManifest: (inputs, retry) => verifyManifest(inputs as JobInputs, retry),
};
