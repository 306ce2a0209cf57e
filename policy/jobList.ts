/**
 * Per-stack exceptions by logical name: the rules that a stack may waive for some jobs take a
 * list of names in their config (`"*"`: every job). One schema and one reading for all of them.
 * @module
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/** The config schema of a list of job names, described by what listing a job means. */
export function jobListSchema(meaning: string): PolicyConfigJSONSchema {
    return {
        type: "array",
        items: { type: "string" },
        default: [],
        description: `Logical names of the jobs ${meaning} ("*": all of them).`,
    };
}

/** True when `name` is listed (or the list holds `"*"`). */
export function listed(list: string[] | undefined, name: string): boolean {
    return !!list && (list.includes("*") || list.includes(name));
}
