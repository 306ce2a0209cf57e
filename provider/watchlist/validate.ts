/**
 * Every constraint CreateWatchlist / UpdateWatchlist put on a watchlist's inputs, checked at
 * preview before any API call.
 * @module
 */
import { validateNameAndDescription } from "../shared/names";
import { validateTarget } from "../shared/scope";
import { Failure, VOICE_ID_PATTERN, Validator } from "../shared/validation";

/** Top-level input names the resource accepts (anything else is a typo). */
export const KNOWN_INPUTS = ["domainId", "name", "description", "region", "endpoint", "scope", "importId"] as const;

/** Validates watchlist inputs; returns one failure per broken rule (empty when all pass). */
export function validateWatchlistInputs(inputs: Record<string, unknown>): Failure[] {
    const v = new Validator();
    const { __provider: _ignored, ...rest } = inputs;
    v.noUnknownKeys("", rest, KNOWN_INPUTS);
    if (v.required("domainId", inputs.domainId)) {
        if (v.length("domainId", inputs.domainId, 22, 22))
            v.pattern("domainId", inputs.domainId, VOICE_ID_PATTERN, "must be 22 letters or digits");
    }
    validateNameAndDescription(v, inputs);
    validateTarget(v, inputs);
    if (inputs.importId !== undefined) {
        v.pattern(
            "import",
            inputs.importId,
            /^[a-zA-Z0-9]{22}\/[a-zA-Z0-9]{22}$/,
            "must be <domainId>/<watchlistId> (two ids of 22 letters or digits)",
        );
    }
    return v.failures;
}
