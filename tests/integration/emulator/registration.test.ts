import * as assert from "node:assert/strict";
import {
    StartFraudsterRegistrationJobCommand,
    ListFraudstersCommand,
    CreateWatchlistCommand,
} from "@aws-sdk/client-voice-id";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { jobLocations, startLocalStackForSuite, type LocalStack } from "../../support/localStack";
import { registerAndWait, waitForJob as wait } from "./helpers";

const waitForJob = (stack: LocalStack, domainId: string, jobId: string) => wait(stack.voiceId, domainId, jobId);

describe("emulator: fraudster registration jobs (moto-backed)", function () {
    this.timeout(120_000);
    let stack: LocalStack;
    let domainId: string;

    startLocalStackForSuite((s) => (stack = s));
    before(async () => {
        domainId = await stack.createDomain("reg", "alias/voiceid");
    });

    it("registers new fraudsters, skips duplicates and writes an SSE-KMS output file", async () => {
        const seed = await stack.seedRegistration("reg", [
            { requestId: "alice", audio: [{ speaker: 0, utterance: 1 }] },
            {
                requestId: "bob",
                audio: [
                    { speaker: 3, utterance: 1 },
                    { speaker: 3, utterance: 2 },
                ],
            },
            { requestId: "alice-again", audio: [{ speaker: 0, utterance: 7 }] },
            { requestId: "carol-stereo", audio: [{ speaker: 5, utterance: 2, stereo: true, channel: 1 }] },
        ]);
        const { Job } = await stack.voiceId.send(
            new StartFraudsterRegistrationJobCommand({ DomainId: domainId, JobName: "first", ...jobLocations(seed) }),
        );
        assert.equal(Job!.JobStatus, "SUBMITTED");
        assert.equal(Job!.RegistrationConfig!.DuplicateRegistrationAction, "SKIP");
        const done = await waitForJob(stack, domainId, Job!.JobId!);
        assert.equal(done.JobStatus, "COMPLETED", JSON.stringify(done.FailureDetails));
        assert.equal(done.JobProgress!.PercentComplete, 100);
        assert.ok(done.EndedAt instanceof Date);

        const key = `results/${Job!.JobId}/input-file.json.out`;
        const head = await stack.s3.send(new HeadObjectCommand({ Bucket: seed.outputBucket, Key: key }));
        assert.equal(head.ServerSideEncryption, "aws:kms");
        const out = JSON.parse(await stack.getObjectText(seed.outputBucket, key));
        assert.equal(out.Version, "1.0");
        assert.deepEqual(out.Errors, []);
        const byId = Object.fromEntries(
            out.SuccessfulRegistrations.map((r: { RequestId: string }) => [r.RequestId, r]),
        );
        assert.equal(byId.alice.RegistrationStatus, "NEW_REGISTRATION");
        assert.equal(byId.bob.RegistrationStatus, "NEW_REGISTRATION");
        assert.equal(byId["carol-stereo"].RegistrationStatus, "NEW_REGISTRATION");
        assert.equal(byId["alice-again"].RegistrationStatus, "DUPLICATE_SKIPPED");
        assert.equal(byId["alice-again"].GeneratedFraudsterId, byId.alice.GeneratedFraudsterId);
        assert.ok(byId["alice-again"].FraudsterSimilarityScore >= 70, "at or above the default threshold");
        assert.match(byId.alice.GeneratedFraudsterId, /^id#[a-zA-Z0-9]{22}$/);

        const { FraudsterSummaries } = await stack.voiceId.send(new ListFraudstersCommand({ DomainId: domainId }));
        assert.equal(FraudsterSummaries!.length, 3);
    });

    it("REGISTER_AS_NEW registers duplicates into the given watchlist", async () => {
        const { Watchlist } = await stack.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: "vip" }));
        const seed = await stack.seedRegistration("dup", [
            { requestId: "alice-3", audio: [{ speaker: 0, utterance: 9 }] },
        ]);
        const done = await registerAndWait(stack, domainId, seed, {
            RegistrationConfig: {
                DuplicateRegistrationAction: "REGISTER_AS_NEW",
                WatchlistIds: [Watchlist!.WatchlistId!],
            },
        });
        assert.equal(done.JobStatus, "COMPLETED");
        const out = await stack.readJobOutput(seed, done.JobId!);
        assert.equal(out.SuccessfulRegistrations[0].RegistrationStatus, "NEW_REGISTRATION");
        assert.ok(
            out.SuccessfulRegistrations[0].FraudsterSimilarityScore >= 70,
            "the closest existing fraudster (the same voice) is reported",
        );
        const { FraudsterSummaries } = await stack.voiceId.send(
            new ListFraudstersCommand({ DomainId: domainId, WatchlistId: Watchlist!.WatchlistId }),
        );
        assert.equal(FraudsterSummaries!.length, 1);
    });
});
