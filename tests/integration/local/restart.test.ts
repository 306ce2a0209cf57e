/**
 * `pulumi-voiceid local start` after a crash: the Voice ID service comes back on the port its
 * clients were given, even when that port has TIME-WAIT sockets left by server-closed
 * connections, so a provider call waiting on a job resumes; only a port another process really
 * holds makes it move, and the command says so.
 * @module
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { ListFraudsterRegistrationJobsCommand } from "@aws-sdk/client-voice-id";
import { readStackEnv, REPO_ROOT } from "../../support/localStack";
import { run, type RunResult } from "../../support/process";
import { startHarness, speakers, type Harness } from "../jobs/harness";
import { create } from "../../../provider/jobs/provider";

/** Sockets in TIME-WAIT whose local port is `port` (from /proc/net/tcp). */
function timeWaitCount(port: number): number {
    const hex = port.toString(16).toUpperCase().padStart(4, "0");
    return fs
        .readFileSync("/proc/net/tcp", "utf8")
        .split("\n")
        .slice(1)
        .filter((l) => {
            const f = l.trim().split(/\s+/);
            return f[1]?.endsWith(`:${hex}`) && f[3] === "06";
        }).length;
}

/** One request on a fresh connection that the server closes (Connection: close). */
function serverClosedRequest(endpoint: string): Promise<void> {
    return new Promise((resolve, reject) => {
        const req = http.get(
            `${endpoint}/_emulator/health`,
            { agent: false, headers: { connection: "close" } },
            (res) => {
                res.resume();
                res.on("end", () => resolve());
            },
        );
        req.on("error", reject);
    });
}

