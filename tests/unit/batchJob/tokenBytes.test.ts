/**
 * The default ClientTokens of both job kinds, pinned to the values earlier releases derived: a
 * stack whose job was started by an earlier release must find it again under the same token
 * (crash-safe adoption), so the hashed material may not change by a single byte.
 * @module
 */
import * as assert from "assert";
import { fraudsterRegistration } from "../../../provider/jobs/kind";
import { speakerEnrollment } from "../../../provider/enrollment/kind";

const scope = { project: "p", stack: "dev", name: "job" };
const WATCHLIST = "WatchlistAAAAAAAAAAAAAA".slice(0, 22);
const base = {
    domainId: "DomainAAAAAAAAAAAAAAAAA".slice(0, 22),
    dataAccessRoleArn: "arn:aws:iam::123456789012:role/VoiceIdDataAccess",
    inputDataConfig: { s3Uri: "s3://voiceid-input/manifests/batch-1.json" },
    outputDataConfig: { s3Uri: "s3://voiceid-output/results", kmsKeyId: "alias/voiceid-output" },
    jobName: "nightly-batch_1",
    triggers: ["v1"],
    scope,
};
const minimal = {
    domainId: "D".repeat(22),
    dataAccessRoleArn: "arn:aws:iam::123456789012:role/R",
    inputDataConfig: { s3Uri: "s3://bucket/in.json" },
    outputDataConfig: { s3Uri: "s3://bucket/out" },
};
const registrationConfig = {
    duplicateRegistrationAction: "SKIP",
    fraudsterSimilarityThreshold: 80,
    watchlistIds: [WATCHLIST],
};
const enrollmentConfig = {
    existingEnrollmentAction: "OVERWRITE",
    fraudDetectionConfig: { fraudDetectionAction: "FAIL", riskThreshold: 70, watchlistIds: [WATCHLIST] },
};

describe("batchJob: derived ClientTokens stay byte-identical across releases", () => {
    it("FraudsterRegistrationJob", () => {
        const token = fraudsterRegistration.deriveClientToken;
        assert.strictEqual(
            token({ ...base, registrationConfig } as any, 0),
            "pvid-g0-3da6722b74fe02649b103c9a0baf7a64b5d44e7e586c53d7",
        );
        assert.strictEqual(
            token({ ...base, registrationConfig } as any, 3),
            "pvid-g3-efb4f808bc81f9b6bf6d3dd553811c74be89636262645cb3",
        );
        assert.strictEqual(
            token({ ...base, registrationConfig: {} } as any, 0),
            "pvid-g0-a8212b00c3815fc76c7ed89c14831bbab7958a1fe58cd3aa",
        );
        assert.strictEqual(token(minimal, 0), "pvid-g0-9ca7a9989ccf98bc45b9584f41d1e6d9fd41ca29a4e825a2");
        assert.strictEqual(
            token({ ...base, region: "eu-west-1", endpoint: "http://localhost:4000" }, 0),
            "pvid-g0-b7cc565153e133399e6149d0474d1c15f007350dc6ce346c",
        );
    });

    it("SpeakerEnrollmentJob", () => {
        const token = speakerEnrollment.deriveClientToken;
        assert.strictEqual(
            token({ ...base, enrollmentConfig } as any, 0),
            "pvid-g0-550223d5942a9130f13ac2272a6e1d177c0b3c517aa3bdbc",
        );
        assert.strictEqual(
            token({ ...base, enrollmentConfig: { fraudDetectionConfig: {} } } as any, 0),
            "pvid-g0-65326982da7f9baa15d6438a1cd7330d0fd5fc6ff8eb1142",
        );
        assert.strictEqual(token(minimal, 2), "pvid-g2-cc1f1aacfbfb3cd75da45e548d73c89397c81135a9957fab");
    });
});
