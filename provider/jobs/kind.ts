/**
 * FraudsterRegistrationJob as a kind of the batch-job core: what differs from any other Voice ID
 * batch job (its commands and registration config, token derivation, output file, and destroy
 * deleting the fraudsters it newly registered, handing over those a later job found again).
 * @module
 */
import { definedMembers, jobCommandNames } from "../batchJob/api";
import type { BaseJobInputs } from "../batchJob/args";
import { jobToken } from "../batchJob/definition";
import { JobKind, plural } from "../batchJob/kind";
import { verifyManifest } from "../batchJob/manifest";
import { DEFAULT_JOB_TIMEOUT_SECONDS } from "../batchJob/properties";
import type { JobInputs, JobOutputs, JobResults } from "./args";
import { moveToClaimerWatchlists } from "./handover";
import { PROPERTIES } from "./properties";
import { emptyResults, parseOutputFile } from "./results";
import { validateJobInputs } from "./validate";

/** Version tag of the token derivation: bump only if the hashed material changes meaning. */
const DERIVATION = "pulumi-voiceid/FraudsterRegistrationJob/v1";

const CONFIG_INPUT = "registrationConfig" satisfies keyof JobInputs;

/**
 * The default ClientToken for `generation` (0-based): `pvid-g<generation>-<48 hex>`, at most 64
 * characters (why generations exist, and what is hashed: `batchJob/definition.ts`).
 */
export function deriveClientToken(inputs: JobInputs | BaseJobInputs, generation = 0): string {
    return jobToken(DERIVATION, CONFIG_INPUT, inputs as JobInputs & Record<string, unknown>, generation);
}

export const fraudsterRegistration: JobKind = {
    type: "FraudsterRegistrationJob",
    properties: PROPERTIES,
    configInput: CONFIG_INPUT,
    deleteInput: "deleteFraudstersOnDestroy" satisfies keyof JobInputs,
    noun: "fraudster",
    verb: "registered",
    resultsNoun: "registrations",
    errorsOutput: "registrationErrors" satisfies keyof JobResults,
    defaultTimeoutSeconds: DEFAULT_JOB_TIMEOUT_SECONDS,
    commands: {
        ...jobCommandNames("FraudsterRegistration"),
        configMember: "RegistrationConfig",
        configRequest: (inputs) => {
            const rc = (inputs as JobInputs).registrationConfig;
            return rc
                ? definedMembers({
                      DuplicateRegistrationAction: rc.duplicateRegistrationAction,
                      FraudsterSimilarityThreshold: rc.fraudsterSimilarityThreshold,
                      WatchlistIds: rc.watchlistIds,
                  })
                : undefined;
        },
        configView: (rc) => ({
            duplicateRegistrationAction: rc.DuplicateRegistrationAction,
            fraudsterSimilarityThreshold: rc.FraudsterSimilarityThreshold,
            watchlistIds: rc.WatchlistIds,
        }),
    },
    created: {
        describeCommand: "DescribeFraudsterCommand",
        deleteCommand: "DeleteFraudsterCommand",
        idMember: "FraudsterId",
    },
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
        (outs as Partial<JobOutputs>).registrations
            ?.filter((r) => r.registrationStatus === "NEW_REGISTRATION")
            .map((r) => r.fraudsterId),
    recordedCreatedCount: (outs) => (outs as Partial<JobOutputs>).newRegistrationCount,
    handOver: moveToClaimerWatchlists,
    verifyManifest: (inputs, retry) => verifyManifest(inputs, retry),
};
