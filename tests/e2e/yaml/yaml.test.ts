/**
 * The native plugin `pulumi-resource-voiceid` through the real Pulumi engine and the YAML
 * language host, against the local stack: `examples/yaml` (domain, watchlist, registration and
 * enrollment jobs) up with a FAILED job fixed by the next up, no-op preview, a change previewed
 * with its property and plan line on the resource's row, secrets kept, `pulumi import` of all
 * four types with the generated code previewing no change, destroy; kill -9 of `pulumi up`
 * mid-job adopted by the next up (and the plugin gone with its engine); and a stack moved from
 * the dynamic classes to the native types without re-running a job.
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import {
    ListDomainsCommand,
    ListFraudsterRegistrationJobsCommand,
    ListSpeakerEnrollmentJobsCommand,
    StartFraudsterRegistrationJobCommand,
} from "@aws-sdk/client-voice-id";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { changeSummary, TestProgram } from "../../support/pulumi";
import { jobLocations, LocalStack, startLocalStackForSuite } from "../../support/localStack";
import { enrollmentManifest, exampleConfig, speakers } from "../../support/nativeSeeds";
import { killGroup } from "../../support/process";
import { exampleYaml, oneJobYaml, readYaml, writeYaml, yamlHeader, yamlProgram } from "../../support/yamlProgram";

const NATIVE = "voiceid:index:";
/** A resource of the exported state by type and logical name (not one pending deletion). */
async function resource(prog: TestProgram, type: string, name: string): Promise<any> {
    const r = (await prog.resources(NATIVE + type)).find((x: any) => x.urn.endsWith(`::${name}`) && !x.delete);
    assert.ok(r, `no ${type} ${name} in state`);
    return r;
}

/** Pids of processes whose parent is `pid` and whose command line mentions `needle`. */
function childrenOf(pid: number, needle: string): number[] {
    const out: number[] = [];
    for (const e of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(e)) continue;
        try {
            const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            const cmd = fs.readFileSync(`/proc/${e}/cmdline`, "utf8");
            if (ppid === pid && cmd.includes(needle)) out.push(Number(e));
        } catch {
            // gone
        }
    }
    return out;
}
const alive = (pid: number) =>
    fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));

