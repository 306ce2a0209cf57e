/**
 * The parts of a policy's arguments read from the request, as `@pulumi/policy` 1.21 builds them
 * (server.js): resource options (`protect`, `ignoreChanges`, `aliases`, `customTimeouts`,
 * `additionalSecretOutputs`, and `deleteBeforeReplace` / `parent` when set), the provider
 * resource, `isType` / `asType`, and `notApplicable`.
 * @module
 */
import type { PolicyProviderResource, PolicyResourceOptions } from "@pulumi/policy";
import { pulumiTypeOf } from "./definition";
import { propertiesOf } from "./properties";
import { analyzer } from "./proto";

/** Options of a resource; throws `@pulumi/policy`'s message when the engine sent none (a CLI older than the protocol). */
export function resourceOptionsOf(r: analyzer.AnalyzeRequest | analyzer.AnalyzerResource): PolicyResourceOptions {
    const opts = r.getOptions();
    if (!opts) {
        throw new Error(
            "A more recent version of the Pulumi CLI is required. " +
                "To upgrade, see https://www.pulumi.com/docs/get-started/install/",
        );
    }
    const timeouts = opts.getCustomtimeouts();
    const result: PolicyResourceOptions = {
        protect: opts.getProtect(),
        ignoreChanges: opts.getIgnorechangesList(),
        aliases: opts.getAliasesList(),
        customTimeouts: {
            createSeconds: timeouts?.getCreate() ?? 0.0,
            updateSeconds: timeouts?.getUpdate() ?? 0.0,
            deleteSeconds: timeouts?.getDelete() ?? 0.0,
        },
        additionalSecretOutputs: opts.getAdditionalsecretoutputsList(),
    };
    if (opts.getDeletebeforereplacedefined()) result.deleteBeforeReplace = opts.getDeletebeforereplace();
    if (opts.getParent()) result.parent = opts.getParent();
    return result;
}

/** The resource's provider (type, properties, URN, name), or undefined when the engine sent none. */
export function providerOf(r: analyzer.AnalyzeRequest | analyzer.AnalyzerResource): PolicyProviderResource | undefined {
    const prov = r.getProvider();
    if (!prov) return undefined;
    return {
        type: prov.getType(),
        props: propertiesOf(prov.getProperties(), "AnalyzerProviderResource.properties"),
        urn: prov.getUrn(),
        name: prov.getName(),
    };
}

/** `args.isType(resourceClass)`: by the class's `__pulumiType`, else its `isInstance`. */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = pulumiTypeOf(resourceClass);
    if (pulumiType) return type === pulumiType;
    const isInstance = (resourceClass as { isInstance?: unknown } | undefined)?.isInstance;
    return !!isInstance && typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** Thrown by `args.notApplicable(reason)`: the policy does not apply to this resource (or stack). */
export class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

/** `args.notApplicable`. */
export function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}
