/**
 * `{ import: "<id>" }` for dynamic resources.
 *
 * The engine imports a resource by calling the provider's Read with the id alone: no inputs, no
 * prior state. A dynamic provider lives inside that state (`__provider`), so the Node.js dynamic
 * provider host has nothing to load and fails ("code must be a string, not undefined"; seen
 * with @pulumi/pulumi 3.276 and the matching CLI). Resource classes therefore take the `import`
 * option out of the resource options and pass the id as an `importId` input instead; the
 * provider's `create` adopts the existing object rather than making one, after checking that it
 * matches the program. Users write the standard option; the plan shows a create.
 *
 * Once adopted, `importId` is inert: `diff` ignores it (like the engine ignores `import` for a
 * resource already in the stack), so leaving the option in the program is harmless.
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * Splits `opts` into the options to give the engine (without `import`) and the id to adopt.
 * A `.get()` (opts.id set) is left alone: the engine reads those with the program's inputs.
 */
export function takeImport<T extends pulumi.CustomResourceOptions>(
    opts: T | undefined,
): { opts: T | undefined; importId?: pulumi.Input<string> } {
    if (!opts || opts.import === undefined || opts.id !== undefined) return { opts };
    const { import: importId, ...rest } = opts;
    return { opts: rest as T, importId: importId as pulumi.Input<string> };
}

/**
 * One declared property that differs from the existing object. Resources whose differing values
 * may be sensitive report the name only; batch jobs report both values (`declared`, `actual`),
 * masked when the property is sensitive in the service's model.
 */
export interface ImportMismatch {
    property: string;
    /** The program's value (present when values are reported). */
    declared?: unknown;
    /** The existing object's value. */
    actual?: unknown;
    /** True when the values are reported but must not be shown (a job name). */
    sensitive?: boolean;
}

/** What stands for a sensitive value in a mismatch. */
export const SENSITIVE = "[sensitive]";

const shown = (m: ImportMismatch, v: unknown) =>
    m.sensitive ? SENSITIVE : v === undefined ? "(not set)" : JSON.stringify(v);

/** `registrationConfig.fraudsterSimilarityThreshold: 85 => 70` (declared => existing). */
export function describeMismatch(m: ImportMismatch): string {
    return "declared" in m || "actual" in m
        ? `${m.property}: ${shown(m, m.declared)} => ${shown(m, m.actual)}`
        : m.property;
}

/** The error for an import whose declaration does not match the existing object. */
export function importMismatchError(type: string, id: string, mismatches: ImportMismatch[]): Error {
    const valued = mismatches.some((m) => "declared" in m || "actual" in m);
    const list = valued
        ? `(declared => existing) ${mismatches.map(describeMismatch).join("; ")}. Change the program to match`
        : `${mismatches.map((m) => m.property).join(", ")}. Change the program to match (values are not shown: they may be sensitive)`;
    return new Error(
        `${type}: cannot import ${id}: the program declares values that differ from the existing object for ${list}, ` +
            `import, then change them in a later update.`,
    );
}
