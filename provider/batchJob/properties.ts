/**
 * How a batch-job kind declares its inputs: each input once, with what a change of it does
 * (`jobs/properties.ts`, `enrollment/properties.ts`). Every list the provider and the resource
 * class use (known inputs, replace and update keys, outputs, what an update keeps) is derived
 * here from that declaration.
 * @module
 */
import type { BaseJobInputs } from "./args";

/** What an input does to the job when it changes. */
export type InputRole =
    /** Sent to Voice ID (or `triggers`): a change starts a new job. */
    | { replace: true; described?: boolean }
    /** A provider knob: updated in place; `absent` is the value an absent input stands for. */
    | { update: true; absent: unknown }
    /** Region/endpoint: compared as a target (see `shared/scope.ts`). */
    | { target: true }
    /** Filled by the resource class (program scope, `{ import }`). */
    | { internal: true };

/** Declares a job kind's inputs in order, with their roles (the one list every other derives from). */
export type InputDeclaration = Record<string, InputRole>;

/**
 * A declaration of every input of `Inputs`: `satisfies InputsOf<JobInputs>` makes a forgotten
 * input, or a misspelled config or delete option, fail to compile.
 */
export type InputsOf<Inputs> = { [K in keyof Required<Inputs>]: InputRole };

const replace: InputRole = { replace: true, described: true };
/** Replaces the job but is not part of what Voice ID reports back (ClientToken, triggers). */
const replaceOnly: InputRole = { replace: true, described: false };
const update = (absent: unknown): InputRole => ({ update: true, absent });
const target: InputRole = { target: true };
const internal: InputRole = { internal: true };

/** Default `timeoutSeconds` of a batch job: 6 hours. */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 6 * 3600;

/**
 * The inputs of a Voice ID batch job in order: the start request's members with the kind's
 * config block, the provider's knobs with the kind's delete option, the target and the scope.
 */
export function batchJobInputs<Config extends string, Delete extends string>(
    configInput: Config,
    deleteInput: Delete,
    defaultTimeoutSeconds = DEFAULT_JOB_TIMEOUT_SECONDS,
): Record<keyof BaseJobInputs | Config | Delete, InputRole> {
    const declared = {
        domainId: replace,
        dataAccessRoleArn: replace,
        inputDataConfig: replace,
        outputDataConfig: replace,
        [configInput]: replace,
        jobName: replace,
        clientToken: replaceOnly,
        waitForCompletion: update(true),
        timeoutSeconds: update(defaultTimeoutSeconds),
        failOnErrors: update(false),
        [deleteInput]: update(false),
        triggers: replaceOnly,
        region: target,
        endpoint: target,
        scope: internal,
        importId: internal,
    };
    return declared satisfies InputsOf<BaseJobInputs> as Record<keyof BaseJobInputs | Config | Delete, InputRole>;
}

/**
 * `names` when it lists every key of `T`, in the order given: a misspelled name or a forgotten
 * one does not compile (`allKeys<JobResults>()([...])`).
 */
export function allKeys<T>() {
    return <const Names extends readonly (keyof T & string)[]>(
        names: Names &
            ([Exclude<keyof T, Names[number]>] extends [never]
                ? unknown
                : { missing: Exclude<keyof T, Names[number]> }),
    ): Names => names;
}

/** The lists derived from a declaration. */
export interface DerivedProperties {
    /** Top-level input names the resource accepts (anything else is a typo). */
    knownInputs: readonly string[];
    /** Inputs whose change replaces the job. */
    replaceKeys: readonly string[];
    /** Inputs updated in place, with the value an absent input stands for. */
    updateKeys: Record<string, unknown>;
    /** Job-defining inputs Voice ID reports back (read by refresh, `.get()`, import checks). */
    described: readonly string[];
    /** Every output the resource class declares. */
    outputNames: readonly string[];
    /** Outputs the job produced, kept across an update. */
    produced: readonly string[];
}

/** Outputs the core records for every kind, besides the kind's results. */
const STATUS_OUTPUTS = ["jobId", "jobStatus", "createdAt", "endedAt", "percentComplete", "failureDetails"] as const;
const CORE_PRODUCED = [...STATUS_OUTPUTS, "effectiveClientToken", "tokenGeneration", "outputFileS3Uri"] as const;

/** Derives every property list of a kind from its input declaration and result names. */
export function deriveProperties(inputs: InputDeclaration, results: readonly string[]): DerivedProperties {
    const entries = Object.entries(inputs);
    const keys = (pick: (r: InputRole) => boolean) => entries.filter(([, r]) => pick(r)).map(([k]) => k);
    const described = keys((r) => "replace" in r && r.described === true);
    const produced = [...CORE_PRODUCED, ...results, "resultsStatus"];
    return {
        knownInputs: entries.map(([k]) => k),
        replaceKeys: keys((r) => "replace" in r),
        updateKeys: Object.fromEntries(
            entries.filter(([, r]) => "update" in r).map(([k, r]) => [k, (r as { absent: unknown }).absent]),
        ),
        described,
        outputNames: [...described, ...produced, "effectiveRegion"],
        produced,
    };
}
