/**
 * What a batch job kind plugs into the generic durable job loop (jobs/runner.ts) and the
 * generic Start/Describe/List handlers (operations/jobs.ts). A kind is one small module in
 * jobs/kinds/: its operation names, manifest list, config defaults, what one request does, and
 * its output file.
 * @module
 */
import type { DomainRow, JobKindName, JobRequestRow, JobRow } from "../store";
import type { Input, OperationContext } from "../context";
import type { Voiceprint } from "../voice/voiceprint";
import type { FraudsterMatch } from "../voice/fraudSearch";

/** The job-defining parameters as stored (the kind's config with its defaults filled in). */
export interface StoredJobRequest {
    DataAccessRoleArn: string;
    InputDataConfig: { S3Uri: string };
    OutputDataConfig: { S3Uri: string; KmsKeyId?: string };
    JobName?: string;
    /** RegistrationConfig or EnrollmentConfig, under the kind's configKey. */
    [configKey: string]: unknown;
}

export interface JobKind {
    name: JobKindName;
    /** "fraudster registration": used in messages and logs. */
    label: string;
    operations: { start: string; describe: string; list: string };
    /** The request member holding the kind's configuration. */
    configKey: string;
    /** The manifest's list of requests. */
    manifestKey: string;
    /**
     * Normalizes the Start request's config, `input[configKey]` (`{}` when absent): defaults filled
     * in, what it references checked.
     */
    normalizeConfig(ctx: OperationContext, domain: DomainRow, given: Input): Record<string, unknown>;
    /** Checks the kind's own members of a manifest entry before its audio is read (throws RequestError). */
    checkEntry(entry: Record<string, unknown>): void;
    /**
     * Which fraudsters a request's voice is compared with: the domain's (no watchlist ids) or
     * those of some watchlists. The runner searches them before the request's transaction,
     * yielding to the API as it goes (voice/fraudSearch.ts); `apply` gets the result.
     */
    fraudsterScope(config: Record<string, unknown>): { watchlistIds?: string[] };
    /**
     * Does one request with its voiceprint. Runs inside the request's transaction: fills
     * row.outcome / result_id / score, or throws RequestError having written nothing.
     * `closestFraudster` ends the search of {@link fraudsterScope} (as of this transaction).
     */
    apply(
        ctx: OperationContext,
        job: JobRow,
        config: Record<string, unknown>,
        entry: Record<string, unknown>,
        row: JobRequestRow,
        voiceprint: Voiceprint,
        closestFraudster: () => FraudsterMatch | undefined,
    ): void;
    /** The output file document (without Version). */
    output(rows: JobRequestRow[]): Record<string, unknown>;
}

/**
 * The names Voice ID derives from a job kind's noun (`FraudsterRegistration`): its operations
 * `Start<noun>Job`, `Describe<noun>Job`, `List<noun>Jobs` and its manifest's list `<noun>Requests`.
 */
export function namesOfJobKind(noun: string): Pick<JobKind, "operations" | "manifestKey"> {
    return {
        operations: { start: `Start${noun}Job`, describe: `Describe${noun}Job`, list: `List${noun}Jobs` },
        manifestKey: `${noun}Requests`,
    };
}
