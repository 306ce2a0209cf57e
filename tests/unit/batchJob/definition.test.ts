import * as assert from "assert";
import type { JobView } from "../../../provider/batchJob/api";
import { definitionMismatches, jobDefinition } from "../../../provider/batchJob/definition";
import { UNKNOWN } from "../../../provider/shared/validation";

const D = "D".repeat(22);
const inputs = {
    domainId: D,
    dataAccessRoleArn: "arn:aws:iam::123456789012:role/a",
    inputDataConfig: { s3Uri: "s3://in/m.json" },
    outputDataConfig: { s3Uri: "s3://out/r", kmsKeyId: "alias/k" },
    registrationConfig: { fraudsterSimilarityThreshold: 70 },
    jobName: "batch",
    // Not part of the definition: knobs, triggers, target, scope.
    timeoutSeconds: 5,
    triggers: ["v1"],
    region: "us-east-1",
    scope: { project: "p", stack: "s", name: "n" },
};
const job: JobView = {
    jobId: "J".repeat(22),
    domainId: D,
    status: "COMPLETED",
    jobName: "batch",
    dataAccessRoleArn: inputs.dataAccessRoleArn,
    inputDataConfig: inputs.inputDataConfig,
    outputDataConfig: inputs.outputDataConfig,
    config: { fraudsterSimilarityThreshold: 70 },
};

describe("batchJob/definition", () => {
    it("reads the same definition from the inputs and from the job Voice ID describes", () => {
        const declared = jobDefinition(inputs, "registrationConfig", inputs.registrationConfig);
        assert.deepStrictEqual(declared, jobDefinition(job, "registrationConfig", job.config));
        assert.deepStrictEqual(Object.keys(declared), [
            "domainId",
            "dataAccessRoleArn",
            "inputDataConfig",
            "outputDataConfig",
            "registrationConfig",
            "jobName",
        ]);
    });

    it("leaves out what is absent, blocks included", () => {
        const bare: JobView = { jobId: job.jobId, domainId: D, status: "IN_PROGRESS" };
        assert.deepStrictEqual(jobDefinition(bare, "enrollmentConfig", undefined), { domainId: D });
        assert.deepStrictEqual(
            jobDefinition({ ...bare, outputDataConfig: { s3Uri: "s3://out/r" } }, "enrollmentConfig", undefined),
            { domainId: D, outputDataConfig: { s3Uri: "s3://out/r" } },
        );
    });

    it("compares leaf by leaf: nested config members by path, the job name masked, the domain left to the import id", () => {
        const enrollment = {
            ...job,
            domainId: "E".repeat(22),
            config: {
                existingEnrollmentAction: "SKIP",
                fraudDetectionConfig: { riskThreshold: 50, watchlistIds: ["W".repeat(22)] },
            },
        };
        const declared = {
            ...inputs,
            jobName: "other",
            enrollmentConfig: {
                existingEnrollmentAction: "SKIP",
                fraudDetectionConfig: { riskThreshold: 80, watchlistIds: [UNKNOWN] },
            },
        };
        assert.deepStrictEqual(definitionMismatches("enrollmentConfig", declared, enrollment), [
            { property: "enrollmentConfig.fraudDetectionConfig.riskThreshold", declared: 80, actual: 50 },
            { property: "jobName", declared: "other", actual: "batch", sensitive: true },
        ]);
    });
});