describe("local stack: restarts keep the Voice ID endpoint (pulumi-voiceid local)", function () {
    this.timeout(600_000);
    let dir: string;
    let harness: Harness | undefined;
    const envFile = () => path.join(dir, "stack.env");
    const local = (args: string[], timeoutMs = 540_000): Promise<RunResult> =>
        run(process.execPath, [path.join(REPO_ROOT, "bin", "cli", "main.js"), "local", ...args, "--dir", dir], {
            // Jobs last 10 s so one is still running across the crash.
            env: { ...process.env, VOICEID_EMULATOR_JOB_DURATION_MS: "10000", VOICEID_EMULATOR_LOG_LEVEL: "info" },
            timeoutMs,
        });
    const emulatorPid = () => Number(fs.readFileSync(path.join(dir, "emulator.pid"), "utf8"));
    const killService = async () => {
        const pid = emulatorPid();
        process.kill(pid, "SIGKILL");
        // Gone, or a zombie whose threads have all exited (only then are its sockets closed).
        const dead = () => {
            try {
                const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
                return /^State:\s+Z/m.test(status) && /^Threads:\s+1$/m.test(status);
            } catch {
                return true;
            }
        };
        while (!dead()) await new Promise((r) => setTimeout(r, 20));
    };

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-local-"));
        const r = await local(["start"]);
        assert.equal(r.code, 0, r.stderr);
    });
    after(async () => {
        await harness?.stop();
        if (dir) await local(["stop"]);
    });

    it("comes back on the same port after server-closed connections and kill -9; a running job wait resumes", async () => {
        const before = readStackEnv(envFile());
        const endpoint = before.AWS_ENDPOINT_URL_VOICE_ID;
        const port = Number(new URL(endpoint).port);
        harness = await startHarness({
            attach: { motoEndpoint: before.AWS_ENDPOINT_URL_S3, voiceIdEndpoint: endpoint },
        });
        const props = await harness.seed("restart", speakers(0, 1, 2, 3));
        const waiting = create(props);
        waiting.catch(() => undefined);
        for (;;) {
            const { JobSummaries } = await harness.stack.voiceId.send(
                new ListFraudsterRegistrationJobsCommand({ DomainId: harness.domainId }),
            );
            if (JobSummaries?.some((j) => j.JobStatus === "IN_PROGRESS")) break;
            await new Promise((r) => setTimeout(r, 100));
        }

        for (let i = 0; i < 30; i++) await serverClosedRequest(endpoint);
        await killService();
        assert.ok(
            timeWaitCount(port) > 0,
            "the crash left TIME-WAIT sockets on the service's port (the condition under test)",
        );

        const r = await local(["start"]);
        assert.equal(r.code, 0, r.stderr);
        assert.doesNotMatch(r.stderr, /WARNING/, "no port change announced");
        assert.equal(readStackEnv(envFile()).AWS_ENDPOINT_URL_VOICE_ID, endpoint, "same endpoint after the restart");

        const { outs } = await waiting;
        assert.equal(outs.jobStatus, "COMPLETED");
        assert.equal((await harness.fraudsterIds()).length, 4);
        const log = fs.readFileSync(path.join(dir, "emulator.log"), "utf8");
        assert.equal(
            log.split("\n").filter((l) => l.includes('"msg":"listening"')).length,
            2,
            "the crashed process's log is kept (appended, not truncated)",
        );
    });

    it("moves to another port only when another process holds the recorded one, and says so on stderr", async () => {
        const endpoint = readStackEnv(envFile()).AWS_ENDPOINT_URL_VOICE_ID;
        const port = Number(new URL(endpoint).port);
        await killService();
        const squatter = net.createServer();
        await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", () => resolve()));
        try {
            const r = await local(["start"]);
            assert.equal(r.code, 0, r.stderr);
            assert.match(
                r.stderr,
                new RegExp(`port ${port} .*held by another process \\(pid ${process.pid}: .*\\); using port \\d+`),
            );
            const moved = readStackEnv(envFile()).AWS_ENDPOINT_URL_VOICE_ID;
            assert.notEqual(moved, endpoint);
            const res = await fetch(`${moved}/_emulator/health`);
            assert.equal(res.status, 200);
        } finally {
            await new Promise((r) => squatter.close(r));
        }
    });

    it("status reports both services and env prints the env file", async () => {
        const status = await local(["status"]);
        assert.equal(status.code, 0, status.stderr);
        assert.match(status.stdout, /moto: running \(pid \d+\)\nvoiceid: running \(pid \d+\)/);
        const env = await local(["env"]);
        assert.equal(env.code, 0);
        assert.equal(env.stdout, fs.readFileSync(envFile(), "utf8"));
    });

    /** Live processes whose command line or environment names `needle` (this stack's files). */
    const processesNaming = (needle: string): number[] =>
        fs
            .readdirSync("/proc")
            .filter((d) => /^\d+$/.test(d))
            .filter((d) => {
                try {
                    const own =
                        fs.readFileSync(`/proc/${d}/cmdline`, "utf8") + fs.readFileSync(`/proc/${d}/environ`, "utf8");
                    return own.includes(needle) && !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${d}/status`, "utf8"));
                } catch {
                    return false; // exited meanwhile
                }
            })
            .map(Number);

    it("two starts at once in one directory start one moto and one service, and agree on the endpoints", async () => {
        assert.equal((await local(["stop"])).code, 0);
        const [a, b] = await Promise.all([local(["start"]), local(["start"])]);
        assert.equal(a.code, 0, a.stderr);
        assert.equal(b.code, 0, b.stderr);
        assert.match(
            a.stderr + b.stderr,
            /waiting for another pulumi-voiceid local command \(pid \d+\)/,
            "the second waited for the first",
        );
        const emulators = processesNaming(`--db\0${path.join(dir, "voiceid.db")}`);
        const motos = processesNaming(`MOTO_RECORDER_FILEPATH=${path.join(dir, "moto-recording.jsonl")}`).filter(
            (pid) => !emulators.includes(pid),
        );
        assert.equal(emulators.length, 1, `Voice ID services for ${dir}: ${emulators.join(", ")}`);
        assert.equal(motos.length, 1, `moto servers for ${dir}: ${motos.join(", ")}`);
        assert.deepEqual([emulatorPid()], emulators, "the pid file names the service that runs");
        assert.deepEqual(
            [Number(fs.readFileSync(path.join(dir, "moto.pid"), "utf8"))],
            motos,
            "the pid file names the moto that runs",
        );
        const res = await fetch(`${readStackEnv(envFile()).AWS_ENDPOINT_URL_VOICE_ID}/_emulator/health`);
        assert.equal(res.status, 200);
        assert.equal(fs.existsSync(path.join(dir, "stack.lock")), false, "the lock is released");
    });

    it("takes over a lock left by a command that was killed", async () => {
        const gone = await run(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
            timeoutMs: 30_000,
        });
        fs.writeFileSync(path.join(dir, "stack.lock"), `${gone.stdout}\n`);
        const r = await local(["start"]);
        assert.equal(r.code, 0, r.stderr);
        assert.doesNotMatch(r.stderr, /waiting for another/);
        assert.equal(fs.existsSync(path.join(dir, "stack.lock")), false);
    });

    it("takes over a lock whose pid now belongs to another process, started after the lock was written", async () => {
        const lock = path.join(dir, "stack.lock");
        const other = spawn("sleep", ["120"], { stdio: "ignore" });
        try {
            fs.writeFileSync(lock, `${other.pid}\n`);
            const written = new Date(Date.now() - 60 * 60_000); // the killed command locked an hour ago
            fs.utimesSync(lock, written, written);
            const r = await local(["start"], 90_000); // a wait for the lock would last 20 minutes
            assert.equal(r.code, 0, r.stderr);
            assert.doesNotMatch(r.stderr, /waiting for another/);
            assert.equal(fs.existsSync(lock), false);
        } finally {
            other.kill();
        }
    });
});
