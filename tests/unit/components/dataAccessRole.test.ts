import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { VoiceIdDataAccessRole } from "../../../provider/components";
import {
    AUDIO_FOLDER_URI,
    AUDIO_URIS,
    DOMAIN_ID,
    EXPECTED_DATA_ACCESS_POLICY,
    EXPECTED_TRUST_POLICY,
    INPUT_KEY_ARN,
    MANIFEST_URI,
    OUTPUT_KEY_ARN,
    OUTPUT_URI,
    ROLE_ARN,
    ROLE_NAME,
} from "./fixtures";
import { ComponentMocks, installMocksForSuite, urnOf, valueOf } from "./mocks";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/rolePolicy:RolePolicy";

function validArgs() {
    return {
        domainId: DOMAIN_ID,
        inputS3Uris: [MANIFEST_URI, ...AUDIO_URIS, AUDIO_FOLDER_URI],
        outputS3Uri: OUTPUT_URI,
        inputKmsKeyArns: [INPUT_KEY_ARN],
        outputKmsKeyArn: OUTPUT_KEY_ARN,
    };
}

describe("components/VoiceIdDataAccessRole (mocks)", () => {
    let mocks: ComponentMocks;
    installMocksForSuite((m) => (mocks = m));

    it("creates a role trusted only by Voice ID for this account and domain, with the exact least-privilege policy", async () => {
        const c = new VoiceIdDataAccessRole("registration", validArgs());
        assert.strictEqual(await valueOf(c.roleArn), ROLE_ARN);
        assert.strictEqual(await valueOf(c.roleName), ROLE_NAME);

        const role = mocks.get(ROLE, "registration");
        assert.strictEqual(role.inputs.name, ROLE_NAME);
        assert.strictEqual(role.inputs.path, "/");
        assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy), EXPECTED_TRUST_POLICY);
        assert.strictEqual(role.inputs.inlinePolicies, undefined);
        assert.strictEqual(role.inputs.managedPolicyArns, undefined);

        const policy = mocks.get(POLICY, "registration");
        assert.strictEqual(policy.inputs.role, ROLE_NAME);
        assert.strictEqual(policy.inputs.name, "voiceid-data-access");
        assert.deepStrictEqual(JSON.parse(policy.inputs.policy), EXPECTED_DATA_ACCESS_POLICY);
        assert.deepStrictEqual(JSON.parse((await valueOf(c.permissionsPolicy))!), EXPECTED_DATA_ACCESS_POLICY);
        assert.deepStrictEqual(JSON.parse((await valueOf(c.trustPolicy))!), EXPECTED_TRUST_POLICY);

        // Children are parented to the component.
        assert.match(
            await urnOf(c.role!),
            /::voiceid:components:VoiceIdDataAccessRole\$aws:iam\/role:Role::registration$/,
        );
        assert.match(
            await urnOf(c.policy!),
            /::voiceid:components:VoiceIdDataAccessRole\$aws:iam\/rolePolicy:RolePolicy::registration$/,
        );
        // Account, region and partition came from the provider.
        const tokens = mocks.calls.map((x) => x.token).sort();
        assert.deepStrictEqual(tokens, [
            "aws:index/getCallerIdentity:getCallerIdentity",
            "aws:index/getPartition:getPartition",
            "aws:index/getRegion:getRegion",
        ]);
    });

    it("roleArn depends on the permissions policy, so a job waits until the role can read its inputs", async () => {
        const c = new VoiceIdDataAccessRole("deps", validArgs());
        const deps = (await (c.roleArn as any).allResources()) as Set<pulumi.Resource>;
        assert.ok(deps.has(c.role!), "roleArn depends on the role");
        assert.ok(deps.has(c.policy!), "roleArn depends on the role policy");
    });

    it("uses account, region and partition given as args without invoking data sources", async () => {
        const c = new VoiceIdDataAccessRole("scoped", {
            inputS3Uris: ["s3://in-bucket/m.json"],
            outputS3Uri: "s3://out-bucket/",
            accountId: "444455556666",
            region: "us-gov-west-1",
            partition: "aws-us-gov",
            roleName: "custom",
            path: "/voiceid/",
        });
        await valueOf(c.roleArn);
        assert.deepStrictEqual(mocks.calls, []);
        const role = mocks.get(ROLE, "scoped");
        assert.strictEqual(role.inputs.name, "custom");
        assert.strictEqual(role.inputs.path, "/voiceid/");
        assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Condition, {
            StringEquals: { "aws:SourceAccount": "444455556666" },
            ArnLike: { "aws:SourceArn": "arn:aws-us-gov:voiceid:us-gov-west-1:444455556666:domain/*" },
        });
        assert.deepStrictEqual(JSON.parse(mocks.get(POLICY, "scoped").inputs.policy).Statement, [
            {
                Sid: "ReadRegistrationInputs",
                Effect: "Allow",
                Action: "s3:GetObject",
                Resource: "arn:aws-us-gov:s3:::in-bucket/m.json",
            },
            {
                Sid: "WriteRegistrationResults",
                Effect: "Allow",
                Action: "s3:PutObject",
                Resource: "arn:aws-us-gov:s3:::out-bucket/*",
            },
        ]);
    });

    it("accepts inputs given as outputs of other resources", async () => {
        const c = new VoiceIdDataAccessRole("outputs", {
            ...validArgs(),
            inputS3Uris: pulumi.output([pulumi.output(MANIFEST_URI), ...AUDIO_URIS, AUDIO_FOLDER_URI]),
            outputKmsKeyArn: pulumi.output(OUTPUT_KEY_ARN),
        });
        assert.deepStrictEqual(JSON.parse((await valueOf(c.permissionsPolicy))!), EXPECTED_DATA_ACCESS_POLICY);
    });

    it("validates an existing role: ARN format, existence and trust in Voice ID, and creates nothing", async () => {
        const arn = "arn:aws:iam::111122223333:role/team/voiceid-existing";
        mocks.existingRoles["voiceid-existing"] = {
            arn,
            assumeRolePolicy: encodeURIComponent(JSON.stringify(EXPECTED_TRUST_POLICY)),
        };
        const c = new VoiceIdDataAccessRole("existing", { existingRoleArn: arn });
        assert.strictEqual(await valueOf(c.roleArn), arn);
        assert.strictEqual(await valueOf(c.roleName), "voiceid-existing");
        assert.strictEqual(c.role, undefined);
        assert.deepStrictEqual(mocks.ofType(ROLE), []);
        assert.deepStrictEqual(
            mocks.calls.map((x) => [x.token, x.inputs.name]),
            [["aws:iam/getRole:getRole", "voiceid-existing"]],
        );
    });

    it("rejects an existing role that Voice ID may not assume, or whose path differs", async () => {
        mocks.existingRoles["ec2-role"] = {
            arn: "arn:aws:iam::111122223333:role/ec2-role",
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
        };
        const untrusted = new VoiceIdDataAccessRole("untrusted", {
            existingRoleArn: "arn:aws:iam::111122223333:role/ec2-role",
        });
        await assert.rejects(
            valueOf(untrusted.roleArn),
            /existingRoleArn: the role's trust policy must allow voiceid.amazonaws.com to call sts:AssumeRole/,
        );
        mocks.existingRoles["moved"] = {
            arn: "arn:aws:iam::111122223333:role/other/moved",
            assumeRolePolicy: JSON.stringify(EXPECTED_TRUST_POLICY),
        };
        const moved = new VoiceIdDataAccessRole("moved", { existingRoleArn: "arn:aws:iam::111122223333:role/moved" });
        await assert.rejects(
            valueOf(moved.roleArn),
            /existingRoleArn: names role moved whose ARN is arn:aws:iam::111122223333:role\/other\/moved/,
        );
    });

    it("skips the lookup when validateExistingRole is false", async () => {
        const c = new VoiceIdDataAccessRole("nolookup", { existingRoleArn: ROLE_ARN, validateExistingRole: false });
        assert.strictEqual(await valueOf(c.roleArn), ROLE_ARN);
        assert.deepStrictEqual(mocks.calls, []);
    });

    describe("preview-time validation", () => {
        const cases: [string, any, RegExp][] = [
            [
                "malformed existing role ARN",
                { existingRoleArn: "arn:aws:iam::12345:role/x" },
                /existingRoleArn: must be an IAM role ARN/,
            ],
            [
                "too short existing role ARN",
                { existingRoleArn: "arn:aws:iam::1:r" },
                /existingRoleArn: must be 20 to 2048 characters \(got 16\)/,
            ],
            [
                "creation args with an existing role",
                { existingRoleArn: ROLE_ARN, outputS3Uri: OUTPUT_URI },
                /outputS3Uri: must not be set together with existingRoleArn/,
            ],
            [
                "missing inputs and output",
                {},
                /inputS3Uris: is required to create a role\n\s+outputS3Uri: is required to create a role/,
            ],
            ["empty inputs", { inputS3Uris: [], outputS3Uri: OUTPUT_URI }, /inputS3Uris: must not be empty/],
            [
                "bad input URI",
                { inputS3Uris: [MANIFEST_URI, "https://bucket/a.wav"], outputS3Uri: OUTPUT_URI },
                /inputS3Uris\[1\]: must be an S3 URI s3:\/\/<bucket>\[\/<key>\]/,
            ],
            [
                "upper-case bucket",
                { inputS3Uris: [MANIFEST_URI], outputS3Uri: "s3://Results/x" },
                /outputS3Uri: must be an S3 URI s3:\/\/<bucket>\[\/<key>\]/,
            ],
            [
                "too long URI",
                { inputS3Uris: [`s3://bucket/${"a".repeat(1020)}`], outputS3Uri: OUTPUT_URI },
                /inputS3Uris\[0\]: must be 1 to 1024 characters \(got 1032\)/,
            ],
            [
                "bad domain id",
                { ...validArgs(), domainId: "short" },
                /domainId: must be a Voice ID domain id of 22 alphanumerics/,
            ],
            [
                "key alias instead of ARN",
                { ...validArgs(), outputKmsKeyArn: "alias/voiceid" },
                /outputKmsKeyArn: must be a KMS key ARN .*, not a key id or alias/,
            ],
            [
                "key id instead of ARN",
                { ...validArgs(), inputKmsKeyArns: [INPUT_KEY_ARN, "1234abcd-12ab-34cd-56ef-1234567890ab"] },
                /inputKmsKeyArns\[1\]: must be a KMS key ARN/,
            ],
            ["bad role name", { ...validArgs(), roleName: "has space" }, /roleName: must be an IAM role name/],
            ["bad path", { ...validArgs(), path: "voiceid" }, /path: must be an IAM path/],
            ["bad account id", { ...validArgs(), accountId: "12" }, /accountId: must be a 12-digit AWS account id/],
        ];
        for (const [what, args, message] of cases) {
            it(`rejects ${what}`, () => {
                assert.throws(
                    () => new VoiceIdDataAccessRole(`bad-${what.replace(/\W+/g, "-")}`, args),
                    (e: Error) =>
                        e.name === "InputValidationError" &&
                        message.test(e.message) &&
                        e.message.startsWith(`voiceid:components:VoiceIdDataAccessRole "bad-`),
                );
            });
        }

        it("reports every problem at once", () => {
            assert.throws(
                () => new VoiceIdDataAccessRole("many", { inputS3Uris: ["x", "y"], outputS3Uri: "z" }),
                (e: any) => e.failures.length === 3,
            );
        });

        it("skips values that are not known yet and checks them once they resolve", async () => {
            const c = new VoiceIdDataAccessRole("late", { ...validArgs(), outputS3Uri: pulumi.output("not-a-uri") });
            await assert.rejects(
                valueOf(c.permissionsPolicy),
                /outputS3Uri: must be an S3 URI s3:\/\/<bucket>\[\/<key>\]/,
            );
        });
    });
});
