/**
 * Every constraint StartSpeakerEnrollmentJob puts on its request (the Voice ID service model):
 * the batch-job rules plus the enrollment config's.
 * @module
 */
import { Failure, VOICE_ID_PATTERN } from "../shared/validation";
import { validateBatchJobInputs } from "../batchJob/validate";
import { PROPERTIES } from "./properties";

/** Validates enrollment job inputs; returns one failure per broken rule (empty when all pass). */
export function validateEnrollmentInputs(inputs: Record<string, unknown>): Failure[] {
    return validateBatchJobInputs(inputs, PROPERTIES.knownInputs, "deleteSpeakersOnDestroy", (v) => {
        const ec = v.object("enrollmentConfig", inputs.enrollmentConfig);
        if (!ec) return;
        v.noUnknownKeys("enrollmentConfig", ec, ["existingEnrollmentAction", "fraudDetectionConfig"]);
        v.oneOf("enrollmentConfig.existingEnrollmentAction", ec.existingEnrollmentAction, ["SKIP", "OVERWRITE"]);
        const fd = v.object("enrollmentConfig.fraudDetectionConfig", ec.fraudDetectionConfig);
        if (!fd) return;
        const at = "enrollmentConfig.fraudDetectionConfig";
        v.noUnknownKeys(at, fd, ["fraudDetectionAction", "riskThreshold", "watchlistIds"]);
        v.oneOf(`${at}.fraudDetectionAction`, fd.fraudDetectionAction, ["IGNORE", "FAIL"]);
        v.intRange(`${at}.riskThreshold`, fd.riskThreshold, 0, 100);
        const ids = v.array(`${at}.watchlistIds`, fd.watchlistIds, 1, 1);
        ids?.forEach((id, i) => {
            const p = `${at}.watchlistIds[${i}]`;
            if (v.length(p, id, 22, 22)) v.pattern(p, id, VOICE_ID_PATTERN, "must be 22 letters or digits");
        });
    });
}
