import * as assert from "assert";
import {
    buildDataAccessPolicy, buildOutputKeyPolicy, buildTrustPolicy, s3FolderArn, s3InputArn, trustsVoiceId,
    voiceIdDomainArn,
} from "../../../provider/components/policies";
import {
    DATA_ACCESS_INPUT, DOMAIN_ID, EXPECTED_DATA_ACCESS_POLICY, EXPECTED_TRUST_POLICY, OUTPUT_KEY_ARN, ROLE_ARN, SCOPE,
    expectedKeyPolicy,
} from "./fixtures";

describe("components/policies (pure builders)", () => {
    it("maps S3 URIs to ARNs: objects exactly, folders and buckets as prefixes", () => {
        assert.strictEqual(s3InputArn("aws", "s3://b/x/y.wav"), "arn:aws:s3:::b/x/y.wav");
        assert.strictEqual(s3InputArn("aws", "s3://b/x/"), "arn:aws:s3:::b/x/*");
        assert.strictEqual(s3InputArn("aws-cn", "s3://b"), "arn:aws-cn:s3:::b/*");
        assert.strictEqual(s3FolderArn("aws", "s3://out/folder"), "arn:aws:s3:::out/folder/*");
        assert.strictEqual(s3FolderArn("aws", "s3://out/folder/"), "arn:aws:s3:::out/folder/*");
        assert.strictEqual(s3FolderArn("aws", "s3://out"), "arn:aws:s3:::out/*");
        assert.strictEqual(voiceIdDomainArn(SCOPE, DOMAIN_ID), `arn:aws:voiceid:eu-west-2:111122223333:domain/${DOMAIN_ID}`);
    });

    it("trust policy: voiceid.amazonaws.com only, SourceAccount always, SourceArn for a known domain", () => {
        assert.deepStrictEqual(buildTrustPolicy({ scope: SCOPE, domainId: DOMAIN_ID }), EXPECTED_TRUST_POLICY);
        const noDomain = buildTrustPolicy({ scope: SCOPE });
        assert.deepStrictEqual(noDomain.Statement[0].Condition, { StringEquals: { "aws:SourceAccount": "111122223333" } });
    });

    it("data access policy: exact least-privilege statements, no '*' resource", () => {
        const doc = buildDataAccessPolicy(DATA_ACCESS_INPUT);
        assert.deepStrictEqual(doc, EXPECTED_DATA_ACCESS_POLICY);
        for (const s of doc.Statement) {
            for (const r of ([] as string[]).concat(s.Resource ?? [])) assert.notStrictEqual(r, "*");
        }
    });

    it("data access policy: no KMS statements without keys; an input key equal to the output key is not repeated", () => {
        const bare = buildDataAccessPolicy({ scope: SCOPE, inputS3Uris: ["s3://in/m.json"], outputS3Uri: "s3://out/r" });
        assert.deepStrictEqual(bare.Statement.map((s) => s.Sid), ["ReadRegistrationInputs", "WriteRegistrationResults"]);
        const same = buildDataAccessPolicy({ ...DATA_ACCESS_INPUT, inputKmsKeyArns: [OUTPUT_KEY_ARN] });
        assert.deepStrictEqual(same.Statement.map((s) => s.Sid), ["ReadRegistrationInputs", "WriteRegistrationResults", "EncryptResultsThroughS3"]);
    });

    it("key policy: account administers, role and readers only through S3 in the region, named by condition", () => {
        assert.deepStrictEqual(buildOutputKeyPolicy({ scope: SCOPE, dataAccessRoleArns: [ROLE_ARN] }), expectedKeyPolicy(ROLE_ARN));
        const readers = ["arn:aws:iam::111122223333:role/analyst-*", "arn:aws:iam::111122223333:role/Admin"];
        assert.deepStrictEqual(
            buildOutputKeyPolicy({ scope: SCOPE, dataAccessRoleArns: [ROLE_ARN], resultReaderArns: readers }),
            expectedKeyPolicy(ROLE_ARN, [...readers].sort()));
    });

    it("recognises trust policies that let Voice ID assume the role, URL-encoded or not", () => {
        const trust = JSON.stringify(EXPECTED_TRUST_POLICY);
        assert.strictEqual(trustsVoiceId(trust), true);
        assert.strictEqual(trustsVoiceId(encodeURIComponent(trust)), true);
        const ec2 = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
        assert.strictEqual(trustsVoiceId(ec2), false);
        assert.strictEqual(trustsVoiceId("not json"), false);
    });
});
