/**
 * The local stack: moto (S3, IAM, KMS, STS on one port) and the local Voice ID service, each a
 * detached process on a loopback port, with their state, pid files, logs and the env file in
 * one directory. This module works the same from a clone and from an installed package: it
 * needs only the package's compiled emulator (`bin/emulator`) and its Python setup script
 * (`scripts/ensure-python.sh`, which builds the moto + AWS CLI venv in the user cache once).
 *
 * Restarts keep their endpoints: the ports recorded in the env file are reused unless another
 * process holds them (see ports.ts). Logs are appended and rotated (see logFiles.ts).
 *
 * Durability: the Voice ID service keeps its state in `voiceid.db` (SQLite). moto keeps its
 * state in memory only, so every request moto serves is appended to `moto-recording.jsonl`
 * (moto's recorder) and replayed into the fresh moto on the next start, without the reads
 * (motoRecording.ts).
 * @module
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { choosePort } from "./ports";
import { openLogForAppend } from "./logFiles";
import { SEED_REQUEST, compactRecording, recordingFormat } from "./motoRecording";
import { withStackLock } from "./lock";

/** Root of the package (a clone or node_modules/pulumi-voiceid); this file is bin/cli/local/stack.js. */
export const PACKAGE_ROOT = path.resolve(__dirname, "..", "..", "..");

export const ACCESS_KEY_ID = "AKIAVOICEIDLOCAL0001";
export const SECRET_ACCESS_KEY = "voiceid-local-secret-access-key-0001";
export const ACCOUNT_ID = "123456789012";
export const REGION = "us-east-1";
const HOST = "127.0.0.1";

/** Every file of a stack directory. */
export interface StackFiles {
    dir: string;
    envFile: string;
    recording: string;
    db: string;
    motoPid: string;
    motoLog: string;
    emulatorPid: string;
    emulatorLog: string;
    emulatorOut: string;
    /** Held by the `start` or `stop` in progress (its pid), so two never interleave. */
    lock: string;
    /** Keeps the whole directory out of git, in whatever repository it lies. */
    gitignore: string;
}

export function stackFiles(dir: string): StackFiles {
    const d = path.resolve(dir);
    return {
        dir: d,
        envFile: path.join(d, "stack.env"),
        recording: path.join(d, "moto-recording.jsonl"),
        db: path.join(d, "voiceid.db"),
        motoPid: path.join(d, "moto.pid"),
        motoLog: path.join(d, "moto.log"),
        emulatorPid: path.join(d, "emulator.pid"),
        emulatorLog: path.join(d, "emulator.log"),
        emulatorOut: path.join(d, "emulator.out"),
        lock: path.join(d, "stack.lock"),
        gitignore: path.join(d, ".gitignore"),
    };
}

/** Where the stack listens, once started. */
export interface StackEndpoints {
    moto: string;
    voiceId: string;
}

/** What a start found and did. */
export interface StackStart extends StackEndpoints {
    /**
     * The pid of the Voice ID service when it was already running and kept (its settings,
     * `VOICEID_EMULATOR_*` included, are the ones of the start that started it).
     */
    voiceIdKeptPid?: number;
}

type Say = (line: string) => void;

/** Reads `export K="V"` lines of an env file (missing file: empty). */
export function readEnvFile(file: string): Record<string, string> {
    const out: Record<string, string> = {};
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        return out;
    }
    for (const line of text.split("\n")) {
        const m = /^export ([A-Z0-9_]+)=("?)(.*)\2$/.exec(line.trim());
        if (m) out[m[1]] = m[3];
    }
    return out;
}

