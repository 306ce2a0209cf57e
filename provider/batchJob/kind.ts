/**
 * What a batch-job kind tells the core: its calls, its inputs and outputs (declared once, every
 * list derived from the declaration), how its output file reads, and what destroy may delete.
 * A kind is a small file; the life of the job (start/adopt with tokens, slot waits, waiting,
 * partial state, import, refresh) is the core's (`provider.ts`).
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown, type Failure } from "../shared/validation";
import type { ImportMismatch } from "../shared/importing";
import type { RetryOptions } from "../shared/retry";
import type { ResourceScope, TargetOutputs } from "../shared/scope";
import type { JobCommands } from "./api";
import type { JobStatus } from "./status";

/** What an input does to the job when it changes. */
export type InputRole =
    /** Sent to Voice ID (or `triggers`): a change starts a new job. */
    | { replace: true; described?: boolean }
    /** A provider knob: updated in place; `absent` is the value an absent input stands for. */
    | { update: true; absent: unknown }
    /** Region/endpoint: compared as a target (see `shared/scope.ts`). */
    | { target: true }
    /** Filled by the resource class (program scope, `{ import }`). */
    | { internal: true };

/** Declares a job kind's inputs in order, with their roles (the one list every other derives from). */
export type InputDeclaration = Record<string, InputRole>;

export const replace: InputRole = { replace: true, described: true };
/** Replaces the job but is not part of what Voice ID reports back (ClientToken, triggers). */
export const replaceOnly: InputRole = { replace: true, described: false };
export const update = (absent: unknown): InputRole => ({ update: true, absent });
export const target: InputRole = { target: true };
export const internal: InputRole = { internal: true };

/** Default `timeoutSeconds` of a batch job: 6 hours. */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 6 * 3600;

/**
 * The inputs of a Voice ID batch job in order: the start request's members with the kind's
 * config block, the provider's knobs with the kind's delete option, the target and the scope.
 */
export function batchJobInputs(configInput: string, deleteInput: string, defaultTimeoutSeconds = DEFAULT_JOB_TIMEOUT_SECONDS): InputDeclaration {
    return {
        domainId: replace,
        dataAccessRoleArn: replace,
        inputDataConfig: replace,
        outputDataConfig: replace,
        [configInput]: replace,
        jobName: replace,
        clientToken: replaceOnly,
        waitForCompletion: update(true),
        timeoutSeconds: update(defaultTimeoutSeconds),
        failOnErrors: update(false),
        [deleteInput]: update(false),
        triggers: replaceOnly,
        region: target,
        endpoint: target,
        scope: internal,
        importId: internal,
    };
}

/** The lists derived from a declaration. */
export interface DerivedProperties {
    /** Top-level input names the resource accepts (anything else is a typo). */
    knownInputs: readonly string[];
    /** Inputs whose change replaces the job. */
    replaceKeys: readonly string[];
    /** Inputs updated in place, with the value an absent input stands for. */
    updateKeys: Record<string, unknown>;
    /** Job-defining inputs Voice ID reports back (read by refresh, `.get()`, import checks). */
    described: readonly string[];
    /** Every output the resource class declares. */
    outputNames: readonly string[];
    /** Outputs the job produced, kept across an update. */
    produced: readonly string[];
}

/** Outputs the core records for every kind, besides the kind's results. */
export const STATUS_OUTPUTS = ["jobId", "jobStatus", "createdAt", "endedAt", "percentComplete", "failureDetails"] as const;
const CORE_PRODUCED = [...STATUS_OUTPUTS, "effectiveClientToken", "tokenGeneration", "outputFileS3Uri"] as const;

/** Derives every property list of a kind from its input declaration and result names. */
export function deriveProperties(inputs: InputDeclaration, results: readonly string[]): DerivedProperties {
    const entries = Object.entries(inputs);
    const keys = (pick: (r: InputRole) => boolean) => entries.filter(([, r]) => pick(r)).map(([k]) => k);
    const described = keys((r) => "replace" in r && r.described === true);
    const produced = [...CORE_PRODUCED, ...results, "resultsStatus"];
    return {
        knownInputs: entries.map(([k]) => k),
        replaceKeys: keys((r) => "replace" in r),
        updateKeys: Object.fromEntries(entries.filter(([, r]) => "update" in r).map(([k, r]) => [k, (r as { absent: unknown }).absent])),
        described,
        outputNames: [...described, ...produced, "effectiveRegion"],
        produced,
    };
}

/** Location of a batch job's input manifest. */
export interface InputDataConfigArgs {
    /** `s3://bucket/key.json` of the manifest (max 1024 characters). */
    s3Uri: pulumi.Input<string>;
}

/** Location and encryption of the output file. */
export interface OutputDataConfigArgs {
    /** `s3://bucket/folder` Voice ID writes `<jobId>/<manifest name>.out` under. */
    s3Uri: pulumi.Input<string>;
    /** KMS key id, key ARN, alias name or alias ARN (1-2048 characters) for the output file. */
    kmsKeyId?: pulumi.Input<string>;
}

