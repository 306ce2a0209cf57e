import * as assert from "assert";
import { SECRET_SIG, SIG_KEY, secret, unwrap, wrap } from "../../../provider/native/wire";
import { UNKNOWN } from "../../../provider/shared/validation";

describe("native plugin wire values", () => {
    it("unwraps secrets anywhere and remembers their top-level keys", () => {
        const { plain, secretKeys } = unwrap({
            jobName: secret("batch-1"),
            outputDataConfig: { s3Uri: "s3://b/o", kmsKeyId: secret("k") },
            domainId: "d",
            triggers: [secret(1), 2],
        });
        assert.deepStrictEqual(plain, {
            jobName: "batch-1",
            outputDataConfig: { s3Uri: "s3://b/o", kmsKeyId: "k" },
            domainId: "d",
            triggers: [1, 2],
        });
        assert.deepStrictEqual([...secretKeys].sort(), ["jobName", "outputDataConfig", "triggers"]);
    });

    it("wraps exactly the secret keys, drops undefined, keeps unknowns", () => {
        const out = wrap(
            { jobName: "x", domainId: "d", gone: undefined, nested: { a: undefined, b: 1 }, later: UNKNOWN },
            ["jobName", "absent"],
        );
        assert.deepStrictEqual(out, {
            jobName: { [SIG_KEY]: SECRET_SIG, value: "x" },
            domainId: "d",
            nested: { b: 1 },
            later: UNKNOWN,
        });
    });

    it("round-trips: what comes in secret goes out secret", () => {
        const input = { name: secret("n"), description: "d" };
        const { plain, secretKeys } = unwrap(input);
        assert.deepStrictEqual(wrap(plain, secretKeys), input);
    });
});
