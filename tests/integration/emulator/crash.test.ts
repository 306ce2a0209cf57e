import * as assert from "node:assert/strict";
import {
    StartFraudsterRegistrationJobCommand,
    DescribeFraudsterRegistrationJobCommand,
    ListFraudstersCommand,
    StartSpeakerEnrollmentJobCommand,
    DescribeSpeakerEnrollmentJobCommand,
    ListSpeakersCommand,
} from "@aws-sdk/client-voice-id";
import { jobLocations, startLocalStackForSuite, type LocalStack } from "../../support/localStack";
import { waitForJob, waitForEnrollmentJob, waitForProgress } from "./helpers";

describe("emulator: crash safety (kill -9 mid-job, restart on the same db)", function () {
    this.timeout(120_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { emulatorAsProcess: true, jobDurationMs: 8000 });

    it("resumes the job: completes with every request processed exactly once", async () => {
        const speakers = [0, 1, 2, 3, 4, 5, 6, 7];
        const seed = await stack.seedRegistration(
            "crash",
            speakers.map((s) => ({ requestId: `spk-${s}`, audio: [{ speaker: s, utterance: 3, seconds: 3 }] })),
        );
        const domainId = await stack.createDomain("crash", "k");
        const start = () =>
            new StartFraudsterRegistrationJobCommand({
                DomainId: domainId,
                ...jobLocations(seed),
                ClientToken: "crash-token",
            });
        const { Job } = await stack.voiceId.send(start());
        // Wait until some, not all, requests are done.
        await waitForProgress(
            async () =>
                (
                    await stack.voiceId.send(
                        new DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: Job!.JobId }),
                    )
                ).Job,
            25,
        );
        const pid = stack.emulatorProcess!.pid;
        await stack.emulatorProcess!.kill("SIGKILL");
        assert.throws(() => process.kill(pid, 0), "the emulator process is gone");

        await stack.restartEmulator();
        const { FraudsterSummaries: before } = await stack.voiceId.send(
            new ListFraudstersCommand({ DomainId: domainId }),
        );
        const { Job: resumed } = await stack.voiceId.send(
            new DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: Job!.JobId }),
        );
        assert.ok(
            before!.length >= 2 && before!.length < speakers.length,
            `registered before the kill: ${before!.length}`,
        );
        assert.equal(resumed!.JobStatus, "IN_PROGRESS");
        // A retry of the same start after the crash adopts the job.
        const again = await stack.voiceId.send(start());
        assert.equal(again.Job!.JobId, Job!.JobId);

        const done = await waitForJob(stack.voiceId, domainId, Job!.JobId!, 60_000);
        assert.equal(done.JobStatus, "COMPLETED", JSON.stringify(done.FailureDetails));
        const out = await stack.readJobOutput(seed, Job!.JobId!);
        assert.deepEqual(out.Errors, []);
        assert.deepEqual(
            out.SuccessfulRegistrations.map((r: { RequestId: string }) => r.RequestId),
            speakers.map((s) => `spk-${s}`),
        );
        for (const r of out.SuccessfulRegistrations) assert.equal(r.RegistrationStatus, "NEW_REGISTRATION");
        const { FraudsterSummaries: after } = await stack.voiceId.send(
            new ListFraudstersCommand({ DomainId: domainId }),
        );
        assert.equal(after!.length, speakers.length, "no fraudster lost or registered twice");
        const ids = new Set(
            out.SuccessfulRegistrations.map((r: { GeneratedFraudsterId: string }) => r.GeneratedFraudsterId),
        );
        assert.equal(ids.size, speakers.length);
        for (const f of before!)
            assert.ok(ids.has(f.GeneratedFraudsterId), "fraudsters registered before the kill are kept, not redone");
    });

    it("resumes a speaker enrollment job: every speaker enrolled exactly once", async () => {
        const speakers = [0, 1, 2, 3, 4, 5, 6, 7];
        const seed = await stack.seedEnrollment(
            "crash-enroll",
            speakers.map((s) => ({
                requestId: `req-${s}`,
                speakerId: `customer-${s}`,
                audio: [{ speaker: s, utterance: 2, seconds: 3 }],
            })),
        );
        const domainId = await stack.createDomain("crash-enroll", "k");
        const { Job } = await stack.voiceId.send(
            new StartSpeakerEnrollmentJobCommand({
                DomainId: domainId,
                ...jobLocations(seed),
                // OVERWRITE would hide a redone request as OVERWRITTEN instead of a second speaker: the
                // output must still say NEW_ENROLLMENT for every request.
                EnrollmentConfig: { ExistingEnrollmentAction: "OVERWRITE" },
            }),
        );
        await waitForProgress(
            async () =>
                (
                    await stack.voiceId.send(
                        new DescribeSpeakerEnrollmentJobCommand({ DomainId: domainId, JobId: Job!.JobId }),
                    )
                ).Job,
            25,
        );
        await stack.emulatorProcess!.kill("SIGKILL");
        await stack.restartEmulator();
        const { SpeakerSummaries: before } = await stack.voiceId.send(new ListSpeakersCommand({ DomainId: domainId }));
        assert.ok(
            before!.length >= 2 && before!.length < speakers.length,
            `enrolled before the kill: ${before!.length}`,
        );

        const done = await waitForEnrollmentJob(stack.voiceId, domainId, Job!.JobId!, 60_000);
        assert.equal(done.JobStatus, "COMPLETED", JSON.stringify(done.FailureDetails));
        const out = await stack.readJobOutput(seed, Job!.JobId!);
        assert.deepEqual(out.Errors, []);
        assert.deepEqual(
            out.SuccessfulEnrollments.map((r: { RequestId: string; EnrollmentStatus: string }) => [
                r.RequestId,
                r.EnrollmentStatus,
            ]),
            speakers.map((s) => [`req-${s}`, "NEW_ENROLLMENT"]),
        );
        const { SpeakerSummaries: after } = await stack.voiceId.send(new ListSpeakersCommand({ DomainId: domainId }));
        assert.deepEqual(
            after!.map((s) => s.CustomerSpeakerId).sort(),
            speakers.map((s) => `customer-${s}`).sort(),
            "no speaker lost or enrolled twice",
        );
        for (const s of before!) {
            const now = after!.find((a) => a.CustomerSpeakerId === s.CustomerSpeakerId)!;
            assert.equal(
                now.GeneratedSpeakerId,
                s.GeneratedSpeakerId,
                "speakers enrolled before the kill are kept, not redone",
            );
            assert.deepEqual(now.UpdatedAt, s.UpdatedAt);
        }
    });
});
