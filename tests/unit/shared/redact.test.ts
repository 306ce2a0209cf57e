import * as assert from "assert";
import { MASK, redactText } from "../../../provider/shared/redact";

describe("shared/redact", () => {
    it("masks fraudster ids and given secrets", () => {
        const text = "job nightly-batch registered id#abcdefghijklmnopqrstuv and id#ABCDEFGHIJKLMNOPQRSTUV";
        assert.strictEqual(
            redactText(text, ["nightly-batch", undefined, "ab"]),
            `job ${MASK} registered ${MASK} and ${MASK}`,
        );
    });
});
