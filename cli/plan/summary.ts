/**
 * A Voice ID plan as a reviewer needs it: which jobs start, are replaced, adopted or forgotten,
 * what each changed input goes from and to, and every deletion (fraudsters, speakers, domains,
 * watchlists) with its count and reason. Pure: preview data in, data out (`markdown.ts` writes
 * the pull-request comment).
 * @module
 */
import { INTERNAL_INPUTS } from "../../provider/shared/engineView";
import { voiceIdTypeToken } from "../../provider/shared/typeTokens";
import {
    JobFacts,
    PlanOp,
    VoiceIdType,
    consequence,
    fraudstersDeletedWith,
    parsePlanLine,
    speakersDeletedWith,
} from "../../provider/plan/consequences";
import { PolicyViolation, Preview, PreviewDiagnostic, PreviewStep, nameOfUrn, stackOfUrn, typeOfUrn } from "./preview";
import { inputChanges, secretInputs } from "./values";
import { DeletedKind, Deletion, deletionsOf } from "./deletions";
import type { PlannedChange } from "./change";

export type { PlannedChange } from "./change";

/** Type tokens of this package's resources. */
const TYPES: Record<string, VoiceIdType> = Object.fromEntries(
    (["FraudsterRegistrationJob", "SpeakerEnrollmentJob", "VoiceIdDomain", "Watchlist"] as const).map((t) => [
        voiceIdTypeToken(t),
        t,
    ]),
);

/** The whole plan. */
export interface PlanSummary {
    /** The stack the preview ran on (from the URNs); absent when the preview has no step. */
    stack?: { project: string; stack: string };
    changes: PlannedChange[];
    /** Every destructive item, fraudsters first; the gate (`--fail-on destroy`) fails on any. */
    deletions: Deletion[];
    fraudstersDeleted: number;
    /** Domains replaced or deleted (their fraudsters go with them). */
    domainsDeleted: number;
    /** Speakers deleted with enrollment jobs (`deleteSpeakersOnDestroy`); absent when none. */
    speakersDeleted?: number;
    /** Watchlists replaced or deleted; absent when none. */
    watchlistsDeleted?: number;
    /** True when the plan deletes fraudsters, speakers, domains or watchlists. */
    destructive: boolean;
    /** Warnings the providers printed about Voice ID resources during the preview. */
    warnings: string[];
    /**
     * Policy violations of any resource (mandatory first), when the preview was read from the
     * engine's event stream; absent when there are none.
     */
    policyViolations?: PolicyViolation[];
    /** Mandatory violations: the preview failed on them. Absent when none. */
    mandatoryViolations?: number;
}

const LEVEL_ORDER: Record<string, number> = { mandatory: 0, remediate: 1, advisory: 2 };

