import * as assert from "assert";
import { importFailures, importMismatches } from "../../../provider/batchJob/importCheck";
import { JobView } from "../../../provider/batchJob/api";
import { describeMismatch, importMismatchError } from "../../../provider/shared/importing";
import { UNKNOWN } from "../../../provider/shared/validation";
import { fraudsterRegistration } from "../../../provider/jobs/kind";
import { speakerEnrollment } from "../../../provider/enrollment/kind";

const job: JobView = {
    jobId: "J".repeat(22),
    domainId: "D".repeat(22),
    status: "COMPLETED",
    jobName: "secret-batch",
    dataAccessRoleArn: "arn:aws:iam::123456789012:role/a",
    inputDataConfig: { s3Uri: "s3://in/m.json" },
    outputDataConfig: { s3Uri: "s3://out/r", kmsKeyId: "alias/k" },
    config: { duplicateRegistrationAction: "SKIP", fraudsterSimilarityThreshold: 70, watchlistIds: ["W".repeat(22)] },
};
const declared = {
    domainId: job.domainId,
    dataAccessRoleArn: job.dataAccessRoleArn!,
    inputDataConfig: job.inputDataConfig!,
    outputDataConfig: job.outputDataConfig!,
};

describe("batchJob/importCheck", () => {
    it("matching and undeclared values are no mismatch", () => {
        assert.deepStrictEqual(
            importMismatches(
                fraudsterRegistration,
                { ...declared, jobName: "secret-batch", registrationConfig: { fraudsterSimilarityThreshold: 70 } },
                job,
            ),
            [],
        );
        assert.deepStrictEqual(importMismatches(fraudsterRegistration, { domainId: job.domainId } as any, job), []);
    });

    it("reports both values, declared => job's, the job name masked", () => {
        const m = importMismatches(
            fraudsterRegistration,
            {
                ...declared,
                dataAccessRoleArn: "arn:aws:iam::123456789012:role/b",
                outputDataConfig: { s3Uri: "s3://out/r", kmsKeyId: "alias/other" },
                registrationConfig: { fraudsterSimilarityThreshold: 85 },
                jobName: "other-batch",
            },
            job,
        );
        assert.deepStrictEqual(m.map(describeMismatch), [
            `dataAccessRoleArn: "arn:aws:iam::123456789012:role/b" => "arn:aws:iam::123456789012:role/a"`,
            `outputDataConfig.kmsKeyId: "alias/other" => "alias/k"`,
            "registrationConfig.fraudsterSimilarityThreshold: 85 => 70",
            "jobName: [sensitive] => [sensitive]",
        ]);
        const text =
            importMismatchError("FraudsterRegistrationJob", "D/J", m).message +
            JSON.stringify(importFailures("D/J", m));
        assert.ok(!text.includes("secret-batch") && !text.includes("other-batch"), text);
        assert.match(
            importFailures("D/J", m)[2].reason,
            /must match the job being imported \(D\/J\); declared => job's: registrationConfig\.fraudsterSimilarityThreshold: 85 => 70/,
        );
    });

    it("a value the job lacks reads (not set); unknown preview values are not judged", () => {
        const bare = { ...job, outputDataConfig: { s3Uri: "s3://out/r" } };
        assert.deepStrictEqual(importMismatches(fraudsterRegistration, declared, bare).map(describeMismatch), [
            `outputDataConfig.kmsKeyId: "alias/k" => (not set)`,
        ]);
        const unknowns = {
            ...declared,
            dataAccessRoleArn: UNKNOWN,
            outputDataConfig: { s3Uri: UNKNOWN },
            registrationConfig: UNKNOWN,
            jobName: UNKNOWN,
        };
        assert.deepStrictEqual(importMismatches(fraudsterRegistration, unknowns, job), []);
        assert.deepStrictEqual(
            importMismatches(
                fraudsterRegistration,
                {
                    ...declared,
                    registrationConfig: { fraudsterSimilarityThreshold: UNKNOWN, watchlistIds: ["X".repeat(22)] },
                },
                job,
            ).map((x) => x.property),
            ["registrationConfig.watchlistIds"],
        );
    });

    it("the enrollment kind compares its nested block", () => {
        const enrollJob = {
            ...job,
            config: {
                existingEnrollmentAction: "SKIP",
                fraudDetectionConfig: { fraudDetectionAction: "FAIL", riskThreshold: 50 },
            },
        };
        const m = importMismatches(
            speakerEnrollment,
            { ...declared, enrollmentConfig: { fraudDetectionConfig: { riskThreshold: 80 } } },
            enrollJob,
        );
        assert.deepStrictEqual(m.map(describeMismatch), [
            "enrollmentConfig.fraudDetectionConfig.riskThreshold: 80 => 50",
        ]);
    });

    it("resources reporting names only keep the old message", () => {
        assert.match(
            importMismatchError("VoiceIdDomain", "D", [{ property: "description" }]).message,
            /differ from the existing object for description\. .*values are not shown/,
        );
    });
});
