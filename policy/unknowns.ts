/**
 * `@pulumi/policy`'s unknown-value proxy and its error, loaded from the SDK's own `proxy` module
 * (a file with no dependencies) instead of the package's index, which starts `@pulumi/pulumi`'s
 * runtime (about 0.35 s). The rules catch {@link UnknownValueError} and both hosts of the pack
 * (`@pulumi/policy`'s server in the folder form, `host/` in the executable) throw it: the SDK's
 * index re-exports this very class, so one `instanceof` recognizes it under either host.
 * @module
 */

/** An unknown value met by a property read: its path (`["outputDataConfig", "kmsKeyId"]`). */
export interface UnknownValue extends Error {
    readonly props: string[];
}

/** What `@pulumi/policy/proxy` exports (its published typings declare none of it). */
interface ProxyModule {
    UnknownValueError: new (unknownTypeSentinel: string, props: string[]) => UnknownValue;
    unknownCheckingProxy<T extends object>(toProxy: T): T;
}

const proxy: ProxyModule = require("@pulumi/policy/proxy");

/** Thrown by a property read of {@link unknownCheckingProxy} that meets a value unknown during preview. */
export const UnknownValueError = proxy.UnknownValueError;

/** Wraps deserialized properties so that reading an unknown value throws {@link UnknownValueError}. */
export const unknownCheckingProxy = proxy.unknownCheckingProxy;
