/**
 * The pull-request comment of a Voice ID plan. What a reviewer must not miss comes first and is
 * never collapsed nor cut: the stack, what the plan deletes (with counts and reasons). Then one
 * section per resource kind, grouped by operation, each change with its inputs old => new;
 * sections longer than a screen fold into `<details>`. The comment stays within GitHub's size
 * limit for a comment body: values go first, then list items, each time with a note saying so.
 * @module
 */
import { PlanOp, VoiceIdType } from "../../provider/plan/consequences";
import { countOf, deletionsPhrase } from "./deletions";
import { Preview, nameOfUrn, typeOfUrn } from "./preview";
import { PlannedChange, PlanSummary, planOf } from "./summary";
import { InputChange, SECRET } from "./values";

/** GitHub's limit on a comment body (issue and pull-request comments), in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Default size of the summary: GitHub's limit less 1 KiB for what a workflow adds (a marker line, a footer). */
export const MAX_COMMENT_CHARS = GITHUB_COMMENT_LIMIT - 1_024;

/** Sections with more changes than this fold into `<details>` (a reviewer scrolls past them otherwise). */
export const FOLD_AFTER = 5;

/** Options of {@link renderMarkdown}. */
export interface RenderOptions {
    /** Longest output in characters (default {@link MAX_COMMENT_CHARS}). */
    maxChars?: number;
}

