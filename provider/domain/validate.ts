/**
 * Every constraint CreateDomain / UpdateDomain / TagResource put on a domain's inputs (service
 * model voice-id 2021-09-27), checked at preview before any API call. Name, description and
 * tags are sensitive: rules are reported without echoing them.
 * @module
 */
import { validateTarget } from "../shared/scope";
import { Failure, VOICE_ID_PATTERN, Validator, isUnknown } from "../shared/validation";
import { validateNameAndDescription } from "../shared/names";

/** Top-level input names the resource accepts (anything else is a typo). */
export const KNOWN_INPUTS = [
    "name",
    "description",
    "serverSideEncryptionConfiguration",
    "tags",
    "region",
    "endpoint",
    "scope",
    "importId",
] as const;

/** TagKey and TagValue. */
export const TAG_PATTERN = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
/** Most tags on one resource. */
export const MAX_TAGS = 200;

/** Validates domain inputs; returns one failure per broken rule (empty when all pass). */
export function validateDomainInputs(inputs: Record<string, unknown>): Failure[] {
    const v = new Validator();
    const { __provider: _ignored, ...rest } = inputs;
    v.noUnknownKeys("", rest, KNOWN_INPUTS);
    validateNameAndDescription(v, inputs);

    if (v.required("serverSideEncryptionConfiguration", inputs.serverSideEncryptionConfiguration)) {
        const sse = v.object("serverSideEncryptionConfiguration", inputs.serverSideEncryptionConfiguration);
        if (sse) {
            v.noUnknownKeys("serverSideEncryptionConfiguration", sse, ["kmsKeyId"]);
            if (v.required("serverSideEncryptionConfiguration.kmsKeyId", sse.kmsKeyId)) {
                v.length("serverSideEncryptionConfiguration.kmsKeyId", sse.kmsKeyId, 1, 2048);
            }
        }
    }

    const tags = v.object("tags", inputs.tags);
    if (tags) {
        const entries = Object.entries(tags);
        if (entries.length > MAX_TAGS) v.fail("tags", `must have at most ${MAX_TAGS} entries (got ${entries.length})`);
        // Keys are sensitive too: failures name the tag by position, never by key.
        entries.forEach(([key, value], i) => {
            const which = `tag #${i + 1}`;
            if (key.length < 1 || key.length > 128)
                v.fail("tags", `${which}: key must be 1 to 128 characters (got ${key.length})`);
            else if (!TAG_PATTERN.test(key))
                v.fail("tags", `${which}: key may contain only letters, digits, spaces and _ . : / = + - @`);
            if (value === undefined || isUnknown(value)) return;
            if (typeof value !== "string") v.fail("tags", `${which}: value must be a string`);
            else if (value.length > 256)
                v.fail("tags", `${which}: value must be 0 to 256 characters (got ${value.length})`);
            else if (!TAG_PATTERN.test(value))
                v.fail("tags", `${which}: value may contain only letters, digits, spaces and _ . : / = + - @`);
        });
    }
    validateTarget(v, inputs);
    if (inputs.importId !== undefined)
        v.pattern("import", inputs.importId, VOICE_ID_PATTERN, "must be a domain id (22 letters or digits)");
    return v.failures;
}