describe("native plugin: Pulumi YAML through the engine", function () {
    this.timeout(900_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { jobDurationMs: 0 });

    it("examples/yaml: up (a FAILED job fixed by the next up), no-op, change preview, secrets, import, destroy", async () => {
        const seed = await stack.seedRegistration("yaml-demo", speakers(11, 12));
        const enrollUri = await enrollmentManifest(stack, seed);
        const prog = await yamlProgram({
            name: "yaml-demo",
            yaml: exampleYaml,
            env: stack.env,
            secrets: ["dataAccessRoleArn"],
            // A manifest deleted after the preview's preflight saw it: the enrollment job FAILS.
            config: exampleConfig(stack, seed, `s3://${seed.inputBucket}/manifests/vanishing.json`),
        });
        try {
            await stack.putObject(
                seed.inputBucket,
                "manifests/vanishing.json",
                await stack.getObjectText(seed.inputBucket, "manifests/enrollment.json"),
            );
            // The local service holds a job 4 s before reading its inputs: time to delete the manifest.
            stack.emulator!.config.jobStartDelayMs = 4000;
            const running = prog.up();
            const enrollmentStarted = async () => {
                const domains = (await stack.voiceId.send(new ListDomainsCommand({}))).DomainSummaries ?? [];
                for (const d of domains.filter((x) => x.Name === "fraud-detection" && x.DomainStatus === "ACTIVE")) {
                    if (
                        (await stack.voiceId.send(new ListSpeakerEnrollmentJobsCommand({ DomainId: d.DomainId! })))
                            .JobSummaries?.length
                    )
                        return true;
                }
                return false;
            };
            const startedBy = Date.now() + 180_000;
            while (!(await enrollmentStarted())) {
                assert.ok(Date.now() < startedBy, "the enrollment job never started");
                await new Promise((r) => setTimeout(r, 200));
            }
            await stack.s3.send(new DeleteObjectCommand({ Bucket: seed.inputBucket, Key: "manifests/vanishing.json" }));
            const first = await running;
            stack.emulator!.config.jobStartDelayMs = 0;
            assert.notStrictEqual(first.code, 0, first.stdout);
            // The resource's lines are grouped under its own heading in the diagnostics.
            const rowLines =
                /voiceid:index:FraudsterRegistrationJob \(registration\):\n((?:\s+\S.*\n)+)/.exec(first.stdout)?.[1] ??
                "";
            assert.match(
                rowLines,
                /\[voiceid\] started job [a-zA-Z0-9]{22}/,
                `log lines on the resource's row\n${first.stdout}`,
            );
            const failed = await resource(prog, "SpeakerEnrollmentJob", "enrollment");
            assert.strictEqual(failed.outputs.jobStatus, "FAILED", "a FAILED job is recorded (partial state)");
            const domainId = (await resource(prog, "VoiceIdDomain", "domain")).id;
            const registration = await resource(prog, "FraudsterRegistrationJob", "registration");
            assert.strictEqual(registration.outputs.newRegistrationCount, 2);
            // Configure took the stack's `voiceid:region`; Check recorded the scope the dynamic classes record.
            assert.deepStrictEqual(registration.inputs.__scope, {
                project: prog.project,
                stack: "test",
                name: "registration",
                configRegion: stack.region,
                urn: registration.urn,
            });

            await prog.ok(["config", "set", "enrollmentManifestS3Uri", enrollUri]);
            const fixed = await prog.up();
            assert.strictEqual(fixed.code, 0, fixed.stdout + fixed.stderr);
            const outs = await prog.outputs();
            assert.strictEqual(outs.enrolled, 2);
            assert.strictEqual(outs.jobId, registration.outputs.jobId, "the registration job is kept");
            assert.strictEqual(await stack.registrationJobCount(domainId), 1);
            assert.match(outs.roleTrustPolicy, new RegExp(`domain/${domainId}`), "the trust policy function");

            // Secrets: the role ARN given as a secret stays secret in state, inputs and outputs.
            const raw = await prog.ok(["stack", "export"]);
            assert.ok(!raw.stdout.includes(seed.roleArn), "a secret input in clear in state");
            assert.ok(!fixed.stdout.includes(seed.roleArn), "a secret input printed");

            const noop = await prog.preview(["--expect-no-changes"]);
            assert.strictEqual(noop.code, 0, noop.stdout + noop.stderr);

            // A change: the preview names the property, on the resource's row, with the plan line under it.
            await prog.ok(["config", "set", "similarityThreshold", "85"]);
            const change = await prog.pulumi(["preview"]);
            assert.strictEqual(change.code, 0, change.stdout + change.stderr);
            assert.match(
                change.stdout,
                /voiceid:index:FraudsterRegistrationJob registration replace \[diff: ~registrationConfig\]/,
            );
            assert.match(
                change.stdout,
                /voiceid:index:FraudsterRegistrationJob \(registration\):\n\s+\[voiceid\] plan: FraudsterRegistrationJob "registration" will be replaced \(registrationConfig\.fraudsterSimilarityThreshold\)/,
            );
            assert.strictEqual(changeSummary(change.stdout).replace, 1, change.stdout);
            const detailed = await prog.preview();
            assert.match(detailed.stdout, /fraudsterSimilarityThreshold: 70 => 85/);
            await prog.ok(["config", "set", "similarityThreshold", "70"]);

            // An update of the domain keeps its outputs known at preview: what uses ${domain.domainId}
            // (the watchlist, both jobs) previews no change.
            writeYaml(
                prog,
                exampleYaml(prog.project).replace("Demo domain for the support line", "Support line domain"),
            );
            const update = await prog.pulumi(["preview"]);
            assert.strictEqual(update.code, 0, update.stdout + update.stderr);
            assert.deepStrictEqual(changeSummary(update.stdout), { update: 1, unchanged: 4 }, update.stdout);
            writeYaml(prog, exampleYaml(prog.project));

            // Import by id from the CLI, all four types; the generated code previews no change.
            const started = await stack.voiceId.send(
                new StartFraudsterRegistrationJobCommand({
                    DomainId: domainId,
                    ...jobLocations(seed, { kmsKey: false }),
                }),
            );
            await new Promise((r) => setTimeout(r, 2000));
            const watchlistId = outs.watchlistId;
            const imports: [string, string, string][] = [
                ["VoiceIdDomain", "importedDomain", domainId],
                ["VoiceIdWatchlist", "importedWatchlist", `${domainId}/${watchlistId}`],
                ["FraudsterRegistrationJob", "importedJob", `${domainId}/${started.Job!.JobId}`],
                ["SpeakerEnrollmentJob", "importedEnrollment", `${domainId}/${outs.enrollmentJobId}`],
            ];
            let generated = "";
            for (const [type, name, id] of imports) {
                const file = path.join(prog.dir, `${name}.yaml`);
                const imp = await prog.pulumi([
                    "import",
                    NATIVE + type,
                    name,
                    id,
                    "--yes",
                    "--protect=false",
                    "--out",
                    file,
                ]);
                assert.strictEqual(imp.code, 0, imp.stdout + imp.stderr);
                generated += fs.readFileSync(file, "utf8").replace(/^resources:\n/, "");
            }
            assert.match(generated, /type: voiceid:FraudsterRegistrationJob/);
            writeYaml(prog, readYaml(prog).replace(/^resources:\n/m, `resources:\n${generated}`));
            const afterImport = await prog.preview(["--expect-no-changes"]);
            assert.strictEqual(afterImport.code, 0, afterImport.stdout + afterImport.stderr);
            assert.strictEqual(await stack.registrationJobCount(domainId), 2, "import starts no job");
            // The imported copies are forgotten, not deleted: the example's own resources stay the owners.
            for (const [type, name] of imports) {
                await prog.ok(["state", "delete", (await resource(prog, type, name)).urn, "--yes"]);
            }
            writeYaml(prog, exampleYaml(prog.project));

            const destroy = await prog.destroy();
            assert.strictEqual(destroy.code, 0, destroy.stdout + destroy.stderr);
            assert.match(destroy.stdout, /deleted 2 speaker\(s\) of job/);
            // The job started outside found the same voices again: destroy hands them over to it.
            assert.match(destroy.stdout, /kept 2 that later job\(s\) found again/);
            assert.deepStrictEqual(await prog.resources(NATIVE), []);
        } finally {
            stack.emulator!.config.jobStartDelayMs = 0;
            await prog.dispose();
        }
    });

    it("kill -9 of `pulumi up` mid-job: the plugin exits with its engine, the next up adopts the job", async () => {
        stack.emulator!.config.jobDurationMs = 8000;
        const domainId = await stack.createDomain("yaml-crash");
        const seed = await stack.seedRegistration("yaml-crash", speakers(21, 22));
        const yaml = oneJobYaml(domainId, seed);
        const prog = await yamlProgram({ name: "yaml-crash", yaml, env: stack.env });
        try {
            const child = prog.spawn(["up", "--yes", "--skip-preview"]);
            const deadline = Date.now() + 120_000;
            while ((await stack.registrationJobCount(domainId)) === 0) {
                assert.ok(Date.now() < deadline, "job never started");
                await new Promise((r) => setTimeout(r, 200));
            }
            const [startedJob] = (
                await stack.voiceId.send(new ListFraudsterRegistrationJobsCommand({ DomainId: domainId }))
            ).JobSummaries!.map((j) => j.JobId!);
            const plugins = childrenOf(child.pid!, "provider/native/main.js");
            assert.strictEqual(plugins.length, 1, "the engine runs one plugin");
            const langHosts = childrenOf(child.pid!, "pulumi-language-yaml");
            const closed = new Promise((r) => child.once("close", r));
            // Only the CLI: the plugin must notice on its own that its engine is gone.
            process.kill(child.pid!, "SIGKILL");
            await closed;
            const gone = Date.now() + 10_000;
            while (alive(plugins[0]) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
            const stillAlive = alive(plugins[0]);
            if (stillAlive) process.kill(plugins[0], "SIGKILL");
            // The language host is in a process group of its own: a real crash takes it down too.
            for (const p of langHosts) if (alive(p)) process.kill(p, "SIGKILL");
            killGroup(child.pid!, "SIGKILL");
            assert.ok(!stillAlive, "the plugin outlived its engine");
            await prog.ok(["cancel", "--yes"]);

            const again = await prog.up();
            assert.strictEqual(again.code, 0, again.stdout + again.stderr);
            // The job the killed up started is the one recorded (its derived ClientToken finds it).
            assert.match(again.stdout, new RegExp(`job ${startedJob} `));
            assert.strictEqual(await stack.registrationJobCount(domainId), 1, "exactly one job");
            const outs = await prog.outputs();
            assert.strictEqual(outs.jobStatus, "COMPLETED");
            assert.strictEqual(
                (await resource(prog, "FraudsterRegistrationJob", "job")).outputs.newRegistrationCount,
                2,
            );
            await prog.ok(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
            assert.strictEqual((await prog.preview(["--expect-no-changes"])).code, 0);
        } finally {
            stack.emulator!.config.jobDurationMs = 0;
            await prog.dispose();
        }
    });

    it("Cancel (Ctrl-C of `pulumi up`) stops the job wait at once; the next up adopts the job", async () => {
        const domainId = await stack.createDomain("yaml-cancel");
        const seed = await stack.seedRegistration("yaml-cancel", speakers(51));
        const yaml = oneJobYaml(domainId, seed);
        const prog = await yamlProgram({ name: "yaml-cancel", yaml, env: stack.env });
        stack.emulator!.config.jobDurationMs = 25_000;
        try {
            const child = prog.spawn(["up", "--yes", "--skip-preview"]);
            let output = "";
            child.stdout!.on("data", (d) => (output += d));
            const deadline = Date.now() + 120_000;
            while ((await stack.registrationJobCount(domainId)) === 0) {
                assert.ok(Date.now() < deadline, "job never started");
                await new Promise((r) => setTimeout(r, 200));
            }
            await new Promise((r) => setTimeout(r, 1000));
            const closed = new Promise((r) => child.once("close", r));
            const signalled = Date.now();
            // One Ctrl-C: the engine cancels and calls Cancel on its providers; without a working
            // Cancel it would wait for the job's remaining ~20 s.
            process.kill(child.pid!, "SIGINT");
            await closed;
            const took = Date.now() - signalled;
            killGroup(child.pid!, "SIGKILL");
            assert.ok(took < 12_000, `pulumi up took ${took} ms to stop after Ctrl-C\n${output}`);
            assert.match(output, /stopped waiting for job [a-zA-Z0-9]{22} .*the engine asked to cancel/);

            const again = await prog.up();
            assert.strictEqual(again.code, 0, again.stdout + again.stderr);
            assert.strictEqual(await stack.registrationJobCount(domainId), 1, "exactly one job");
            assert.strictEqual((await prog.outputs()).jobStatus, "COMPLETED");
        } finally {
            stack.emulator!.config.jobDurationMs = 0;
            await prog.dispose();
        }
    });

    it("moves a stack from the dynamic classes to the native types: import by id, state delete, no job re-run", async () => {
        const seed = await stack.seedRegistration("yaml-move", speakers(41, 42));
        const ts = `import { FraudsterRegistrationJob, VoiceIdDomain, VoiceIdWatchlist } from "pulumi-voiceid";
const domain = new VoiceIdDomain("domain", { serverSideEncryptionConfiguration: { kmsKeyId: ${JSON.stringify(seed.kmsKeyArn)} } });
const watchlist = new VoiceIdWatchlist("watchlist", { domainId: domain.domainId });
const job = new FraudsterRegistrationJob("job", {
    domainId: domain.domainId,
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)} },
    registrationConfig: { watchlistIds: [watchlist.watchlistId] },
});
export const domainId = domain.domainId;
export const watchlistId = watchlist.watchlistId;
export const jobId = job.jobId;
`;
        const prog = await TestProgram.create({ name: "yaml-move", source: ts, env: stack.env });
        try {
            const up = await prog.up();
            assert.strictEqual(up.code, 0, up.stdout + up.stderr);
            const before = await prog.outputs();
            const fraudsters = (await stack.fraudsterIds(before.domainId, before.watchlistId)).sort();
            assert.strictEqual(fraudsters.length, 2);

            const dynamic = await prog.resources("pulumi-nodejs:dynamic/");
            // 1. The program becomes YAML (no resources yet), with the native plugin.
            fs.rmSync(path.join(prog.dir, "index.ts"));
            writeYaml(prog, `${yamlHeader(prog.project)}resources: {}\n`);
            // 2. Import each by id from the CLI: state entries of the native types plus their YAML code.
            const ids: [string, string, string][] = [
                ["VoiceIdDomain", "domain", before.domainId],
                ["VoiceIdWatchlist", "watchlist", `${before.domainId}/${before.watchlistId}`],
                ["FraudsterRegistrationJob", "job", `${before.domainId}/${before.jobId}`],
            ];
            let code = "";
            for (const [type, name, id] of ids) {
                const file = path.join(prog.dir, `${name}.yaml`);
                await prog.ok(["import", NATIVE + type, name, id, "--yes", "--protect=false", "--out", file]);
                code += fs.readFileSync(file, "utf8").replace(/^resources:\n/, "");
            }
            // 3. Drop the old entries from the state (nothing in Voice ID changes), dependents first.
            for (const type of ["FraudsterRegistrationJob", "Watchlist", "VoiceIdDomain"]) {
                const r = dynamic.find((x: any) => x.type === `pulumi-nodejs:dynamic/voiceid:${type}`);
                await prog.ok(["state", "delete", r.urn, "--yes"]);
            }
            writeYaml(prog, `${yamlHeader(prog.project)}resources:\n${code}outputs:\n  jobId: \${job.jobId}\n`);
            const moved = await prog.up();
            assert.strictEqual(moved.code, 0, moved.stdout + moved.stderr);
            const summary = changeSummary(moved.stdout);
            for (const op of ["created", "updated", "replaced", "deleted"])
                assert.ok(!summary[op], `${op} after the move: ${moved.stdout}`);
            assert.strictEqual((await prog.outputs()).jobId, before.jobId);
            assert.deepStrictEqual(await prog.resources("pulumi-nodejs:dynamic/"), []);
            assert.strictEqual(await stack.registrationJobCount(before.domainId), 1, "no job re-run");
            assert.deepStrictEqual(
                (await stack.fraudsterIds(before.domainId, before.watchlistId)).sort(),
                fraudsters,
                "every fraudster kept",
            );
            const noop = await prog.preview(["--expect-no-changes"]);
            assert.strictEqual(noop.code, 0, noop.stdout + noop.stderr);
        } finally {
            await prog.dispose();
        }
    });
});
