/**
 * What every resource class does with its constructor arguments before handing them to
 * `pulumi.dynamic.Resource`, in one place, and the base class that does it. Program side only
 * (loads `@pulumi/pulumi`).
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { takeImport } from "./importing";
import { INTERNAL_INPUTS } from "./engineView";
import { programScope } from "./programScope";
import { voiceIdTypeToken } from "./typeTokens";

/** Where calls go; every resource accepts these. */
export interface TargetArgs {
    region?: pulumi.Input<string>;
    endpoint?: pulumi.Input<string>;
}

/** Options of a static `get`: resource options plus where to look. */
export type GetOptions = pulumi.CustomResourceOptions & { region?: string; endpoint?: string };

/** The shape of one resource type, for {@link dynamicResourceInputs}. */
export interface ResourceShape {
    /** Every output key: declared (undefined until the engine answers) so the Output properties exist. */
    outputs: readonly string[];
    /**
     * Outputs that are always secret because of what they hold, whatever the inputs (e.g. the
     * fraudster ids a job registered). Outputs named like an input are secret exactly when that
     * input is: the engine marks them (a provider without secret support gets them back).
     */
    secretOutputs: readonly string[];
}

/**
 * The props and options of one of our dynamic resources:
 * - for `get` (an `id` option): only where to look and the program scope;
 * - otherwise the args as given (secret exactly when the program made them secret, as in
 *   `@pulumi/aws`), the program scope (identity for idempotency tokens, stack config
 *   region/endpoint), and `{ import }` carried as an input (the engine's import read cannot load
 *   a dynamic provider: importing.ts). Scope and import id go under `__` keys, which the
 *   engine's diff display hides (engineView.ts): a reviewer sees only what the program wrote;
 * - the shape's secret outputs added to `additionalSecretOutputs`.
 */
export function dynamicResourceInputs<A extends TargetArgs>(
    name: string,
    args: A,
    opts: pulumi.CustomResourceOptions | undefined,
    shape: ResourceShape,
    /** The type token, when the scope should carry the resource's URN. */
    type?: string,
): { props: Record<string, unknown>; opts: pulumi.CustomResourceOptions } {
    const taken = takeImport(opts);
    const scope = programScope(name, type, taken.opts?.parent);
    const props: Record<string, unknown> = {};
    for (const k of shape.outputs) props[k] = undefined;
    if (taken.opts?.id !== undefined) {
        Object.assign(props, { region: args?.region, endpoint: args?.endpoint, [INTERNAL_INPUTS.scope]: scope });
    } else {
        Object.assign(props, args, { [INTERNAL_INPUTS.scope]: scope, [INTERNAL_INPUTS.importId]: taken.importId });
    }
    const secrets = [...(taken.opts?.additionalSecretOutputs ?? []), ...shape.secretOutputs];
    return { props, opts: secrets.length ? { ...taken.opts, additionalSecretOutputs: secrets } : { ...taken.opts } };
}

/** Splits a static `get`'s options into the args (where to look) and the resource options. */
export function getArgs<A>(
    id: pulumi.Input<pulumi.ID>,
    opts: GetOptions | undefined,
): { args: A; opts: pulumi.CustomResourceOptions } {
    const { region, endpoint, ...rest } = opts ?? {};
    return { args: { region, endpoint } as unknown as A, opts: { ...rest, id } };
}

/** Whether `obj` is a resource with type token `token` (works across package copies). */
export function hasTypeToken(obj: unknown, token: string): boolean {
    return !!obj && (obj as { __pulumiType?: string }).__pulumiType === token;
}

/**
 * The base of every resource class: a dynamic resource of the `voiceid` module, its props and
 * options made by {@link dynamicResourceInputs}. `type` is the type name recorded in state
 * (never the class name: a renamed class keeps its token).
 */
export abstract class VoiceIdResource extends pulumi.dynamic.Resource {
    /** The region the resource lives in, however it was chosen (argument, stack config, environment, profile). */
    declare readonly effectiveRegion: pulumi.Output<string | undefined>;

    protected constructor(
        provider: pulumi.dynamic.ResourceProvider,
        type: string,
        name: string,
        /** The resource's args: its own and {@link TargetArgs}. */
        args: object,
        opts: pulumi.CustomResourceOptions | undefined,
        shape: ResourceShape,
    ) {
        const { props, opts: options } = dynamicResourceInputs(
            name,
            args as TargetArgs,
            opts,
            shape,
            voiceIdTypeToken(type),
        );
        // The SDK records a formatted stack trace on the promise of every property it registers
        // (for its promise-leak report, printed only under PULUMI_DEBUG_PROMISE_LEAKS); with the
        // 29 properties of a job that was a third of a preview's time. Registration is
        // synchronous here, so the limit is lowered for exactly its duration. The resource's
        // source position is unaffected (the SDK lifts the limit to read it), and an error thrown
        // by registration gets its stack back from this constructor on.
        const limit = Error.stackTraceLimit;
        const shortStacks = !process.env.PULUMI_DEBUG_PROMISE_LEAKS;
        if (shortStacks) Error.stackTraceLimit = 0;
        try {
            super(provider, name, props, options, "voiceid", type);
        } catch (e) {
            Error.stackTraceLimit = limit;
            if (shortStacks && e instanceof Error) Error.captureStackTrace(e);
            throw e;
        }
        Error.stackTraceLimit = limit;
    }
}
