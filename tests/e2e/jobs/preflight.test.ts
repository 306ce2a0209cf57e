/**
 * The preflight at preview through the real Pulumi engine (issue 19): plans that used to pass
 * review and then fail on `up` now fail the preview, naming the property to fix, and `up` deletes
 * nothing and starts no job. A preflight that cannot run says so once, on the resource.
 * @module
 */
import * as assert from "assert";
import { StartFraudsterRegistrationJobCommand } from "@aws-sdk/client-voice-id";
import { TestProgram } from "../../support/pulumi";
import { LocalStack, SeedRequest, startLocalStackForSuite } from "../../support/localStack";

const JOB = "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob";
const speakers = (...ids: number[]): SeedRequest[] =>
    ids.map((s, i) => ({ requestId: `r${i}-s${s}`, audio: [{ speaker: s, utterance: 2 }] }));

/** A job whose role, manifest and key come from stack config. */
const source = (domainId: string, outputUri: string, extra = "") => `import * as pulumi from "@pulumi/pulumi";
import { FraudsterRegistrationJob } from "pulumi-voiceid";
const cfg = new pulumi.Config();
const job = new FraudsterRegistrationJob("batch", {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: cfg.require("role"),
    inputDataConfig: { s3Uri: cfg.require("manifest") },
    outputDataConfig: { s3Uri: ${JSON.stringify(outputUri)}, kmsKeyId: cfg.require("key") },
    ${extra}
});
export const jobId = job.jobId;
`;

