import * as assert from "assert";
import { UNKNOWN, Validator, containsUnknown, formatFailures } from "../../../provider/shared/validation";

describe("shared/validation", () => {
    it("reports path and rule, and echoes non-sensitive values", () => {
        const v = new Validator();
        v.intRange("a.b", 101, 0, 100);
        v.length("c", "xy", 3, 5);
        v.oneOf("d", "NOPE", ["SKIP", "REGISTER_AS_NEW"]);
        v.s3Uri("e", "s3://UPPER/x");
        v.array("f", [1, 2], 1, 1);
        assert.deepStrictEqual(
            v.failures.map((f) => `${f.property}: ${f.reason}`),
            [
                "a.b: must be an integer from 0 to 100 (got 101)",
                "c: must be 3 to 5 characters (got 2)",
                'd: must be one of SKIP, REGISTER_AS_NEW (got "NOPE")',
                'e: must be an S3 URI s3://<bucket>[/<key>] with a lowercase bucket name of 3-63 characters (got "s3://UPPER/x")',
                "f: must have exactly 1 item (got 2)",
            ],
        );
    });

    it("never echoes sensitive values", () => {
        const v = new Validator();
        v.pattern("jobName", "secret name!", /^[a-z]+$/, "must be lowercase", true);
        assert.strictEqual(v.failures[0].reason, "must be lowercase (got a 12-character string)");
        assert.ok(!JSON.stringify(v.failures).includes("secret"));
    });

    it("skips unknown and absent values", () => {
        const v = new Validator();
        v.intRange("x", UNKNOWN, 0, 1);
        v.s3Uri("y", UNKNOWN);
        v.s3Uri("z", undefined);
        v.oneOf("w", UNKNOWN, ["A"]);
        v.required("r", UNKNOWN);
        assert.deepStrictEqual(v.failures, []);
        assert.ok(containsUnknown({ a: [1, { b: UNKNOWN }] }));
        assert.ok(!containsUnknown({ a: [1, { b: "x" }] }));
    });

    it("rejects unknown keys and formats failures", () => {
        const v = new Validator();
        v.noUnknownKeys("cfg", { good: 1, typo: 2 }, ["good"]);
        assert.strictEqual(
            formatFailures("R", v.failures),
            "R: invalid inputs:\n  cfg.typo: is not a known property (expected one of good)",
        );
    });
});
