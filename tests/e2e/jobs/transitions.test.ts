/**
 * FraudsterRegistrationJob (and the domain and watchlist where it matters) through the real
 * Pulumi engine, one case per transition a team meets when things go wrong or change:
 * FAILED and failOnErrors failures fixed by a later `up`, a timeout resumed, a replacement
 * under deleteFraudstersOnDestroy whose new manifest is missing, the effective region and
 * endpoint, import with retainOnDelete, and a refusal printed once.
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    CreateWatchlistCommand,
    DescribeWatchlistCommand,
    StartFraudsterRegistrationJobCommand,
} from "@aws-sdk/client-voice-id";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { changeSummary, TestProgram } from "../../support/pulumi";
import { jobLocations, LocalStack, RegistrationSeed, SeedRequest, startLocalStack } from "../../support/localStack";

const JOB = "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob";
const STACK_ERROR = /^\s+at .+\(.*:\d+:\d+\)$/m;

const speakers = (...ids: number[]): SeedRequest[] =>
    ids.map((s, i) => ({ requestId: `r${i}-s${s}`, audio: [{ speaker: s, utterance: 2 }] }));

/** A job declaration whose manifest, timeout and policy come from stack config. */
function jobSource(name: string, domainId: string, seed: RegistrationSeed, extra = ""): string {
    return `
const ${name} = new FraudsterRegistrationJob(${JSON.stringify(name)}, {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: cfg.require(${JSON.stringify(`${name}Manifest`)}) },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)}, kmsKeyId: ${JSON.stringify(seed.kmsKeyId)} },
    ${extra}
});
export const ${name}Id = ${name}.jobId;
export const ${name}Status = ${name}.jobStatus;
export const ${name}New = ${name}.newRegistrationCount;
`;
}
const header = `import * as pulumi from "@pulumi/pulumi";
import { FraudsterRegistrationJob } from "pulumi-voiceid";
const cfg = new pulumi.Config();
`;

/** A job resource in the exported state (secrets revealed); not one pending deletion. */
async function jobState(prog: TestProgram, name: string): Promise<any> {
    const res = (await prog.resources(JOB)).find((r: any) => r.urn.endsWith(`::${name}`) && !r.delete);
    assert.ok(res, `no ${name} in state`);
    return res;
}

/** `pulumi preview --json`: the steps, with their replace reasons. */
async function previewSteps(
    prog: TestProgram,
    env: NodeJS.ProcessEnv = {},
): Promise<{ op: string; urn: string; replaceReasons?: string[] }[]> {
    const r = await prog.pulumi(["preview", "--json"], env);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    return JSON.parse(r.stdout).steps ?? [];
}
const changed = <S extends { op: string }>(steps: S[]): S[] => steps.filter((s) => s.op !== "same");

