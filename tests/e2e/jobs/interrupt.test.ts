/**
 * Interrupting `pulumi up` while a FraudsterRegistrationJob waits, through the real engine:
 * - kill -9 of its process group (a lost CI runner): every process of the run that runs our code
 *   ends within seconds and the service sees no call after that, even when the job ends later;
 *   the next `up` adopts the same job;
 * - one SIGINT (Ctrl-C), then one SIGTERM of the next `up`: each stops waiting at once, the job
 *   is recorded with its id while it keeps running, and the `up` after that collects the same job.
 *
 * Processes of a run are found in /proc by an environment variable unique to the test program
 * (`VOICEID_E2E_RUN`), which every process the CLI starts inherits.
 * @module
 */
import * as assert from "assert";
import { ChildProcess } from "child_process";
import * as fs from "fs";
import { TestProgram } from "../../support/pulumi";
import { LocalStack, RegistrationSeed, startLocalStackForSuite } from "../../support/localStack";

const TYPE = "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob";
const MARK = "VOICEID_E2E_RUN";

function source(domainId: string, seed: RegistrationSeed): string {
    return `
import { FraudsterRegistrationJob } from "pulumi-voiceid";
const job = new FraudsterRegistrationJob("slow", {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)} },
});
export const jobId = job.jobId;
export const jobStatus = job.jobStatus;
export const newRegistrations = job.newRegistrationCount;
`;
}

interface RunProcess {
    pid: number;
    cmdline: string;
}

/** Live processes whose environment carries `MARK=run` (zombies count as gone). */
function processesOf(run: string): RunProcess[] {
    const out: RunProcess[] = [];
    for (const e of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(e)) continue;
        try {
            if (!fs.readFileSync(`/proc/${e}/environ`, "utf8").split("\0").includes(`${MARK}=${run}`)) continue;
            const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
            if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue;
            out.push({
                pid: Number(e),
                cmdline: fs.readFileSync(`/proc/${e}/cmdline`, "utf8").split("\0").join(" ").trim(),
            });
        } catch {
            // exited meanwhile, or not ours to read
        }
    }
    return out;
}

/**
 * The Go language host (`pulumi-language-nodejs`) runs none of our code: it notices a dead engine
 * by its own gRPC health check, every 5 minutes (`rpcutil.Healthcheck` in its main.go).
 */
const isLanguageHost = (p: RunProcess) => /(^|\/)pulumi-language-nodejs\b/.test(p.cmdline.split(" ")[0]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Collects a spawned command's output; resolves with it and the time it exited. */
function collect(child: ChildProcess): { output: () => string; exited: Promise<{ at: number; code: number | null }> } {
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<{ at: number; code: number | null }>((resolve) =>
        child.once("close", (code) => resolve({ at: Date.now(), code })),
    );
    return { output: () => output, exited };
}

/** Waits (up to 2 minutes) until `output` shows the job started (or resumed), then a second more. */
async function untilWaiting(output: () => string): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (!/(started|resuming wait for) job [a-zA-Z0-9]{22}/.test(output())) {
        assert.ok(Date.now() < deadline, `no wait started:\n${output()}`);
        await sleep(200);
    }
    // Into the waiter's first sleep.
    await sleep(1_000);
}

