/**
 * The SpeakerEnrollmentJob provider in-process against the local stack (moto + the Voice ID
 * emulator): the batch-job core with the enrollment kind, end to end through the real SDK.
 * @module
 */
import * as assert from "assert";
import { DescribeSpeakerCommand, ListSpeakerEnrollmentJobsCommand } from "@aws-sdk/client-voice-id";
import * as enrollment from "../../../provider/enrollment/provider";
import * as registration from "../../../provider/jobs/provider";
import { PartialStateError } from "../../../provider/shared/partial";
import { EnrollmentSeedRequest } from "../../support/localStack";
import { Harness, speakers, startHarness } from "../jobs/harness";

describe("SpeakerEnrollmentJob provider against the local Voice ID", function () {
    this.timeout(300_000);
    let h: Harness;
    before(async () => (h = await startHarness()));
    after(async () => h?.stop());

    async function inputs(
        prefix: string,
        requests: EnrollmentSeedRequest[],
        extra: Record<string, any> = {},
    ): Promise<Record<string, any>> {
        const s = await h.stack.seedEnrollment(prefix, requests);
        return {
            domainId: h.domainId,
            dataAccessRoleArn: s.roleArn,
            inputDataConfig: { s3Uri: s.manifestUri },
            outputDataConfig: { s3Uri: s.outputUri, kmsKeyId: s.kmsKeyId },
            scope: { project: "it", stack: "enrollment", name: prefix },
            ...extra,
        };
    }
    const speakerExists = async (speakerId: string) => {
        try {
            await h.stack.voiceId.send(new DescribeSpeakerCommand({ DomainId: h.domainId, SpeakerId: speakerId }));
            return true;
        } catch (err) {
            if ((err as Error).name === "ResourceNotFoundException") return false;
            throw err;
        }
    };
    const jobCount = async () =>
        (await h.stack.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: h.domainId }))).JobSummaries!
            .length;

    it("enrolls customers into outputs; an identical create adopts the same job; import and read agree", async () => {
        const i = await inputs("customers", [
            { requestId: "alice", speakerId: "cust-alice", audio: [{ speaker: 1, utterance: 1 }] },
            { requestId: "bob", speakerId: "cust-bob", audio: [{ speaker: 2, utterance: 1 }] },
        ]);
        const first = await enrollment.create(i);
        const o = first.outs;
        assert.strictEqual(o.jobStatus, "COMPLETED");
        assert.deepStrictEqual(
            [o.newEnrollmentCount, o.duplicateCount, o.errorCount, o.totalRequests, o.resultsStatus],
            [2, 0, 0, 2, "read"],
        );
        assert.deepStrictEqual(o.enrollments.map((e: any) => [e.requestId, e.enrollmentStatus]).sort(), [
            ["alice", "NEW_ENROLLMENT"],
            ["bob", "NEW_ENROLLMENT"],
        ]);
        for (const e of o.enrollments) assert.ok(await speakerExists(e.speakerId), e.speakerId);
        assert.strictEqual(o.tokenGeneration, 0);
        const jobs = await jobCount();

        // What an interrupted `pulumi up` does on its next run: the same derived token adopts the job.
        const again = await enrollment.create(i);
        assert.strictEqual(again.outs.jobId, o.jobId);
        assert.strictEqual(await jobCount(), jobs);

        const imported = await enrollment.create({ ...i, importId: first.id, scope: { ...i.scope, name: "imported" } });
        assert.deepStrictEqual([imported.id, imported.outs.newEnrollmentCount], [first.id, 2]);
        await assert.rejects(
            enrollment.create({
                ...i,
                importId: first.id,
                enrollmentConfig: { existingEnrollmentAction: "OVERWRITE" },
            }),
            /cannot import .*enrollmentConfig\.existingEnrollmentAction/,
        );
        const read = await enrollment.read(first.id, o);
        assert.strictEqual((read.props as any).jobStatus, "COMPLETED");
        assert.strictEqual((await enrollment.diff(first.id, read.props as any, i)).changes, false);
        const got = await enrollment.read(first.id, {});
        assert.strictEqual((got.props as any).enrollmentConfig.existingEnrollmentAction, "SKIP");
    });

    it("SKIP keeps an enrolled speaker, OVERWRITE re-enrolls it", async () => {
        const req = [{ requestId: "carol", speakerId: "cust-carol", audio: [{ speaker: 3, utterance: 1 }] }];
        const base = await enrollment.create(await inputs("carol-1", req));
        assert.strictEqual(base.outs.newEnrollmentCount, 1);
        const again = [{ requestId: "carol", speakerId: "cust-carol", audio: [{ speaker: 3, utterance: 2 }] }];
        const skip = await enrollment.create(
            await inputs("carol-skip", again, { enrollmentConfig: { existingEnrollmentAction: "SKIP" } }),
        );
        assert.deepStrictEqual(
            [skip.outs.newEnrollmentCount, skip.outs.duplicateCount, skip.outs.overwrittenCount],
            [0, 1, 0],
        );
        const over = await enrollment.create(
            await inputs("carol-over", again, { enrollmentConfig: { existingEnrollmentAction: "OVERWRITE" } }),
        );
        assert.deepStrictEqual(
            [over.outs.newEnrollmentCount, over.outs.duplicateCount, over.outs.overwrittenCount],
            [0, 0, 1],
        );
        assert.strictEqual(over.outs.enrollments[0].speakerId, base.outs.enrollments[0].speakerId);
    });

    it("fraud detection FAIL refuses a customer whose voice is a registered fraudster", async () => {
        const reg = await registration.create(await h.seed("fraudster-7", speakers(7)));
        assert.strictEqual(reg.outs.newRegistrationCount, 1);
        const i = await inputs(
            "screened",
            [
                { requestId: "dave", speakerId: "cust-dave", audio: [{ speaker: 4, utterance: 1 }] },
                { requestId: "mallory", speakerId: "cust-mallory", audio: [{ speaker: 7, utterance: 2 }] },
            ],
            { enrollmentConfig: { fraudDetectionConfig: { fraudDetectionAction: "FAIL", riskThreshold: 50 } } },
        );
        const { outs } = await enrollment.create(i);
        assert.strictEqual(outs.jobStatus, "COMPLETED_WITH_ERRORS");
        assert.deepStrictEqual([outs.newEnrollmentCount, outs.errorCount, outs.fraudDetectionFailureCount], [1, 1, 1]);
        assert.strictEqual(outs.enrollmentErrors[0].requestId, "mallory");
        assert.match(outs.enrollmentErrors[0].errorMessage, /fraud/);
        assert.ok(
            h.lines.some((l) => /see enrollmentErrors/.test(l)),
            h.lines.join("\n"),
        );

        // failOnErrors turns it into partial state the engine records.
        await assert.rejects(
            enrollment.update("x", { ...outs, __provider: "p" }, { ...i, failOnErrors: true }),
            (err: unknown) => err instanceof PartialStateError,
        );
    });

    it("deleteSpeakersOnDestroy deletes exactly the speakers the job newly enrolled", async () => {
        const keep = await enrollment.create(
            await inputs("erin-1", [
                { requestId: "erin", speakerId: "cust-erin", audio: [{ speaker: 5, utterance: 1 }] },
            ]),
        );
        const i = await inputs(
            "destroyable",
            [
                { requestId: "erin", speakerId: "cust-erin", audio: [{ speaker: 5, utterance: 2 }] },
                { requestId: "frank", speakerId: "cust-frank", audio: [{ speaker: 6, utterance: 1 }] },
            ],
            { deleteSpeakersOnDestroy: true },
        );
        const job = await enrollment.create(i);
        assert.deepStrictEqual([job.outs.newEnrollmentCount, job.outs.duplicateCount], [1, 1]);
        const frank = job.outs.enrollments.find((e: any) => e.requestId === "frank").speakerId;
        await enrollment.delete(job.id, job.outs);
        assert.strictEqual(await speakerExists(frank), false);
        assert.strictEqual(await speakerExists(keep.outs.enrollments[0].speakerId), true);
        assert.ok(
            h.lines.some((l) => /deleted 1 speaker\(s\) of job \w+; forgetting the job/.test(l)),
            h.lines.join("\n"),
        );
    });
});
