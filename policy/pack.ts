/**
 * The Voice ID policy pack's rules, in the order the docs list them. Each is a plain
 * `@pulumi/policy` resource policy: an id (`name`), a one-line description, a default
 * enforcement level and, where a team tunes it, a config schema. `index.ts` serves them with
 * `@pulumi/policy` (the folder form), `main.ts` with the pack's own host (the executable).
 * @module
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { domainEncrypted, jobResultsEncrypted } from "./rules/keys";
import { noRegisterAsNew, similarityFloor } from "./rules/registration";
import { enrollmentFraudDetection } from "./rules/enrollment";
import { voiceIdRoleTrust } from "./rules/trust";
import { deleteOnDestroyAcknowledged } from "./rules/deletion";

/** The pack's name (PulumiPolicy.yaml and policy/package.json say the same). */
export const PACK_NAME = "voiceid";

/** The pack's description (GetAnalyzerInfo; the same in both forms of the pack). */
export const PACK_DESCRIPTION =
    "Voice ID guardrails for pulumi-voiceid's resources (dynamic and native) and the roles and keys of its components.";

/** Every rule of the pack. */
export const POLICIES: ResourceValidationPolicy[] = [
    jobResultsEncrypted,
    noRegisterAsNew,
    similarityFloor,
    enrollmentFraudDetection,
    domainEncrypted,
    voiceIdRoleTrust,
    deleteOnDestroyAcknowledged,
];