describe("preflight at preview through the Pulumi engine", function () {
    this.timeout(900_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { jobDurationMs: 0 });

    /** A domain, a seeded manifest with one speaker, and a program on them (role, manifest, key from config). */
    async function seeded(name: string, speaker: number) {
        const domainId = await stack.createDomain(name);
        const seed = await stack.seedRegistration(name, speakers(speaker));
        const program = (src: string) =>
            TestProgram.create({
                name: `jobs-${name}`,
                source: src,
                env: stack.env,
                config: { role: seed.roleArn, manifest: seed.manifestUri, key: seed.kmsKeyId },
            });
        return { domainId, seed, program };
    }

    it("a key, role or manifest change that would make the new job fail fails the preview; up deletes nothing and starts no job", async () => {
        const domainId = await stack.createDomain("e2e-preflight");
        const seed = await stack.seedRegistration("e2e-preflight", speakers(181, 182));
        const otherKey = await stack.createKmsKey("alias/e2e-preflight-other");
        const blindRole = await stack.createDataAccessRole("e2e-preflight-blind", {
            inputBucket: "not-the-input-bucket",
            outputBucket: seed.outputBucket,
            kmsKeyArn: seed.kmsKeyArn,
        });
        const prog = await TestProgram.create({
            name: "jobs-preflight",
            source: source(domainId, seed.outputUri, "deleteFraudstersOnDestroy: true,"),
            env: stack.env,
            config: { role: seed.roleArn, manifest: seed.manifestUri, key: seed.kmsKeyId },
        });
        try {
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            const before = (await stack.fraudsterIds(domainId)).sort();
            assert.strictEqual(before.length, 2);
            const jobId = (await prog.outputs()).jobId;
            const unchanged = async () => {
                assert.deepStrictEqual((await stack.fraudsterIds(domainId)).sort(), before, "no fraudster deleted");
                assert.strictEqual(await stack.registrationJobCount(domainId), 1, "no job started");
                assert.strictEqual((await prog.outputs()).jobId, jobId);
            };

            // (1) The results key changes to one the role may not use (issue 19's 4 lost fraudsters).
            await prog.ok(["config", "set", "key", "alias/e2e-preflight-other"]);
            const key = await prog.preview();
            assert.notStrictEqual(key.code, 0, key.stdout);
            assert.match(
                key.stdout + key.stderr,
                new RegExp(
                    `property outputDataConfig\\.kmsKeyId .*has a problem: must name a key the data access role may use: ${seed.roleArn} is not allowed kms:GenerateDataKey on the output key ${otherKey.arn}`,
                ),
            );
            assert.ok(!/will be replaced/.test(key.stdout), "no plan line for a plan that cannot run");
            const keyUp = await prog.up();
            assert.notStrictEqual(keyUp.code, 0);
            await unchanged();
            await prog.ok(["config", "set", "key", seed.kmsKeyId]);

            // (2) The data access role changes to one that cannot read the inputs.
            await prog.ok(["config", "set", "role", blindRole]);
            const role = await prog.preview();
            assert.notStrictEqual(role.code, 0);
            assert.match(
                role.stdout + role.stderr,
                /property dataAccessRoleArn .*has a problem: must name a role the job can work with: .*e2e-preflight-blind is not allowed s3:GetObject on s3:\/\/.*input-file\.json/,
            );
            assert.strictEqual((await prog.up()).code === 0, false);
            await unchanged();
            await prog.ok(["config", "set", "role", seed.roleArn]);
            assert.strictEqual((await prog.preview(["--expect-no-changes"])).code, 0);
        } finally {
            await prog.dispose();
        }
    });

    it("a mistyped manifest on a replacement without deleteFraudstersOnDestroy fails the preview", async () => {
        const { domainId, seed, program } = await seeded("preflight-typo", 183);
        const prog = await program(source(domainId, seed.outputUri));
        try {
            assert.strictEqual((await prog.up()).code, 0);
            await prog.ok(["config", "set", "manifest", seed.manifestUri.replace("input-file", "input-flie")]);
            const typo = await prog.preview();
            assert.notStrictEqual(typo.code, 0);
            assert.match(
                typo.stdout + typo.stderr,
                /property inputDataConfig\.s3Uri .*has a problem: must name a manifest that works \(the job would FAIL\): the manifest .*input-flie\.json does not exist/,
            );
            assert.notStrictEqual((await prog.up()).code, 0);
            assert.strictEqual(await stack.registrationJobCount(domainId), 1, "no job started");
        } finally {
            await prog.dispose();
        }
    });

    it("an import whose declared threshold differs from the job's fails the preview, declared => job's", async () => {
        const { domainId, seed, program } = await seeded("preflight-import", 184);
        const started = await stack.voiceId.send(
            new StartFraudsterRegistrationJobCommand({
                DomainId: domainId,
                DataAccessRoleArn: seed.roleArn,
                InputDataConfig: { S3Uri: seed.manifestUri },
                OutputDataConfig: { S3Uri: seed.outputUri, KmsKeyId: seed.kmsKeyId },
                RegistrationConfig: { FraudsterSimilarityThreshold: 70 },
            }),
        );
        const importSource = (threshold: number) =>
            source(
                domainId,
                seed.outputUri,
                `registrationConfig: { fraudsterSimilarityThreshold: ${threshold} },`,
            ).replace(
                /\n\}\);\nexport/,
                `\n}, { import: ${JSON.stringify(`${domainId}/${started.Job!.JobId}`)} });\nexport`,
            );
        const prog = await program(importSource(85));
        try {
            const preview = await prog.preview();
            assert.notStrictEqual(preview.code, 0, preview.stdout);
            assert.match(
                preview.stdout + preview.stderr,
                /registrationConfig\.fraudsterSimilarityThreshold .*has a problem: must match the job being imported .*: registrationConfig\.fraudsterSimilarityThreshold: 85 => 70/,
            );
            assert.ok(!/will be imported/.test(preview.stdout), "no adopt line for an import that cannot happen");
            prog.writeSource(importSource(70));
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            assert.strictEqual((await prog.outputs()).jobId, started.Job!.JobId);
            await prog.destroyAll(JOB);
        } finally {
            await prog.dispose();
        }
    });

    it("when IAM cannot be asked the preview passes and says so once, on the resource", async () => {
        const { domainId, seed, program } = await seeded("preflight-blind", 185);
        const prog = await program(source(domainId, seed.outputUri));
        try {
            const preview = await prog.preview([], { AWS_ENDPOINT_URL_IAM: "http://127.0.0.1:9" });
            const out = preview.stdout + preview.stderr;
            assert.strictEqual(preview.code, 0, out);
            const lines = out.split("\n").filter((l) => /could not check/.test(l));
            assert.strictEqual(lines.length, 1, out);
            assert.match(
                lines[0],
                /warning: \[voiceid\] FraudsterRegistrationJob "batch": preflight could not check the data access role \(iam:GetRole: .*ECONNREFUSED/,
            );
            assert.ok(!out.includes("04da6b54-80e4-46f7-96ec-b56ff0331ba9") && !out.includes("[object Object]"), out);
        } finally {
            await prog.dispose();
        }
    });
});