function recordedPort(env: Record<string, string>, name: string): number | undefined {
    const url = env[name];
    if (!url) return undefined;
    const port = Number(/:(\d+)\/?$/.exec(url)?.[1]);
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

/** The env file clients source: standard endpoint variables, region and the test credentials. */
export function envFileText(files: StackFiles, endpoints: StackEndpoints): string {
    const rel = path.relative(process.cwd(), files.envFile);
    const shown = rel && !rel.startsWith("..") ? rel : files.envFile;
    const vars: [string, string][] = [
        ["AWS_ENDPOINT_URL_VOICE_ID", endpoints.voiceId],
        ["AWS_ENDPOINT_URL_S3", endpoints.moto],
        ["AWS_ENDPOINT_URL_IAM", endpoints.moto],
        ["AWS_ENDPOINT_URL_KMS", endpoints.moto],
        ["AWS_ENDPOINT_URL_STS", endpoints.moto],
        ["AWS_REGION", REGION],
        ["AWS_DEFAULT_REGION", REGION],
        ["AWS_ACCESS_KEY_ID", ACCESS_KEY_ID],
        ["AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY],
        ["AWS_EC2_METADATA_DISABLED", "true"],
        ["VOICEID_LOCAL_ACCOUNT_ID", ACCOUNT_ID],
    ];
    return [
        `# Local Voice ID stack (pulumi-voiceid local start). Source it: . ${shown}`,
        "# SDKs and CLIs read the service-specific endpoint variables unchanged. S3 goes to a loopback",
        "# IP, so clients use path-style addressing on their own (with a host name instead, set",
        "# forcePathStyle: true in JS or 'addressing_style = path' for the AWS CLI).",
        ...vars.map(([k, v]) => `export ${k}="${v}"`),
        "",
    ].join("\n");
}

function writeEnvFile(files: StackFiles, endpoints: StackEndpoints): void {
    const tmp = `${files.envFile}.tmp`;
    fs.writeFileSync(tmp, envFileText(files, endpoints));
    fs.renameSync(tmp, files.envFile);
}

/**
 * The pid in `pidFile` when that process is alive and is the expected program (`marker` in its
 * command line), so a recycled pid is not mistaken for the service.
 */
export function runningPid(pidFile: string, marker: string): number | undefined {
    let pid: number;
    try {
        pid = Number(fs.readFileSync(pidFile, "utf8").trim());
    } catch {
        return undefined;
    }
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    try {
        process.kill(pid, 0);
    } catch {
        return undefined;
    }
    try {
        // A zombie (exited, not yet reaped) answers kill(pid, 0) but serves nothing.
        if (/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, "utf8"))) return undefined;
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmdline.includes(marker)) return undefined;
    } catch {
        // no /proc: trust the pid
    }
    return pid;
}

/** In moto's command line: `scripts/moto_server.py` (now) or the venv's `moto_server` (before). */
const MOTO_MARKER = "moto_server";
const EMULATOR_MARKER = path.join("emulator", "main.js");

function tail(file: string, lines = 20): string {
    try {
        return fs
            .readFileSync(file, "utf8")
            .split("\n")
            .slice(-lines - 1)
            .join("\n");
    } catch {
        return "";
    }
}

async function waitHttp(url: string, pid: number, what: string, log: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
            await res.arrayBuffer();
            if (res.ok) return;
        } catch {
            // not up yet
        }
        try {
            process.kill(pid, 0);
        } catch {
            throw new Error(`${what} exited during start-up (log: ${log})\n${tail(log)}`);
        }
        if (Date.now() > deadline)
            throw new Error(
                `${what} did not answer at ${url} within ${timeoutMs / 1000} s (log: ${log})\n${tail(log)}`,
            );
        await new Promise((r) => setTimeout(r, 100));
    }
}

/** Starts `cmd` detached (own session), output appended to log files; returns its pid. */
function spawnDetached(
    cmd: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    stdoutFile: string,
    stderrFile: string,
): number {
    const out = openLogForAppend(stdoutFile);
    const err = stdoutFile === stderrFile ? out : openLogForAppend(stderrFile);
    try {
        const child = spawn(cmd, args, { detached: true, stdio: ["ignore", out, err], env });
        child.unref();
        if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
        return child.pid;
    } finally {
        fs.closeSync(out);
        if (err !== out) fs.closeSync(err);
    }
}

/**
 * The bin dir of the Python venv with moto_server and aws (built in the user cache on first
 * use, ~/.cache/pulumi-voiceid, by the package's scripts/ensure-python.sh).
 */
export function ensurePython(): Promise<string> {
    const script = path.join(PACKAGE_ROOT, "scripts", "ensure-python.sh");
    if (!fs.existsSync(script)) throw new Error(`${script} is missing: the package is incomplete`);
    return new Promise((resolve, reject) => {
        const child = spawn("bash", [script], { stdio: ["ignore", "pipe", "inherit"] });
        let stdout = "";
        child.stdout!.on("data", (c) => (stdout += c));
        child.once("error", (e) => reject(new Error(`cannot run bash for the Python setup: ${e.message}`)));
        child.once("close", (code) => {
            const bin = stdout.trim().split("\n").pop() ?? "";
            if (code === 0 && bin) resolve(bin);
            else reject(new Error(`setting up moto and the AWS CLI failed (exit ${code}); see the messages above`));
        });
    });
}

