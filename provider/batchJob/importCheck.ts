/**
 * Whether a program's declaration of a batch job matches the job it imports: one pure comparison
 * that `check` runs at preview and `create` runs again before adopting the job, so the plan and
 * the update cannot disagree.
 * @module
 */
import { ImportMismatch, describeMismatch } from "../shared/importing";
import { Failure, containsUnknown, isUnknown } from "../shared/validation";
import { BaseJobInputs, JobKind, JobView } from "./kind";

type Declared = Partial<BaseJobInputs> & Record<string, unknown>;

/** The job-level members compared, with how the job reports each and whether it is sensitive. */
const MEMBERS: { property: string; declared: (i: Declared) => unknown; actual: (j: JobView) => unknown; sensitive?: boolean }[] = [
    { property: "dataAccessRoleArn", declared: (i) => i.dataAccessRoleArn, actual: (j) => j.dataAccessRoleArn },
    { property: "inputDataConfig.s3Uri", declared: (i) => i.inputDataConfig?.s3Uri, actual: (j) => j.inputDataConfig?.s3Uri },
    { property: "outputDataConfig.s3Uri", declared: (i) => i.outputDataConfig?.s3Uri, actual: (j) => j.outputDataConfig?.s3Uri },
    { property: "outputDataConfig.kmsKeyId", declared: (i) => i.outputDataConfig?.kmsKeyId, actual: (j) => j.outputDataConfig?.kmsKeyId },
];
/** Voice ID's model marks job names sensitive: compared, never shown (listed last). */
const JOB_NAME = { property: "jobName", declared: (i: Declared) => i.jobName, actual: (j: JobView) => j.jobName, sensitive: true };

/**
 * Declared values that differ from the job's, declared => job's. An undeclared value means "any";
 * a value unknown at preview (another resource's output) is not judged.
 */
export function importMismatches(kind: Pick<JobKind, "configInput" | "configMismatches">, inputs: Declared, job: JobView): ImportMismatch[] {
    const differing = (m: (typeof MEMBERS)[number]): ImportMismatch[] => {
        const declared = m.declared(inputs);
        if (declared === undefined || containsUnknown(declared)) return [];
        const actual = m.actual(job);
        return JSON.stringify(declared) === JSON.stringify(actual) ? [] : [{ property: m.property, declared, actual, ...(m.sensitive ? { sensitive: true } : {}) }];
    };
    const config = inputs[kind.configInput];
    return [
        ...MEMBERS.flatMap(differing),
        // A block unknown as a whole is not judged; unknown members inside one are skipped one by one.
        ...(isUnknown(config) ? [] : kind.configMismatches(config as Record<string, unknown> | undefined, job.config)),
        ...differing(JOB_NAME),
    ];
}

/** The mismatches as `check` failures, one on each property, naming the job and the fix. */
export function importFailures(importId: string, mismatches: readonly ImportMismatch[]): Failure[] {
    return mismatches.map((m) => ({
        property: m.property,
        reason: `must match the job being imported (${importId}); declared => job's: ${describeMismatch(m)}. ` +
            `Declare the job's value to import it, then change it in a later update (which starts a new job)`,
    }));
}
