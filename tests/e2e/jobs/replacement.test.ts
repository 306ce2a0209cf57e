/**
 * The replacement invariant through the real Pulumi engine (docs/jobs.md, "Replacements never
 * empty a watchlist"): at no point of a replacement does a watchlist or domain hold fewer of the
 * fraudsters (speakers) the new inputs still register (enroll) than before, and a new job that
 * fails deletes nothing. The failures are the ones that once got through review: a results key
 * the data access role may not use, a role that cannot read the inputs, then the user's fix.
 *
 * The preview's preflight (docs/jobs.md, "Preflight at preview") would refuse those inputs; the
 * `up`s here run with IAM unreachable, so the preflight cannot tell and the apply itself must
 * keep its word.
 * @module
 */
import * as assert from "assert";
import { CreateWatchlistCommand } from "@aws-sdk/client-voice-id";
import { TestProgram } from "../../support/pulumi";
import { LocalStack, RegistrationSeed, SeedRequest, startLocalStackForSuite } from "../../support/localStack";

const JOB = "pulumi-nodejs:dynamic/voiceid:";
/** IAM nowhere: the preview's preflight cannot ask it, so only the apply's order protects. */
const BLIND = { AWS_ENDPOINT_URL_IAM: "http://127.0.0.1:9" };

const voices = (...speakers: number[]): SeedRequest[] =>
    speakers.map((s) => ({ requestId: `v${s}`, audio: [{ speaker: s, utterance: 2 }] }));

function registrationSource(domainId: string, seed: RegistrationSeed, watchlists: string[]): string {
    return `import * as pulumi from "@pulumi/pulumi";
import { FraudsterRegistrationJob, Watchlist } from "pulumi-voiceid";
const cfg = new pulumi.Config();
const lists: Record<string, Watchlist> = {};
for (const w of ${JSON.stringify(watchlists)}) lists[w] = new Watchlist(w, { domainId: ${JSON.stringify(domainId)}, name: w });
const job = new FraudsterRegistrationJob("known", {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: cfg.get("role") ?? ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)}, kmsKeyId: cfg.get("key") ?? ${JSON.stringify(seed.kmsKeyId)} },
    registrationConfig: { fraudsterSimilarityThreshold: Number(cfg.get("threshold") ?? "70"), watchlistIds: [lists[cfg.require("list")].watchlistId] },
    deleteFraudstersOnDestroy: true,
});
export const jobId = job.jobId;
export const status = job.jobStatus;
export const fresh = job.newRegistrationCount;
export const skipped = job.duplicateCount;
export const listIds = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, v.watchlistId]));
`;
}

