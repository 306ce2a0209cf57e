/**
 * The default ClientToken: deterministic, so an interrupted `pulumi up` adopts its job.
 *
 * The token hashes everything that identifies "this run of this resource": project, stack,
 * resource name, the job-defining request (domain, role, input, output, registration config, job
 * name), `triggers`, the region/endpoint given as inputs or stack config, and a generation number.
 *
 * Why a generation: Voice ID returns the existing job for a token it has seen, so re-running a
 * FAILED job under the same token would only give back the same FAILED job. `create` therefore
 * walks generations 0, 1, 2...: a token whose job is FAILED is spent and the next generation is
 * tried, the first token that starts a new job (or finds a live or completed one) wins. The walk
 * needs no stored state, so it is crash-safe: a `pulumi up` killed after starting generation 2
 * re-walks 0 and 1 (both FAILED) and adopts generation 2. It relies on the service remembering
 * tokens (Voice ID: about 8 hours in the emulator; AWS does not document the window); after the
 * window expires, an identical request starts a fresh job.
 * @module
 */
import { prune } from "../shared/data";
import { resourceToken } from "../shared/idempotency";
import { BaseJobInputs } from "../batchJob/kind";
import { JobInputs } from "./args";

export { MAX_TOKEN_GENERATIONS } from "../shared/idempotency";

/** Version tag of the derivation: bump only if the hashed material changes meaning. */
const DERIVATION = "pulumi-voiceid/FraudsterRegistrationJob/v1";

/** The StartFraudsterRegistrationJob request fields that define the job (lower camel case). */
export function jobDefinition(inputs: JobInputs): Record<string, unknown> {
    return prune({
        domainId: inputs.domainId,
        dataAccessRoleArn: inputs.dataAccessRoleArn,
        inputDataConfig: { s3Uri: inputs.inputDataConfig?.s3Uri },
        outputDataConfig: { s3Uri: inputs.outputDataConfig?.s3Uri, kmsKeyId: inputs.outputDataConfig?.kmsKeyId },
        registrationConfig: inputs.registrationConfig
            ? {
                  duplicateRegistrationAction: inputs.registrationConfig.duplicateRegistrationAction,
                  fraudsterSimilarityThreshold: inputs.registrationConfig.fraudsterSimilarityThreshold,
                  watchlistIds: inputs.registrationConfig.watchlistIds,
              }
            : undefined,
        jobName: inputs.jobName,
    });
}

/** The default ClientToken for `generation` (0-based): `pvid-g<generation>-<48 hex>`, at most 64 characters. */
export function deriveClientToken(inputs: JobInputs | BaseJobInputs, generation = 0): string {
    const request = { job: jobDefinition(inputs as JobInputs), triggers: inputs.triggers ?? [] };
    return resourceToken("pvid", DERIVATION, inputs, request, generation);
}
