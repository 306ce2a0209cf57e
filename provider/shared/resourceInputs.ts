/**
 * What every resource class does with its constructor arguments before handing them to
 * `pulumi.dynamic.Resource`, in one place. Program side only (loads `@pulumi/pulumi`).
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { takeImport } from "./importing";
import { programScope } from "./programScope";

/** Where calls go; every resource accepts these. */
export interface TargetArgs {
    region?: pulumi.Input<string>;
    endpoint?: pulumi.Input<string>;
}

/** Options of a static `get`: resource options plus where to look. */
export type GetOptions = pulumi.CustomResourceOptions & { region?: string; endpoint?: string };

/** The shape of one resource type, for {@link dynamicResourceInputs}. */
export interface ResourceShape<A> {
    /** Every output key: declared (undefined until the engine answers) so the Output properties exist. */
    outputs: readonly string[];
    /** Outputs that hold sensitive values. */
    secretOutputs: readonly string[];
    /** Inputs to keep secret, e.g. `{ name: pulumi.secret(args.name) }`; they override `args`. */
    sensitive(args: A): Record<string, unknown>;
}

/**
 * The props and options of one of our dynamic resources:
 * - for `get` (an `id` option): only where to look and the program scope;
 * - otherwise the args with their sensitive values made secret, the program scope (identity for
 *   idempotency tokens, stack config region/endpoint), and `{ import }` carried as the
 *   `importId` input (the engine's import read cannot load a dynamic provider: importing.ts);
 * - the shape's secret outputs added to `additionalSecretOutputs`.
 */
export function dynamicResourceInputs<A extends TargetArgs>(
    name: string,
    args: A,
    opts: pulumi.CustomResourceOptions | undefined,
    shape: ResourceShape<A>,
): { props: Record<string, unknown>; opts: pulumi.CustomResourceOptions } {
    const taken = takeImport(opts);
    const props: Record<string, unknown> = {};
    for (const k of shape.outputs) props[k] = undefined;
    if (taken.opts?.id !== undefined) {
        Object.assign(props, { region: args?.region, endpoint: args?.endpoint, scope: programScope(name) });
    } else {
        Object.assign(props, args, shape.sensitive(args), { scope: programScope(name), importId: taken.importId });
    }
    const secrets = [...(taken.opts?.additionalSecretOutputs ?? []), ...shape.secretOutputs];
    return { props, opts: { ...taken.opts, additionalSecretOutputs: secrets } };
}

/** Splits a static `get`'s options into the args (where to look) and the resource options. */
export function getArgs<A>(id: pulumi.Input<pulumi.ID>, opts: GetOptions | undefined): { args: A; opts: pulumi.CustomResourceOptions } {
    const { region, endpoint, ...rest } = opts ?? {};
    return { args: { region, endpoint } as unknown as A, opts: { ...rest, id } };
}
