/**
 * The program-side context a dynamic resource passes to its provider, and what follows from it:
 * where calls go (region/endpoint as declared, and what that means for the plan) and the identity
 * used for idempotency tokens.
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
    /**
     * The resource's URN, so provider lines show on its row (`engineLog.ts`). Bookkeeping only:
     * never part of a token or a diff.
     */
    urn?: string;
}

/** Inputs every Voice ID resource shares: explicit target and scope. */
export interface TargetInputs {
    region?: string;
    endpoint?: string;
    scope?: ResourceScope;
}

/** Outputs every resource records about where it lives. */
export interface TargetOutputs {
    /**
     * The region the resource was created in, whatever decided it (argument, stack config,
     * environment, profile). Absent in states written by 0.1.0.
     */
    effectiveRegion?: string;
}

/**
 * Where calls go when nothing is declared, in the provider process: the region of the
 * environment or profile, the Voice ID endpoint of the environment.
 */
export interface AmbientTarget {
    region?: string;
    endpoint?: string;
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

/** The region calls go to: the declared one, else the ambient one. */
export function effectiveRegionOf(inputs: TargetInputs, ambient: AmbientTarget): string | undefined {
    return declaredTargetOf(inputs).region ?? ambient.region;
}

const trimSlash = (u: string | undefined) => u?.replace(/\/+$/, "");

/**
 * Which of `region` and `endpoint` replace a resource, comparing where it lives with where the
 * new inputs point, whatever the way either was expressed:
 *
 * - region: the recorded effective region (else, for states without it, the declared one, else
 *   the ambient one) against the new effective region. Declaring the region already in effect
 *   changes nothing; a real move replaces.
 * - endpoint: only declared endpoints count, so a local service restarting on another port (an
 *   endpoint in the environment) changes nothing. A declared endpoint is compared with the
 *   ambient one when the other side declares none: declaring the endpoint in use changes nothing.
 * - a value unknown at preview replaces (it may point elsewhere).
 */
export function targetReplaces(
    olds: TargetInputs & TargetOutputs,
    news: TargetInputs,
    ambient: AmbientTarget,
    isUnknown: (v: unknown) => boolean,
): ("region" | "endpoint")[] {
    const out: ("region" | "endpoint")[] = [];
    const o = declaredTargetOf(olds);
    const n = declaredTargetOf(news);
    if (isUnknown(news.region) || isUnknown(news.scope?.configRegion)) {
        out.push("region");
    } else {
        // Compatibility shim (0.1.0 state without effectiveRegion), may be removed in 1.0.0: docs/compatibility.md
        const before = olds.effectiveRegion ?? o.region ?? ambient.region;
        const after = n.region ?? ambient.region;
        if (before && after && before !== after) out.push("region");
    }
    if (isUnknown(news.endpoint) || isUnknown(news.scope?.configEndpoint)) {
        out.push("endpoint");
    } else if (trimSlash(o.endpoint) !== trimSlash(n.endpoint)) {
        const before = trimSlash(o.endpoint ?? ambient.endpoint);
        const after = trimSlash(n.endpoint ?? ambient.endpoint);
        if (before !== after) out.push("endpoint");
    }
    return out;
}

/** Validates `region` and `endpoint` inputs (shared rule text with the other resources). */
export function validateTarget(v: Validator, inputs: Record<string, unknown>): void {
    if (inputs.region !== undefined)
        v.pattern("region", inputs.region, REGION_PATTERN, "must be an AWS region name such as us-east-1");
    if (inputs.endpoint !== undefined) {
        v.pattern("endpoint", inputs.endpoint, /^https?:\/\/[^\s/]+(\/.*)?$/, "must be an http:// or https:// URL");
    }
}
