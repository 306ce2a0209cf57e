/**
 * The engine's JSON event stream (`pulumi preview --json` with
 * `PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1`: one engine event per line) read as a preview. The
 * digest that plain `--json` prints drops policy events (the CLI's JSON display skips them), so
 * the stream is the one machine-readable form that carries policy violations; this module turns
 * it into the same {@link Preview} the digest gives, plus the violations.
 * @module
 */
import type { PolicyViolation, Preview, PreviewDiagnostic, PreviewState, PreviewStep } from "./previewShape";

/** The parts of an engine event this package reads (apitype.EngineEvent). */
interface EngineEvent {
    sequence?: number;
    resourcePreEvent?: { metadata?: StepMetadata };
    diagnosticEvent?: { urn?: string; prefix?: string; message?: string; severity?: string; ephemeral?: boolean };
    policyEvent?: {
        resourceUrn?: string;
        message?: string;
        policyName?: string;
        policyPackName?: string;
        policyPackVersion?: string;
        enforcementLevel?: string;
    };
    summaryEvent?: { resourceChanges?: Record<string, number> };
}

interface StepMetadata {
    op?: string;
    urn?: string;
    old?: PreviewState | null;
    new?: PreviewState | null;
    keys?: string[];
    diffs?: string[];
    detailedDiff?: Record<string, { kind?: string }> | null;
}

/** Parses JSON lines; undefined unless every non-empty line is an object and the first carries `sequence` (an engine event). */
export function parseEventLines(text: string): EngineEvent[] | undefined {
    const lines = text
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    if (lines.length < 2) return undefined;
    const events: EngineEvent[] = [];
    for (const line of lines) {
        try {
            const e = JSON.parse(line);
            if (!e || typeof e !== "object" || Array.isArray(e)) return undefined;
            events.push(e);
        } catch {
            return undefined;
        }
    }
    return typeof events[0].sequence === "number" ? events : undefined;
}

function state(s: PreviewState | null | undefined): PreviewState | undefined {
    return s ? { urn: s.urn, type: s.type, id: s.id, inputs: s.inputs ?? {}, outputs: s.outputs ?? {} } : undefined;
}

/** The first line of a policy event's message is the policy's description; the rest is what the policy reported. */
function violationText(message: string): { description: string; message: string } {
    const lines = message.trim().split("\n");
    return lines.length > 1
        ? { description: lines[0].trim(), message: lines.slice(1).join("\n").trim() }
        : { description: "", message: lines[0]?.trim() ?? "" };
}

/** The preview the events describe, as the digest would have it, with the policy violations. */
export function previewOfEvents(events: EngineEvent[]): Preview {
    const steps: PreviewStep[] = [];
    const diagnostics: PreviewDiagnostic[] = [];
    const policyViolations: PolicyViolation[] = [];
    let changeSummary: Record<string, number> | undefined;
    for (const e of events) {
        const m = e.resourcePreEvent?.metadata;
        if (m && typeof m.op === "string" && typeof m.urn === "string") {
            const oldState = state(m.old);
            const newState = state(m.new);
            steps.push({
                op: m.op,
                urn: m.urn,
                ...(oldState ? { oldState } : {}),
                ...(newState ? { newState } : {}),
                ...(m.keys ? { replaceReasons: m.keys } : {}),
                ...(m.diffs ? { diffReasons: m.diffs } : {}),
                ...(m.detailedDiff ? { detailedDiff: m.detailedDiff } : {}),
            });
        }
        const d = e.diagnosticEvent;
        // As the digest: no debug or ephemeral messages; the prefix ("warning: ") kept.
        if (d && typeof d.message === "string" && d.severity !== "debug" && !d.ephemeral) {
            diagnostics.push({
                ...(d.urn ? { urn: d.urn } : {}),
                message: (d.prefix ?? "") + d.message,
                ...(d.severity ? { severity: d.severity } : {}),
            });
        }
        const p = e.policyEvent;
        if (p && typeof p.message === "string") {
            policyViolations.push({
                policy: p.policyName ?? "(unnamed policy)",
                pack: p.policyPackName ?? "(unnamed pack)",
                ...(p.policyPackVersion ? { packVersion: p.policyPackVersion } : {}),
                level: p.enforcementLevel ?? "advisory",
                ...(p.resourceUrn ? { urn: p.resourceUrn } : {}),
                ...violationText(p.message),
            });
        }
        if (e.summaryEvent?.resourceChanges) changeSummary = e.summaryEvent.resourceChanges;
    }
    return { steps, diagnostics, policyViolations, ...(changeSummary ? { changeSummary } : {}) };
}
