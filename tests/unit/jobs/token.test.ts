import * as assert from "assert";
import { deriveClientToken } from "../../../provider/jobs/token";
import { JobInputs } from "../../../provider/jobs/args";
import { validInputs } from "./corpus";

const base = (): JobInputs => ({ ...(validInputs() as JobInputs), scope: { project: "p", stack: "dev", name: "job" } });

describe("jobs/token", () => {
    it("is deterministic, valid for the API, and ignores waiter/policy knobs", () => {
        const t = deriveClientToken(base());
        assert.match(t, /^[a-zA-Z0-9-_]{1,64}$/);
        assert.strictEqual(t, deriveClientToken(base()));
        const knobs = {
            ...base(),
            waitForCompletion: false,
            timeoutSeconds: 5,
            failOnErrors: true,
            deleteFraudstersOnDestroy: true,
        };
        assert.strictEqual(deriveClientToken(knobs), t);
        // Key order and absent optional members do not matter.
        const reordered = {
            ...base(),
            registrationConfig: {
                watchlistIds: base().registrationConfig!.watchlistIds,
                fraudsterSimilarityThreshold: 80,
                duplicateRegistrationAction: "SKIP" as const,
            },
        };
        assert.strictEqual(deriveClientToken(reordered), t);
    });

    it("changes with identity, job definition, triggers, target and generation", () => {
        const t = deriveClientToken(base());
        const variants: JobInputs[] = [
            { ...base(), scope: { project: "p", stack: "prod", name: "job" } },
            { ...base(), scope: { project: "q", stack: "dev", name: "job" } },
            { ...base(), scope: { project: "p", stack: "dev", name: "job2" } },
            { ...base(), jobName: "other" },
            { ...base(), registrationConfig: { fraudsterSimilarityThreshold: 81 } },
            { ...base(), outputDataConfig: { s3Uri: "s3://voiceid-output/results" } },
            { ...base(), triggers: ["v2"] },
            { ...base(), region: "eu-west-1" },
            { ...base(), scope: { project: "p", stack: "dev", name: "job", configEndpoint: "http://x" } },
        ];
        const all = new Set([t, ...variants.map((v) => deriveClientToken(v)), deriveClientToken(base(), 1)]);
        assert.strictEqual(all.size, variants.length + 2);
        assert.match(deriveClientToken(base(), 1), /^pvid-g1-/);
    });
});
