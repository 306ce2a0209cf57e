/**
 * The contract of a batch-job kind: what a kind tells the core (its calls, its declared
 * properties, how its output file reads, what destroy may delete). A kind is a small file
 * (`jobs/kind.ts`, `enrollment/kind.ts`); the life of the job (start/adopt with tokens, slot
 * waits, waiting, partial state, import, refresh) is the core's (`provider.ts`).
 * @module
 */
import type { Failure } from "../shared/validation";
import type { RetryOptions } from "../shared/retry";
import type { JobCommands, JobView } from "./api";
import type { BaseJobInputs } from "./args";
import type { DerivedProperties } from "./properties";

/** A parsed output file: the kind's result outputs, the counts line, and the ids destroy may delete. */
export interface ParsedResults {
    /** Result outputs (lists capped, counts complete). */
    results: Record<string, unknown>;
    /** Ids of what this job newly created (never recorded in state). */
    createdIds: string[];
    /**
     * Ids of existing objects this job found again (a duplicate skipped, a speaker enrolled
     * again): it relies on them, so deleting them under it would undo its work (`claims.ts`).
     */
    claimedIds: string[];
    /** Failed requests. */
    errorCount: number;
    /** One line for the log, e.g. "3 new, 1 duplicate skipped, 0 errors". */
    summary: string;
}

/** Voice ID commands by name, for a kind's hooks. */
export interface VoiceIdCommandCalls {
    call<T>(name: string, input: unknown): Promise<T>;
}

/** Whether a new manifest can be shown to work (see `batchJob/manifest.ts`). */
export interface ManifestVerdict {
    state: "verified" | "invalid" | "unverifiable";
    reason?: string;
    /** When verified: the manifest and the audio objects looked at, with their SSE-KMS keys. */
    objects?: { uri: string; kmsKeyId?: string }[];
}

/** A batch-job kind. */
export interface JobKind {
    /** Resource type name, as users write it (used in messages and plan lines). */
    type: "FraudsterRegistrationJob" | "SpeakerEnrollmentJob";
    /** Derived property lists. */
    properties: DerivedProperties;
    /** The kind's configuration input (`registrationConfig`), kept as declared on refresh. */
    configInput: string;
    /** The opt-in input that deletes what the job created on destroy. */
    deleteInput: string;
    /** Words for messages: "fraudster"/"registered", "speaker"/"enrolled". */
    noun: string;
    verb: string;
    /** What the job's successes are called in messages ("registrations", "enrollments"). */
    resultsNoun: string;
    /** Where the per-request errors go in outputs (the log points there). */
    errorsOutput: string;
    /** Default `timeoutSeconds`. */
    defaultTimeoutSeconds: number;
    /** Every constraint of the start request plus the knobs; one failure per broken rule. */
    validate(inputs: Record<string, unknown>): Failure[];
    /** The default ClientToken for a generation (`definition.ts`: `jobToken`). */
    deriveClientToken(inputs: BaseJobInputs, generation: number): string;
    /** Parses the output file's text. */
    parseOutput(text: string): ParsedResults;
    /** Result outputs when the output file cannot be read. */
    emptyResults(): Record<string, unknown>;
    /** New objects recorded in state (for destroy when the output file is gone). */
    recordedCreatedIds(outs: Record<string, unknown>): string[] | undefined;
    /** How many new objects the state says the job created. */
    recordedCreatedCount(outs: Record<string, unknown>): number | undefined;
    /** The kind's start/describe/list commands and configuration block. */
    commands: JobCommands;
    /** How to look up and delete one object the job created (fraudster, speaker). */
    created: { describeCommand: string; deleteCommand: string; idMember: string };
    /**
     * Moves an object the deleting job `from` created, and that the later job `claimer` found
     * again, into the claimer's place: a fraudster joins the claimer's watchlists and leaves those
     * only `from` put it in, so deleting `from`'s watchlist later is not refused. Kinds whose
     * objects have no place (speakers) leave it out.
     */
    handOver?(
        api: VoiceIdCommandCalls,
        domainId: string,
        objectId: string,
        from: Record<string, any>,
        claimer: JobView,
    ): Promise<void>;
    /** Checks that a new manifest exists and parses, and every audio object it names exists. */
    verifyManifest?(inputs: BaseJobInputs, retry: RetryOptions): Promise<ManifestVerdict>;
}

/** "1 error", "2 errors". */
export function plural(n: number | undefined, noun: string): string {
    return `${n ?? 0} ${noun}${n === 1 ? "" : "s"}`;
}
