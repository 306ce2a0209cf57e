/**
 * The program-side context a dynamic resource passes to its provider, and what follows from it:
 * where calls go (region/endpoint as declared) and the identity used for idempotency tokens.
 *
 * The provider process sees neither the program's project, stack nor config, so resource
 * classes put them in a `scope` input (see `programScope.ts`). This module is data-only: the
 * provider side imports it without loading `@pulumi/pulumi`.
 * @module
 */
import { EndpointInputs } from "./settings";
import { REGION_PATTERN, Validator } from "./validation";

/** Program context recorded with a resource (all optional: `.get()` and old states lack it). */
export interface ResourceScope {
    /** Pulumi project name. */
    project?: string;
    /** Pulumi stack name. */
    stack?: string;
    /** Logical name of the resource in the program. */
    name?: string;
    /** Stack config `voiceid:region`, else `aws:region`. */
    configRegion?: string;
    /** Stack config `voiceid:endpoint`. */
    configEndpoint?: string;
}

/** Inputs every Voice ID resource shares: explicit target and scope. */
export interface TargetInputs {
    region?: string;
    endpoint?: string;
    scope?: ResourceScope;
}

/** What `resolveSettings` needs, from a resource's inputs. */
export function endpointInputsOf(inputs: TargetInputs): EndpointInputs {
    return {
        region: inputs.region,
        endpoint: inputs.endpoint,
        configRegion: inputs.scope?.configRegion,
        configEndpoint: inputs.scope?.configEndpoint,
    };
}

/**
 * Region and endpoint as the program fixes them (resource args, else stack config). The
 * environment is deliberately not part of it: changing `AWS_REGION` between runs must not
 * replace resources, while changing a declared region must.
 */
export function declaredTargetOf(inputs: TargetInputs): { region?: string; endpoint?: string } {
    const out: { region?: string; endpoint?: string } = {};
    const region = inputs.region || inputs.scope?.configRegion;
    const endpoint = inputs.endpoint || inputs.scope?.configEndpoint;
    if (region) out.region = region;
    if (endpoint) out.endpoint = endpoint;
    return out;
}

/** Validates `region` and `endpoint` inputs (shared rule text with the other resources). */
export function validateTarget(v: Validator, inputs: Record<string, unknown>): void {
    if (inputs.region !== undefined) v.pattern("region", inputs.region, REGION_PATTERN, "must be an AWS region name such as us-east-1");
    if (inputs.endpoint !== undefined) {
        v.pattern("endpoint", inputs.endpoint, /^https?:\/\/[^\s/]+(\/.*)?$/, "must be an http:// or https:// URL");
    }
}
