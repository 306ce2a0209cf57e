/**
 * What the engine tells the analyzer before it analyzes: the policy config (Configure: each
 * policy's level and settings, already validated against the config schemas and given their
 * defaults by the engine, which also expands `"all"`) and the stack's tags (ConfigureStack).
 * Read as `@pulumi/policy` 1.21 reads them: a policy's level is its configured level, else its
 * own, else the pack's; `getConfig()` is its configured settings without the level, or `{}`.
 * @module
 */
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import { levelFromProto } from "./levels";
import { analyzer } from "./proto";

/** A policy's configured settings, with its level. */
type PolicyConfig = Record<string, unknown> & { enforcementLevel: EnforcementLevel };

/** The engine's configuration of one served pack. */
export class PackState {
    private config: Record<string, PolicyConfig> = {};
    private tags: ReadonlyMap<string, string> = freeze(new Map());

    constructor(private readonly packLevel: EnforcementLevel) {}

    /** Configure: replaces the whole config (the engine sends every policy's). */
    configure(req: analyzer.ConfigureAnalyzerRequest): void {
        const config: Record<string, PolicyConfig> = {};
        for (const [name, v] of req.getPolicyconfigMap().entries() as Iterable<[string, analyzer.PolicyConfig]>) {
            const properties = v.getProperties();
            if (!properties) {
                throw new Error(
                    `Configure: policyConfig["${name}"] has no properties (the engine sends a Struct, empty when the policy has no settings)`,
                );
            }
            config[name] = {
                ...(properties.toJavaScript() as Record<string, unknown>),
                enforcementLevel: levelFromProto(v.getEnforcementlevel()),
            };
        }
        this.config = config;
    }

    /** ConfigureStack: the stack's tags, for `args.stackTags`. */
    configureStack(req: analyzer.AnalyzerStackConfigureRequest): void {
        const tags = new Map<string, string>();
        req.getTagsMap().forEach((v: string, k: string) => tags.set(k, v));
        this.tags = freeze(tags);
    }

    /** The stack's tags (read-only). */
    get stackTags(): ReadonlyMap<string, string> {
        return this.tags;
    }

    /** The level a policy runs at now. */
    levelOf(policy: Policy): EnforcementLevel {
        return this.config[policy.name]?.enforcementLevel || policy.enforcementLevel || this.packLevel;
    }

    /** `args.getConfig` of a policy: its configured settings without the level, `{}` when none. */
    getConfigOf(policyName: string): <T extends object>() => T {
        return <T extends object>() => {
            const c = this.config[policyName];
            if (!c) return {} as T;
            const { enforcementLevel: _level, ...properties } = c;
            return properties as T;
        };
    }
}

/** A read-only view of a map, as `@pulumi/policy` hands stack tags to policies. */
function freeze(map: Map<string, string>): ReadonlyMap<string, string> {
    return Object.freeze({
        entries: map.entries.bind(map),
        forEach: map.forEach.bind(map),
        get: map.get.bind(map),
        has: map.has.bind(map),
        keys: map.keys.bind(map),
        size: map.size,
        values: map.values.bind(map),
        [Symbol.iterator]: map[Symbol.iterator].bind(map),
    });
}
