/**
 * The type token of this package's dynamic resources, in one place: the resource classes
 * register under it, and the policy pack and `plan-summary` recognize them by it. Data-only (no
 * `@pulumi/pulumi`), so the policy pack's start does not load the provider's modules.
 * @module
 */

/** The type token of a resource of this package's `voiceid` module (`pulumi-nodejs:dynamic/voiceid:<type>`). */
export function voiceIdTypeToken(type: string): string {
    return `pulumi-nodejs:dynamic/voiceid:${type}`;
}
