/**
 * A Voice ID plan as a reviewer needs it: which jobs start, are replaced, adopted or forgotten,
 * how many fraudsters get deleted, which domains and watchlists are created, replaced or
 * deleted, each with its reason. Pure: preview data in, data and markdown out.
 * @module
 */
import { changedPaths } from "../../provider/shared/detailedDiff";
import { INTERNAL_INPUTS } from "../../provider/shared/engineView";
import {
    JobFacts, PlanOp, VoiceIdType, consequence, fraudsters, fraudstersDeletedWith, parsePlanLine, speakers, speakersDeletedWith,
} from "../../provider/plan/consequences";
import { Preview, PreviewStep, nameOfUrn, typeOfUrn } from "./preview";

/** Type tokens of this package's resources. */
const TYPES: Record<string, VoiceIdType> = {
    "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob": "FraudsterRegistrationJob",
    "pulumi-nodejs:dynamic/voiceid:SpeakerEnrollmentJob": "SpeakerEnrollmentJob",
    "pulumi-nodejs:dynamic/voiceid:VoiceIdDomain": "VoiceIdDomain",
    "pulumi-nodejs:dynamic/voiceid:Watchlist": "Watchlist",
};

/** One planned change to a Voice ID resource. */
export interface PlannedChange {
    type: VoiceIdType;
    name: string;
    urn: string;
    op: PlanOp;
    /** Properties that force the replacement, or that change in place. */
    reasons: string[];
    consequence: string;
    /** Fraudsters this change deletes (from state), for jobs. */
    fraudstersDeleted: number;
    /** Speakers this change deletes (from state), for enrollment jobs. */
    speakersDeleted?: number;
    /** The job whose fraudsters (or speakers) are deleted. */
    jobId?: string;
}

/** The whole plan. */
export interface PlanSummary {
    changes: PlannedChange[];
    fraudstersDeleted: number;
    /** Domains replaced or deleted (their fraudsters go with them). */
    domainsDeleted: number;
    /** Speakers deleted with enrollment jobs (`deleteSpeakersOnDestroy`); absent when none. */
    speakersDeleted?: number;
    /** True when the plan deletes fraudsters, speakers or domains. */
    destructive: boolean;
}

const REPLACE_OPS = new Set(["replace", "create-replacement", "delete-replaced"]);

function opOf(ops: Set<string>, step: PreviewStep): PlanOp | undefined {
    if ([...ops].some((o) => REPLACE_OPS.has(o))) return "replace";
    if (ops.has("delete") || ops.has("discard")) return "delete";
    if (ops.has("import")) return "import";
    if (ops.has("create")) return step.newState?.inputs?.[INTERNAL_INPUTS.importId] !== undefined ? "import" : "create";
    if (ops.has("update")) return "update";
    return undefined;
}

/** Changed user-facing input paths between two states (internal keys and masked values aside). */
function inputChanges(step: PreviewStep): string[] {
    const o = step.oldState?.inputs ?? {};
    const n = step.newState?.inputs ?? {};
    const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])].filter((k) => !k.startsWith("__")).sort();
    return keys.flatMap((k) => changedPaths(o[k], n[k], k));
}

/** Builds the plan from a parsed preview. */
export function planOf(preview: Preview): PlanSummary {
    const byUrn = new Map<string, { ops: Set<string>; step: PreviewStep }>();
    for (const step of preview.steps) {
        const type = TYPES[step.newState?.type ?? step.oldState?.type ?? ""] ?? TYPES[`pulumi-nodejs:dynamic/voiceid:${typeOfUrn(step.urn)}`];
        if (!type || step.op === "same" || step.op === "read" || step.op === "refresh") continue;
        const entry = byUrn.get(step.urn) ?? { ops: new Set<string>(), step };
        entry.ops.add(step.op);
        // The `replace` step carries both states; prefer it, else any step with an old state.
        if (step.op === "replace" || (!entry.step.oldState && step.oldState)) entry.step = step;
        byUrn.set(step.urn, entry);
    }
    const lines = preview.diagnostics.map((d) => parsePlanLine(d.message)).filter((l) => l !== undefined);
    const changes: PlannedChange[] = [];
    for (const [urn, { ops, step }] of byUrn) {
        const op = opOf(ops, step);
        if (!op) continue;
        const type = TYPES[step.newState?.type ?? step.oldState?.type ?? ""] ?? TYPES[`pulumi-nodejs:dynamic/voiceid:${typeOfUrn(urn)}`];
        const name = nameOfUrn(urn);
        const olds = (step.oldState?.outputs ?? {}) as JobFacts & Record<string, unknown>;
        const line = lines.find((l) => l.type === type && l.name === name && l.op === op);
        let reasons: string[] = [];
        if (op === "replace") reasons = line?.reasons ?? (step.replaceReasons ?? []).filter((r) => !r.startsWith("__"));
        else if (op === "update") reasons = inputChanges(step);
        if (op === "update" && !reasons.length) reasons = ["(secret values)"];
        const importId = step.newState?.inputs?.[INTERNAL_INPUTS.importId];
        const removing = op === "replace" || op === "delete";
        const deleted = type === "FraudsterRegistrationJob" && removing ? fraudstersDeletedWith(olds) : 0;
        const speakersDeleted = type === "SpeakerEnrollmentJob" && removing ? speakersDeletedWith(olds) : 0;
        changes.push({
            type,
            name,
            urn,
            op,
            reasons,
            consequence: line?.consequence ?? consequence(type, op, olds, typeof importId === "string" ? importId : undefined),
            fraudstersDeleted: deleted,
            ...(speakersDeleted ? { speakersDeleted } : {}),
            ...((deleted || speakersDeleted) && typeof olds.jobId === "string" ? { jobId: olds.jobId } : {}),
        });
    }
    changes.sort((a, b) => (a.type + a.name < b.type + b.name ? -1 : a.type + a.name > b.type + b.name ? 1 : 0));
    const fraudstersDeleted = changes.reduce((n, c) => n + c.fraudstersDeleted, 0);
    const domainsDeleted = changes.filter((c) => c.type === "VoiceIdDomain" && (c.op === "delete" || c.op === "replace")).length;
    const speakersDeleted = changes.reduce((n, c) => n + (c.speakersDeleted ?? 0), 0);
    return {
        changes, fraudstersDeleted, domainsDeleted, ...(speakersDeleted ? { speakersDeleted } : {}),
        destructive: fraudstersDeleted > 0 || speakersDeleted > 0 || domainsDeleted > 0,
    };
}

