import * as assert from "node:assert/strict";
import { validateInput, redact } from "../../../emulator/model/validate";
import { SerializationError } from "../../../emulator/errors";

const DOMAIN = "a".repeat(22);
const base = {
    DomainId: DOMAIN,
    DataAccessRoleArn: "arn:aws:iam::123456789012:role/voiceid",
    InputDataConfig: { S3Uri: "s3://in-bucket/input.json" },
    OutputDataConfig: { S3Uri: "s3://out-bucket/folder", KmsKeyId: "alias/out" },
};

describe("emulator request validation", () => {
    it("accepts a valid StartFraudsterRegistrationJob", () => {
        assert.equal(validateInput("StartFraudsterRegistrationJob", base), undefined);
    });

    it("reports every violation with lowerCamel paths, AWS style", () => {
        const msg = validateInput("StartFraudsterRegistrationJob", {
            ...base,
            DomainId: undefined,
            RegistrationConfig: {
                FraudsterSimilarityThreshold: 101,
                DuplicateRegistrationAction: "NOPE",
                WatchlistIds: [],
            },
        });
        assert.match(msg!, /^4 validation errors detected: /);
        assert.match(msg!, /Value null at 'domainId' failed to satisfy constraint: Member must not be null/);
        assert.match(
            msg!,
            /'registrationConfig.fraudsterSimilarityThreshold' failed to satisfy constraint: Member must have value less than or equal to 100/,
        );
        assert.match(msg!, /Member must satisfy enum value set: \[SKIP, REGISTER_AS_NEW\]/);
        assert.match(
            msg!,
            /'registrationConfig.watchlistIds' failed to satisfy constraint: Member must have length greater than or equal to 1/,
        );
    });

    it("never echoes sensitive values", () => {
        const msg = validateInput("StartFraudsterRegistrationJob", { ...base, JobName: "-secret-name" });
        assert.ok(msg && !msg.includes("secret-name"), msg);
        assert.deepEqual(
            redact("CreateDomain", {
                Name: "n",
                Description: "d",
                ServerSideEncryptionConfiguration: { KmsKeyId: "k" },
            }),
            {
                Name: "***",
                Description: "***",
                ServerSideEncryptionConfiguration: { KmsKeyId: "k" },
            },
        );
    });

    it("rejects wrong JSON types as serialization errors", () => {
        assert.throws(() => validateInput("DescribeDomain", { DomainId: 42 }), SerializationError);
        assert.throws(() => validateInput("ListDomains", { MaxResults: "10" }), SerializationError);
    });
});
