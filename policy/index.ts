/**
 * Entry point of the Voice ID policy pack's folder form (`pulumi preview --policy-pack
 * node_modules/pulumi-voiceid/policy`, for a CLI whose Node.js language host runs pack folders):
 * `@pulumi/policy`'s `PolicyPack` serves the rules. Loading this module starts its analyzer
 * server. The executable beside it (`pulumi-analyzer-voiceid`) serves the same rules with the
 * pack's own, faster host (`main.ts`).
 * @module
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_DESCRIPTION, PACK_NAME, POLICIES } from "./pack";

new PolicyPack(PACK_NAME, { description: PACK_DESCRIPTION, policies: POLICIES });
