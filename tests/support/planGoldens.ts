/**
 * Preview JSON captured from real runs as golden inputs of the plan-summary tests
 * (tests/fixtures/plan/, read by tests/unit/plan): run-specific values made stable.
 * @module
 */
import { TestProgram } from "./pulumi";
import { repoRoot } from "./repo";

/** Replaces run-specific values (ids, project suffixes, paths, times) with stable placeholders. */
export function normalizePreview(text: string, program: TestProgram, ids: Record<string, string>): string {
    let out = text
        .split(program.project)
        .join("plan-demo")
        .split(program.dir)
        .join("/project")
        .split(repoRoot)
        .join("/repo");
    for (const [value, name] of Object.entries(ids)) out = out.split(value).join(name);
    // Other Voice ID ids (22 mixed-case alphanumerics): one stable placeholder per distinct id.
    const seen = new Map<string, string>();
    out = out.replace(/\b[a-zA-Z0-9]{22}\b/g, (m) => {
        if (!(/[0-9]/.test(m) && /[a-z]/.test(m) && /[A-Z]/.test(m))) return m;
        if (!seen.has(m)) seen.set(m, `ID${String(seen.size + 1).padStart(20, "0")}`);
        return seen.get(m)!;
    });
    out = out.replace(/"(startTime|endTime|modified|created|time|timestamp)":\s*("[^"]*"|\d+)/g, '"$1": 0');
    return out;
}

/** An engine event stream (JSON lines) without its debug messages, which name local paths and change every run. */
export function withoutDebugEvents(stream: string): string {
    return (
        stream
            .split("\n")
            .filter((line) => line.trim() && JSON.parse(line).diagnosticEvent?.severity !== "debug")
            .join("\n") + "\n"
    );
}