async function startMoto(files: StackFiles, pythonBin: string, port: number, say: Say): Promise<void> {
    const format = recordingFormat(fs.existsSync(files.recording) ? fs.readFileSync(files.recording, "utf8") : "");
    if (format === "compactable") {
        const { before, after } = compactRecording(files.recording);
        if (after < before) say(`compacted the moto recording: ${before} -> ${after} requests (reads dropped)`);
    }
    const env = {
        ...process.env,
        MOTO_ENABLE_RECORDING: "1",
        MOTO_RECORDER_FILEPATH: files.recording,
        // Compatibility shim (recordings of 0.1.0), may be removed in 1.0.0: docs/compatibility.md
        // A recording of an earlier release replays right only with moto's own request ids.
        PULUMI_VOICEID_MOTO_OWN_REQUEST_IDS: format === "full" ? "0" : "1",
    };
    const server = path.join(PACKAGE_ROOT, "scripts", "moto_server.py");
    const pid = spawnDetached(
        path.join(pythonBin, "python"),
        [server, "-H", HOST, "-p", String(port)],
        env,
        files.motoLog,
        files.motoLog,
    );
    fs.writeFileSync(files.motoPid, `${pid}\n`);
    const base = `http://${HOST}:${port}`;
    await waitHttp(`${base}/moto-api/`, pid, "moto_server", files.motoLog);
    if (format !== "none") {
        const lines = fs.readFileSync(files.recording, "utf8").split("\n").filter(Boolean).length;
        say(
            `replaying ${lines} recorded moto requests${format === "full" ? " (a recording of an earlier release: replayed whole; delete it to start afresh with compact restarts)" : ""}`,
        );
        const res = await fetch(`${base}/moto-api/recorder/replay-recording`, { method: "POST" });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`replaying the moto recording failed: HTTP ${res.status} (log: ${files.motoLog})`);
    } else {
        // First start: seed moto's random generator. The seed call is recorded first, so a replay
        // re-creates the same generated ids (KMS key ids, ...) in the same order.
        fs.writeFileSync(files.recording, "");
        const res = await fetch(`${base}${SEED_REQUEST}`, { method: "POST" });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`seeding moto failed: HTTP ${res.status}`);
    }
}

async function startVoiceId(files: StackFiles, port: number, moto: string): Promise<void> {
    const main = path.join(PACKAGE_ROOT, "bin", "emulator", "main.js");
    if (!fs.existsSync(main)) throw new Error(`${main} is missing: build the package first (npm run build)`);
    const args = [main, "--host", HOST, "--port", String(port), "--db", files.db, "--aws-endpoint", moto];
    const pid = spawnDetached(process.execPath, args, process.env, files.emulatorOut, files.emulatorLog);
    fs.writeFileSync(files.emulatorPid, `${pid}\n`);
    await waitHttp(`http://${HOST}:${port}/_emulator/health`, pid, "the Voice ID service", files.emulatorLog);
}

/** The state directory's `.gitignore` (`*`), unless it has one: secrets-free, but never source. */
const GITIGNORE =
    "# Written by pulumi-voiceid local start: the local stack's state, logs and env file stay out of git.\n*\n";

/**
 * Why this Node cannot run the Voice ID service, or undefined if it can: the service keeps its
 * state with node:sqlite, unflagged from Node 22.13. (Before this check, an older Node failed at
 * start-up with "No such built-in module: node:sqlite" in the service's log.)
 */
export function emulatorNodeProblem(version: string = process.versions.node): string | undefined {
    const [major, minor] = version.split(".").map(Number);
    if (major > 22 || (major === 22 && minor >= 13)) return undefined;
    return `the Voice ID service needs Node 22.13 or later (it keeps its state with node:sqlite); this is Node ${version}`;
}

/**
 * Starts what is not running yet (starting twice is harmless) and writes the env file.
 * `say` gets progress and warnings (the CLI prints them on stderr).
 */
