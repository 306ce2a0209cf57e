/**
 * Where a resource's API calls go: region and endpoint, resolved in a fixed order.
 *
 *   1. the resource's own `region` / `endpoint` arguments;
 *   2. stack config `voiceid:region` (then `aws:region`) and `voiceid:endpoint`, read by the
 *      resource class in the program and passed to the provider as inputs (the provider process
 *      has no config of its own it could rely on);
 *   3. the standard AWS environment: `AWS_REGION` / `AWS_DEFAULT_REGION`,
 *      `AWS_ENDPOINT_URL_<SERVICE>` then `AWS_ENDPOINT_URL`;
 *   4. the SDK's default chain (shared config profile).
 *
 * Credentials are never an input: they come from the SDK's default chain (environment, profile,
 * SSO, instance role), so nothing secret or machine-specific lands in the stack's state.
 * @module
 */

/** The inputs that influence where calls go (all optional). */
export interface EndpointInputs {
    /** Resource argument `region`. */
    region?: string;
    /** Resource argument `endpoint`. */
    endpoint?: string;
    /** Stack config region (`voiceid:region`, else `aws:region`). */
    configRegion?: string;
    /** Stack config endpoint (`voiceid:endpoint`). */
    configEndpoint?: string;
}

/** Resolved target of a client. `undefined` fields are left to the SDK's default chain. */
export interface ClientSettings {
    region?: string;
    endpoint?: string;
}

/** Environment variable suffix of a service (`Voice ID` -> `VOICE_ID`). */
export function serviceEnvSuffix(serviceId: string): string {
    return serviceId.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

/** Region per the order above; undefined means "let the SDK decide". */
export function resolveRegion(inputs: EndpointInputs, env: NodeJS.ProcessEnv = process.env): string | undefined {
    return inputs.region || inputs.configRegion || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

/** Endpoint of `serviceId` (SDK service id, e.g. "Voice ID", "S3") per the order above. */
export function resolveEndpoint(
    serviceId: string,
    inputs: EndpointInputs,
    env: NodeJS.ProcessEnv = process.env,
): string | undefined {
    return (
        inputs.endpoint ||
        inputs.configEndpoint ||
        env[`AWS_ENDPOINT_URL_${serviceEnvSuffix(serviceId)}`] ||
        env.AWS_ENDPOINT_URL ||
        undefined
    );
}

/**
 * Settings for the service a resource manages. Resource-level `endpoint` applies to that service
 * only; companion services (S3 for result files) use {@link companionSettings}.
 */
export function resolveSettings(
    serviceId: string,
    inputs: EndpointInputs,
    env: NodeJS.ProcessEnv = process.env,
): ClientSettings {
    return { region: resolveRegion(inputs, env), endpoint: resolveEndpoint(serviceId, inputs, env) };
}

/** Settings for another service used alongside (same region; endpoint from the environment only). */
export function companionSettings(
    serviceId: string,
    inputs: EndpointInputs,
    env: NodeJS.ProcessEnv = process.env,
): ClientSettings {
    return { region: resolveRegion(inputs, env), endpoint: resolveEndpoint(serviceId, {}, env) };
}
