/**
 * The serialized half of a dynamic provider: a few KB that `require` the real
 * implementation by package name when the engine calls them.
 *
 * Pulumi serializes the provider object into every resource's state (`__provider`). Capturing
 * SDK clients or our modules would serialize their code too (or fail). Instead each method here
 * closes over one string, the module's package path, and loads it at call time from the
 * program's directory (where the dynamic provider host resolves modules). Upgrading the package
 * then changes behaviour without touching state, and the state holds no absolute paths.
 *
 * The implementation module must export any of `check`, `diff`, `create`, `read`, `update`,
 * `delete` with the `pulumi.dynamic.ResourceProvider` signatures.
 *
 * Partial state: the dynamic provider host records the `properties` of an error thrown by
 * `create` or `update` (see `partial.ts`) exactly as they are, while every later operation
 * (`read`, `update`'s olds, `delete`) loads the provider from `__provider` in those recorded
 * outputs. The wrapper therefore puts the serialized provider it was called with back into the
 * partial state, so a FAILED or timed-out job stays usable.
 *
 * Refusals: for `delete` the host prints a thrown error with its stack trace
 * (`${e}: ${e.stack}` on stderr, shown in the display) and then the engine reports its message.
 * For an expected refusal (an error with `expected: true`, see `partial.ts`) the wrapper drops
 * that one stderr line, so the message is printed once, without a stack trace.
 * @module
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * A provider delegating to `require(modulePath)`. `modulePath` must be a package specifier
 * (e.g. `pulumi-voiceid/provider/jobs/provider`), never a filesystem path.
 */
export function lazyProvider(modulePath: string): pulumi.dynamic.ResourceProvider {
    if (modulePath.startsWith("/") || modulePath.startsWith(".") || /^[A-Za-z]:[\\/]/.test(modulePath)) {
        throw new Error(`lazyProvider: "${modulePath}" must be a package specifier, not a path`);
    }
    // Every method body is self-contained: serialization captures `modulePath` and nothing else.
    return {
        async check(olds: any, news: any) {
            return require(modulePath).check(olds, news);
        },
        async diff(id: string, olds: any, news: any) {
            return require(modulePath).diff(id, olds, news);
        },
        async create(inputs: any) {
            try {
                return await require(modulePath).create(inputs);
            } catch (e: any) {
                if (e && e.id && e.properties && typeof e.properties === "object" && inputs && inputs.__provider) {
                    e.properties.__provider = inputs.__provider;
                }
                throw e;
            }
        },
        async read(id: string, props: any) {
            return require(modulePath).read(id, props);
        },
        async update(id: string, olds: any, news: any) {
            try {
                return await require(modulePath).update(id, olds, news);
            } catch (e: any) {
                if (e && e.id && e.properties && typeof e.properties === "object" && news && news.__provider) {
                    e.properties.__provider = news.__provider;
                }
                throw e;
            }
        },
        async delete(id: string, props: any) {
            try {
                return await require(modulePath).delete(id, props);
            } catch (e: any) {
                if (e && e.expected === true) {
                    const line = `${e}: ${e.stack}`;
                    const original = console.error;
                    const filter = (...args: any[]) => {
                        if (args.length === 1 && args[0] === line) console.error = original;
                        else original.apply(console, args);
                    };
                    console.error = filter;
                    setTimeout(() => {
                        if (console.error === filter) console.error = original;
                    }, 2000).unref();
                }
                throw e;
            }
        },
    };
}
