/**
 * Entry point of the Voice ID policy pack (`policy/` of the package: `pulumi preview
 * --policy-pack node_modules/pulumi-voiceid/policy`, or the `pulumi-analyzer-voiceid`
 * executable beside it). Loading this module starts the analyzer server.
 * @module
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, POLICIES } from "./pack";

new PolicyPack(PACK_NAME, {
    description:
        "Voice ID guardrails for pulumi-voiceid's resources (dynamic and native) and the roles and keys of its components.",
    policies: POLICIES,
});
