/**
 * How the pack recognizes what it checks in the analyzer's view. The engine gives a policy the
 * resource's type token and its inputs (after the provider's `check`, without `__`-prefixed
 * keys), so the type token is what tells our resources apart:
 *
 * - dynamic resources: `pulumi-nodejs:dynamic/voiceid:<Name>` (the classes pass module
 *   `voiceid` and their name to `dynamic.Resource`; other dynamic resources have other tokens);
 * - the native plugin: `voiceid:index:<Name>`;
 * - the `@pulumi/aws` resources the helper components create: `aws:iam/role:Role`,
 *   `aws:kms/key:Key`.
 *
 * Both forms of a Voice ID resource have the same input names (the native schema is generated
 * from the same `args.ts` declarations), so every rule reads one property path for both.
 * @module
 */
import { UnknownValueError } from "./unknowns";
import { RESOURCES } from "../provider/native/catalog";
import { voiceIdTypeToken } from "../provider/shared/typeTokens";

/** The Voice ID resource kinds, by their native names. */
export type VoiceIdKind = "VoiceIdDomain" | "VoiceIdWatchlist" | "FraudsterRegistrationJob" | "SpeakerEnrollmentJob";

const KINDS = new Map<string, VoiceIdKind>();
for (const r of RESOURCES) {
    const kind = r.declarations.className as VoiceIdKind;
    KINDS.set(r.token, kind);
    KINDS.set(voiceIdTypeToken(r.dynamicName), kind);
}

/** The Voice ID kind of a type token (dynamic or native form), or undefined for any other resource. */
export function voiceIdKind(type: string): VoiceIdKind | undefined {
    return KINDS.get(type);
}

/** Type tokens of the `@pulumi/aws` resources the components create and the rules check. */
export const AWS_TYPES = {
    role: "aws:iam/role:Role",
    key: "aws:kms/key:Key",
} as const;

/** Marks a value the preview does not know yet (an output of another resource). */
export const UNKNOWN: unique symbol = Symbol("unknown");

/**
 * Reads a property path of the inputs, or {@link UNKNOWN} when the engine does not know it yet.
 * The policy SDK throws on reading an unknown value (and would report "can't run policy during
 * preview"); a rule decides itself what an unknown value means: usually that another resource
 * of the stack provides it, which is the case the rule cannot and need not judge.
 */
export function read(props: Record<string, any>, path: string): unknown {
    try {
        let v: any = props;
        for (const key of path.split(".")) {
            if (v === undefined || v === null) return undefined;
            v = v[key];
        }
        return v;
    } catch (err) {
        if (err instanceof UnknownValueError) return UNKNOWN;
        throw err;
    }
}

/** `FraudsterRegistrationJob "q3-fraudsters"`: how every message names the resource. */
export function label(kind: string, name: string): string {
    return `${kind} ${JSON.stringify(name)}`;
}
