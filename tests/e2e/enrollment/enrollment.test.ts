/**
 * SpeakerEnrollmentJob through the real Pulumi engine against the local stack: fraudsters
 * registered, then customers enrolled with one caught as a known fraudster; a no-op preview;
 * SKIP -> OVERWRITE previewed and applied as a replacement; refresh; a FAILED job recovered by
 * fixing the input and running `pulumi up`; destroy. And a SIGKILL of `pulumi up` mid-job:
 * the next `up` adopts the job, no speaker enrolled twice.
 * @module
 */
import * as assert from "assert";
import { ListSpeakerEnrollmentJobsCommand, ListSpeakersCommand } from "@aws-sdk/client-voice-id";
import { changeSummary, TestProgram } from "../../support/pulumi";
import { LocalStack, RegistrationSeed, startLocalStackForSuite } from "../../support/localStack";

const TYPE = "pulumi-nodejs:dynamic/voiceid:SpeakerEnrollmentJob";

function source(domainId: string, fraudsters: RegistrationSeed, customers: RegistrationSeed): string {
    return `
import * as pulumi from "@pulumi/pulumi";
import { FraudsterRegistrationJob, SpeakerEnrollmentJob } from "pulumi-voiceid";

const config = new pulumi.Config();
const fraudsters = new FraudsterRegistrationJob("fraudsters", {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: ${JSON.stringify(fraudsters.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(fraudsters.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(fraudsters.outputUri)}, kmsKeyId: ${JSON.stringify(fraudsters.kmsKeyId)} },
});
const customers = new SpeakerEnrollmentJob("customers", {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: ${JSON.stringify(customers.roleArn)},
    inputDataConfig: { s3Uri: config.get("manifest") ?? ${JSON.stringify(customers.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(customers.outputUri)}, kmsKeyId: ${JSON.stringify(customers.kmsKeyId)} },
    enrollmentConfig: {
        existingEnrollmentAction: config.get("action") as "SKIP" | "OVERWRITE" | undefined ?? "SKIP",
        fraudDetectionConfig: { fraudDetectionAction: "FAIL", riskThreshold: 50 },
    },
}, { dependsOn: [fraudsters] });
export const registered = fraudsters.newRegistrationCount;
export const jobId = customers.jobId;
export const status = customers.jobStatus;
export const enrolled = customers.newEnrollmentCount;
export const overwritten = customers.overwrittenCount;
export const skipped = customers.duplicateCount;
export const flagged = customers.fraudDetectionFailureCount;
export const errors = customers.enrollmentErrors;
export const enrollments = customers.enrollments;
`;
}

