import * as assert from "assert";
import { parseOutputFile } from "../../../provider/jobs/results";
import { OutputFileFormatError, outputFileUri } from "../../../provider/batchJob/results";
import { parseS3Uri } from "../../../provider/shared/s3Uri";

describe("jobs/results", () => {
    it("locates the output file", () => {
        assert.strictEqual(
            outputFileUri("s3://out/folder", "J1", "s3://in/x/input-file.json"),
            "s3://out/folder/J1/input-file.json.out",
        );
        assert.strictEqual(
            outputFileUri("s3://out/folder/", "J1", "s3://in/input-file.json"),
            "s3://out/folder/J1/input-file.json.out",
        );
        assert.deepStrictEqual(parseS3Uri("s3://out/folder/J1/a.out"), { bucket: "out", key: "folder/J1/a.out" });
    });

    it("parses registrations, errors and counts", () => {
        const r = parseOutputFile(
            JSON.stringify({
                Version: "1.0",
                Errors: [{ RequestId: "r3", ErrorCode: 400, ErrorMessage: "audio is not 8 kHz" }],
                SuccessfulRegistrations: [
                    {
                        RequestId: "r1",
                        GeneratedFraudsterId: "id#" + "a".repeat(22),
                        RegistrationStatus: "NEW_REGISTRATION",
                        FraudsterSimilarityScore: 12,
                    },
                    {
                        RequestId: "r2",
                        GeneratedFraudsterId: "id#" + "b".repeat(22),
                        RegistrationStatus: "DUPLICATE_SKIPPED",
                        FraudsterSimilarityScore: 97,
                    },
                ],
            }),
        );
        assert.deepStrictEqual(
            {
                total: r.totalRequests,
                n: r.newRegistrationCount,
                d: r.duplicateCount,
                e: r.errorCount,
                t: r.resultsTruncated,
            },
            { total: 3, n: 1, d: 1, e: 1, t: false },
        );
        assert.deepStrictEqual(r.registrations[1], {
            requestId: "r2",
            fraudsterId: "id#" + "b".repeat(22),
            registrationStatus: "DUPLICATE_SKIPPED",
            fraudsterSimilarityScore: 97,
        });
        assert.deepStrictEqual(r.registrationErrors, [
            { requestId: "r3", errorCode: 400, errorMessage: "audio is not 8 kHz" },
        ]);
        assert.deepStrictEqual(r.newFraudsterIds, ["id#" + "a".repeat(22)]);
    });

    it("caps long lists but keeps full counts", () => {
        const many = Array.from({ length: 250 }, (_, i) => ({
            RequestId: `r${i}`,
            GeneratedFraudsterId: `id#${String(i).padStart(22, "0")}`,
            RegistrationStatus: "NEW_REGISTRATION",
        }));
        const r = parseOutputFile(JSON.stringify({ SuccessfulRegistrations: many, Errors: [] }), 100);
        assert.strictEqual(r.registrations.length, 100);
        assert.strictEqual(r.newRegistrationCount, 250);
        assert.strictEqual(r.newFraudsterIds.length, 250);
        assert.strictEqual(r.resultsTruncated, true);
    });

    it("tolerates missing lists and rejects non-JSON", () => {
        assert.strictEqual(parseOutputFile("{}").totalRequests, 0);
        assert.throws(() => parseOutputFile("not json"), OutputFileFormatError);
        assert.throws(() => parseOutputFile("[]"), OutputFileFormatError);
    });
});
