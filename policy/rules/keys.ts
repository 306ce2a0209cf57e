/**
 * Customer managed keys: a job's results file and a domain's data are encrypted with a KMS key
 * the team controls (key policy, rotation, audit), never S3's default encryption nor an AWS
 * managed key (`alias/aws/...`), whose policy nobody can narrow.
 * @module
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { AWS_TYPES, UNKNOWN, label, read, voiceIdKind } from "../resources";

/** True for an AWS managed key reference: `alias/aws/<service>` or its alias ARN. */
export function isAwsManagedKey(keyId: string): boolean {
    return /(^|:)alias\/aws\//.test(keyId);
}

/** The problem with a key reference, or undefined when it names a customer managed key (or is not known yet). */
function keyProblem(keyId: unknown): string | undefined {
    if (keyId === UNKNOWN) return undefined; // another resource's output, e.g. a key's ARN
    if (keyId === undefined || keyId === null || keyId === "") return "is not set";
    if (typeof keyId === "string" && isAwsManagedKey(keyId)) return `names an AWS managed key (${keyId})`;
    return undefined;
}

export const jobResultsEncrypted: ResourceValidationPolicy = {
    name: "voiceid-job-results-cmk",
    description: "Registration and enrollment job results are encrypted with a customer managed KMS key.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const kind = voiceIdKind(args.type);
        if (kind !== "FraudsterRegistrationJob" && kind !== "SpeakerEnrollmentJob") return;
        const problem = keyProblem(read(args.props, "outputDataConfig.kmsKeyId"));
        if (!problem) return;
        report(
            `${label(kind, args.name)}: outputDataConfig.kmsKeyId ${problem}, so the results file (fraudster or speaker ids) is ` +
                "encrypted with a key your team does not control. Fix: set outputDataConfig.kmsKeyId to a customer managed key " +
                "(e.g. the keyArn of a VoiceIdOutputKey).",
        );
    },
};

/** Key specs Voice ID can encrypt a domain with: symmetric encryption keys only. */
const SYMMETRIC = new Set(["SYMMETRIC_DEFAULT"]);

/** True when a key policy (JSON text or object) lets Voice ID use the key (principal or kms:ViaService). */
export function keyPolicyMentionsVoiceId(policy: unknown): boolean {
    const text =
        typeof policy === "string" ? policy : policy && typeof policy === "object" ? JSON.stringify(policy) : "";
    return /voiceid\.amazonaws\.com|"voiceid\.[a-z0-9-]+\.amazonaws\.com/.test(text);
}

export const domainEncrypted: ResourceValidationPolicy = {
    name: "voiceid-domain-cmk",
    description: "Voice ID domains are encrypted with a customer managed, symmetric KMS key.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (voiceIdKind(args.type) === "VoiceIdDomain") {
            const problem = keyProblem(read(args.props, "serverSideEncryptionConfiguration.kmsKeyId"));
            if (!problem) return;
            report(
                `${label("VoiceIdDomain", args.name)}: serverSideEncryptionConfiguration.kmsKeyId ${problem}, so the domain's ` +
                    "voiceprints and fraudsters are not under a key your team controls. Fix: set serverSideEncryptionConfiguration.kmsKeyId " +
                    "to a customer managed key (e.g. the keyArn of a VoiceIdDomainKey).",
            );
        } else if (args.type === AWS_TYPES.key) {
            // A key whose policy lets Voice ID use it is a domain key: Voice ID needs a symmetric encryption key.
            const policy = read(args.props, "policy");
            if (policy === UNKNOWN || !keyPolicyMentionsVoiceId(policy)) return;
            for (const [prop, allowed] of [
                ["customerMasterKeySpec", SYMMETRIC],
                ["keySpec", SYMMETRIC],
                ["keyUsage", new Set(["ENCRYPT_DECRYPT"])],
            ] as const) {
                const v = read(args.props, prop);
                if (typeof v === "string" && !allowed.has(v)) {
                    report(
                        `aws:kms:Key ${JSON.stringify(args.name)}: ${prop} is ${v}, but its key policy lets Voice ID use it and Voice ID ` +
                            `encrypts domains with symmetric encryption keys only. Fix: set ${prop} to ${[...allowed][0]} (VoiceIdDomainKey does).`,
                    );
                }
            }
        }
    },
};
