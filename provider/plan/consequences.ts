/**
 * What a planned operation on a Voice ID resource means beyond the property diff: a replaced
 * job runs again, fraudsters get deleted, a domain takes its fraudsters with it, an import adopts
 * instead of starting. One sentence per resource, worded once here and used both by the
 * providers (a line in `pulumi preview`) and by `pulumi-voiceid plan-summary`.
 *
 * Pure and data-only: inputs are the recorded outputs / new inputs in the provider's view.
 * Values that may be secret (names, S3 URIs) are never part of a sentence; ids and counts are.
 * @module
 */

/** Prefix of every plan line the providers print, so tools can find them in preview output. */
export const PLAN_LINE_PREFIX = "[voiceid] plan:";

/** Short type names, as users write them. */
export type VoiceIdType = "FraudsterRegistrationJob" | "SpeakerEnrollmentJob" | "VoiceIdDomain" | "Watchlist";

/** The operation a plan performs on a resource. */
export type PlanOp = "create" | "import" | "update" | "replace" | "delete";

/** Recorded facts about a job that its consequences depend on. */
export interface JobFacts {
    jobId?: string;
    jobStatus?: string;
    deleteFraudstersOnDestroy?: boolean;
    newRegistrationCount?: number;
    resultsTruncated?: boolean;
    deleteSpeakersOnDestroy?: boolean;
    newEnrollmentCount?: number;
}

/** `1 fraudster`, `2 fraudsters`. */
export function fraudsters(n: number): string {
    return `${n} fraudster${n === 1 ? "" : "s"}`;
}

/** `1 speaker`, `2 speakers`. */
export function speakers(n: number): string {
    return `${n} speaker${n === 1 ? "" : "s"}`;
}

/** How a job kind's consequences are worded, and which recorded facts count. */
interface JobWords {
    /** "registration", "enrollment". */
    job: string;
    /** "register", "enroll": what the job does to the manifest's objects. */
    verb: string;
    /** "fraudsters", "speakers": the manifest's objects. */
    objects: string;
    /** `3 fraudsters`. */
    count: (n: number) => string;
    /** The opt-in input that deletes what the job created on destroy. */
    deleteInput: "deleteFraudstersOnDestroy" | "deleteSpeakersOnDestroy";
    /** The recorded count of objects the job newly created. */
    created: "newRegistrationCount" | "newEnrollmentCount";
    /** Said after "stays" of what is kept ("" or " enrolled"). */
    keptAs: string;
}

const JOB_WORDS: Record<"FraudsterRegistrationJob" | "SpeakerEnrollmentJob", JobWords> = {
    FraudsterRegistrationJob: {
        job: "registration",
        verb: "register",
        objects: "fraudsters",
        count: fraudsters,
        deleteInput: "deleteFraudstersOnDestroy",
        created: "newRegistrationCount",
        keptAs: "",
    },
    SpeakerEnrollmentJob: {
        job: "enrollment",
        verb: "enroll",
        objects: "speakers",
        count: speakers,
        deleteInput: "deleteSpeakersOnDestroy",
        created: "newEnrollmentCount",
        keptAs: " enrolled",
    },
};

/** How many objects deleting or replacing a recorded job deletes: its new ones under the delete option, else 0. */
function deletedWith(words: JobWords, job: JobFacts | undefined): number {
    if (!job?.[words.deleteInput]) return 0;
    if (job.jobStatus !== "COMPLETED" && job.jobStatus !== "COMPLETED_WITH_ERRORS") return 0;
    return job[words.created] ?? 0;
}

/** The consequence of deleting a recorded job (destroy, or the old half of a replacement). */
function deleteConsequence(words: JobWords, job: JobFacts | undefined): string {
    const id = job?.jobId ? `job ${job.jobId}` : "the job";
    const n = deletedWith(words, job);
    if (n > 0) return `the ${words.count(n)} ${id} ${words.verb}ed will be deleted (${words.deleteInput})`;
    const n2 = job?.[words.created] ?? 0;
    const kept = n2 ? `; the ${words.count(n2)} it ${words.verb}ed ${n2 === 1 ? "stays" : "stay"}${words.keptAs}` : "";
    return `${id} is forgotten (Voice ID cannot delete jobs)${kept}`;
}

/**
 * How many fraudsters deleting or replacing a recorded job deletes (0 when it only forgets the
 * job), from state: the job's NEW_REGISTRATION count when `deleteFraudstersOnDestroy` is on.
 */
export function fraudstersDeletedWith(job: JobFacts | undefined): number {
    return deletedWith(JOB_WORDS.FraudsterRegistrationJob, job);
}

/** How many speakers deleting or replacing a recorded enrollment job deletes (its NEW_ENROLLMENT count under `deleteSpeakersOnDestroy`). */
export function speakersDeletedWith(job: JobFacts | undefined): number {
    return deletedWith(JOB_WORDS.SpeakerEnrollmentJob, job);
}

/** Whether a recorded job is still running (the update resumes waiting for it). */
const running = (job: JobFacts | undefined) => job?.jobStatus === "SUBMITTED" || job?.jobStatus === "IN_PROGRESS";

