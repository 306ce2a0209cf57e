/**
 * What the analyzer host serves: a policy pack as `@pulumi/policy` authors it (`PolicyPackArgs`:
 * the same `ResourceValidationPolicy` / `StackValidationPolicy` objects), its name and version,
 * and the checks `@pulumi/policy`'s `serve()` makes before it listens, with its messages.
 * @module
 */
import type {
    Policy,
    PolicyPackArgs,
    PolicyPackConfig,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { isEnforcementLevel } from "./levels";

/** A policy pack to serve. */
export interface AnalyzerPack {
    /** The pack's name (`^[a-zA-Z0-9-_.]{1,100}$`), in every violation. */
    name: string;
    /** The pack's version (its package.json's), in every violation (`voiceid@v0.2.0`). */
    version: string;
    /** Policies, description and the pack's default enforcement level, as given to `new PolicyPack`. */
    args: PolicyPackArgs;
    /** The pack's initial config (`new PolicyPack`'s third argument), reported in GetAnalyzerInfo. */
    initialConfig?: PolicyPackConfig;
}

/** The level of a policy without one (and of the pack without one), as in `@pulumi/policy`. */
export const DEFAULT_ENFORCEMENT_LEVEL = "advisory";

const PACK_NAME = /^[a-zA-Z0-9-_.]{1,100}$/;

/** True when the policy validates resources (a function, or an array of functions), or remediates them. */
export function isResourcePolicy(p: Policy): p is ResourceValidationPolicy {
    const validation = (p as ResourceValidationPolicy).validateResource;
    if (typeof validation === "function") return true;
    if (Array.isArray(validation)) return validation.every((v) => typeof v === "function");
    return typeof (p as ResourceValidationPolicy).remediateResource === "function";
}

/** True when the policy validates the whole stack. */
export function isStackPolicy(p: Policy): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

/** The `__pulumiType` a resource class (or a `validateResourceOfType` function) carries, if any. */
export function pulumiTypeOf(obj: unknown): string | undefined {
    const t = (obj as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof t === "string" && t.length > 0 ? t : undefined;
}

/**
 * Throws, naming the pack or the policy, when `@pulumi/policy`'s `serve()` would refuse the pack
 * (same messages), and when this host cannot serve it faithfully: an unknown enforcement level
 * (`@pulumi/policy` fails later, in GetAnalyzerInfo) or a remediation (this host runs
 * validations only; serve such a pack with `@pulumi/policy`, the folder form).
 */
export function checkPack(pack: AnalyzerPack): void {
    if (!pack.name || !PACK_NAME.test(pack.name)) {
        throw new Error(
            `Invalid policy pack name "${pack.name}". Policy pack names may only contain alphanumerics, hyphens, underscores, or periods.`,
        );
    }
    if (!pack.version) throw new Error(`policy pack "${pack.name}": the version is empty (package.json "version")`);
    if (pack.args.enforcementLevel !== undefined && !isEnforcementLevel(pack.args.enforcementLevel)) {
        throw new Error(
            `policy pack "${pack.name}": enforcementLevel "${pack.args.enforcementLevel}" is not one of advisory, mandatory, remediate, disabled`,
        );
    }
    for (const policy of pack.args.policies ?? []) {
        if (policy.name === "all") throw new Error('Invalid policy name "all". "all" is a reserved name.');
        if (policy.configSchema?.properties?.enforcementLevel) {
            throw new Error("enforcementLevel cannot be explicitly specified in properties.");
        }
        if (policy.configSchema?.required?.includes("enforcementLevel")) {
            throw new Error('"enforcementLevel" cannot be specified in required.');
        }
        if (policy.enforcementLevel !== undefined && !isEnforcementLevel(policy.enforcementLevel)) {
            throw new Error(
                `policy "${policy.name}": enforcementLevel "${policy.enforcementLevel}" is not one of advisory, mandatory, remediate, disabled`,
            );
        }
        if (typeof (policy as ResourceValidationPolicy).remediateResource === "function") {
            throw new Error(
                `policy "${policy.name}": remediateResource is not supported by this analyzer host (it runs validations only); serve the pack with @pulumi/policy's PolicyPack instead`,
            );
        }
        if (!isResourcePolicy(policy) && !isStackPolicy(policy)) {
            throw new Error(
                `policy "${(policy as Policy).name}": neither validateResource (functions) nor validateStack (a function)`,
            );
        }
    }
}