describe("FraudsterRegistrationJob transitions through the Pulumi engine", function () {
    this.timeout(900_000);
    let stack: LocalStack;
    before(async () => {
        // A database file: the endpoint case restarts the service on another port.
        const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-transitions-")), "voiceid.db");
        stack = await startLocalStack({ jobDurationMs: 0, dbPath: db });
    });
    after(async () => stack && (await stack.stop()));

    it("create -> FAILED, failOnErrors failure -> up (fails again) -> fix -> up -> refresh -> destroy", async () => {
        const domainId = await stack.createDomain("e2e-failed");
        const seed = await stack.seedRegistration("e2e-failed", speakers(131, 132));
        const shortSeed = await stack.seedRegistration("e2e-short", [
            { requestId: "ok", audio: [{ speaker: 133, utterance: 2 }] },
            { requestId: "short", audio: [{ speaker: 134, utterance: 2, seconds: 0.3 }] },
        ]);
        // The strict job's fix: a manifest its role may read, with a new speaker only.
        const fixAudio = await stack.putAudio(shortSeed.inputBucket, "audio/fix.wav", 135, 2);
        const fixedManifest = await stack.putManifest(shortSeed.inputBucket, "manifests/fixed.json", [
            { RequestId: "fix", AudioSpecifications: [{ S3Uri: fixAudio, ChannelId: 0 }] },
        ]);
        const prog = await TestProgram.create({
            name: "jobs-failed",
            source:
                header +
                jobSource("failed", domainId, seed) +
                jobSource("strict", domainId, shortSeed, "failOnErrors: true,"),
            env: stack.env,
            config: {
                failedManifest: `s3://${seed.inputBucket}/manifests/vanishing.json`,
                strictManifest: shortSeed.manifestUri,
            },
        });
        try {
            // The preflight refuses a manifest missing at preview; a job still FAILS on one that
            // vanishes after it: here a copy deleted once `jobs` jobs are submitted (the local
            // service holds them 4 s before reading their inputs).
            const upWhileManifestVanishes = async (jobs: number, extra: string[] = []) => {
                await stack.putObject(
                    seed.inputBucket,
                    "manifests/vanishing.json",
                    await stack.getObjectText(seed.inputBucket, "manifests/input-file.json"),
                );
                stack.emulator!.config.jobStartDelayMs = 4000;
                try {
                    const running = prog.up(extra);
                    while ((await stack.registrationJobCount(domainId)) < jobs)
                        await new Promise((r) => setTimeout(r, 200));
                    await stack.s3.send(
                        new DeleteObjectCommand({ Bucket: seed.inputBucket, Key: "manifests/vanishing.json" }),
                    );
                    return await running;
                } finally {
                    stack.emulator!.config.jobStartDelayMs = 0;
                }
            };
            const first = await upWhileManifestVanishes(2);
            assert.notStrictEqual(first.code, 0, "a FAILED job fails the update");
            assert.match(first.stdout + first.stderr, /FAILED/);
            assert.match(first.stdout + first.stderr, /COMPLETED_WITH_ERRORS .*failOnErrors/);
            const failed = await jobState(prog, "failed");
            assert.strictEqual(failed.outputs.jobStatus, "FAILED");
            assert.ok(failed.outputs.__provider, "partial state carries __provider");
            assert.ok((await jobState(prog, "strict")).outputs.__provider);

            // Refresh works on partial state (it failed with "code must be a string" before), and
            // plans nothing: the engine's refresh diff prints no plan line.
            const refresh = await prog.refresh();
            assert.strictEqual(refresh.code, 0, refresh.stdout + refresh.stderr);
            assert.ok(!/\[voiceid\] plan:/.test(refresh.stdout + refresh.stderr), refresh.stdout + refresh.stderr);
            // The preview of the retry says it will likely fail again (no input changed).
            const retryPlan = await prog.preview();
            assert.match(
                retryPlan.stdout + retryPlan.stderr,
                /FAILED and no input changed: .*will likely fail the same way/,
            );

            // Nothing changed and the manifest is still missing: the retry is refused at check by the
            // preflight (the engine checks a replacement's inputs as a create's), before any step.
            const refused = await prog.up(["--continue-on-error"]);
            assert.notStrictEqual(refused.code, 0);
            assert.match(
                refused.stdout + refused.stderr,
                /property inputDataConfig\.s3Uri .*has a problem: must name a manifest that works .*vanishing\.json does not exist/,
            );
            assert.strictEqual(await stack.registrationJobCount(domainId), 2, "no job started");

            // Nothing changed, the manifest there at preview: the FAILED job is retried, the
            // failOnErrors job fails again. The two are independent; without --continue-on-error the
            // engine starts no new step once the first fails, and the strict job's update fails at
            // once, so the retry could be skipped.
            const again = await upWhileManifestVanishes(3, ["--continue-on-error"]);
            assert.notStrictEqual(again.code, 0);
            assert.match(again.stdout + again.stderr, /failOnErrors is set/);
            assert.ok(!/code must be a string/.test(again.stdout + again.stderr), again.stdout + again.stderr);
            // The retry's new job FAILED too. A replacement that FAILS is not recorded, so the
            // engine does not mark the old entry for deletion: the stack still holds the first
            // FAILED job alone, complete, and a second job was started.
            const entries = (await prog.resources(JOB)).filter((r: any) => r.urn.endsWith("::failed"));
            assert.deepStrictEqual(
                entries.map((r: any) => [r.outputs.jobId, !!r.delete]),
                [[failed.outputs.jobId, false]],
            );
            assert.ok(entries[0].outputs.__provider);
            assert.match(again.stdout + again.stderr, /The replaced job stays as it was/);
            assert.strictEqual(
                await stack.registrationJobCount(domainId),
                3,
                "the first run started two jobs, the retry one, the refused run none",
            );

            // Fix both: the replacements run new jobs and forget the old ones.
            await prog.ok(["config", "set", "failedManifest", seed.manifestUri]);
            await prog.ok(["config", "set", "strictManifest", fixedManifest]);
            const fixed = await prog.up();
            assert.strictEqual(fixed.code, 0, fixed.stdout + fixed.stderr);
            const outs = await prog.outputs();
            assert.strictEqual(outs.failedStatus, "COMPLETED");
            assert.strictEqual(outs.failedNew, 2);
            assert.strictEqual(outs.strictStatus, "COMPLETED");
            assert.strictEqual(outs.strictNew, 1);
            assert.strictEqual(changeSummary(fixed.stdout).replaced, 2, fixed.stdout);

            // Unchanged jobs refresh silently (no false "differs" warning) and plan nothing.
            const quiet = await prog.refresh();
            assert.strictEqual(quiet.code, 0, quiet.stdout + quiet.stderr);
            assert.ok(!/differs from the job's/.test(quiet.stdout + quiet.stderr), quiet.stdout);
            assert.ok(!/warning/i.test(quiet.stdout), quiet.stdout);
            const clean = await prog.preview(["--expect-no-changes"]);
            assert.strictEqual(clean.code, 0, clean.stdout + clean.stderr);

            await prog.destroyAll(JOB);
        } finally {
            await prog.dispose();
        }
    });

    it("a warning reaches the engine as a warning, on the job's own row", async () => {
        const domainId = await stack.createDomain("e2e-warn");
        const seed = await stack.seedRegistration("e2e-warn", [
            { requestId: "ok", audio: [{ speaker: 136, utterance: 2 }] },
            { requestId: "short", audio: [{ speaker: 137, utterance: 2, seconds: 0.3 }] },
        ]);
        const prog = await TestProgram.create({
            name: "jobs-warn",
            source: header + jobSource("lenient", domainId, seed),
            env: stack.env,
            config: { lenientManifest: seed.manifestUri },
        });
        try {
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            const diagnostics = up.stdout.split(/^Diagnostics:$/m)[1] ?? "";
            // Under the job's own heading, labelled by the engine (not a plain line on the Stack row).
            assert.match(
                diagnostics,
                /FraudsterRegistrationJob \(lenient\):\n(?: {4}.*\n)*? {4}warning: \[voiceid\] job \w+ completed with 1 failed request\(s\)/,
                up.stdout,
            );
            assert.ok(!/warning: \[voiceid\] warning:/.test(up.stdout), "the engine's label is not doubled");
            const events = await prog.pulumi(["preview", "--json", "--refresh"]);
            assert.strictEqual(events.code, 0, events.stdout + events.stderr);
            await prog.destroyAll(JOB);
        } finally {
            await prog.dispose();
        }
    });

    it("timeout -> refresh -> up (resumes the same job) -> destroy", async () => {
        stack.emulator!.config.jobDurationMs = 25_000;
        const domainId = await stack.createDomain("e2e-timeout");
        const seed = await stack.seedRegistration("e2e-timeout", speakers(141, 142));
        const prog = await TestProgram.create({
            name: "jobs-timeout",
            source: header + jobSource("slow", domainId, seed, `timeoutSeconds: Number(cfg.require("timeout")),`),
            env: stack.env,
            config: { slowManifest: seed.manifestUri, timeout: "3" },
        });
        try {
            const up = await prog.up();
            assert.notStrictEqual(up.code, 0);
            assert.match(up.stdout + up.stderr, /after timeoutSeconds/);
            const recorded = await jobState(prog, "slow");
            assert.ok(["SUBMITTED", "IN_PROGRESS"].includes(recorded.outputs.jobStatus), recorded.outputs.jobStatus);
            assert.ok(recorded.outputs.__provider);

            const refresh = await prog.refresh();
            assert.strictEqual(refresh.code, 0, refresh.stdout + refresh.stderr);
            assert.ok(!/\[voiceid\] plan:/.test(refresh.stdout + refresh.stderr), refresh.stdout + refresh.stderr);

            await prog.ok(["config", "set", "timeout", "300"]);
            const resumePlan = await prog.preview();
            assert.match(
                resumePlan.stdout + resumePlan.stderr,
                /"slow" will update: resumes waiting for job \w+, still (SUBMITTED|IN_PROGRESS) \(the job is not started again\)/,
            );
            const resumed = await prog.up();
            assert.strictEqual(resumed.code, 0, resumed.stdout + resumed.stderr);
            const outs = await prog.outputs();
            assert.strictEqual(outs.slowStatus, "COMPLETED");
            assert.strictEqual(outs.slowId, recorded.outputs.jobId, "the same job was waited for");
            assert.strictEqual(outs.slowNew, 2);
            assert.strictEqual(await stack.registrationJobCount(domainId), 1);

            const destroy = await prog.destroy();
            assert.strictEqual(destroy.code, 0, destroy.stdout + destroy.stderr);
        } finally {
            stack.emulator!.config.jobDurationMs = 0;
            await prog.dispose();
        }
    });

    it("a replacement under deleteFraudstersOnDestroy whose new manifest is missing deletes nothing", async () => {
        const domainId = await stack.createDomain("e2e-keep");
        const seed = await stack.seedRegistration("e2e-keep", speakers(151, 152));
        // The next manifest sits where the job's data access role may read it.
        const nextAudio = await stack.putAudio(seed.inputBucket, "audio/next.wav", 153, 2);
        const nextManifest = await stack.putManifest(seed.inputBucket, "manifests/next.json", [
            { RequestId: "next", AudioSpecifications: [{ S3Uri: nextAudio, ChannelId: 0 }] },
        ]);
        const prog = await TestProgram.create({
            name: "jobs-keep",
            source: header + jobSource("batch", domainId, seed, "deleteFraudstersOnDestroy: true,"),
            env: stack.env,
            config: { batchManifest: seed.manifestUri },
        });
        try {
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            const before = await stack.fraudsterIds(domainId);
            assert.strictEqual(before.length, 2);

            // A mistyped key: preview and up fail at check, naming the field; nothing is deleted.
            await prog.ok(["config", "set", "batchManifest", `s3://${seed.inputBucket}/manifests/input-flie.json`]);
            const preview = await prog.preview();
            assert.notStrictEqual(preview.code, 0);
            assert.match(
                preview.stdout + preview.stderr,
                /inputDataConfig\.s3Uri .*has a problem: must name a manifest that works .*input-flie\.json does not exist/,
            );
            const failed = await prog.up();
            assert.notStrictEqual(failed.code, 0);
            assert.deepStrictEqual((await stack.fraudsterIds(domainId)).sort(), before.sort(), "0 fraudsters lost");
            assert.strictEqual(await stack.registrationJobCount(domainId), 1, "no job started");

            // A manifest naming missing audio is refused the same way.
            await stack.putManifest(seed.inputBucket, "manifests/dangling.json", [
                {
                    RequestId: "x",
                    AudioSpecifications: [{ S3Uri: `s3://${seed.inputBucket}/audio/nope.wav`, ChannelId: 0 }],
                },
            ]);
            await prog.ok(["config", "set", "batchManifest", `s3://${seed.inputBucket}/manifests/dangling.json`]);
            const dangling = await prog.preview();
            assert.notStrictEqual(dangling.code, 0);
            assert.match(dangling.stdout + dangling.stderr, /audio object .*nope\.wav.* does not exist/);

            // A folder is no manifest, whatever the resource's history.
            await prog.ok(["config", "set", "batchManifest", `s3://${seed.inputBucket}/manifests/`]);
            const folder = await prog.preview();
            assert.notStrictEqual(folder.code, 0);
            assert.match(
                folder.stdout + folder.stderr,
                /inputDataConfig\.s3Uri .*has a problem: must name the manifest object/,
            );

            // The plan says the order: the new job first, the old job's fraudsters only after it.
            await prog.ok(["config", "set", "batchManifest", nextManifest]);
            const plan = await prog.preview();
            assert.strictEqual(plan.code, 0, plan.stdout + plan.stderr);
            assert.match(
                plan.stdout + plan.stderr,
                /a new registration job will run .*; only if it succeeds, the 2 fraudsters job \w+ registered will be deleted/,
            );

            // A working manifest: the new job registers its own, then the old job's fraudsters go.
            const replaced = await prog.up();
            assert.strictEqual(replaced.code, 0, replaced.stdout + replaced.stderr);
            const after = await stack.fraudsterIds(domainId);
            assert.strictEqual(after.length, 1);
            assert.ok(!before.some((f) => after.includes(f)));
        } finally {
            await prog.dispose();
        }
    });

    it("region and endpoint: declaring what is in effect plans nothing; a real move replaces", async () => {
        const seed = await stack.seedRegistration("e2e-target", speakers(161));
        const src = `import * as pulumi from "pulumi-voiceid";
const key = ${JSON.stringify(seed.kmsKeyId)};
const domain = new pulumi.VoiceIdDomain("fraud", { name: "target", serverSideEncryptionConfiguration: { kmsKeyId: key } });
const watchlist = new pulumi.Watchlist("list", { domainId: domain.domainId });
const job = new pulumi.FraudsterRegistrationJob("job", {
    domainId: domain.domainId,
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)} },
    registrationConfig: { watchlistIds: [watchlist.watchlistId] },
});
export const status = job.jobStatus;
`;
        const prog = await TestProgram.create({ name: "jobs-target", source: src, env: stack.env });
        try {
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);

            // aws:region equal to AWS_REGION, then voiceid:endpoint equal to the endpoint in use.
            await prog.ok(["config", "set", "aws:region", stack.region]);
            assert.deepStrictEqual(changed(await previewSteps(prog)), []);
            await prog.ok(["config", "set", "voiceid:endpoint", stack.voiceIdEndpoint]);
            assert.deepStrictEqual(changed(await previewSteps(prog)), []);
            assert.strictEqual((await prog.up()).code, 0);
            await prog.ok(["config", "rm", "voiceid:endpoint"]);
            assert.deepStrictEqual(changed(await previewSteps(prog)), []);

            // The endpoint only in the environment moves (the service restarts on another port).
            await stack.restartEmulator();
            Object.assign(prog.env, stack.env);
            assert.deepStrictEqual(changed(await previewSteps(prog)), []);
            const refresh = await prog.refresh();
            assert.strictEqual(refresh.code, 0, refresh.stdout + refresh.stderr);

            // The effective region moves: every resource is replaced, for `region` (the
            // watchlist and job also for the domain id, unknown until the new domain exists).
            await prog.ok(["config", "rm", "aws:region"]);
            const moved = changed(
                await previewSteps(prog, { AWS_REGION: "us-west-2", AWS_DEFAULT_REGION: "us-west-2" }),
            );
            const replaced = moved.filter((s) => s.op === "replace");
            assert.strictEqual(replaced.length, 3, JSON.stringify(moved));
            for (const s of replaced) {
                assert.ok(
                    s.replaceReasons?.includes("region") && !s.replaceReasons.includes("scope"),
                    `${s.urn}: ${s.replaceReasons}`,
                );
            }
            assert.deepStrictEqual(replaced.find((s) => s.urn.endsWith("::fraud"))!.replaceReasons, ["region"]);
        } finally {
            await prog.dispose();
        }
    });

    it("import with retainOnDelete -> destroy leaves the objects; a refused delete prints once", async () => {
        const domainId = await stack.createDomain("e2e-retain");
        const seed = await stack.seedRegistration("e2e-retain", speakers(171));
        const list = await stack.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: "outside" }));
        const watchlistId = list.Watchlist!.WatchlistId!;
        const started = await stack.voiceId.send(
            new StartFraudsterRegistrationJobCommand({
                DomainId: domainId,
                ...jobLocations(seed, { kmsKey: false }),
                RegistrationConfig: { WatchlistIds: [watchlistId] },
            }),
        );
        await new Promise((r) => setTimeout(r, 3000));
        const src = (retain: boolean) => `import { FraudsterRegistrationJob, Watchlist } from "pulumi-voiceid";
const list = new Watchlist("outside", { domainId: ${JSON.stringify(domainId)}, name: "outside" }, { import: ${JSON.stringify(`${domainId}/${watchlistId}`)}, retainOnDelete: ${retain} });
const job = new FraudsterRegistrationJob("outside", {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)} },
    registrationConfig: { watchlistIds: [list.watchlistId] },
    deleteFraudstersOnDestroy: true,
}, { import: ${JSON.stringify(`${domainId}/${started.Job!.JobId}`)}, retainOnDelete: ${retain} });
export const status = job.jobStatus;
`;
        const prog = await TestProgram.create({ name: "jobs-retain", source: src(true), env: stack.env });
        try {
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            assert.strictEqual((await prog.outputs()).status, "COMPLETED");
            await prog.destroyAll("pulumi-nodejs:dynamic/voiceid:");
            await stack.voiceId.send(new DescribeWatchlistCommand({ DomainId: domainId, WatchlistId: watchlistId }));
            assert.strictEqual(
                (await stack.fraudsterIds(domainId, watchlistId)).length,
                1,
                "retained: the fraudster stays",
            );

            // Without retainOnDelete and with the job gone from the program, the non-empty
            // watchlist's delete is refused: once, clearly, without a stack trace.
            prog.writeSource(src(false).replace(/const job[\s\S]*$/, "export const id = list.watchlistId;\n"));
            assert.strictEqual((await prog.up()).code, 0);
            const refused = await prog.destroy();
            assert.notStrictEqual(refused.code, 0);
            const out = refused.stdout + refused.stderr;
            // The engine's progress lines echo a resource's error; its diagnostics hold each
            // message once. Nothing else: no stack trace, no second copy from the provider host.
            const diagnostics = out.split(/^Diagnostics:$/m)[1] ?? "";
            assert.strictEqual(diagnostics.split("deletes only empty watchlists").length - 1, 1, out);
            assert.strictEqual(out.split("deletes only empty watchlists").length - 1, 3, out);
            assert.ok(!STACK_ERROR.test(out) && !/Refusal|Error: Watchlist/.test(out), out);
            await prog.ok([
                "state",
                "delete",
                "--yes",
                "--force",
                (await prog.resources("pulumi-nodejs:dynamic/voiceid:Watchlist"))[0].urn,
            ]);
        } finally {
            await prog.dispose();
        }
    });
});