/** The consequence of `op` on a job of a kind; `reasons` are the replacement's. */
function jobConsequence(
    words: JobWords,
    op: PlanOp,
    olds: JobFacts | undefined,
    importId: string | undefined,
    reasons: readonly string[],
): string {
    switch (op) {
        case "create":
            return `a new ${words.job} job will run and ${words.verb} the manifest's ${words.objects}`;
        case "import":
            return `adopts existing job ${importId ?? "(id unknown)"} instead of starting one`;
        case "replace": {
            const retry = olds?.jobStatus === "FAILED" && reasons.length === 1 && reasons[0] === "jobStatus";
            const run = retry
                ? `job ${olds?.jobId ?? ""} FAILED and no input changed: a new ${words.job} job will run on the same inputs and will likely fail the same way (fix what failed it, e.g. the manifest or the role, or change triggers)`
                : `a new ${words.job} job will run and ${words.verb} the manifest's ${words.objects} again`;
            if (deletedWith(words, olds) === 0) return run;
            return `${run}; only if it succeeds, ${deleteConsequence(words, olds)}, except those the new job finds again (they are kept)`;
        }
        case "delete":
            return deleteConsequence(words, olds);
        default:
            return running(olds)
                ? `resumes waiting for job ${olds?.jobId ?? ""}, still ${olds?.jobStatus} (the job is not started again)`
                : "settings change in place; no job runs";
    }
}

/** Consequences of `op` on a resource of `type`, as one clause (no resource name). */
export function consequence(
    type: VoiceIdType,
    op: PlanOp,
    olds?: JobFacts & Record<string, unknown>,
    importId?: string,
    /** For a job replacement: why it is replaced (`jobStatus` alone: a FAILED job retried unchanged). */
    reasons: readonly string[] = [],
): string {
    switch (type) {
        case "FraudsterRegistrationJob":
        case "SpeakerEnrollmentJob":
            return jobConsequence(JOB_WORDS[type], op, olds, importId, reasons);
        case "VoiceIdDomain":
        case "Watchlist":
            return containerConsequence(CONTAINER_WORDS[type], op, importId);
    }
}

/** How the consequences of a domain or watchlist operation are worded. */
interface ContainerWords {
    /** "domain", "watchlist". */
    noun: string;
    replace: string;
    delete: string;
}

const CONTAINER_WORDS: Record<"VoiceIdDomain" | "Watchlist", ContainerWords> = {
    VoiceIdDomain: {
        noun: "domain",
        replace:
            "a new, empty domain is created and the old one deleted: the fraudsters, speakers and watchlists it holds go with it",
        delete: "the domain is deleted: the fraudsters, speakers and watchlists it holds go with it",
    },
    Watchlist: {
        noun: "watchlist",
        replace: "a new watchlist is created; the old one is deleted (Voice ID deletes only empty watchlists)",
        delete: "the watchlist is deleted (Voice ID deletes only empty watchlists)",
    },
};

/** The consequence of `op` on a domain or a watchlist. */
function containerConsequence(words: ContainerWords, op: PlanOp, importId: string | undefined): string {
    switch (op) {
        case "import":
            return `adopts existing ${words.noun} ${importId ?? "(id unknown)"} instead of creating one`;
        case "replace":
            return words.replace;
        case "delete":
            return words.delete;
        case "create":
            return `a new ${words.noun} is created`;
        default:
            return "changes in place";
    }
}

/** The line a provider prints for an operation in a preview. */
export function planLine(type: VoiceIdType, name: string, op: PlanOp, reasons: string[], clause: string): string {
    const because = reasons.length ? ` (${reasons.join(", ")})` : "";
    const verb =
        op === "replace"
            ? "will be replaced"
            : op === "import"
              ? "will be imported"
              : op === "delete"
                ? "will be deleted"
                : `will ${op}`;
    return `${PLAN_LINE_PREFIX} ${type} "${name}" ${verb}${because}: ${clause}`;
}

/** A plan line parsed back (for `plan-summary`). */
export interface ParsedPlanLine {
    type: VoiceIdType;
    name: string;
    op: PlanOp;
    reasons: string[];
    consequence: string;
}

/** Parses a line made by {@link planLine}; undefined for anything else. */
export function parsePlanLine(line: string): ParsedPlanLine | undefined {
    const i = line.indexOf(PLAN_LINE_PREFIX);
    if (i < 0) return undefined;
    const m =
        /^ (FraudsterRegistrationJob|SpeakerEnrollmentJob|VoiceIdDomain|Watchlist) "([^"]*)" will (?:be )?(replaced|imported|deleted|create|update)(?: \(([^)]*)\))?: (.*)$/.exec(
            line.slice(i + PLAN_LINE_PREFIX.length).trimEnd(),
        );
    if (!m) return undefined;
    const op =
        ({ replaced: "replace", imported: "import", deleted: "delete" } as Record<string, PlanOp>)[m[3]] ??
        (m[3] as PlanOp);
    return { type: m[1] as VoiceIdType, name: m[2], op, reasons: m[4] ? m[4].split(", ") : [], consequence: m[5] };
}
