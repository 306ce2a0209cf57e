/**
 * Confused-deputy protection of the roles Voice ID assumes: a trust policy that lets
 * `voiceid.amazonaws.com` assume a role must bound both the calling account
 * (`aws:SourceAccount`) and the calling domain (`aws:SourceArn`), as VoiceIdDataAccessRole's does.
 * @module
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { trustsVoiceId } from "../../provider/components/policies";
import { VOICE_ID_SERVICE_PRINCIPAL } from "../../provider/shared/policyEval";
import { AWS_TYPES, UNKNOWN, read } from "../resources";

/** The condition keys every Voice ID trust statement must bound. */
export const REQUIRED_CONDITION_KEYS = ["aws:SourceAccount", "aws:SourceArn"] as const;

function statementsOf(policy: string): any[] {
    let text = policy.trim();
    if (/^%7b/i.test(text)) text = decodeURIComponent(text);
    const doc = JSON.parse(text);
    return Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
}

function trustsVoiceIdStatement(s: any): boolean {
    return s?.Effect === "Allow" && trustsVoiceId(JSON.stringify({ Statement: [s] }));
}

/** Condition keys (as written) a statement bounds, under any operator. */
function conditionKeys(s: any): string[] {
    const cond = s?.Condition;
    if (!cond || typeof cond !== "object") return [];
    return Object.values(cond).flatMap((byKey) => (byKey && typeof byKey === "object" ? Object.keys(byKey) : []));
}

/**
 * The condition keys missing from the Allow statements that let Voice ID assume the role, or
 * undefined when the policy does not trust Voice ID (or is not JSON: IAM rejects it anyway).
 */
export function missingTrustConditions(policy: string): string[] | undefined {
    let statements: any[];
    try {
        statements = statementsOf(policy);
    } catch {
        return undefined;
    }
    const voiceId = statements.filter(trustsVoiceIdStatement);
    if (!voiceId.length) return undefined;
    const missing = new Set<string>();
    for (const s of voiceId) {
        const keys = conditionKeys(s).map((k) => k.toLowerCase());
        for (const required of REQUIRED_CONDITION_KEYS)
            if (!keys.includes(required.toLowerCase())) missing.add(required);
    }
    return [...missing];
}

export const voiceIdRoleTrust: ResourceValidationPolicy = {
    name: "voiceid-role-confused-deputy",
    description: "Every IAM role Voice ID may assume bounds aws:SourceAccount and aws:SourceArn in its trust policy.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== AWS_TYPES.role) return;
        const policy = read(args.props, "assumeRolePolicy");
        if (policy === UNKNOWN || policy === undefined) return;
        const text = typeof policy === "string" ? policy : JSON.stringify(policy);
        const missing = missingTrustConditions(text);
        if (!missing?.length) return;
        report(
            `aws:iam:Role ${JSON.stringify(args.name)}: assumeRolePolicy lets ${VOICE_ID_SERVICE_PRINCIPAL} assume the role without ` +
                `bounding ${missing.join(" and ")}, so another account's Voice ID domain could make Voice ID use it (confused deputy). ` +
                "Fix: add a Condition with aws:SourceAccount (your account id) and aws:SourceArn (arn:aws:voiceid:<region>:<account>:domain/<domainId>) " +
                "to every statement trusting Voice ID, or create the role with VoiceIdDataAccessRole, which does.",
        );
    },
};