describe("replacements keep what the new inputs still register, through the Pulumi engine", function () {
    this.timeout(900_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { jobDurationMs: 0 });

    it("key and role changes that FAIL delete nothing; the fix keeps the same fraudsters; a watchlist move takes them along; destroy deletes them", async () => {
        const domainId = await stack.createDomain("e2e-invariant");
        const seed = await stack.seedRegistration("e2e-invariant", voices(301, 302, 303, 304));
        // A key the role may not use, and a role that may not read the inputs.
        const foreignKey = await stack.createKmsKey();
        const blindRole = await stack.createDataAccessRole(`e2e-invariant-blind-${process.pid}`, {
            inputBucket: "nothing-here",
            outputBucket: seed.outputBucket,
            kmsKeyArn: seed.kmsKeyArn,
        });
        const prog = await TestProgram.create({
            name: "jobs-invariant",
            source: registrationSource(domainId, seed, ["vip", "vip2"]),
            env: stack.env,
            config: { list: "vip" },
        });
        try {
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            const first = await prog.outputs();
            assert.strictEqual(first.fresh, 4);
            const vip = first.listIds.vip;
            const before = (await stack.fraudsterIds(domainId, vip)).sort();
            assert.strictEqual(before.length, 4);
            const holds = async (list: string, why: string) =>
                assert.deepStrictEqual((await stack.fraudsterIds(domainId, list)).sort(), before, why);

            // The results key changes to one the role may not use: the new job FAILS, nothing is deleted.
            await prog.ok(["config", "set", "key", foreignKey.keyId]);
            const plan = await prog.preview([], BLIND);
            assert.strictEqual(plan.code, 0, plan.stdout + plan.stderr);
            assert.match(
                plan.stdout + plan.stderr,
                /only if it succeeds, the 4 fraudsters job \w+ registered will be deleted \(deleteFraudstersOnDestroy\), except those the new job finds again/,
            );
            const keyUp = await prog.up([], BLIND);
            assert.notStrictEqual(keyUp.code, 0, "the new job FAILED");
            assert.match(keyUp.stdout + keyUp.stderr, /FAILED/);
            await holds(vip, "a FAILED replacement deletes nothing");
            // The same again (the engine now also holds the old job as pending deletion), under
            // --continue-on-error: still nothing deleted.
            const again = await prog.up(["--continue-on-error"], BLIND);
            assert.notStrictEqual(again.code, 0);
            await holds(vip, "a retried FAILED replacement deletes nothing");

            // The role changes to one that cannot read the manifest: FAILED, nothing deleted.
            await prog.ok(["config", "rm", "key"]);
            await prog.ok(["config", "set", "role", blindRole]);
            const roleUp = await prog.up([], BLIND);
            assert.notStrictEqual(roleUp.code, 0);
            await holds(vip, "a role that cannot read the inputs deletes nothing");

            // The user's fix (the working role, a new threshold): the new job finds the same four
            // voices again, so they stay, with the same ids, in the same watchlist.
            await prog.ok(["config", "rm", "role"]);
            await prog.ok(["config", "set", "threshold", "60"]);
            const fixed = await prog.up();
            assert.strictEqual(fixed.code, 0, fixed.stdout + fixed.stderr);
            const outs = await prog.outputs();
            assert.strictEqual(outs.status, "COMPLETED");
            assert.strictEqual(outs.skipped, 4, "the new job claims all four");
            await holds(vip, "the fix keeps the same fraudsters");
            assert.match(fixed.stdout + fixed.stderr, /kept 4 that later job\(s\) found again/);
            assert.strictEqual(
                (await prog.resources(JOB)).filter((r: any) => r.delete).length,
                0,
                "no pending deletion left",
            );

            // The job moves to another watchlist and the old one leaves the program: the four move
            // along and the old watchlist, now empty, is deleted.
            prog.writeSource(registrationSource(domainId, seed, ["vip2"]));
            await prog.ok(["config", "set", "list", "vip2"]);
            await prog.ok(["config", "set", "threshold", "65"]);
            const moved = await prog.up();
            assert.strictEqual(moved.code, 0, moved.stdout + moved.stderr);
            await holds((await prog.outputs()).listIds.vip2, "the new watchlist holds the same four");

            // Destroy deletes what the resource registered, including what was handed over to it.
            await prog.destroyAll(JOB);
            assert.deepStrictEqual(
                await stack.fraudsterIds(domainId),
                [],
                "destroy deletes the handed-over fraudsters",
            );
        } finally {
            await prog.dispose();
        }
    });

    it("speaker enrollment: a FAILED replacement keeps every speaker; the fix keeps the same speakers; destroy deletes them", async () => {
        const domainId = await stack.createDomain("e2e-invariant-enr");
        const seed = await stack.seedEnrollment(
            "e2e-inv-enr",
            [311, 312, 313].map((s) => ({
                requestId: `r${s}`,
                speakerId: `cust-${s}`,
                audio: [{ speaker: s, utterance: 1 }],
            })),
        );
        const foreignKey = await stack.createKmsKey();
        const src = `import * as pulumi from "@pulumi/pulumi";
import { SpeakerEnrollmentJob } from "pulumi-voiceid";
const cfg = new pulumi.Config();
const job = new SpeakerEnrollmentJob("customers", {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)}, kmsKeyId: cfg.get("key") ?? ${JSON.stringify(seed.kmsKeyId)} },
    enrollmentConfig: { existingEnrollmentAction: (cfg.get("action") ?? "SKIP") as "SKIP" | "OVERWRITE" },
    deleteSpeakersOnDestroy: true,
});
export const status = job.jobStatus;
export const enrolled = job.newEnrollmentCount;
`;
        const prog = await TestProgram.create({ name: "enr-invariant", source: src, env: stack.env });
        const speakers = async () => {
            const { ListSpeakersCommand } = await import("@aws-sdk/client-voice-id");
            const out = await stack.voiceId.send(new ListSpeakersCommand({ DomainId: domainId, MaxResults: 100 }));
            return (out.SpeakerSummaries ?? [])
                .filter((s) => s.Status !== "OPTED_OUT")
                .map((s) => s.GeneratedSpeakerId!)
                .sort();
        };
        try {
            assert.strictEqual((await prog.up()).code, 0);
            const before = await speakers();
            assert.strictEqual(before.length, 3);

            await prog.ok(["config", "set", "key", foreignKey.keyId]);
            const failed = await prog.up([], BLIND);
            assert.notStrictEqual(failed.code, 0);
            assert.deepStrictEqual(await speakers(), before, "a FAILED replacement deletes no speaker");

            await prog.ok(["config", "rm", "key"]);
            await prog.ok(["config", "set", "action", "OVERWRITE"]);
            const fixed = await prog.up();
            assert.strictEqual(fixed.code, 0, fixed.stdout + fixed.stderr);
            assert.deepStrictEqual(await speakers(), before, "the fix keeps the same speakers");

            await prog.destroyAll(JOB);
            assert.deepStrictEqual(await speakers(), [], "destroy deletes the handed-over speakers");
        } finally {
            await prog.dispose();
        }
    });

    it("a watchlist the stack did not fill refuses deletion saying how many fraudsters, how to list them and what to do", async () => {
        const domainId = await stack.createDomain("e2e-invariant-refuse");
        const seed = await stack.seedRegistration("e2e-inv-refuse", voices(321, 322));
        const list = await stack.voiceId.send(
            new CreateWatchlistCommand({ DomainId: domainId, Name: "filled-elsewhere" }),
        );
        const watchlistId = list.Watchlist!.WatchlistId!;
        const { StartFraudsterRegistrationJobCommand, DescribeFraudsterRegistrationJobCommand } =
            await import("@aws-sdk/client-voice-id");
        const started = await stack.voiceId.send(
            new StartFraudsterRegistrationJobCommand({
                DomainId: domainId,
                DataAccessRoleArn: seed.roleArn,
                InputDataConfig: { S3Uri: seed.manifestUri },
                OutputDataConfig: { S3Uri: seed.outputUri, KmsKeyId: seed.kmsKeyId },
                RegistrationConfig: { WatchlistIds: [watchlistId] },
            }),
        );
        for (let i = 0; i < 100; i++) {
            const d = await stack.voiceId.send(
                new DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: started.Job!.JobId! }),
            );
            if (d.Job?.JobStatus === "COMPLETED") break;
            await new Promise((r) => setTimeout(r, 200));
        }
        const prog = await TestProgram.create({
            name: "wl-refuse",
            source: `import { Watchlist } from "pulumi-voiceid";
new Watchlist("outside", { domainId: ${JSON.stringify(domainId)}, name: "filled-elsewhere" }, { import: ${JSON.stringify(`${domainId}/${watchlistId}`)} });
`,
            env: stack.env,
        });
        try {
            assert.strictEqual((await prog.up()).code, 0);
            const refused = await prog.destroy();
            assert.notStrictEqual(refused.code, 0);
            const out = refused.stdout + refused.stderr;
            assert.match(out, /holds 2 fraudsters/);
            assert.match(
                out,
                new RegExp(`aws voice-id list-fraudsters --domain-id ${domainId} --watchlist-id ${watchlistId}`),
            );
            assert.match(out, /retainOnDelete/);
            await prog.ok(["state", "delete", "--yes", "--force", (await prog.resources(JOB))[0].urn]);
        } finally {
            await prog.dispose();
        }
    });
});