const JOB_SECTIONS: [PlanOp, string][] = [
    ["create", "Jobs to start"],
    ["replace", "Jobs to replace"],
    ["import", "Jobs to adopt"],
    ["delete", "Jobs to forget"],
    ["update", "Jobs updated in place"],
];

const OP_WORD: Record<PlanOp, string> = { create: "created", import: "adopted", update: "updated", replace: "replaced", delete: "deleted" };

function reasonText(c: PlannedChange): string {
    return c.reasons.length ? c.reasons.map((r) => (r.startsWith("(") ? r : `\`${r}\``)).join(", ") : "";
}

/** The markdown of a plan, for a pull-request comment. */
export function renderMarkdown(plan: PlanSummary): string {
    const out: string[] = ["## Voice ID plan", ""];
    if (!plan.changes.length) {
        out.push("No Voice ID resource changes.");
        return out.join("\n") + "\n";
    }
    const headline: string[] = [];
    const count = (pred: (c: PlannedChange) => boolean) => plan.changes.filter(pred).length;
    const jobs = (op: PlanOp) => count((c) => c.type === "FraudsterRegistrationJob" && c.op === op);
    if (jobs("create") + jobs("replace")) headline.push(`${jobs("create") + jobs("replace")} registration job(s) will run`);
    const enrollments = (op: PlanOp) => count((c) => c.type === "SpeakerEnrollmentJob" && c.op === op);
    if (enrollments("create") + enrollments("replace")) headline.push(`${enrollments("create") + enrollments("replace")} enrollment job(s) will run`);
    if (plan.fraudstersDeleted) headline.push(`**${fraudsters(plan.fraudstersDeleted)} will be deleted**`);
    if (plan.speakersDeleted) headline.push(`**${speakers(plan.speakersDeleted)} will be deleted**`);
    if (plan.domainsDeleted) headline.push(`**${plan.domainsDeleted} domain(s) will be deleted, with their fraudsters**`);
    out.push(plan.destructive ? `:warning: Destructive: ${headline.join("; ")}.` : headline.length ? `${headline.join("; ")}.` : "No job runs and nothing is deleted.", "");

    for (const [op, title] of JOB_SECTIONS) {
        const list = plan.changes.filter((c) => c.type === "FraudsterRegistrationJob" && c.op === op);
        if (!list.length) continue;
        out.push(`### ${title}`, "");
        for (const c of list) out.push(`- \`${c.name}\`${c.reasons.length ? ` (${reasonText(c)})` : ""}: ${c.consequence}`);
        out.push("");
    }
    const enrollmentJobs = plan.changes.filter((c) => c.type === "SpeakerEnrollmentJob");
    if (enrollmentJobs.length) {
        out.push("### Speaker enrollment jobs", "");
        for (const c of enrollmentJobs) out.push(`- \`${c.name}\` ${OP_WORD[c.op]}${c.reasons.length ? ` (${reasonText(c)})` : ""}: ${c.consequence}`);
        out.push("");
    }
    const deleting = plan.changes.filter((c) => c.fraudstersDeleted > 0);
    if (deleting.length) {
        out.push("### Fraudsters to delete", "");
        for (const c of deleting) out.push(`- ${fraudsters(c.fraudstersDeleted)} registered by job ${c.jobId ?? "(unknown)"} (\`${c.name}\`, ${c.op === "replace" ? "replaced" : "deleted"}; \`deleteFraudstersOnDestroy\`)`);
        out.push("");
    }
    const deletingSpeakers = plan.changes.filter((c) => (c.speakersDeleted ?? 0) > 0);
    if (deletingSpeakers.length) {
        out.push("### Speakers to delete", "");
        for (const c of deletingSpeakers) out.push(`- ${speakers(c.speakersDeleted!)} enrolled by job ${c.jobId ?? "(unknown)"} (\`${c.name}\`, ${c.op === "replace" ? "replaced" : "deleted"}; \`deleteSpeakersOnDestroy\`)`);
        out.push("");
    }
    for (const [type, title] of [["VoiceIdDomain", "Domains"], ["Watchlist", "Watchlists"]] as const) {
        const list = plan.changes.filter((c) => c.type === type);
        if (!list.length) continue;
        out.push(`### ${title}`, "", "| resource | change | reason | consequence |", "|---|---|---|---|");
        for (const c of list) out.push(`| \`${c.name}\` | ${OP_WORD[c.op]} | ${reasonText(c) || "-"} | ${c.consequence} |`);
        out.push("");
    }
    return out.join("\n");
}

/** Preview → markdown. */
export function summarize(preview: Preview): string {
    return renderMarkdown(planOf(preview));
}
