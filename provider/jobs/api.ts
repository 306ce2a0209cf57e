/**
 * The registration job's Voice ID commands and configuration block, for the batch-job core's
 * calls (`batchJob/api.ts`).
 * @module
 */
import { JobCommands, definedMembers, jobCommandNames, readS3Text } from "../batchJob/api";
import { JobInputs } from "./args";

export { readS3Text };
export type { JobView } from "../batchJob/kind";

/** StartFraudsterRegistrationJob and its siblings; the RegistrationConfig in both directions. */
export const COMMANDS: JobCommands = {
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
};