describe("SpeakerEnrollmentJob through the Pulumi engine", function () {
    this.timeout(900_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { jobDurationMs: 0 });

    it("enrolls customers and catches a known fraudster; SKIP -> OVERWRITE; a FAILED job fixed by `up`; destroy", async () => {
        const domainId = await stack.createDomain("e2e-enroll");
        const fraudsters = await stack.seedRegistration("e2e-enr-fraud", [
            { requestId: "mallory", audio: [{ speaker: 211, utterance: 1 }] },
        ]);
        const customers = await stack.seedEnrollment("e2e-enr-cust", [
            { requestId: "alice", speakerId: "cust-alice", audio: [{ speaker: 212, utterance: 1 }] },
            { requestId: "bob", speakerId: "cust-bob", audio: [{ speaker: 213, utterance: 1 }] },
            { requestId: "mallory", speakerId: "cust-mallory", audio: [{ speaker: 211, utterance: 2 }] },
        ]);
        const prog = await TestProgram.create({
            name: "enroll",
            source: source(domainId, fraudsters, customers),
            env: stack.env,
        });
        try {
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            assert.match(up.stdout, /SpeakerEnrollmentJob|customers/);
            let outs = await prog.outputs();
            assert.strictEqual(outs.registered, 1);
            assert.strictEqual(outs.status, "COMPLETED_WITH_ERRORS");
            assert.deepStrictEqual([outs.enrolled, outs.skipped, outs.flagged], [2, 0, 1]);
            assert.strictEqual(outs.errors[0].requestId, "mallory");
            const [res] = await prog.resources(TYPE);
            assert.strictEqual(res.id, `${domainId}/${outs.jobId}`);
            assert.ok(res.inputs.__provider.includes("pulumi-voiceid/provider/enrollment/provider"));
            const raw = await prog.ok(["stack", "export"]);
            assert.ok(!raw.stdout.includes(prog.dir), "absolute path in state");

            const noop = await prog.preview(["--expect-no-changes"]);
            assert.strictEqual(noop.code, 0, noop.stdout + noop.stderr);

            // OVERWRITE: a replacement that re-enrolls the enrolled customers with the same ids.
            await prog.ok(["config", "set", "action", "OVERWRITE"]);
            const plan = await prog.preview();
            assert.strictEqual(changeSummary(plan.stdout).replace, 1, plan.stdout);
            assert.match(plan.stdout + plan.stderr, /enrollmentConfig/);
            const over = await prog.up();
            assert.strictEqual(over.code, 0, over.stdout + over.stderr);
            const overwritten = await prog.outputs();
            assert.deepStrictEqual([overwritten.enrolled, overwritten.overwritten, overwritten.flagged], [0, 2, 1]);
            assert.notStrictEqual(overwritten.jobId, outs.jobId);
            assert.deepStrictEqual(
                overwritten.enrollments.map((e: any) => e.speakerId).sort(),
                outs.enrollments.map((e: any) => e.speakerId).sort(),
                "OVERWRITE keeps the speakers' generated ids",
            );

            const refresh = await prog.refresh();
            assert.strictEqual(refresh.code, 0, refresh.stdout + refresh.stderr);
            assert.strictEqual((await prog.preview(["--expect-no-changes"])).code, 0);

            // A mistyped manifest: the preflight refuses it at check (it used to run a job that
            // FAILED); `up` starts no job. Fixing the input and running `up` replaces the job.
            await prog.ok(["config", "set", "manifest", `s3://${customers.inputBucket}/manifests/mistyped.json`]);
            const jobsBefore = (await stack.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId })))
                .JobSummaries?.length;
            const failed = await prog.up();
            assert.notStrictEqual(failed.code, 0, "the preflight fails the update");
            assert.match(
                failed.stdout + failed.stderr,
                /property inputDataConfig\.s3Uri .*has a problem: must name a manifest that works .*mistyped\.json does not exist/,
            );
            assert.strictEqual(
                (await stack.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId }))).JobSummaries
                    ?.length,
                jobsBefore,
                "no job started",
            );
            await prog.ok(["config", "rm", "manifest"]);
            const fixed = await prog.up();
            assert.strictEqual(fixed.code, 0, fixed.stdout + fixed.stderr);
            outs = await prog.outputs();
            assert.strictEqual(outs.status, "COMPLETED_WITH_ERRORS");
            assert.deepStrictEqual([outs.enrolled, outs.overwritten], [0, 2]);

            await prog.destroyAll(TYPE);
        } finally {
            await prog.dispose();
        }
    });

    it("SIGKILL of `pulumi up` mid-job, then `up` again: one job, no speaker enrolled twice", async () => {
        stack.emulator!.config.jobDurationMs = 10_000;
        const domainId = await stack.createDomain("e2e-enroll-crash");
        const seed = await stack.seedEnrollment(
            "e2e-enr-crash",
            [221, 222, 223].map((s) => ({
                requestId: `r${s}`,
                speakerId: `cust-${s}`,
                audio: [{ speaker: s, utterance: 1 }],
            })),
        );
        const jobs = async () =>
            (await stack.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: domainId }))).JobSummaries
                ?.length ?? 0;
        const prog = await TestProgram.create({
            name: "enroll-crash",
            source: `
import { SpeakerEnrollmentJob } from "pulumi-voiceid";
const job = new SpeakerEnrollmentJob("customers", {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)}, kmsKeyId: ${JSON.stringify(seed.kmsKeyId)} },
});
export const status = job.jobStatus;
export const enrolled = job.newEnrollmentCount;
`,
            env: stack.env,
        });
        try {
            await prog.crashUp(async () => (await jobs()) > 0);
            const again = await prog.up();
            assert.strictEqual(again.code, 0, again.stdout + again.stderr);
            assert.strictEqual(await jobs(), 1, "exactly one job");
            const outs = await prog.outputs();
            assert.deepStrictEqual([outs.status, outs.enrolled], ["COMPLETED", 3]);
            const listed = await stack.voiceId.send(new ListSpeakersCommand({ DomainId: domainId, MaxResults: 100 }));
            assert.strictEqual(listed.SpeakerSummaries?.length, 3, "no speaker enrolled twice");
        } finally {
            stack.emulator!.config.jobDurationMs = 0;
            await prog.dispose();
        }
    });
});
