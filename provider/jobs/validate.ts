/**
 * Every constraint StartFraudsterRegistrationJob puts on its request (the Voice ID service model),
 * checked on the resource's inputs before any API call, plus the provider's own knobs. The rules
 * every batch job shares are in `batchJob/validate.ts`; the registration config's are here.
 * @module
 */
import { Failure, VOICE_ID_PATTERN } from "../shared/validation";
import { validateBatchJobInputs } from "../batchJob/validate";
import { PROPERTIES } from "./properties";

/** Validates job inputs; returns one failure per broken rule (empty when all pass). */
export function validateJobInputs(inputs: Record<string, unknown>): Failure[] {
    return validateBatchJobInputs(inputs, PROPERTIES.knownInputs, "deleteFraudstersOnDestroy", (v) => {
        const reg = v.object("registrationConfig", inputs.registrationConfig);
        if (!reg) return;
        v.noUnknownKeys("registrationConfig", reg, [
            "duplicateRegistrationAction",
            "fraudsterSimilarityThreshold",
            "watchlistIds",
        ]);
        v.oneOf("registrationConfig.duplicateRegistrationAction", reg.duplicateRegistrationAction, [
            "SKIP",
            "REGISTER_AS_NEW",
        ]);
        v.intRange("registrationConfig.fraudsterSimilarityThreshold", reg.fraudsterSimilarityThreshold, 0, 100);
        const ids = v.array("registrationConfig.watchlistIds", reg.watchlistIds, 1, 1);
        ids?.forEach((id, i) => {
            const p = `registrationConfig.watchlistIds[${i}]`;
            if (v.length(p, id, 22, 22)) v.pattern(p, id, VOICE_ID_PATTERN, "must be 22 letters or digits");
        });
    });
}
