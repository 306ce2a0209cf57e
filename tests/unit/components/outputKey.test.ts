import * as assert from "assert";
import { VoiceIdDataAccessRole, VoiceIdOutputKey } from "../../../provider/components";
import { DOMAIN_ID, MANIFEST_URI, OUTPUT_URI, ROLE_ARN, ROLE_NAME, expectedKeyPolicy } from "./fixtures";
import { ComponentMocks, installMocksForSuite, mockKeyArn, mockKeyId, urnOf, valueOf } from "./mocks";

const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";

describe("components/VoiceIdOutputKey (mocks)", () => {
    let mocks: ComponentMocks;
    installMocksForSuite((m) => (mocks = m));

    it("creates a symmetric key with rotation, an alias and the exact key policy", async () => {
        const c = new VoiceIdOutputKey("results", { dataAccessRoleName: ROLE_NAME, outputS3Uri: OUTPUT_URI });
        assert.strictEqual(await valueOf(c.keyArn), mockKeyArn("results"));
        assert.strictEqual(await valueOf(c.keyId), mockKeyId("results"));
        assert.strictEqual(await valueOf(c.aliasName), "alias/voiceid-test-results");
        assert.strictEqual(await valueOf(c.aliasArn), "arn:aws:kms:eu-west-2:111122223333:alias/voiceid-test-results");

        const key = mocks.get(KEY, "results");
        assert.strictEqual(key.inputs.keyUsage, "ENCRYPT_DECRYPT");
        assert.strictEqual(key.inputs.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
        assert.strictEqual(key.inputs.enableKeyRotation, true);
        assert.strictEqual(key.inputs.deletionWindowInDays, 30);
        assert.strictEqual(key.inputs.multiRegion, undefined);
        assert.deepStrictEqual(JSON.parse(key.inputs.policy), expectedKeyPolicy(ROLE_ARN));
        const alias = mocks.get(ALIAS, "results");
        assert.strictEqual(alias.inputs.name, "alias/voiceid-test-results");
        assert.strictEqual(alias.inputs.targetKeyId, mockKeyId("results"));
        assert.match(await urnOf(c.key), /::voiceid:components:VoiceIdOutputKey\$aws:kms\/key:Key::results$/);
        assert.match(await urnOf(c.alias), /::voiceid:components:VoiceIdOutputKey\$aws:kms\/alias:Alias::results$/);
    });

    it("takes a role ARN, readers, alias and lifecycle options", async () => {
        const arn = "arn:aws:iam::111122223333:role/team/voiceid";
        const c = new VoiceIdOutputKey("custom", {
            dataAccessRoleArn: arn,
            outputS3Uri: OUTPUT_URI,
            resultsReaders: ["arn:aws:iam::111122223333:role/analyst"],
            keyAdministrators: ["arn:aws:iam::111122223333:role/admin-*"],
            aliasName: "alias/team/voiceid-results",
            deletionWindowInDays: 7,
            rotationPeriodInDays: 180,
        });
        assert.deepStrictEqual(
            JSON.parse(await valueOf(c.keyPolicy)),
            expectedKeyPolicy(arn, "arn:aws:iam::111122223333:role/analyst", "arn:aws:iam::111122223333:role/admin-*"),
        );
        await valueOf(c.aliasArn);
        const key = mocks.get(KEY, "custom");
        assert.strictEqual(key.inputs.deletionWindowInDays, 7);
        assert.strictEqual(key.inputs.rotationPeriodInDays, 180);
        assert.strictEqual(mocks.get(ALIAS, "custom").inputs.name, "alias/team/voiceid-results");
    });

    it("has no dependency cycle with the role: the key depends on nothing of it, the role policy depends on the key", async () => {
        const key = new VoiceIdOutputKey("nocycle-key", {
            dataAccessRoleName: VoiceIdDataAccessRole.defaultRoleName("nocycle-role"),
            outputS3Uri: OUTPUT_URI,
        });
        const role = new VoiceIdDataAccessRole("nocycle-role", {
            domainId: DOMAIN_ID,
            inputS3Uris: [MANIFEST_URI],
            outputS3Uri: OUTPUT_URI,
            outputKmsKeyArn: key.keyArn,
        });
        assert.strictEqual(await valueOf(role.roleArn), `arn:aws:iam::111122223333:role/voiceid-test-nocycle-role`);
        assert.deepStrictEqual(
            JSON.parse(await valueOf(key.keyPolicy)),
            expectedKeyPolicy("arn:aws:iam::111122223333:role/voiceid-test-nocycle-role"),
        );
        const policy = JSON.parse((await valueOf(role.permissionsPolicy))!);
        assert.deepStrictEqual(
            policy.Statement.find((s: any) => s.Sid === "EncryptResultsThroughS3").Resource,
            mockKeyArn("nocycle-key"),
        );
        const keyPolicyDeps = (await (key.keyPolicy as any).allResources()) as Set<unknown>;
        assert.ok(
            !keyPolicyDeps.has(role.role) && !keyPolicyDeps.has(role.policy),
            "the key policy must not depend on the role",
        );
        const rolePolicyDeps = (await (role.permissionsPolicy as any).allResources()) as Set<unknown>;
        assert.ok(rolePolicyDeps.has(key.key), "the role policy depends on the key");
    });

    it("takes the deprecated resultReaderArns as resultsReaders, never both", async () => {
        const c = new VoiceIdOutputKey("old-readers", {
            dataAccessRoleName: ROLE_NAME,
            outputS3Uri: OUTPUT_URI,
            resultReaderArns: ["arn:aws:iam::111122223333:role/analyst"],
        });
        assert.deepStrictEqual(
            JSON.parse(await valueOf(c.keyPolicy)),
            expectedKeyPolicy(ROLE_ARN, "arn:aws:iam::111122223333:role/analyst"),
        );
        assert.throws(
            () =>
                new VoiceIdOutputKey("both-readers", {
                    dataAccessRoleName: ROLE_NAME,
                    outputS3Uri: OUTPUT_URI,
                    resultsReaders: [],
                    resultReaderArns: [],
                }),
            /resultReaderArns: must not be set together with resultsReaders/,
        );
    });

    it("keeps default role and alias names within IAM and KMS limits", () => {
        const long = "x".repeat(100);
        const name = VoiceIdDataAccessRole.defaultRoleName(long);
        assert.strictEqual(name.length, 64);
        assert.notStrictEqual(name, VoiceIdDataAccessRole.defaultRoleName(long + "y"));
        assert.strictEqual(VoiceIdDataAccessRole.defaultRoleName("a b/c"), "voiceid-test-a-b-c");
    });

    describe("preview-time validation", () => {
        const cases: [string, any, RegExp][] = [
            [
                "no role",
                { outputS3Uri: OUTPUT_URI },
                /dataAccessRoleName: exactly one of dataAccessRoleName and dataAccessRoleArn is required/,
            ],
            [
                "no output folder",
                { dataAccessRoleName: ROLE_NAME },
                /outputS3Uri: is required: the key is allowed only for the results under it/,
            ],
            ["bad output folder", { dataAccessRoleName: ROLE_NAME, outputS3Uri: "https://b/x" }, /outputS3Uri: /],
            [
                "bad administrator",
                { dataAccessRoleName: ROLE_NAME, outputS3Uri: OUTPUT_URI, keyAdministrators: ["root"] },
                /keyAdministrators\[0\]: must be an IAM principal ARN/,
            ],
            [
                "both role name and ARN",
                { dataAccessRoleName: ROLE_NAME, outputS3Uri: OUTPUT_URI, dataAccessRoleArn: ROLE_ARN },
                /exactly one of/,
            ],
            [
                "bad role ARN",
                { outputS3Uri: OUTPUT_URI, dataAccessRoleArn: "arn:aws:iam::111122223333:user/bob" },
                /dataAccessRoleArn: must be an IAM role ARN/,
            ],
            [
                "bad role name",
                { dataAccessRoleName: "a/b", outputS3Uri: OUTPUT_URI },
                /dataAccessRoleName: must be an IAM role name/,
            ],
            [
                "bad alias",
                { dataAccessRoleName: ROLE_NAME, outputS3Uri: OUTPUT_URI, aliasName: "voiceid" },
                /aliasName: must be alias\/<name>/,
            ],
            [
                "reserved alias",
                { dataAccessRoleName: ROLE_NAME, outputS3Uri: OUTPUT_URI, aliasName: "alias/aws/voiceid" },
                /aliasName: must not start with alias\/aws\//,
            ],
            [
                "short deletion window",
                { dataAccessRoleName: ROLE_NAME, outputS3Uri: OUTPUT_URI, deletionWindowInDays: 3 },
                /deletionWindowInDays: must be an integer from 7 to 30/,
            ],
            [
                "bad rotation period",
                { dataAccessRoleName: ROLE_NAME, outputS3Uri: OUTPUT_URI, rotationPeriodInDays: 30 },
                /rotationPeriodInDays: must be an integer from 90 to 2560/,
            ],
            [
                "bad reader",
                { dataAccessRoleName: ROLE_NAME, outputS3Uri: OUTPUT_URI, resultsReaders: ["bob"] },
                /resultsReaders\[0\]: must be an IAM principal ARN/,
            ],
        ];
        for (const [what, args, message] of cases) {
            it(`rejects ${what}`, () => {
                assert.throws(
                    () => new VoiceIdOutputKey(`bad-${what.replace(/\W+/g, "-")}`, args),
                    (e: Error) => e.name === "InputValidationError" && message.test(e.message),
                );
            });
        }
    });
});
