import * as assert from "node:assert/strict";
import {
    CreateDomainCommand,
    StartFraudsterRegistrationJobCommand,
    ListFraudsterRegistrationJobsCommand,
    ConflictException,
    ServiceQuotaExceededException,
    type StartFraudsterRegistrationJobCommandInput,
} from "@aws-sdk/client-voice-id";
import { DisableKeyCommand } from "@aws-sdk/client-kms";
import {
    jobLocations,
    startLocalStack,
    startLocalStackForSuite,
    type LocalStack,
    type RegistrationSeed,
} from "../../support/localStack";
import { encodeWav } from "../../../emulator/wav";
import { waitForJob } from "./helpers";

describe("emulator: job failures, per-request errors, quota, idempotency", function () {
    this.timeout(120_000);
    let stack: LocalStack;
    let seed: RegistrationSeed;

    const newDomain = async (name: string) =>
        (
            await stack.voiceId.send(
                new CreateDomainCommand({
                    Name: name,
                    ServerSideEncryptionConfiguration: { KmsKeyId: "alias/voiceid" },
                }),
            )
        ).Domain!;
    const start = async (domainId: string, over: Partial<StartFraudsterRegistrationJobCommandInput> = {}) =>
        (
            await stack.voiceId.send(
                new StartFraudsterRegistrationJobCommand({ DomainId: domainId, ...jobLocations(seed), ...over }),
            )
        ).Job!;
    const run = async (domainId: string, over: Partial<StartFraudsterRegistrationJobCommandInput> = {}) => {
        const job = await start(domainId, over);
        return waitForJob(stack.voiceId, domainId, job.JobId!);
    };

    startLocalStackForSuite((s) => (stack = s));
    before(async () => {
        seed = await stack.seedRegistration("fail", [{ requestId: "one", audio: [{ speaker: 1, utterance: 1 }] }]);
    });

    it("fails the whole job for an unusable role, manifest, key or output (FailureDetails)", async () => {
        const d = await newDomain("failures");
        const expectFailed = async (
            over: Partial<StartFraudsterRegistrationJobCommandInput>,
            code: number,
            msg: RegExp,
        ) => {
            const job = await run(d.DomainId!, over);
            assert.equal(job.JobStatus, "FAILED", JSON.stringify(over));
            assert.equal(job.FailureDetails?.StatusCode, code, job.FailureDetails?.Message);
            assert.match(job.FailureDetails!.Message!, msg);
            assert.ok(job.EndedAt);
        };
        await expectFailed(
            { DataAccessRoleArn: "arn:aws:iam::123456789012:role/does-not-exist" },
            400,
            /does not exist/,
        );
        const lambdaRole = await stack.createDataAccessRole("trusts-lambda", { trustService: "lambda.amazonaws.com" });
        await expectFailed({ DataAccessRoleArn: lambdaRole }, 403, /voiceid\.amazonaws\.com/);
        const otherDomainRole = await stack.createDataAccessRole("other-domain-only", {
            sourceArnPattern: `arn:aws:voiceid:us-east-1:123456789012:domain/${"Z".repeat(22)}`,
        });
        await expectFailed({ DataAccessRoleArn: otherDomainRole }, 403, /conditions/);
        const noS3Role = await stack.createDataAccessRole("no-s3", {
            policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] },
        });
        await expectFailed({ DataAccessRoleArn: noS3Role }, 403, /s3:PutObject/);

        await expectFailed({ InputDataConfig: { S3Uri: `s3://${seed.inputBucket}/nope.json` } }, 400, /does not exist/);
        await stack.putObject(seed.inputBucket, "bad.json", "{ not json");
        await expectFailed({ InputDataConfig: { S3Uri: `s3://${seed.inputBucket}/bad.json` } }, 400, /not valid JSON/);
        await stack.putManifest(seed.inputBucket, "v2.json", [], "2.0");
        await expectFailed({ InputDataConfig: { S3Uri: `s3://${seed.inputBucket}/v2.json` } }, 400, /Version/);

        await expectFailed({ OutputDataConfig: { S3Uri: seed.outputUri, KmsKeyId: "alias/missing" } }, 400, /KMS key/);
        const disabled = await stack.createKmsKey();
        await stack.kms.send(new DisableKeyCommand({ KeyId: disabled.keyId }));
        await expectFailed(
            { OutputDataConfig: { S3Uri: seed.outputUri, KmsKeyId: disabled.keyId } },
            400,
            /not enabled/,
        );
        await expectFailed(
            { OutputDataConfig: { S3Uri: "s3://no-such-output-bucket/x", KmsKeyId: seed.kmsKeyId } },
            403,
            /s3:PutObject/,
        );
        const wideRole = await stack.createDataAccessRole("wide-access");
        await expectFailed(
            {
                DataAccessRoleArn: wideRole,
                OutputDataConfig: { S3Uri: "s3://no-such-output-bucket/x", KmsKeyId: seed.kmsKeyId },
            },
            400,
            /does not exist/,
        );
    });

    it("reports per-request problems in the output file and ends COMPLETED_WITH_ERRORS", async () => {
        const d = await newDomain("per-request");
        const b = seed.inputBucket;
        const good = await stack.putAudio(b, "ok.wav", 2, 1);
        const mono = await stack.putAudio(b, "mono.wav", 2, 2);
        const wide = encodeWav([new Float32Array(16000)], 16000);
        await stack.putObject(b, "wideband.wav", wide);
        await stack.putObject(b, "noise.wav", Buffer.from("RIFF....WAVEjunk"));
        await stack.putObject(b, "silence.wav", encodeWav([new Float32Array(8000 * 3)]));
        const manifest = await stack.putManifest(b, "mixed.json", [
            { RequestId: "good", AudioSpecifications: [{ S3Uri: good, ChannelId: 0 }] },
            { RequestId: "good", AudioSpecifications: [{ S3Uri: good, ChannelId: 0 }] },
            { RequestId: "channel", AudioSpecifications: [{ S3Uri: mono, ChannelId: 1 }] },
            { RequestId: "rate", AudioSpecifications: [{ S3Uri: `s3://${b}/wideband.wav`, ChannelId: 0 }] },
            { RequestId: "garbage", AudioSpecifications: [{ S3Uri: `s3://${b}/noise.wav`, ChannelId: 0 }] },
            { RequestId: "missing", AudioSpecifications: [{ S3Uri: `s3://${b}/missing.wav`, ChannelId: 0 }] },
            {
                RequestId: "too-many",
                AudioSpecifications: Array.from({ length: 11 }, () => ({ S3Uri: good, ChannelId: 0 })),
            },
            { RequestId: "none", AudioSpecifications: [] },
            { RequestId: "mp3", AudioSpecifications: [{ S3Uri: `s3://${b}/call.mp3`, ChannelId: 0 }] },
            { RequestId: "silent", AudioSpecifications: [{ S3Uri: `s3://${b}/silence.wav`, ChannelId: 0 }] },
        ]);
        const job = await run(d.DomainId!, { InputDataConfig: { S3Uri: manifest } });
        assert.equal(job.JobStatus, "COMPLETED_WITH_ERRORS");
        assert.equal(job.FailureDetails, undefined);
        const out = JSON.parse(await stack.getObjectText(seed.outputBucket, `results/${job.JobId}/mixed.json.out`));
        assert.deepEqual(
            out.SuccessfulRegistrations.map((r: { RequestId: string }) => r.RequestId),
            ["good"],
            JSON.stringify(out),
        );
        const errors = Object.fromEntries(
            out.Errors.map((e: { RequestId: string; ErrorMessage: string; ErrorCode: number }, i: number) => [
                `${e.RequestId}${i === 0 ? "" : ""}`,
                e,
            ]),
        );
        assert.equal(out.Errors.length, 9);
        assert.match(out.Errors[0].ErrorMessage, /not unique/);
        assert.match(errors.channel.ErrorMessage, /ChannelId 1/);
        assert.match(errors.rate.ErrorMessage, /16000 Hz/);
        assert.match(errors.garbage.ErrorMessage, /fmt|RIFF/);
        assert.match(errors.missing.ErrorMessage, /does not exist/);
        assert.match(errors["too-many"].ErrorMessage, /at most 10/);
        assert.match(errors.none.ErrorMessage, /non-empty/);
        assert.match(errors.mp3.ErrorMessage, /\.wav/);
        assert.match(errors.silent.ErrorMessage, /Not enough speech/);
        for (const e of out.Errors) assert.equal(e.ErrorCode, 400);
    });

    it("ClientToken: same request -> same job, different request -> ConflictException", async () => {
        const d = await newDomain("tokens");
        const a = await start(d.DomainId!, { ClientToken: "job-token-1", JobName: "j1" });
        const b = await start(d.DomainId!, { ClientToken: "job-token-1", JobName: "j1" });
        assert.equal(a.JobId, b.JobId);
        await assert.rejects(start(d.DomainId!, { ClientToken: "job-token-1", JobName: "j2" }), ConflictException);
        await waitForJob(stack.voiceId, d.DomainId!, a.JobId!);
        const c = await start(d.DomainId!, { ClientToken: "job-token-1", JobName: "j1" });
        assert.equal(c.JobId, a.JobId, "a finished job is still returned for its token");
        const { JobSummaries } = await stack.voiceId.send(
            new ListFraudsterRegistrationJobsCommand({ DomainId: d.DomainId }),
        );
        assert.equal(JobSummaries!.length, 1);
    });

    it("DOMAIN_NOT_ACTIVE for a domain that is not ACTIVE", async () => {
        const d = await newDomain("pending");
        stack.emulator!.setDomainStatus(d.DomainId!, "PENDING");
        const e = await start(d.DomainId!).catch((x) => x);
        assert.ok(e instanceof ConflictException, String(e));
        assert.equal(e.ConflictType, "DOMAIN_NOT_ACTIVE");
    });

    it("limits concurrent jobs per domain and advances PercentComplete as it goes", async () => {
        const paced = await startLocalStack({ jobDurationMs: 1500, maxConcurrentJobsPerDomain: 2 });
        try {
            const s = await paced.seedRegistration(
                "quota",
                [1, 2, 3, 4].map((i) => ({ requestId: `r${i}`, audio: [{ speaker: i, utterance: 1, seconds: 2 }] })),
            );
            const d = (
                await paced.voiceId.send(
                    new CreateDomainCommand({ Name: "quota", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } }),
                )
            ).Domain!;
            const input = { DomainId: d.DomainId!, ...jobLocations(s) };
            const j1 = (await paced.voiceId.send(new StartFraudsterRegistrationJobCommand(input))).Job!;
            await paced.voiceId.send(
                new StartFraudsterRegistrationJobCommand({
                    ...input,
                    RegistrationConfig: { DuplicateRegistrationAction: "REGISTER_AS_NEW" },
                }),
            );
            const q = await paced.voiceId.send(new StartFraudsterRegistrationJobCommand(input)).catch((x) => x);
            assert.ok(q instanceof ServiceQuotaExceededException, String(q));
            assert.equal(q.$metadata.httpStatusCode, 402);
            const seen = new Set<number>();
            const started = Date.now();
            const done = await waitForJob(paced.voiceId, d.DomainId!, j1.JobId!, 30_000, (j) =>
                seen.add(j.JobProgress!.PercentComplete!),
            );
            assert.equal(done.JobStatus, "COMPLETED");
            assert.ok(Date.now() - started >= 1000, "the job is paced by jobDurationMs");
            assert.ok(
                [...seen].some((p) => p > 0 && p < 100),
                `intermediate progress seen: ${[...seen]}`,
            );
            // A slot is free again.
            const j3 = (await paced.voiceId.send(new StartFraudsterRegistrationJobCommand(input))).Job!;
            assert.equal(j3.JobStatus, "SUBMITTED");
        } finally {
            await paced.stop();
        }
    });
});