/** Why a whole job failed. */
export interface FailureDetails {
    /** HTTP-like status code. */
    statusCode?: number;
    /** Description from the service. */
    message?: string;
}

/** Inputs every kind has (plain values, as the provider receives them). */
export interface BaseJobInputs {
    domainId: string;
    dataAccessRoleArn: string;
    inputDataConfig: { s3Uri: string };
    outputDataConfig: { s3Uri: string; kmsKeyId?: string };
    jobName?: string;
    clientToken?: string;
    waitForCompletion?: boolean;
    timeoutSeconds?: number;
    failOnErrors?: boolean;
    triggers?: unknown[];
    region?: string;
    endpoint?: string;
    /** Set by the resource class: identity for the default ClientToken and stack config. */
    scope?: ResourceScope;
    /** Set by the resource class from `{ import: "<domainId>/<jobId>" }`: adopt that job. */
    importId?: string;
}

/** Outputs every kind records besides its inputs and results. */
export interface BaseJobOutputs extends BaseJobInputs, TargetOutputs {
    /** The job's id (22 alphanumerics). */
    jobId: string;
    /** Last status seen. */
    jobStatus: JobStatus;
    /** ClientToken the job was started with (derived or given); absent for imported jobs. */
    effectiveClientToken?: string;
    /** Which derived-token generation started this job (0 unless earlier ones FAILED). */
    tokenGeneration?: number;
    /** ISO time the job was created. */
    createdAt?: string;
    /** ISO time the job ended. */
    endedAt?: string;
    /** Last PercentComplete seen. */
    percentComplete?: number;
    /** Present when the whole job failed. */
    failureDetails?: FailureDetails;
    /** `s3://` URI of the output file (present once the job completed). */
    outputFileS3Uri?: string;
    /** Whether the output file has been read: `read`, or why not (`denied`, `missing`, `unreadable`); absent before completion. */
    resultsStatus?: "read" | "denied" | "missing" | "unreadable";
}

/** A job as the provider sees it; `config` is the kind's own configuration block as described. */
export interface JobView {
    jobId: string;
    domainId: string;
    status: JobStatus;
    percentComplete?: number;
    createdAt?: Date;
    endedAt?: Date;
    failureDetails?: FailureDetails;
    jobName?: string;
    dataAccessRoleArn?: string;
    inputDataConfig?: { s3Uri: string };
    outputDataConfig?: { s3Uri: string; kmsKeyId?: string };
    /** The kind's configuration block (`registrationConfig`, `enrollmentConfig`) in input shape. */
    config?: Record<string, unknown>;
}

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
    /** The default ClientToken for a generation. */
    deriveClientToken(inputs: BaseJobInputs, generation: number): string;
    /** Parses the output file's text. */
    parseOutput(text: string): ParsedResults;
    /** Result outputs when the output file cannot be read. */
    emptyResults(): Record<string, unknown>;
    /** New objects recorded in state (for destroy when the output file is gone). */
    recordedCreatedIds(outs: Record<string, unknown>): string[] | undefined;
    /** How many new objects the state says the job created. */
    recordedCreatedCount(outs: Record<string, unknown>): number | undefined;
    /** Differences between the declared config block and the job's, by property path. */
    configMismatches(declared: Record<string, unknown> | undefined, job: Record<string, unknown> | undefined): ImportMismatch[];
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
    handOver?(api: VoiceIdCommandCalls, domainId: string, objectId: string, from: Record<string, any>, claimer: JobView): Promise<void>;
    /** Checks that a new manifest exists and parses, and every audio object it names exists. */
    verifyManifest?(inputs: BaseJobInputs, retry: RetryOptions): Promise<ManifestVerdict>;
}

/** Whether a new manifest can be shown to work (see `batchJob/manifest.ts`). */
export interface ManifestVerdict {
    state: "verified" | "invalid" | "unverifiable";
    reason?: string;
    /** When verified: the manifest and the audio objects looked at, with their SSE-KMS keys. */
    objects?: { uri: string; kmsKeyId?: string }[];
}

/** "1 error", "2 errors". */
export function plural(n: number | undefined, noun: string): string {
    return `${n ?? 0} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * Declared members of a config block that differ from the job's, with both values (absent means
 * "any"; a value unknown at preview is not judged).
 */
export function configMismatches(block: string, members: readonly string[], declared: Record<string, unknown> | undefined, job: Record<string, unknown> | undefined): ImportMismatch[] {
    const mine = declared ?? {};
    const theirs = job ?? {};
    return members
        .filter((m) => mine[m] !== undefined && !containsUnknown(mine[m]) && JSON.stringify(mine[m]) !== JSON.stringify(theirs[m]))
        .map((m) => ({ property: `${block}.${m}`, declared: mine[m], actual: theirs[m] }));
}