describe("interrupting `pulumi up` mid-wait, through the Pulumi engine", function () {
    this.timeout(900_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { jobDurationMs: 0 });
    const strays: number[] = [];

    /** A program with one job of one request, paced to `jobMs`, its processes marked with `run`. */
    async function slowJobProgram(name: string, speaker: number, jobMs: number) {
        stack.emulator!.config.jobDurationMs = jobMs;
        const domainId = await stack.createDomain(`e2e-${name}`);
        const seed = await stack.seedRegistration(`e2e-${name}`, [
            { requestId: "r1", audio: [{ speaker, utterance: 2 }] },
        ]);
        const run = `${name}-${process.pid}-${Date.now()}`;
        const prog = await TestProgram.create({
            name: `jobs-${name}`,
            source: source(domainId, seed),
            env: { ...stack.env, [MARK]: run },
        });
        return { domainId, run, prog };
    }
    afterEach(() => {
        stack.emulator!.config.jobDurationMs = 0;
        for (const pid of strays.splice(0)) {
            try {
                process.kill(pid, "SIGKILL");
            } catch {
                // gone
            }
        }
    });

    it("kill -9: nothing of the run that runs our code survives 30 s, no call after; the next up adopts the job", async () => {
        const jobMs = 25_000;
        const { domainId, run, prog } = await slowJobProgram("kill", 161, jobMs);
        try {
            let hostSeen = false;
            // What a lost CI runner does: kill -9 of `pulumi up`'s process group, once the job
            // runs and the provider waits for it. The engine starts its plugins in groups of
            // their own, so this reaches the CLI alone.
            await prog.crashUp(
                async () => {
                    hostSeen ||= processesOf(run).some((p) => p.cmdline.includes("cmd/dynamic-provider"));
                    return hostSeen && (await stack.registrationJobCount(domainId)) > 0;
                },
                {
                    kill: "group",
                    afterKill: async (killedAt) => {
                        let ours = processesOf(run).filter((p) => !isLanguageHost(p));
                        while (ours.length && Date.now() - killedAt < 30_000) {
                            await sleep(100);
                            ours = processesOf(run).filter((p) => !isLanguageHost(p));
                        }
                        const goneAfter = Date.now() - killedAt;
                        const requestsAfterExit = stack.emulator!.stats.requests;
                        const left = processesOf(run);
                        strays.push(...left.map((p) => p.pid));
                        console.log(
                            `      [measured] kill -9 -> no process running our code left: ${(goneAfter / 1000).toFixed(1)} s`,
                        );
                        assert.deepStrictEqual(ours, [], "processes of the run still alive 30 s after the kill");
                        assert.ok(left.every(isLanguageHost), JSON.stringify(left));
                        // Past the job's end (when the old host's waiter polled) and 30 s after the kill.
                        await sleep(Math.max(0, killedAt + Math.max(30_000, jobMs + 5_000) - Date.now()));
                        assert.strictEqual(
                            stack.emulator!.stats.requests,
                            requestsAfterExit,
                            "the service saw calls after the host was gone",
                        );
                    },
                },
            );

            // docs/jobs.md's recovery: the lock is removed (crashUp), up (adopts), clear the pending create.
            const again = await prog.up();
            assert.strictEqual(again.code, 0, again.stdout + again.stderr);
            assert.match(again.stdout, /(resuming|adopting) job [a-zA-Z0-9]{22}/, again.stdout);
            assert.strictEqual(await stack.registrationJobCount(domainId), 1, "exactly one job");
            const outs = await prog.outputs();
            assert.strictEqual(outs.jobStatus, "COMPLETED");
            assert.strictEqual(outs.newRegistrations, 1);
            await prog.ok(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
            assert.strictEqual((await prog.preview(["--expect-no-changes"])).code, 0);
        } finally {
            await prog.dispose();
        }
    });

    it("SIGINT, then SIGTERM of the next up: each stops waiting at once and records the running job; the next up collects it", async () => {
        const { domainId, run, prog } = await slowJobProgram("sigint", 162, 90_000);
        const recorded = async () => (await prog.resources(TYPE))[0]?.outputs;
        try {
            let jobId: string | undefined;
            for (const signal of ["SIGINT", "SIGTERM"] as const) {
                const up = prog.spawn(["up", "--yes", "--skip-preview"]);
                strays.push(up.pid!);
                const { output, exited } = collect(up);
                await untilWaiting(output);
                const sentAt = Date.now();
                up.kill(signal);
                const { at, code } = await exited;
                console.log(`      [measured] ${signal} -> pulumi up exited: ${((at - sentAt) / 1000).toFixed(1)} s`);
                assert.match(
                    output(),
                    /waiting for job [a-zA-Z0-9]{22}: one Ctrl-C \(or SIGTERM\) of `pulumi up` stops waiting; the job keeps running in Voice ID/,
                );
                assert.notStrictEqual(code, 0, output());
                assert.match(
                    output(),
                    /stopped waiting for job [a-zA-Z0-9]{22} .*the engine asked to cancel/,
                    output(),
                );

                const outs = await recorded();
                assert.ok(outs, "the job is recorded in the state");
                assert.ok(outs.__provider, "with its provider, so later operations work");
                assert.ok(["SUBMITTED", "IN_PROGRESS"].includes(outs.jobStatus), outs.jobStatus);
                if (jobId) assert.strictEqual(outs.jobId, jobId, "the second up waited for the same job");
                jobId = outs.jobId;
                assert.strictEqual(await stack.registrationJobCount(domainId), 1);
                for (const p of processesOf(run)) strays.push(p.pid);
            }

            // With its preview this time: the engine sends Cancel to the preview's provider process
            // as it closes it, which must not stop the update's wait (another process).
            const last = await prog.pulumi(["up", "--yes"]);
            assert.strictEqual(last.code, 0, last.stdout + last.stderr);
            assert.match(last.stdout, /resuming wait for job/);
            const outs = await prog.outputs();
            assert.deepStrictEqual([outs.jobId, outs.jobStatus, outs.newRegistrations], [jobId, "COMPLETED", 1]);
            assert.strictEqual(await stack.registrationJobCount(domainId), 1, "exactly one job");
            assert.strictEqual((await prog.preview(["--expect-no-changes"])).code, 0);
        } finally {
            await prog.dispose();
        }
    });
});
