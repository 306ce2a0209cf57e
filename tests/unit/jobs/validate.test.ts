import * as assert from "assert";
import { UNKNOWN } from "../../../provider/shared/validation";
import { check } from "../../../provider/jobs/provider";
import { validateJobInputs } from "../../../provider/jobs/validate";
import { BAD_CASES, badInputs, validInputs } from "./corpus";
import { ScriptedSdk } from "../shared/sdkSeam";
import { resetPreflightMemo } from "../../../provider/batchJob/preflightCalls";

describe("jobs/check", () => {
    it("accepts valid inputs, minimal inputs and the serialized provider key", async () => {
        assert.deepStrictEqual(validateJobInputs({ ...validInputs(), __provider: "exports.handler = ..." }), []);
        const { domainId, dataAccessRoleArn, inputDataConfig, outputDataConfig } = validInputs();
        assert.deepStrictEqual(
            validateJobInputs({
                domainId,
                dataAccessRoleArn,
                inputDataConfig,
                outputDataConfig: { s3Uri: outputDataConfig.s3Uri },
            }),
            [],
        );
        // Valid inputs of a new job get the preflight: nothing answering here (no AWS in unit
        // tests), so it passes and says it could not check.
        const sdk = new ScriptedSdk().install();
        resetPreflightMemo();
        try {
            sdk.script({});
            const r = await check({}, validInputs());
            assert.deepStrictEqual(r.failures, []);
            assert.deepStrictEqual(r.inputs, validInputs());
        } finally {
            sdk.uninstall();
        }
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
        assert.deepStrictEqual(
            validateJobInputs(i).map((f) => f.property),
            ["domainId", "registrationConfig.fraudsterSimilarityThreshold", "timeoutSeconds"],
        );
    });
});
