/**
 * Whether a program's declaration of a batch job matches the job it imports: one pure comparison
 * that `check` runs at preview and `create` runs again before adopting the job, so the plan and
 * the update cannot disagree.
 * @module
 */
import { ImportMismatch, describeMismatch } from "../shared/importing";
import { Failure } from "../shared/validation";
import type { BaseJobInputs } from "./args";
import type { JobView } from "./api";
import { definitionMismatches } from "./definition";
import type { JobKind } from "./kind";

/**
 * Declared values that differ from the job's, declared => job's, by property path (the job
 * definition's members: `definition.ts`). An undeclared value means "any"; a value unknown at
 * preview (another resource's output) is not judged; the job name is compared, never shown.
 */
export function importMismatches(
    kind: Pick<JobKind, "configInput">,
    inputs: Partial<BaseJobInputs> & Record<string, unknown>,
    job: JobView,
): ImportMismatch[] {
    return definitionMismatches(kind.configInput, inputs, job);
}

/** The mismatches as `check` failures, one on each property, naming the job and the fix. */
export function importFailures(importId: string, mismatches: readonly ImportMismatch[]): Failure[] {
    return mismatches.map((m) => ({
        property: m.property,
        reason:
            `must match the job being imported (${importId}); declared => job's: ${describeMismatch(m)}. ` +
            `Declare the job's value to import it, then change it in a later update (which starts a new job)`,
    }));
}
