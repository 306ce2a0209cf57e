/**
 * The preflight at `check` (provider/batchJob/preflight.ts) against the local stack: moto's IAM
 * has no policy simulator, so every access verdict here comes from the role's policies read and
 * evaluated, and the key and bucket policies read from moto. One case per verdict.
 * @module
 */
import * as assert from "assert";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateKeyCommand } from "@aws-sdk/client-kms";
import { StartFraudsterRegistrationJobCommand } from "@aws-sdk/client-voice-id";
import * as provider from "../../../provider/jobs/provider";
import * as enrollment from "../../../provider/enrollment/provider";
import { resetClients } from "../../../provider/shared/clients";
import { UNKNOWN } from "../../../provider/shared/validation";
import { resetPreflightMemo } from "../../../provider/batchJob/preflightCalls";
import { resetPreflightReports } from "../../../provider/batchJob/preflight";
import { buildDataAccessPolicy, buildOutputKeyPolicy, buildTrustPolicy } from "../../../provider/components/policies";
import { ACCOUNT_ID, REGION } from "../../support/localStack";
import { Harness, speakers, startHarness } from "./harness";

const scope = { partition: "aws", accountId: ACCOUNT_ID, region: REGION, dnsSuffix: "amazonaws.com" };

describe("preflight at check against the local stack", function () {
    this.timeout(300_000);
    let h: Harness;
    before(async () => (h = await startHarness()));
    after(async () => h && (await h.stop()));
    beforeEach(() => {
        resetPreflightMemo();
        resetPreflightReports();
        h.lines.length = 0;
    });

    const failuresOf = async (inputs: Record<string, any>, olds: Record<string, any> = {}) =>
        (await provider.check(olds, inputs)).failures;
    const couldNot = () => h.lines.filter((l) => /could not check/.test(l));

    it("a seeded job passes: nothing failed, nothing unchecked, each role and key asked once", async () => {
        const inputs = await h.seed("pf-ok", speakers(1));
        for (const k of Object.keys(h.calls)) delete h.calls[k];
        assert.deepStrictEqual(await failuresOf(inputs), []);
        assert.deepStrictEqual(couldNot(), []);
        // A second job with the same role, key and manifest: answered from the memo.
        assert.deepStrictEqual(await failuresOf({ ...inputs, scope: { ...inputs.scope, name: "pf-ok-2" } }), []);
        assert.strictEqual(h.calls.GetObjectCommand, 1, "the manifest is read once");
        assert.strictEqual(h.calls.GetRoleCommand, 1);
        assert.strictEqual(h.calls.DescribeKeyCommand, 1);
        assert.strictEqual(h.calls.GetKeyPolicyCommand, 1);
        assert.strictEqual(
            h.calls.SimulatePrincipalPolicyCommand,
            1,
            "moto has no simulator: asked once, then the policies are read",
        );
    });

    it("the components' least-privilege role and key policies pass (conditions evaluated)", async () => {
        const inputs = await h.seed("pf-comp", speakers(2));
        const role = "pf-component-role";
        const inputUri = inputs.inputDataConfig.s3Uri;
        const outputUri = inputs.outputDataConfig.s3Uri;
        const key = await h.stack.kms.send(
            new CreateKeyCommand({
                Policy: JSON.stringify(
                    buildOutputKeyPolicy({
                        scope,
                        dataAccessRoleArns: [`arn:aws:iam::${ACCOUNT_ID}:role/${role}`],
                        outputS3Uri: outputUri,
                    }),
                ),
            }),
        );
        const roleArn = await h.stack.createDataAccessRole(role, {
            policy: buildDataAccessPolicy({
                scope,
                inputS3Uris: [inputUri, `s3://${inputUri.split("/")[2]}/audio/`],
                outputS3Uri: outputUri,
                outputKmsKeyArn: key.KeyMetadata!.Arn!,
            }),
        });
        const { UpdateAssumeRolePolicyCommand } = await import("@aws-sdk/client-iam");
        await h.stack.iam.send(
            new UpdateAssumeRolePolicyCommand({
                RoleName: role,
                PolicyDocument: JSON.stringify(buildTrustPolicy({ scope, domainId: h.domainId })),
            }),
        );
        const ok = {
            ...inputs,
            dataAccessRoleArn: roleArn,
            outputDataConfig: { s3Uri: outputUri, kmsKeyId: key.KeyMetadata!.KeyId! },
        };
        assert.deepStrictEqual(await failuresOf(ok), []);
        assert.deepStrictEqual(couldNot(), []);
        // The trust policy names this domain: another domain's job may not use the role.
        const other = await failuresOf({ ...ok, domainId: "OtherDomainAAAAAAAAAAA" });
        assert.strictEqual(other.length, 1, JSON.stringify(other));
        assert.strictEqual(other[0].property, "dataAccessRoleArn");
        assert.match(
            other[0].reason,
            /trust policy .* does not allow voiceid\.amazonaws\.com sts:AssumeRole for arn:aws:voiceid:us-east-1:123456789012:domain\/OtherDomainAAAAAAAAAAA/,
        );
    });

    it("a missing manifest or audio object fails on inputDataConfig.s3Uri, on a create", async () => {
        const inputs = await h.seed("pf-manifest", speakers(3));
        const bucket = inputs.inputDataConfig.s3Uri.split("/")[2];
        const missing = await failuresOf({
            ...inputs,
            inputDataConfig: { s3Uri: `s3://${bucket}/manifests/typo.json` },
        });
        assert.deepStrictEqual(
            missing.map((f) => f.property),
            ["inputDataConfig.s3Uri"],
        );
        assert.match(missing[0].reason, /must name a manifest that works .*typo\.json does not exist/);
        const manifest = await h.stack.putManifest(bucket, "manifests/dangling.json", [
            { RequestId: "x", AudioSpecifications: [{ S3Uri: `s3://${bucket}/audio/none.wav`, ChannelId: 0 }] },
        ]);
        const dangling = await failuresOf({ ...inputs, inputDataConfig: { s3Uri: manifest } });
        assert.match(dangling[0].reason, /audio object .*none\.wav.* does not exist/);
    });

    it("a role that does not exist, or does not trust Voice ID, fails on dataAccessRoleArn", async () => {
        const inputs = await h.seed("pf-role", speakers(4));
        const gone = await failuresOf({ ...inputs, dataAccessRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/no-such-role` });
        assert.deepStrictEqual(
            gone.map((f) => f.property),
            ["dataAccessRoleArn"],
        );
        assert.match(gone[0].reason, /must name an existing IAM role: .*no-such-role does not exist/);
        const ec2 = await h.stack.createDataAccessRole("pf-ec2-role", { trustService: "ec2.amazonaws.com" });
        const untrusted = await failuresOf({ ...inputs, dataAccessRoleArn: ec2 });
        assert.deepStrictEqual(
            untrusted.map((f) => f.property),
            ["dataAccessRoleArn"],
        );
        assert.match(
            untrusted[0].reason,
            /must name a role Voice ID may assume: the trust policy .* does not allow voiceid\.amazonaws\.com/,
        );
    });

    it("a role that may not read the inputs or write the results fails on dataAccessRoleArn, naming the objects", async () => {
        const inputs = await h.seed("pf-access", speakers(5, 6));
        const elsewhere = await h.stack.createDataAccessRole("pf-elsewhere-role", {
            inputBucket: "some-other-bucket",
            outputBucket: "another-bucket",
        });
        const failures = await failuresOf({ ...inputs, dataAccessRoleArn: elsewhere });
        assert.deepStrictEqual(
            failures.map((f) => f.property),
            ["dataAccessRoleArn", "dataAccessRoleArn"],
            JSON.stringify(failures),
        );
        assert.match(
            failures[0].reason,
            /is not allowed s3:GetObject on s3:\/\/.*input-file\.json, s3:\/\/.*\.wav, s3:\/\/.*\.wav \(by the role's policies\), so the job would FAIL\. Fix: grant s3:GetObject/,
        );
        assert.match(failures[1].reason, /is not allowed s3:PutObject on s3:\/\/.*\/results\/<jobId>\//);
        // An explicit Deny wins over the Allow.
        const denied = await h.stack.createDataAccessRole("pf-deny-role", {
            policy: {
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "s3:*", Resource: "*" },
                    { Effect: "Allow", Action: "kms:*", Resource: "*" },
                    {
                        Effect: "Deny",
                        NotAction: "s3:PutObject",
                        Resource: `arn:aws:s3:::${inputs.inputDataConfig.s3Uri.split("/")[2]}/audio/*`,
                    },
                ],
            },
        });
        const deny = await failuresOf({ ...inputs, dataAccessRoleArn: denied });
        assert.strictEqual(deny.length, 1, JSON.stringify(deny));
        assert.match(deny[0].reason, /is explicitly denied s3:GetObject on .*\.wav/);
    });

    it("an output key the role may not use fails on outputDataConfig.kmsKeyId: by IAM, by the key policy, missing", async () => {
        const inputs = await h.seed("pf-key", speakers(7));
        const other = await h.stack.createKmsKey("alias/pf-other");
        const byIam = await failuresOf({
            ...inputs,
            outputDataConfig: { ...inputs.outputDataConfig, kmsKeyId: "alias/pf-other" },
        });
        assert.deepStrictEqual(
            byIam.map((f) => f.property),
            ["outputDataConfig.kmsKeyId", "outputDataConfig.kmsKeyId"],
            JSON.stringify(byIam),
        );
        assert.match(
            byIam[0].reason,
            new RegExp(
                `must name a key the data access role may use: .* is not allowed kms:GenerateDataKey on the output key ${other.arn} \\(by the role's policies\\)`,
            ),
        );
        // The role's policy allows every key, but the key policy admits administrators only.
        const locked = await h.stack.kms.send(
            new CreateKeyCommand({
                Policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "Admins",
                            Effect: "Allow",
                            Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` },
                            Action: ["kms:DescribeKey", "kms:PutKeyPolicy"],
                            Resource: "*",
                        },
                    ],
                }),
            }),
        );
        const open = await h.stack.createDataAccessRole("pf-any-key-role", {
            inputBucket: inputs.inputDataConfig.s3Uri.split("/")[2],
            outputBucket: inputs.outputDataConfig.s3Uri.split("/")[2],
        });
        const byKey = await failuresOf({
            ...inputs,
            dataAccessRoleArn: open,
            outputDataConfig: { ...inputs.outputDataConfig, kmsKeyId: locked.KeyMetadata!.Arn! },
        });
        assert.strictEqual(byKey[0]?.property, "outputDataConfig.kmsKeyId", JSON.stringify(byKey));
        assert.match(byKey[0].reason, /the key policy admits neither .*pf-any-key-role nor the account/);
        const missing = await failuresOf({
            ...inputs,
            outputDataConfig: { ...inputs.outputDataConfig, kmsKeyId: "alias/pf-no-such-key" },
        });
        assert.match(missing[0].reason, /must name an existing KMS key: alias\/pf-no-such-key does not exist/);
    });

    it("an SSE-KMS input the role may not decrypt fails on dataAccessRoleArn", async () => {
        const inputs = await h.seed("pf-sse", speakers(8));
        const bucket = inputs.inputDataConfig.s3Uri.split("/")[2];
        const inputKey = await h.stack.createKmsKey();
        const manifest = JSON.parse(await h.stack.getObjectText(bucket, "manifests/input-file.json"));
        await h.stack.s3.send(
            new PutObjectCommand({
                Bucket: bucket,
                Key: "manifests/encrypted.json",
                Body: JSON.stringify(manifest),
                ServerSideEncryption: "aws:kms",
                SSEKMSKeyId: inputKey.arn,
            }),
        );
        const failures = await failuresOf({
            ...inputs,
            inputDataConfig: { s3Uri: `s3://${bucket}/manifests/encrypted.json` },
        });
        assert.deepStrictEqual(
            failures.map((f) => f.property),
            ["dataAccessRoleArn"],
            JSON.stringify(failures),
        );
        assert.match(
            failures[0].reason,
            new RegExp(
                `is not allowed kms:Decrypt on the key ${inputKey.arn} encrypting s3://${bucket}/manifests/encrypted\\.json`,
            ),
        );
    });

    it("unknown preview values skip what needs them, silently, and never print a placeholder", async () => {
        const inputs = await h.seed("pf-unknown", speakers(9));
        const failures = await failuresOf({
            ...inputs,
            dataAccessRoleArn: UNKNOWN,
            domainId: UNKNOWN,
            outputDataConfig: { s3Uri: inputs.outputDataConfig.s3Uri, kmsKeyId: UNKNOWN },
        });
        assert.deepStrictEqual(failures, []);
        const typo = await failuresOf({
            ...inputs,
            dataAccessRoleArn: UNKNOWN,
            inputDataConfig: { s3Uri: inputs.inputDataConfig.s3Uri.replace("input-file", "input-flie") },
        });
        assert.strictEqual(typo.length, 1);
        assert.deepStrictEqual(couldNot(), []);
        for (const text of [...h.lines, ...typo.map((f) => f.reason)])
            assert.ok(!text.includes(UNKNOWN) && !text.includes("[object Object]"), text);
    });

    it("an update that starts no job, or a replacement of an unchanged role, asks nothing it need not", async () => {
        const inputs = await h.seed("pf-update", speakers(10));
        for (const k of Object.keys(h.calls)) delete h.calls[k];
        assert.deepStrictEqual(await failuresOf({ ...inputs, timeoutSeconds: 60 }, inputs), []);
        assert.deepStrictEqual(h.calls, {}, "an in-place update makes no preflight call");
        // A replacement (new manifest name) is checked like a create.
        const moved = await failuresOf(
            { ...inputs, inputDataConfig: { s3Uri: inputs.inputDataConfig.s3Uri.replace("input-file", "moved") } },
            inputs,
        );
        assert.deepStrictEqual(
            moved.map((f) => f.property),
            ["inputDataConfig.s3Uri"],
        );
    });

    it("when IAM cannot be reached the check passes and says so once for the resource", async () => {
        const inputs = await h.seed("pf-blind", speakers(11));
        const saved = process.env.AWS_ENDPOINT_URL_IAM;
        process.env.AWS_ENDPOINT_URL_IAM = "http://127.0.0.1:9";
        resetClients();
        try {
            assert.deepStrictEqual(await failuresOf(inputs), []);
            assert.deepStrictEqual(await failuresOf(inputs), []);
        } finally {
            process.env.AWS_ENDPOINT_URL_IAM = saved;
            resetClients();
        }
        const lines = couldNot();
        assert.strictEqual(lines.length, 1, lines.join("\n"));
        assert.match(
            lines[0],
            /warning: FraudsterRegistrationJob "pf-blind": preflight could not check the data access role \(iam:GetRole: ECONNREFUSED/,
        );
        assert.match(
            lines[0],
            /iam:SimulatePrincipalPolicy: ECONNREFUSED.*reading its policies: iam:ListRolePolicies: ECONNREFUSED/,
        );
    });

    it("an import whose declaration differs from the job fails the check, declared => job's", async () => {
        const inputs = await h.seed("pf-import", speakers(12));
        const started = await h.stack.voiceId.send(
            new StartFraudsterRegistrationJobCommand({
                DomainId: h.domainId,
                DataAccessRoleArn: inputs.dataAccessRoleArn,
                InputDataConfig: { S3Uri: inputs.inputDataConfig.s3Uri },
                OutputDataConfig: { S3Uri: inputs.outputDataConfig.s3Uri },
                RegistrationConfig: { FraudsterSimilarityThreshold: 70 },
                JobName: "pf-secret-name",
            }),
        );
        const importId = `${h.domainId}/${started.Job!.JobId}`;
        const declared = {
            ...inputs,
            outputDataConfig: { s3Uri: inputs.outputDataConfig.s3Uri },
            importId,
            registrationConfig: { fraudsterSimilarityThreshold: 85 },
            jobName: "pf-other-name",
        };
        const failures = await failuresOf(declared);
        assert.deepStrictEqual(failures.map((f) => f.property).sort(), [
            "jobName",
            "registrationConfig.fraudsterSimilarityThreshold",
        ]);
        const threshold = failures.find((f) => f.property.startsWith("registration"))!;
        assert.match(
            threshold.reason,
            new RegExp(
                `must match the job being imported \\(${importId}\\); declared => job's: registrationConfig\\.fraudsterSimilarityThreshold: 85 => 70`,
            ),
        );
        const name = failures.find((f) => f.property === "jobName")!;
        assert.match(name.reason, /jobName: \[sensitive\] => \[sensitive\]/);
        assert.ok(
            !JSON.stringify(failures).includes("pf-secret-name") && !JSON.stringify(failures).includes("pf-other-name"),
        );
        // `create` refuses with the same comparison.
        await assert.rejects(
            provider.create(declared),
            /fraudsterSimilarityThreshold: 85 => 70.*jobName: \[sensitive\] => \[sensitive\]/,
        );
        // Matching: no failure, and no role or key check (nothing runs).
        assert.deepStrictEqual(
            await failuresOf({
                ...declared,
                registrationConfig: { fraudsterSimilarityThreshold: 70 },
                jobName: "pf-secret-name",
            }),
            [],
        );
        const gone = await failuresOf({ ...declared, importId: `${h.domainId}/${"N".repeat(22)}` });
        assert.match(gone[0].reason, /cannot import .*: the job does not exist/);
    });

    it("SpeakerEnrollmentJob gets the same preflight", async () => {
        const s = await h.stack.seedEnrollment("pf-enroll", [
            { requestId: "r", speakerId: "customer-1", audio: [{ speaker: 13, utterance: 1 }] },
        ]);
        const inputs = {
            domainId: h.domainId,
            dataAccessRoleArn: s.roleArn,
            inputDataConfig: { s3Uri: s.manifestUri },
            outputDataConfig: { s3Uri: s.outputUri, kmsKeyId: "alias/pf-other" },
            scope: { project: "it", stack: "jobs", name: "pf-enroll" },
        };
        const failures = (await enrollment.check({}, inputs)).failures;
        assert.deepStrictEqual(
            failures.map((f) => f.property),
            ["outputDataConfig.kmsKeyId", "outputDataConfig.kmsKeyId"],
            JSON.stringify(failures),
        );
        assert.deepStrictEqual(
            (await enrollment.check({}, { ...inputs, outputDataConfig: { s3Uri: s.outputUri, kmsKeyId: s.kmsKeyId } }))
                .failures,
            [],
        );
    });
});
