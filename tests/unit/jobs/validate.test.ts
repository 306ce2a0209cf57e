import * as assert from "assert";
import { UNKNOWN } from "../../../provider/shared/validation";
import { check } from "../../../provider/jobs/provider";
import { validateJobInputs } from "../../../provider/jobs/validate";
import { BAD_CASES, badInputs, validInputs } from "./corpus";

describe("jobs/check", () => {
    it("accepts valid inputs, minimal inputs and the serialized provider key", async () => {
        assert.deepStrictEqual(validateJobInputs({ ...validInputs(), __provider: "exports.handler = ..." }), []);
        const { domainId, dataAccessRoleArn, inputDataConfig, outputDataConfig } = validInputs();
        assert.deepStrictEqual(validateJobInputs({ domainId, dataAccessRoleArn, inputDataConfig, outputDataConfig: { s3Uri: outputDataConfig.s3Uri } }), []);
        const r = await check({}, validInputs());
        assert.deepStrictEqual(r.failures, []);
        assert.deepStrictEqual(r.inputs, validInputs());
    });

    for (const c of BAD_CASES) {
        it(`rejects: ${c.name}`, async () => {
            const { failures } = await check({}, badInputs(c));
            const f = failures.find((x) => x.property === c.property);
            assert.ok(f, `no failure for ${c.property}: ${JSON.stringify(failures)}`);
            assert.match(f!.reason, c.rule);
        });
    }

    it("never echoes the (sensitive) job name", async () => {
        const { failures } = await check({}, { ...validInputs(), jobName: "secret name" });
        assert.strictEqual(failures.length, 1);
        assert.ok(!failures[0].reason.includes("secret"));
    });

    it("lets unknown (preview) values pass", async () => {
        const i = validInputs();
        i.domainId = UNKNOWN;
        i.dataAccessRoleArn = UNKNOWN;
        i.inputDataConfig = UNKNOWN;
        i.outputDataConfig = { s3Uri: UNKNOWN, kmsKeyId: UNKNOWN };
        i.registrationConfig = { fraudsterSimilarityThreshold: UNKNOWN, watchlistIds: [UNKNOWN] };
        i.jobName = UNKNOWN;
        i.timeoutSeconds = UNKNOWN;
        assert.deepStrictEqual(validateJobInputs(i), []);
    });

    it("reports every failure at once", () => {
        const i = validInputs();
        i.domainId = "x";
        i.registrationConfig.fraudsterSimilarityThreshold = 101;
        i.timeoutSeconds = 0;
        assert.deepStrictEqual(validateJobInputs(i).map((f) => f.property), ["domainId", "registrationConfig.fraudsterSimilarityThreshold", "timeoutSeconds"]);
    });
});