/** A code span that survives backticks inside the text. */
function code(text: string): string {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
    const fence = "`".repeat(longest + 1);
    return longest ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

interface Section {
    type: VoiceIdType;
    title: string;
    noun: string;
    ops: [PlanOp, string][];
}

/** Kinds in the order a reviewer weighs them; operations destructive first. */
const SECTIONS: Section[] = [
    {
        type: "FraudsterRegistrationJob",
        title: "Registration jobs",
        noun: "registration job",
        ops: [
            ["replace", "to replace"],
            ["delete", "to forget"],
            ["update", "updated in place"],
            ["create", "to start"],
            ["import", "to adopt"],
        ],
    },
    {
        type: "SpeakerEnrollmentJob",
        title: "Enrollment jobs",
        noun: "enrollment job",
        ops: [
            ["replace", "to replace"],
            ["delete", "to forget"],
            ["update", "updated in place"],
            ["create", "to start"],
            ["import", "to adopt"],
        ],
    },
    {
        type: "VoiceIdDomain",
        title: "Domains",
        noun: "domain",
        ops: [
            ["replace", "to replace"],
            ["delete", "to delete"],
            ["update", "updated in place"],
            ["create", "to create"],
            ["import", "to adopt"],
        ],
    },
    {
        type: "Watchlist",
        title: "Watchlists",
        noun: "watchlist",
        ops: [
            ["replace", "to replace"],
            ["delete", "to delete"],
            ["update", "updated in place"],
            ["create", "to create"],
            ["import", "to adopt"],
        ],
    },
];

function valueText(v: string | undefined): string {
    if (v === undefined) return "(not set)";
    return v === SECRET || v === "(known after apply)" ? v : code(v);
}

function inputLine(c: InputChange): string {
    return `  - ${code(c.path)}: ${valueText(c.old)} => ${valueText(c.new)}`;
}

/** Property paths as code; a note such as `(secret values: name)` as words, without its parentheses. */
function reasonText(c: PlannedChange): string {
    return c.reasons.map((r) => (r.startsWith("(") && r.endsWith(")") ? r.slice(1, -1) : code(r))).join(", ");
}

function changeLines(c: PlannedChange, values: boolean): string[] {
    const why = c.reasons.length ? ` (${reasonText(c)})` : "";
    return [`- ${code(c.name)}${why}: ${c.consequence}`, ...(values ? c.inputs.map(inputLine) : [])];
}

/** How the output was shortened to fit. */
interface Shortening {
    /** Inputs' old => new values left out. */
    values: boolean;
    /** Changes listed per section, at most. */
    maxItems: number;
}

function headline(plan: PlanSummary): string {
    const runs = (type: VoiceIdType, noun: string) => {
        const n = plan.changes.filter((c) => c.type === type && (c.op === "create" || c.op === "replace")).length;
        return n ? [`${plural(n, noun)} will run`] : [];
    };
    const jobs = [
        ...runs("FraudsterRegistrationJob", "registration job"),
        ...runs("SpeakerEnrollmentJob", "enrollment job"),
    ];
    if (plan.destructive)
        return `:warning: **Destructive: this plan deletes ${deletionsPhrase(plan)}.**${jobs.length ? ` ${jobs.join("; ")}.` : ""}`;
    return jobs.length ? `${jobs.join("; ")}; nothing is deleted.` : "No job runs and nothing is deleted.";
}

/**
 * One short line per deletion (a plan of 50 replaced jobs stays a screenful): the count, where it
 * comes from, the resource and why. The jobs' consequences are in their sections; a domain's or a
 * watchlist's is short and says what goes with it, so it stays here.
 */
function deletionLines(plan: PlanSummary): string[] {
    if (!plan.deletions.length) return [];
    const out = ["### Deleted by this plan", ""];
    for (const d of plan.deletions) {
        const upTo = d.op === "replace" && (d.what === "fraudsters" || d.what === "speakers") ? "up to " : "";
        const from =
            d.what === "fraudsters"
                ? ` registered by job ${d.jobId ?? "(unknown)"}`
                : d.what === "speakers"
                  ? ` enrolled by job ${d.jobId ?? "(unknown)"}`
                  : "";
        const why =
            d.op === "replace" ? `replaced${d.reasons.length ? ` (${d.reasons.map(code).join(", ")})` : ""}` : d.reason;
        const what = d.what === "domain" || d.what === "watchlist" ? `: ${d.consequence}` : "";
        out.push(`- **${upTo}${countOf(d.what, d.count)}**${from}: ${code(d.resource)}, ${why}${what}`);
    }
    const replaced = plan.deletions.filter(
        (d) => d.op === "replace" && (d.what === "fraudsters" || d.what === "speakers"),
    );
    if (replaced.length) {
        out.push(
            "",
            'Fraudsters and speakers of a replaced job go (`deleteFraudstersOnDestroy`, `deleteSpeakersOnDestroy`) only once its new job succeeded, and those the new job finds again are kept: hence "up to".',
        );
    }
    out.push("");
    return out;
}

/** One section's lines, and how many of its changes were left out. */
function sectionLines(plan: PlanSummary, s: Section, shortening: Shortening): { lines: string[]; omitted: number } {
    const list = plan.changes.filter((c) => c.type === s.type);
    if (!list.length) return { lines: [], omitted: 0 };
    const groups = s.ops
        .map(([op, label]) => ({ label, items: list.filter((c) => c.op === op) }))
        .filter((g) => g.items.length);
    const counts = groups.map((g) => `${g.items.length} ${g.label}`).join(", ");
    const body: string[] = [];
    let shown = 0;
    for (const g of groups) {
        const room = Math.max(0, shortening.maxItems - shown);
        const items = g.items.slice(0, room);
        shown += items.length;
        if (!items.length) continue;
        // The heading already says it when the section has one kind of operation.
        if (groups.length > 1) body.push(`**${g.label[0].toUpperCase()}${g.label.slice(1)} (${g.items.length})**`, "");
        for (const c of items) body.push(...changeLines(c, shortening.values));
        body.push("");
    }
    const omitted = list.length - shown;
    if (omitted) body.push(`- … and ${plural(omitted, s.noun)} more, not listed (comment size limit)`, "");
    const lines = [`### ${s.title}: ${counts}`, ""];
    if (list.length > FOLD_AFTER)
        lines.push(
            "<details>",
            `<summary>Show the ${plural(list.length, s.noun)}</summary>`,
            "",
            ...body,
            "</details>",
            "",
        );
    else lines.push(...body);
    return { lines, omitted };
}

/**
 * The policy violations, never folded nor cut (like the deletions: a reviewer must see them):
 * one line each, the level, the policy, the resource and what the policy said.
 */
function violationLines(plan: PlanSummary): string[] {
    const list = plan.policyViolations ?? [];
    if (!list.length) return [];
    const advisory = list.length - (plan.mandatoryViolations ?? 0);
    const counts = [
        plan.mandatoryViolations ? `${plan.mandatoryViolations} mandatory` : "",
        advisory ? `${advisory} advisory` : "",
    ]
        .filter(Boolean)
        .join(", ");
    const out = [`### Policy violations: ${counts}`, ""];
    if (plan.mandatoryViolations)
        out.push(
            "The preview failed on the mandatory ones: fix them, or change the policy's level in the stack's policy config.",
            "",
        );
    for (const v of list) {
        const on = v.urn ? ` on ${code(nameOfUrn(v.urn))} (${typeOfUrn(v.urn)})` : " on the stack";
        out.push(`- **${v.level}** ${code(v.policy)}${on}: ${v.message.replace(/\s*\n\s*/g, " ")}`);
    }
    out.push("");
    return out;
}

function render(plan: PlanSummary, shortening: Shortening, max: number): string {
    const where = plan.stack ? ` for stack ${code(plan.stack.stack)} (project ${code(plan.stack.project)})` : "";
    const out: string[] = [`## Voice ID plan${where}`, ""];
    if (!plan.changes.length) return [...out, ...violationLines(plan), "No Voice ID resource changes.", ""].join("\n");
    out.push(headline(plan), "");
    out.push(...violationLines(plan));
    const sections = SECTIONS.map((s) => sectionLines(plan, s, shortening));
    const omitted = sections.reduce((n, s) => n + s.omitted, 0);
    const cut = [
        ...(shortening.values ? [] : ["old => new values left out"]),
        ...(omitted ? [`${plural(omitted, "change")} not listed`] : []),
    ];
    if (cut.length) {
        out.push(
            `> Shortened to fit a pull-request comment (${max.toLocaleString("en-US")} characters): ${cut.join("; ")}. ` +
                "Run `pulumi-voiceid plan-summary` on the preview JSON for the whole plan.",
            "",
        );
    }
    out.push(...deletionLines(plan));
    for (const s of sections) out.push(...s.lines);
    if (plan.warnings.length)
        out.push("### Warnings", "", ...plan.warnings.map((w) => `- ${w.replace(/\s*\n\s*/g, " ")}`), "");
    return out.join("\n");
}

/**
 * The markdown of a plan, for a pull-request comment, at most `maxChars` long: if the whole plan
 * does not fit, the inputs' values are left out, then the sections list fewer changes (the
 * deletions are always listed); the comment says what was left out.
 */
export function renderMarkdown(plan: PlanSummary, opts: RenderOptions = {}): string {
    const max = opts.maxChars ?? MAX_COMMENT_CHARS;
    const full = render(plan, { values: true, maxItems: Infinity }, max);
    if (full.length <= max) return full;
    const withoutValues = render(plan, { values: false, maxItems: Infinity }, max);
    if (withoutValues.length <= max) return withoutValues;
    // The most changes per section that still fit (fewer items never make the text longer).
    let lo = 0;
    let hi = plan.changes.length;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (render(plan, { values: false, maxItems: mid }, max).length <= max) lo = mid;
        else hi = mid - 1;
    }
    const fitted = render(plan, { values: false, maxItems: lo }, max);
    if (fitted.length <= max) return fitted;
    // Even the deletions alone are too long: cut at a line, and say so.
    const note =
        "\n\n… cut here to fit a pull-request comment: run `pulumi-voiceid plan-summary` on the preview JSON for the whole plan.\n";
    const room = fitted.lastIndexOf("\n", max - note.length);
    return fitted.slice(0, Math.max(0, room)) + note;
}

/** Preview → markdown. */
export function summarize(preview: Preview, opts: RenderOptions = {}): string {
    return renderMarkdown(planOf(preview), opts);
}
