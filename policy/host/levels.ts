/**
 * Enforcement levels and severities between `@pulumi/policy`'s names (`"mandatory"`, `"high"`)
 * and the protocol's enums, as `@pulumi/policy` 1.21 maps them (protoutil.js), with its error
 * messages.
 * @module
 */
import type { EnforcementLevel, Severity } from "@pulumi/policy";
import { analyzerpb } from "./proto";

const LEVELS: Record<EnforcementLevel, number> = {
    advisory: analyzerpb.EnforcementLevel.ADVISORY,
    mandatory: analyzerpb.EnforcementLevel.MANDATORY,
    remediate: analyzerpb.EnforcementLevel.REMEDIATE,
    disabled: analyzerpb.EnforcementLevel.DISABLED,
};

/** True for the four levels a policy or a config may name. */
export function isEnforcementLevel(level: unknown): level is EnforcementLevel {
    return typeof level === "string" && Object.prototype.hasOwnProperty.call(LEVELS, level);
}

/** The protocol's enum value of a level; throws `Unknown enforcement level type '...'` for any other string. */
export function levelToProto(level: string | undefined): number {
    if (!isEnforcementLevel(level)) throw new Error(`Unknown enforcement level type '${level}'`);
    return LEVELS[level];
}

/** The level an enum value names; throws `Unknown enforcement level N.` for any other value. */
export function levelFromProto(value: number): EnforcementLevel {
    for (const [name, v] of Object.entries(LEVELS)) if (v === value) return name as EnforcementLevel;
    throw new Error(`Unknown enforcement level ${value}.`);
}

const SEVERITIES: Record<Severity, number> = {
    low: analyzerpb.PolicySeverity.POLICY_SEVERITY_LOW,
    medium: analyzerpb.PolicySeverity.POLICY_SEVERITY_MEDIUM,
    high: analyzerpb.PolicySeverity.POLICY_SEVERITY_HIGH,
    critical: analyzerpb.PolicySeverity.POLICY_SEVERITY_CRITICAL,
};

/** The protocol's severity; anything else is UNSPECIFIED (as in `@pulumi/policy`). */
export function severityToProto(severity: string | undefined): number {
    return severity && Object.prototype.hasOwnProperty.call(SEVERITIES, severity)
        ? SEVERITIES[severity as Severity]
        : analyzerpb.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED;
}