export async function startStack(dir: string, say: Say): Promise<StackStart> {
    const problem = emulatorNodeProblem();
    if (problem) throw new Error(problem);
    const files = stackFiles(dir);
    fs.mkdirSync(files.dir, { recursive: true });
    // From the first start on, so a user's repository never picks the directory up.
    if (!fs.existsSync(files.gitignore)) fs.writeFileSync(files.gitignore, GITIGNORE);
    return withStackLock(files.lock, files.dir, say, () => startLocked(files, say));
}

async function startLocked(files: StackFiles, say: Say): Promise<StackStart> {
    const recorded = readEnvFile(files.envFile);
    const recordedMoto = recordedPort(recorded, "AWS_ENDPOINT_URL_S3");
    const recordedVoiceId = recordedPort(recorded, "AWS_ENDPOINT_URL_VOICE_ID");

    let motoPort: number;
    if (runningPid(files.motoPid, MOTO_MARKER) !== undefined) {
        if (recordedMoto === undefined)
            throw new Error(`moto runs but ${files.envFile} is missing: run stop, then start`);
        motoPort = recordedMoto;
    } else {
        const choice = await choosePort("moto", recordedMoto, recordedVoiceId === undefined ? [] : [recordedVoiceId]);
        if (choice.moved) say(`WARNING: ${choice.moved}`);
        motoPort = choice.port;
        await startMoto(files, await ensurePython(), motoPort, say);
    }
    const moto = `http://${HOST}:${motoPort}`;

    let voiceIdPort: number;
    let voiceIdKeptPid: number | undefined;
    const emulatorPid = runningPid(files.emulatorPid, EMULATOR_MARKER);
    if (emulatorPid !== undefined && recordedVoiceId !== undefined && motoPort === recordedMoto) {
        voiceIdPort = recordedVoiceId;
        voiceIdKeptPid = emulatorPid;
    } else {
        if (emulatorPid !== undefined) {
            // It talks to a moto that is gone: restart it against the new one.
            say("restarting the Voice ID service: moto moved to another port");
            await stopPid(files.emulatorPid, EMULATOR_MARKER);
        }
        const choice = await choosePort("Voice ID service", recordedVoiceId, [motoPort]);
        if (choice.moved) say(`WARNING: ${choice.moved}`);
        voiceIdPort = choice.port;
        await startVoiceId(files, voiceIdPort, moto);
    }
    const endpoints = { moto, voiceId: `http://${HOST}:${voiceIdPort}` };
    writeEnvFile(files, endpoints);
    return { ...endpoints, voiceIdKeptPid };
}

/** SIGTERM, then SIGKILL after 5 s. Returns the pid it stopped. */
async function stopPid(pidFile: string, marker: string): Promise<number | undefined> {
    const pid = runningPid(pidFile, marker);
    if (pid !== undefined) {
        process.kill(pid, "SIGTERM");
        const deadline = Date.now() + 5000;
        while (Date.now() < deadline && runningPid(pidFile, marker) === pid)
            await new Promise((r) => setTimeout(r, 100));
        try {
            process.kill(pid, "SIGKILL");
        } catch {
            // exited
        }
    }
    fs.rmSync(pidFile, { force: true });
    return pid;
}

/** Stops both services; their state stays in the directory. Says so when nothing was running. */
export async function stopStack(dir: string, say: Say): Promise<void> {
    const files = stackFiles(dir);
    if (!fs.existsSync(files.dir)) {
        say(`nothing to stop: ${files.dir} does not exist (no local stack was started there)`);
        return;
    }
    await withStackLock(files.lock, files.dir, say, () => stopLocked(files, say));
}

async function stopLocked(files: StackFiles, say: Say): Promise<void> {
    const e = await stopPid(files.emulatorPid, EMULATOR_MARKER);
    if (e !== undefined) say(`stopped the Voice ID service (pid ${e})`);
    const m = await stopPid(files.motoPid, MOTO_MARKER);
    if (m !== undefined) say(`stopped moto (pid ${m})`);
    if (e === undefined && m === undefined)
        say(`nothing to stop: neither moto nor the Voice ID service was running for ${files.dir}`);
}

/** What runs, with pids and endpoints. */
export interface StackStatus {
    moto?: number;
    voiceId?: number;
    env: Record<string, string>;
}

export function stackStatus(dir: string): StackStatus {
    const files = stackFiles(dir);
    return {
        moto: runningPid(files.motoPid, MOTO_MARKER),
        voiceId: runningPid(files.emulatorPid, EMULATOR_MARKER),
        env: readEnvFile(files.envFile),
    };
}
