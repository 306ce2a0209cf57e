import * as assert from "assert";
import {
    PolicyDocument,
    buildDataAccessPolicy,
    buildDomainKeyPolicy,
    buildOutputKeyPolicy,
    buildTrustPolicy,
    s3FolderArn,
    s3InputArn,
    trustsVoiceId,
    voiceIdDomainArn,
} from "../../../provider/components/policies";
import {
    DATA_ACCESS_INPUT,
    DOMAIN_ID,
    EXPECTED_DATA_ACCESS_POLICY,
    EXPECTED_TRUST_POLICY,
    OUTPUT_KEY_ARN,
    OUTPUT_URI,
    ROLE_ARN,
    SCOPE,
    expectedDomainKeyPolicy,
    expectedKeyPolicy,
} from "./fixtures";

/** The statements of a key policy that allow `action`, directly or through a wildcard. */
function allowing(doc: PolicyDocument, action: string): PolicyDocument["Statement"] {
    const matches = (pattern: string) =>
        new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(action);
    return doc.Statement.filter((s) => s.Effect === "Allow" && ([] as string[]).concat(s.Action).some(matches));
}

describe("components/policies (pure builders)", () => {
    it("maps S3 URIs to ARNs: objects exactly, folders and buckets as prefixes", () => {
        assert.strictEqual(s3InputArn("aws", "s3://b/x/y.wav"), "arn:aws:s3:::b/x/y.wav");
        assert.strictEqual(s3InputArn("aws", "s3://b/x/"), "arn:aws:s3:::b/x/*");
        assert.strictEqual(s3InputArn("aws-cn", "s3://b"), "arn:aws-cn:s3:::b/*");
        assert.strictEqual(s3FolderArn("aws", "s3://out/folder"), "arn:aws:s3:::out/folder/*");
        assert.strictEqual(s3FolderArn("aws", "s3://out/folder/"), "arn:aws:s3:::out/folder/*");
        assert.strictEqual(s3FolderArn("aws", "s3://out"), "arn:aws:s3:::out/*");
        assert.strictEqual(
            voiceIdDomainArn(SCOPE, DOMAIN_ID),
            `arn:aws:voiceid:eu-west-2:111122223333:domain/${DOMAIN_ID}`,
        );
    });

    it("trust policy: voiceid.amazonaws.com only, SourceAccount always, SourceArn exact for a known domain", () => {
        assert.deepStrictEqual(buildTrustPolicy({ scope: SCOPE, domainId: DOMAIN_ID }), EXPECTED_TRUST_POLICY);
    });

    it("trust policy without a domain: SourceArn bounded to the account's Voice ID domains in the region", () => {
        const noDomain = buildTrustPolicy({ scope: SCOPE });
        assert.deepStrictEqual(noDomain.Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnLike: { "aws:SourceArn": "arn:aws:voiceid:eu-west-2:111122223333:domain/*" },
        });
    });

    it("data access policy: exact least-privilege statements, no '*' resource", () => {
        const doc = buildDataAccessPolicy(DATA_ACCESS_INPUT);
        assert.deepStrictEqual(doc, EXPECTED_DATA_ACCESS_POLICY);
        for (const s of doc.Statement) {
            for (const r of ([] as string[]).concat(s.Resource ?? [])) assert.notStrictEqual(r, "*");
        }
    });

    it("data access policy: no KMS statements without keys; an input key equal to the output key is not repeated", () => {
        const bare = buildDataAccessPolicy({
            scope: SCOPE,
            inputS3Uris: ["s3://in/m.json"],
            outputS3Uri: "s3://out/r",
        });
        assert.deepStrictEqual(
            bare.Statement.map((s) => s.Sid),
            ["ReadRegistrationInputs", "WriteRegistrationResults"],
        );
        const same = buildDataAccessPolicy({ ...DATA_ACCESS_INPUT, inputKmsKeyArns: [OUTPUT_KEY_ARN] });
        assert.deepStrictEqual(
            same.Statement.map((s) => s.Sid),
            ["ReadRegistrationInputs", "WriteRegistrationResults", "EncryptResultsThroughS3"],
        );
    });

    it("output key policy: administrators manage, role and readers only through S3, only for the results", () => {
        const base = { scope: SCOPE, dataAccessRoleArns: [ROLE_ARN], outputS3Uri: OUTPUT_URI };
        assert.deepStrictEqual(buildOutputKeyPolicy(base), expectedKeyPolicy(ROLE_ARN));
        const readers = ["arn:aws:iam::111122223333:role/analyst-*", "arn:aws:iam::111122223333:role/Admin"];
        const admins = ["arn:aws:iam::111122223333:role/platform-admin"];
        assert.deepStrictEqual(
            buildOutputKeyPolicy({ ...base, resultsReaders: readers, keyAdministrators: admins }),
            expectedKeyPolicy(ROLE_ARN, [...readers].sort(), admins[0]),
        );
        // Empty lists mean "not named", never "nobody" written as an empty condition.
        assert.deepStrictEqual(
            buildOutputKeyPolicy({ ...base, resultsReaders: [], keyAdministrators: [] }),
            expectedKeyPolicy(ROLE_ARN),
        );
    });

    it("output key policy: every cryptographic use is tied to the results bucket by encryption context", () => {
        const doc = buildOutputKeyPolicy({
            scope: SCOPE,
            dataAccessRoleArns: [ROLE_ARN],
            outputS3Uri: "s3://out/folder/",
        });
        for (const action of ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt", "kms:ReEncryptFrom"]) {
            for (const s of allowing(doc, action)) {
                assert.deepStrictEqual(
                    s.Condition?.StringLike,
                    { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::out", "arn:aws:s3:::out/folder/*"] },
                    `${s.Sid} allows ${action}`,
                );
                assert.strictEqual(s.Condition?.StringEquals?.["kms:ViaService"], "s3.eu-west-2.amazonaws.com");
            }
        }
    });

    it("no key policy grants kms:CreateGrant or wildcards to administrators; the domain key only for AWS resources through Voice ID", () => {
        const outputKey = buildOutputKeyPolicy({
            scope: SCOPE,
            dataAccessRoleArns: [ROLE_ARN],
            outputS3Uri: OUTPUT_URI,
        });
        const domainKey = buildDomainKeyPolicy({ scope: SCOPE });
        assert.deepStrictEqual(allowing(outputKey, "kms:CreateGrant"), []);
        for (const doc of [outputKey, domainKey]) {
            for (const a of ([] as string[]).concat(doc.Statement[0].Action))
                assert.ok(!a.includes("*"), `administrators get ${a}`);
        }
        const grants = allowing(domainKey, "kms:CreateGrant");
        assert.deepStrictEqual(
            grants.map((s) => s.Sid),
            ["UsersLetVoiceIdCreateGrants"],
        );
        assert.deepStrictEqual(grants[0].Condition?.Bool, { "kms:GrantIsForAWSResource": "true" });
        assert.strictEqual(grants[0].Condition?.StringEquals?.["kms:ViaService"], "voiceid.eu-west-2.amazonaws.com");
    });

    it("domain key policy: users only through Voice ID in the region, named users and administrators by condition", () => {
        assert.deepStrictEqual(buildDomainKeyPolicy({ scope: SCOPE }), expectedDomainKeyPolicy());
        const users = ["arn:aws:iam::111122223333:role/deployer", "arn:aws:iam::111122223333:role/connect-*"];
        assert.deepStrictEqual(
            buildDomainKeyPolicy({
                scope: SCOPE,
                keyUsers: users,
                keyAdministrators: ["arn:aws:iam::111122223333:role/admin"],
            }),
            expectedDomainKeyPolicy([...users].sort(), "arn:aws:iam::111122223333:role/admin"),
        );
    });

    it("recognises trust policies that let Voice ID assume the role, URL-encoded or not", () => {
        const trust = JSON.stringify(EXPECTED_TRUST_POLICY);
        assert.strictEqual(trustsVoiceId(trust), true);
        assert.strictEqual(trustsVoiceId(encodeURIComponent(trust)), true);
        const ec2 = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        assert.strictEqual(trustsVoiceId(ec2), false);
        assert.strictEqual(trustsVoiceId("not json"), false);
    });
});
