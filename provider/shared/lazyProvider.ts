/**
 * The serialized half of a dynamic provider: about 2.7 KB per resource (the `jobs-serialized`
 * benchmark, docs/benchmarks.md) that `require` the real implementation by package name when the
 * engine calls them.
 *
 * Pulumi serializes the provider object into every resource's state (`__provider`). Capturing
 * SDK clients or our modules would serialize their code too (or fail). Instead each method here
 * closes over one string, the module's package path, and loads it at call time from the
 * program's directory (where the dynamic provider host resolves modules). Upgrading the package
 * then changes behaviour without touching state, and the state holds no absolute paths.
 *
 * The implementation module must export any of `check`, `diff`, `create`, `read`, `update`,
 * `delete` with the `pulumi.dynamic.ResourceProvider` signatures. Calls go through
 * `engineView.ts`, which hides the resource classes' bookkeeping inputs from the engine's diffs,
 * keeps partial state usable (it carries `__provider`) and prints expected refusals once.
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
    // Every method body is self-contained: serialization captures `modulePath` and nothing else
    // (the engineView specifier is a literal).
    return {
        async check(olds: any, news: any) {
            return require("pulumi-voiceid/provider/shared/engineView").dispatch(modulePath, "check", [olds, news]);
        },
        async diff(id: string, olds: any, news: any) {
            return require("pulumi-voiceid/provider/shared/engineView").dispatch(modulePath, "diff", [id, olds, news]);
        },
        async create(inputs: any) {
            return require("pulumi-voiceid/provider/shared/engineView").dispatch(modulePath, "create", [inputs]);
        },
        async read(id: string, props: any) {
            return require("pulumi-voiceid/provider/shared/engineView").dispatch(modulePath, "read", [id, props]);
        },
        async update(id: string, olds: any, news: any) {
            return require("pulumi-voiceid/provider/shared/engineView").dispatch(modulePath, "update", [
                id,
                olds,
                news,
            ]);
        },
        async delete(id: string, props: any) {
            return require("pulumi-voiceid/provider/shared/engineView").dispatch(modulePath, "delete", [id, props]);
        },
    };
}
