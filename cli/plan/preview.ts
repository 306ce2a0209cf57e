/**
 * Reading `pulumi preview --json` (and `pulumi destroy --preview-only --json`): the shape this
 * package relies on, checked with errors that say what is wrong with the input.
 * @module
 */
import { parseEventLines, previewOfEvents } from "./events";
import type { Preview, PreviewDiagnostic, PreviewStep } from "./previewShape";

export type { PolicyViolation, Preview, PreviewDiagnostic, PreviewState, PreviewStep } from "./previewShape";

/** Input that is not preview JSON. */
export class PreviewFormatError extends Error {
    constructor(message: string) {
        super(`not the output of \`pulumi preview --json\`: ${message}`);
        this.name = "PreviewFormatError";
    }
}

function isObject(v: unknown): v is Record<string, unknown> {
    return !!v && typeof v === "object" && !Array.isArray(v);
}

/**
 * Parses and checks preview JSON text: the digest of `pulumi preview --json`, or the engine's
 * event stream (`PULUMI_ENABLE_STREAMING_JSON_PREVIEW=1`, one event per line; the one form with
 * policy violations). Text before the JSON (a CLI banner, npm output in a CI log) is skipped up
 * to the first line that starts with `{`.
 */
export function parsePreview(text: string): Preview {
    if (typeof text !== "string" || !text.trim()) throw new PreviewFormatError("the input is empty");
    const start = text.search(/^\{/m);
    if (start < 0)
        throw new PreviewFormatError(
            "no JSON object found (did the preview fail? run it with --json and check its exit code)",
        );
    const events = parseEventLines(text.slice(start));
    if (events) return previewOfEvents(events);
    let doc: unknown;
    try {
        doc = JSON.parse(text.slice(start));
    } catch (err) {
        throw new PreviewFormatError(`invalid JSON (${(err as Error).message})`);
    }
    if (!isObject(doc)) throw new PreviewFormatError("the JSON is not an object");
    if (!("steps" in doc) && !("changeSummary" in doc)) {
        throw new PreviewFormatError(
            `the object has neither "steps" nor "changeSummary" (keys: ${Object.keys(doc).slice(0, 8).join(", ") || "none"})`,
        );
    }
    const steps = doc.steps ?? [];
    if (!Array.isArray(steps)) throw new PreviewFormatError(`"steps" must be a list, got ${typeof steps}`);
    steps.forEach((s, i) => {
        if (!isObject(s)) throw new PreviewFormatError(`steps[${i}] is not an object`);
        if (typeof s.op !== "string") throw new PreviewFormatError(`steps[${i}].op must be a string`);
        if (typeof s.urn !== "string") throw new PreviewFormatError(`steps[${i}].urn must be a string`);
    });
    const diagnostics = doc.diagnostics ?? [];
    if (!Array.isArray(diagnostics)) throw new PreviewFormatError(`"diagnostics" must be a list`);
    return {
        steps: steps as unknown as PreviewStep[],
        diagnostics: diagnostics.filter((d): d is PreviewDiagnostic => isObject(d) && typeof d.message === "string"),
        changeSummary: isObject(doc.changeSummary) ? (doc.changeSummary as Record<string, number>) : undefined,
    };
}

/** `urn:pulumi:stack::project::a$b$type::name` → `name`. */
export function nameOfUrn(urn: string): string {
    return urn.split("::").pop() ?? urn;
}

/** `urn:pulumi:stack::project::a$b$type::name` → `type` (the resource's own type). */
export function typeOfUrn(urn: string): string {
    const parts = urn.split("::");
    return (parts[2] ?? "").split("$").pop() ?? "";
}

/** `urn:pulumi:stack::project::...` → `{ project, stack }`: the URN is where preview JSON names the stack. */
export function stackOfUrn(urn: string): { project: string; stack: string } | undefined {
    const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
    return m ? { stack: m[1], project: m[2] } : undefined;
}
