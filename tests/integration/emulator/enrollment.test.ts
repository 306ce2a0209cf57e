/**
 * Speaker enrollment jobs against moto, through the JS SDK and the AWS CLI: the documented
 * manifest and output file, SKIP vs OVERWRITE, fraud screening, per-request errors, whole-job
 * failures, and the per-domain job quota shared with fraudster registration jobs.
 * @module
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as path from "node:path";
import {
    StartSpeakerEnrollmentJobCommand,
    StartFraudsterRegistrationJobCommand,
    DescribeSpeakerCommand,
    ListSpeakersCommand,
    ListSpeakerEnrollmentJobsCommand,
    ListFraudsterRegistrationJobsCommand,
    DescribeFraudsterRegistrationJobCommand,
    DeleteSpeakerCommand,
    OptOutSpeakerCommand,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
    ConflictException,
} from "@aws-sdk/client-voice-id";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import {
    jobLocations,
    startLocalStackForSuite,
    pythonBin,
    type LocalStack,
    type RegistrationSeed,
} from "../../support/localStack";
import { registerAndWait, waitForEnrollmentJob } from "./helpers";

interface Output {
    Version: string;
    Errors: { RequestId: string; ErrorCode: number; ErrorMessage: string }[];
    SuccessfulEnrollments: { RequestId: string; GeneratedSpeakerId: string; EnrollmentStatus: string }[];
}

describe("emulator: speaker enrollment jobs (moto-backed)", function () {
    this.timeout(180_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s));

    const newDomain = (name: string) => stack.createDomain(name, "alias/voiceid");

    async function enroll(
        domainId: string,
        seed: RegistrationSeed,
        config?: Record<string, unknown>,
    ): Promise<{ jobId: string; out: Output; status: string }> {
        const { Job } = await stack.voiceId.send(
            new StartSpeakerEnrollmentJobCommand({
                DomainId: domainId,
                ...jobLocations(seed),
                EnrollmentConfig: config,
            }),
        );
        const done = await waitForEnrollmentJob(stack.voiceId, domainId, Job!.JobId!);
        assert.notEqual(done.JobStatus, "FAILED", JSON.stringify(done.FailureDetails));
        return {
            jobId: Job!.JobId!,
            status: done.JobStatus!,
            out: (await stack.readJobOutput(seed, Job!.JobId!)) as Output,
        };
    }

    it("enrolls speakers, writes the documented SSE-KMS output file and describes them", async () => {
        const domainId = await newDomain("enroll");
        const seed = await stack.seedEnrollment("enr", [
            { requestId: "r1", speakerId: "cust-alice", audio: [{ speaker: 0, utterance: 1 }] },
            {
                requestId: "r2",
                speakerId: "cust-bob",
                audio: [
                    { speaker: 3, utterance: 1 },
                    { speaker: 3, utterance: 2 },
                ],
            },
        ]);
        const { Job } = await stack.voiceId.send(
            new StartSpeakerEnrollmentJobCommand({
                DomainId: domainId,
                JobName: "first-enrollment",
                ...jobLocations(seed),
            }),
        );
        assert.equal(Job!.JobStatus, "SUBMITTED");
        // Defaults filled in as the API documents them: SKIP, and fraud detection FAIL on the default watchlist.
        assert.equal(Job!.EnrollmentConfig!.ExistingEnrollmentAction, "SKIP");
        assert.equal(Job!.EnrollmentConfig!.FraudDetectionConfig!.FraudDetectionAction, "FAIL");
        assert.equal(Job!.EnrollmentConfig!.FraudDetectionConfig!.WatchlistIds!.length, 1);
        const done = await waitForEnrollmentJob(stack.voiceId, domainId, Job!.JobId!);
        assert.equal(done.JobStatus, "COMPLETED", JSON.stringify(done.FailureDetails));
        assert.equal(done.JobProgress!.PercentComplete, 100);
        assert.equal(done.JobName, "first-enrollment");

        const key = `results/${Job!.JobId}/input-file.json.out`;
        const head = await stack.s3.send(new HeadObjectCommand({ Bucket: seed.outputBucket, Key: key }));
        assert.equal(head.ServerSideEncryption, "aws:kms");
        const out = JSON.parse(await stack.getObjectText(seed.outputBucket, key)) as Output;
        assert.equal(out.Version, "1.0");
        assert.deepEqual(out.Errors, []);
        assert.deepEqual(
            out.SuccessfulEnrollments.map((e) => [e.RequestId, e.EnrollmentStatus]),
            [
                ["r1", "NEW_ENROLLMENT"],
                ["r2", "NEW_ENROLLMENT"],
            ],
        );
        for (const e of out.SuccessfulEnrollments) assert.match(e.GeneratedSpeakerId, /^id#[a-zA-Z0-9]{22}$/);

        const byCustomer = await stack.voiceId.send(
            new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-alice" }),
        );
        assert.equal(byCustomer.Speaker!.Status, "ENROLLED");
        assert.equal(byCustomer.Speaker!.GeneratedSpeakerId, out.SuccessfulEnrollments[0].GeneratedSpeakerId);
        const byGenerated = await stack.voiceId.send(
            new DescribeSpeakerCommand({
                DomainId: domainId,
                SpeakerId: out.SuccessfulEnrollments[1].GeneratedSpeakerId,
            }),
        );
        assert.equal(byGenerated.Speaker!.CustomerSpeakerId, "cust-bob");

        // Pagination, and jobs of each kind are listed only by their own List operation.
        const page1 = await stack.voiceId.send(new ListSpeakersCommand({ DomainId: domainId, MaxResults: 1 }));
        assert.equal(page1.SpeakerSummaries!.length, 1);
        const page2 = await stack.voiceId.send(
            new ListSpeakersCommand({ DomainId: domainId, MaxResults: 1, NextToken: page1.NextToken }),
        );
        assert.equal(page2.SpeakerSummaries![0].CustomerSpeakerId, "cust-bob");
        assert.equal(page2.NextToken, undefined);
        const jobs = await stack.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId }));
        assert.deepEqual(
            jobs.JobSummaries!.map((j) => j.JobId),
            [Job!.JobId],
        );
        const regJobs = await stack.voiceId.send(new ListFraudsterRegistrationJobsCommand({ DomainId: domainId }));
        assert.deepEqual(regJobs.JobSummaries, []);
        await assert.rejects(
            stack.voiceId.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: Job!.JobId })),
            ResourceNotFoundException,
        );
    });

    it("SKIP keeps an enrolled speaker's voice; OVERWRITE replaces it", async () => {
        const domainId = await newDomain("skip-overwrite");
        const first = await stack.seedEnrollment("so1", [
            { requestId: "a", speakerId: "cust-1", audio: [{ speaker: 1, utterance: 1 }] },
        ]);
        const { out: o1 } = await enroll(domainId, first);
        const generated = o1.SuccessfulEnrollments[0].GeneratedSpeakerId;
        const before = (
            await stack.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-1" }))
        ).Speaker!;

        const again = await stack.seedEnrollment("so2", [
            { requestId: "b", speakerId: "cust-1", audio: [{ speaker: 6, utterance: 2 }] },
        ]);
        const { out: skipped } = await enroll(domainId, again, { ExistingEnrollmentAction: "SKIP" });
        assert.deepEqual(skipped.SuccessfulEnrollments, [
            { RequestId: "b", GeneratedSpeakerId: generated, EnrollmentStatus: "DUPLICATE_SKIPPED" },
        ]);
        const afterSkip = (
            await stack.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-1" }))
        ).Speaker!;
        assert.deepEqual(afterSkip.UpdatedAt, before.UpdatedAt);

        const { out: overwritten } = await enroll(domainId, again, { ExistingEnrollmentAction: "OVERWRITE" });
        assert.deepEqual(overwritten.SuccessfulEnrollments, [
            { RequestId: "b", GeneratedSpeakerId: generated, EnrollmentStatus: "OVERWRITTEN" },
        ]);
        const afterOverwrite = (
            await stack.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-1" }))
        ).Speaker!;
        assert.ok(afterOverwrite.UpdatedAt! > before.UpdatedAt!, "OVERWRITE updates the speaker");
        assert.equal(afterOverwrite.GeneratedSpeakerId, generated, "the speaker keeps its id");
    });

    it("fraud detection FAIL refuses a known fraudster's voice; IGNORE enrolls it", async () => {
        const domainId = await newDomain("fraud");
        const reg = await stack.seedRegistration("fr", [{ requestId: "f", audio: [{ speaker: 2, utterance: 1 }] }]);
        assert.equal((await registerAndWait(stack, domainId, reg)).JobStatus, "COMPLETED");

        const seed = await stack.seedEnrollment("fe", [
            { requestId: "fraudster", speakerId: "cust-f", audio: [{ speaker: 2, utterance: 5 }] },
            { requestId: "honest", speakerId: "cust-h", audio: [{ speaker: 4, utterance: 5 }] },
        ]);
        const failed = await enroll(domainId, seed, {
            FraudDetectionConfig: { FraudDetectionAction: "FAIL", RiskThreshold: 70 },
        });
        assert.equal(failed.status, "COMPLETED_WITH_ERRORS");
        assert.deepEqual(
            failed.out.Errors.map((e) => [e.RequestId, e.ErrorCode]),
            [["fraudster", 400]],
        );
        assert.match(failed.out.Errors[0].ErrorMessage, /known fraudster/);
        assert.deepEqual(
            failed.out.SuccessfulEnrollments.map((e) => e.RequestId),
            ["honest"],
        );
        await assert.rejects(
            stack.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-f" })),
            ResourceNotFoundException,
        );

        const ignored = await enroll(domainId, seed, { FraudDetectionConfig: { FraudDetectionAction: "IGNORE" } });
        assert.equal(ignored.status, "COMPLETED");
        assert.deepEqual(
            ignored.out.SuccessfulEnrollments.map((e) => [e.RequestId, e.EnrollmentStatus]),
            [
                ["fraudster", "NEW_ENROLLMENT"],
                ["honest", "DUPLICATE_SKIPPED"],
            ],
        );
    });

    it("reports bad requests in Errors and refuses opted-out speakers", async () => {
        const domainId = await newDomain("errors");
        await stack.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-optout" }));
        const seed = await stack.seedEnrollment("err", [
            { requestId: "ok", speakerId: "cust-ok", audio: [{ speaker: 5, utterance: 1 }] },
            { requestId: "opted", speakerId: "cust-optout", audio: [{ speaker: 6, utterance: 1 }] },
            { requestId: "ok", speakerId: "cust-dup", audio: [{ speaker: 7, utterance: 1 }] },
        ]);
        // Add entries the seed helper cannot make: a generated id, no SpeakerId, a missing file.
        const manifest = JSON.parse(await stack.getObjectText(seed.inputBucket, "manifests/input-file.json"));
        const audio = manifest.SpeakerEnrollmentRequests[0].AudioSpecifications;
        manifest.SpeakerEnrollmentRequests.push(
            { RequestId: "generated", SpeakerId: "id#" + "a".repeat(22), AudioSpecifications: audio },
            { RequestId: "no-speaker", AudioSpecifications: audio },
            {
                RequestId: "missing",
                SpeakerId: "cust-m",
                AudioSpecifications: [{ S3Uri: `s3://${seed.inputBucket}/nope.wav`, ChannelId: 0 }],
            },
        );
        await stack.putObject(seed.inputBucket, "manifests/input-file.json", JSON.stringify(manifest));
        const { status, out } = await enroll(domainId, seed);
        assert.equal(status, "COMPLETED_WITH_ERRORS");
        assert.deepEqual(
            out.SuccessfulEnrollments.map((e) => e.RequestId),
            ["ok"],
        );
        const errors = Object.fromEntries(out.Errors.map((e) => [e.RequestId, e]));
        assert.deepEqual(Object.keys(errors).sort(), ["generated", "missing", "no-speaker", "ok", "opted"]);
        assert.match(errors.opted.ErrorMessage, /opted out/);
        assert.match(errors.ok.ErrorMessage, /not unique/);
        assert.match(errors.generated.ErrorMessage, /CustomerSpeakerId/);
        assert.match(errors["no-speaker"].ErrorMessage, /SpeakerId is required/);
        assert.match(errors.missing.ErrorMessage, /does not exist/);
        const opted = await stack.voiceId.send(
            new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-optout" }),
        );
        assert.equal(opted.Speaker!.Status, "OPTED_OUT");

        // DeleteSpeaker removes it; a second delete is ResourceNotFound.
        await stack.voiceId.send(new DeleteSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-ok" }));
        await assert.rejects(
            stack.voiceId.send(new DeleteSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-ok" })),
            ResourceNotFoundException,
        );
    });

    it("fails the whole job on a bad role or manifest, like registration jobs", async () => {
        const domainId = await newDomain("failed");
        const seed = await stack.seedEnrollment("bad", [
            { requestId: "r", speakerId: "cust", audio: [{ speaker: 0, utterance: 1 }] },
        ]);
        const start = async (roleArn: string, manifestUri: string) => {
            const { Job } = await stack.voiceId.send(
                new StartSpeakerEnrollmentJobCommand({
                    DomainId: domainId,
                    DataAccessRoleArn: roleArn,
                    InputDataConfig: { S3Uri: manifestUri },
                    OutputDataConfig: { S3Uri: seed.outputUri, KmsKeyId: seed.kmsKeyId },
                }),
            );
            return waitForEnrollmentJob(stack.voiceId, domainId, Job!.JobId!);
        };
        const noRole = await start("arn:aws:iam::123456789012:role/does-not-exist", seed.manifestUri);
        assert.equal(noRole.JobStatus, "FAILED");
        assert.equal(noRole.FailureDetails!.StatusCode, 400);
        assert.match(noRole.FailureDetails!.Message!, /does not exist/);

        const untrusted = await stack.createDataAccessRole(`untrusted-${process.pid}`, {
            trustService: "ec2.amazonaws.com",
        });
        const denied = await start(untrusted, seed.manifestUri);
        assert.equal(denied.FailureDetails!.StatusCode, 403);

        // A registration manifest is not an enrollment manifest.
        const wrongKind = await stack.putManifest(seed.inputBucket, "manifests/registration.json", [
            { RequestId: "r", AudioSpecifications: [] },
        ]);
        const badManifest = await start(seed.roleArn, wrongKind);
        assert.equal(badManifest.JobStatus, "FAILED");
        assert.match(badManifest.FailureDetails!.Message!, /SpeakerEnrollmentRequests/);
    });

    it("shares the per-domain job quota with registration jobs and honours ClientToken", async () => {
        const domainId = await newDomain("quota");
        stack.emulator!.config.jobStartDelayMs = 60_000; // keep jobs SUBMITTED while the quota is probed
        try {
            const seed = await stack.seedEnrollment("q", [
                { requestId: "r", speakerId: "cust", audio: [{ speaker: 0, utterance: 1 }] },
            ]);
            const common = { DomainId: domainId, ...jobLocations(seed) };
            const a = await stack.voiceId.send(
                new StartSpeakerEnrollmentJobCommand({ ...common, ClientToken: "enroll-tok" }),
            );
            const again = await stack.voiceId.send(
                new StartSpeakerEnrollmentJobCommand({ ...common, ClientToken: "enroll-tok" }),
            );
            assert.equal(again.Job!.JobId, a.Job!.JobId, "same token, same request: the same job");
            await assert.rejects(
                stack.voiceId.send(
                    new StartSpeakerEnrollmentJobCommand({ ...common, JobName: "other", ClientToken: "enroll-tok" }),
                ),
                ConflictException,
            );
            await stack.voiceId.send(new StartFraudsterRegistrationJobCommand(common));
            // Two active jobs (one of each kind) fill the default quota of 2.
            await assert.rejects(
                stack.voiceId.send(new StartSpeakerEnrollmentJobCommand(common)),
                ServiceQuotaExceededException,
            );
            await assert.rejects(
                stack.voiceId.send(new StartFraudsterRegistrationJobCommand(common)),
                ServiceQuotaExceededException,
            );
        } finally {
            stack.emulator!.config.jobStartDelayMs = 0;
        }
    });

    it("works through the AWS CLI", async () => {
        const domainId = await newDomain("cli");
        const seed = await stack.seedEnrollment("cli", [
            { requestId: "r1", speakerId: "cli-speaker", audio: [{ speaker: 3, utterance: 4 }] },
        ]);
        const aws = path.join(await pythonBin(), "aws");
        const run = async (...args: string[]) => {
            const { stdout } = await promisify(execFile)(aws, ["voice-id", ...args, "--output", "json"], {
                env: { ...process.env, ...stack.env },
            });
            return JSON.parse(stdout);
        };
        const started = await run(
            "start-speaker-enrollment-job",
            "--domain-id",
            domainId,
            "--data-access-role-arn",
            seed.roleArn,
            "--input-data-config",
            `S3Uri=${seed.manifestUri}`,
            "--output-data-config",
            `S3Uri=${seed.outputUri},KmsKeyId=${seed.kmsKeyId}`,
            "--enrollment-config",
            "ExistingEnrollmentAction=OVERWRITE",
        );
        assert.equal(started.Job.EnrollmentConfig.ExistingEnrollmentAction, "OVERWRITE");
        const done = await waitForEnrollmentJob(stack.voiceId, domainId, started.Job.JobId);
        assert.equal(done.JobStatus, "COMPLETED");
        const described = await run(
            "describe-speaker-enrollment-job",
            "--domain-id",
            domainId,
            "--job-id",
            started.Job.JobId,
        );
        assert.equal(described.Job.JobStatus, "COMPLETED");
        const listed = await run("list-speakers", "--domain-id", domainId);
        assert.deepEqual(
            listed.SpeakerSummaries.map((s: { CustomerSpeakerId: string }) => s.CustomerSpeakerId),
            ["cli-speaker"],
        );
        const optedOut = await run("opt-out-speaker", "--domain-id", domainId, "--speaker-id", "cli-speaker");
        assert.equal(optedOut.Speaker.Status, "OPTED_OUT");
    });
});