/** Mandatory first, then by resource and policy: the order a reviewer acts on them. */
function sortViolations(list: PolicyViolation[]): PolicyViolation[] {
    return [...list].sort(
        (a, b) =>
            (LEVEL_ORDER[a.level] ?? 3) - (LEVEL_ORDER[b.level] ?? 3) ||
            nameOfUrn(a.urn ?? "").localeCompare(nameOfUrn(b.urn ?? ""), "en", { numeric: true }) ||
            a.policy.localeCompare(b.policy),
    );
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

function typeOf(step: PreviewStep): VoiceIdType | undefined {
    return TYPES[step.newState?.type ?? step.oldState?.type ?? ""] ?? TYPES[voiceIdTypeToken(typeOfUrn(step.urn))];
}

/** A `[voiceid] plan:` line's resource: by URN when the engine attributed it, else by type and name. */
function lineFor(diagnostics: PreviewDiagnostic[], urn: string, type: VoiceIdType, name: string, op: PlanOp) {
    const parsed = diagnostics.map((d) => ({ urn: d.urn, line: parsePlanLine(d.message) }));
    const own = parsed.find((p) => p.urn === urn && p.line?.op === op)?.line;
    return own ?? parsed.find((p) => !p.urn && p.line?.type === type && p.line.name === name && p.line.op === op)?.line;
}

/** Why a resource is deleted: `pulumi destroy` deletes the stack resource too; otherwise it left the program. */
function deleteReason(preview: Preview): string {
    const destroy = preview.steps.some((s) => s.op === "delete" && typeOfUrn(s.urn) === "pulumi:pulumi:Stack");
    return destroy ? "the stack is destroyed" : "removed from the program";
}

/** Builds the plan from a parsed preview. */
export function planOf(preview: Preview): PlanSummary {
    const byUrn = new Map<string, { ops: Set<string>; step: PreviewStep }>();
    for (const step of preview.steps) {
        if (!typeOf(step) || step.op === "same" || step.op === "read" || step.op === "refresh") continue;
        const entry = byUrn.get(step.urn) ?? { ops: new Set<string>(), step };
        entry.ops.add(step.op);
        // The `replace` step carries both states; prefer it, else any step with an old state.
        if (step.op === "replace" || (!entry.step.oldState && step.oldState)) entry.step = step;
        byUrn.set(step.urn, entry);
    }
    const changes: PlannedChange[] = [];
    for (const [urn, { ops, step }] of byUrn) {
        const op = opOf(ops, step);
        if (!op) continue;
        const type = typeOf(step)!;
        const name = nameOfUrn(urn);
        const olds = (step.oldState?.outputs ?? {}) as JobFacts & Record<string, unknown>;
        const line = lineFor(preview.diagnostics, urn, type, name, op);
        const changed =
            op === "update" || op === "replace" ? inputChanges(step.oldState?.inputs, step.newState?.inputs) : [];
        let reasons: string[] = [];
        if (op === "replace") reasons = line?.reasons ?? (step.replaceReasons ?? []).filter((r) => !r.startsWith("__"));
        else if (op === "update") reasons = changed.map((c) => c.path);
        if (op === "update" && !reasons.length) {
            const hidden = secretInputs(step.oldState?.inputs, step.newState?.inputs);
            reasons = [hidden.length ? `(secret values: ${hidden.join(", ")})` : "(secret values)"];
        }
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
            inputs: changed,
            consequence:
                line?.consequence ??
                consequence(
                    type,
                    op,
                    olds,
                    typeof importId === "string" ? importId : undefined,
                    step.replaceReasons ?? [],
                ),
            fraudstersDeleted: deleted,
            ...(speakersDeleted ? { speakersDeleted } : {}),
            ...((deleted || speakersDeleted) && typeof olds.jobId === "string" ? { jobId: olds.jobId } : {}),
        });
    }
    // Numbers in names in their order (job-2 before job-10): plans of many similar resources read in order.
    changes.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name, "en", { numeric: true }));
    const deletions = deletionsOf(changes, deleteReason(preview));
    const sum = (what: DeletedKind) => deletions.filter((d) => d.what === what).reduce((n, d) => n + d.count, 0);
    const speakersDeleted = sum("speakers");
    const watchlistsDeleted = sum("watchlist");
    const stack = preview.steps.map((s) => stackOfUrn(s.urn)).find((s) => s !== undefined);
    const voiceIdUrns = new Set(changes.map((c) => c.urn));
    const violations = sortViolations(preview.policyViolations ?? []);
    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    const warnings = preview.diagnostics
        .filter(
            (d) => d.severity === "warning" && ((d.urn && voiceIdUrns.has(d.urn)) || /^\[voiceid\]/.test(d.message)),
        )
        .map((d) => d.message.trim());
    return {
        ...(stack ? { stack } : {}),
        changes,
        deletions,
        fraudstersDeleted: sum("fraudsters"),
        domainsDeleted: sum("domain"),
        ...(speakersDeleted ? { speakersDeleted } : {}),
        ...(watchlistsDeleted ? { watchlistsDeleted } : {}),
        destructive: deletions.length > 0,
        warnings,
        ...(violations.length ? { policyViolations: violations } : {}),
        ...(mandatory ? { mandatoryViolations: mandatory } : {}),
    };
}
