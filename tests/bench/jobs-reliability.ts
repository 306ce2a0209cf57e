/**
 * Benchmark: crash safety and fault tolerance of FraudsterRegistrationJob through the real
 * Pulumi engine (targets):
 *
 * - Crash safety: kill -9 of `pulumi up` at random points, then `up` again: exactly one job per
 *   resource, no fraudster registered twice, every time.
 * - Faults: 30% throttling plus 5% 5xx plus a restart of the local service mid-job: every
 *   `pulumi up` succeeds, nothing duplicated.
 *
 * Both parts use the same program: three FraudsterRegistrationJobs, `job-a` and `job-b` in one
 * domain, `job-c` in another, each with its own manifest of distinct synthetic speakers and
 * `duplicateRegistrationAction: REGISTER_AS_NEW`. With REGISTER_AS_NEW a job that ran twice
 * registers its speakers twice (SKIP would hide a second run behind duplicate detection), so
 * "fraudsters in the domain == distinct speakers declared" is a sharp duplicate detector.
 *
 * Crash loop (BENCH_CRASH_RUNS, default 10): emulator in process, jobs paced to
 * BENCH_CRASH_JOB_MS (4 s), BENCH_CRASH_QUOTA concurrent jobs per domain (default 2: the three
 * jobs run together; 1: `job-b` waits for a slot behind `job-a`, so crashes land in the slot
 * wait too, at the price of a longer and noisier timeline). A calibration `up` (not killed) measures how long an
 * `up` takes; every run then uses a fresh project + stack and fresh domains, spawns
 * `pulumi up` in its own process group, and after a delay drawn uniformly from [0, calibrated
 * `up` time] sends SIGKILL to the group and to every descendant (plugins run in process groups
 * of their own). Then `pulumi cancel --yes` (the file backend keeps the killed update's lock)
 * and `pulumi up` until it succeeds (at most 3 tries), then `pulumi refresh
 * --clear-pending-creates` (the engine keeps the killed update's pending creates otherwise) and
 * `pulumi preview --expect-no-changes`. Kill delays are stratified (one uniform draw in each of
 * N equal slices of the window, shuffled). The phase at the kill is read back from
 * the jobs' CreatedAt/EndedAt: no job started, jobs running, or all jobs done.
 *
 * Fault runs (BENCH_FAULT_RUNS, default 3): emulator as its own process with throttleRate 0.3
 * and faultRate 0.05, jobs paced to BENCH_FAULT_JOB_MS (12 s), quota 2. One `pulumi up`; while
 * a job is IN_PROGRESS (a uniform 0-60% of the job's pacing after the first job is seen
 * IN_PROGRESS) the emulator is killed with
 * SIGKILL and restarted on the same SQLite file and the same port, so the endpoint in the
 * program's environment stays valid. The service stays down until the provider has tried to
 * reach it at least once (a listener on the port resets the connections meanwhile, and counts
 * them; at most BENCH_MAX_OUTAGE_MS, 15 s), so the outage is met by the provider and not just
 * by the emulator's own job runner. The `up` must exit 0 the first time.
 *
 * Invariants checked after every run, through the Voice ID API and the stack's state: per
 * domain exactly as many jobs as resources; per resource exactly one job with its manifest,
 * COMPLETED, and the state's id `<domainId>/<jobId>` and `jobId` output point at it; fraudsters
 * per domain == distinct speakers declared; newRegistrationCount == speakers; after an
 * uninterrupted `up` (and after the crash recovery) no pending operations in the state.
 *
 * Run: PATH=$(bash scripts/ensure-node.sh):$PATH node bin/tests/bench/jobs-reliability.js
 * (BENCH_SEED for a reproducible sequence of kill delays; exit code 1 if any invariant broke.)
 * @module
 */
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { ChildProcess } from "child_process";
import {
    CreateDomainCommand,
    DescribeFraudsterRegistrationJobCommand,
    ListFraudstersCommand,
    ListFraudsterRegistrationJobsCommand,
    VoiceIDClient,
} from "@aws-sdk/client-voice-id";
import { CREDENTIALS, LocalStack, REGION, RegistrationSeed, freePort, startLocalStack } from "../support/localStack";
import { TestProgram } from "../support/pulumi";
import { killTree } from "../support/process";
import { rng } from "../../emulator/voices";

const TYPE = "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob";

/**
 * BENCH_NEGATIVE_CONTROL=1 gives every job a ClientToken that changes on each program run, i.e.
 * what a provider without deterministic tokens would do: the crash loop must then report
 * duplicates (proof that the checks can fail).
 */
const NEGATIVE_CONTROL = process.env.BENCH_NEGATIVE_CONTROL === "1";

// ---------------------------------------------------------------- program layout

interface JobSpec {
    name: string;
    /** Index into the run's domains. */
    domain: number;
    seed: RegistrationSeed;
    speakers: number[];
}

/** job-a, job-b in domain 0; job-c in domain 1; distinct speakers everywhere. */
async function seedLayout(stack: LocalStack, tag: string): Promise<JobSpec[]> {
    const layout: { name: string; domain: number; speakers: number[] }[] = [
        { name: "job-a", domain: 0, speakers: [701, 702] },
        { name: "job-b", domain: 0, speakers: [703, 704, 705] },
        { name: "job-c", domain: 1, speakers: [706, 707] },
    ];
    const specs: JobSpec[] = [];
    for (const l of layout) {
        const seed = await stack.seedRegistration(
            `${tag}-${l.name}`,
            l.speakers.map((s) => ({ requestId: `r-${s}`, audio: [{ speaker: s, utterance: 1, seconds: 2 }] })),
        );
        specs.push({ ...l, seed });
    }
    return specs;
}

function programSource(specs: JobSpec[], domains: string[]): string {
    const jobs = specs
        .map(
            (s) => `
new FraudsterRegistrationJob(${JSON.stringify(s.name)}, {
    domainId: ${JSON.stringify(domains[s.domain])},
    dataAccessRoleArn: ${JSON.stringify(s.seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(s.seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(s.seed.outputUri)}, kmsKeyId: ${JSON.stringify(s.seed.kmsKeyId)} },
    registrationConfig: { duplicateRegistrationAction: "REGISTER_AS_NEW" },${NEGATIVE_CONTROL ? `\n    clientToken: "nc-" + Date.now(),` : ""}
});`,
        )
        .join("\n");
    return `import { FraudsterRegistrationJob } from "pulumi-voiceid";\n${jobs}\n`;
}

// ---------------------------------------------------------------- Voice ID helpers

type Send = <T>(command: any) => Promise<T>;

interface JobSeen {
    jobId: string;
    status: string;
    manifest?: string;
    createdAt?: number;
    endedAt?: number;
    percent?: number;
}

async function createDomains(send: Send, kmsKeyId: string, n: number, tag: string): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
        const d = await send<any>(
            new CreateDomainCommand({ Name: `${tag}-${i}`, ServerSideEncryptionConfiguration: { KmsKeyId: kmsKeyId } }),
        );
        out.push(d.Domain.DomainId);
    }
    return out;
}

async function jobsOf(send: Send, domainId: string, describe = true): Promise<JobSeen[]> {
    const jobs: JobSeen[] = [];
    let next: string | undefined;
    do {
        const out = await send<any>(
            new ListFraudsterRegistrationJobsCommand({ DomainId: domainId, MaxResults: 100, NextToken: next }),
        );
        for (const j of out.JobSummaries ?? []) {
            const seen: JobSeen = {
                jobId: j.JobId,
                status: j.JobStatus,
                createdAt: j.CreatedAt?.getTime(),
                endedAt: j.EndedAt?.getTime(),
                percent: j.JobProgress?.PercentComplete,
            };
            if (describe) {
                const d = await send<any>(
                    new DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: j.JobId }),
                );
                seen.manifest = d.Job.InputDataConfig?.S3Uri;
            }
            jobs.push(seen);
        }
        next = out.NextToken;
    } while (next);
    return jobs;
}

async function fraudsterCount(send: Send, domainId: string): Promise<number> {
    let n = 0;
    let next: string | undefined;
    do {
        const out = await send<any>(
            new ListFraudstersCommand({ DomainId: domainId, MaxResults: 100, NextToken: next }),
        );
        n += (out.FraudsterSummaries ?? []).length;
        next = out.NextToken;
    } while (next);
    return n;
}

/**
 * Checks every invariant; returns the problems found (empty = ok).
 * `send` must be reliable (the fault runs wrap it in retries).
 */
async function checkInvariants(
    send: Send,
    prog: TestProgram,
    specs: JobSpec[],
    domains: string[],
): Promise<{ problems: string[]; pending: number }> {
    const problems: string[] = [];
    const state = await prog.exportState();
    const pending = (state.deployment.pending_operations ?? []).length;
    const inState = (state.deployment.resources ?? []).filter((r: any) => r.type === TYPE);
    const apiJobs = new Map<number, JobSeen[]>();
    for (const [i, d] of domains.entries()) {
        const jobs = await jobsOf(send, d);
        apiJobs.set(i, jobs);
        const expected = specs.filter((s) => s.domain === i);
        if (jobs.length !== expected.length)
            problems.push(`domain ${i}: ${jobs.length} jobs, expected ${expected.length}`);
        const speakers = expected.reduce((n, s) => n + s.speakers.length, 0);
        const fraudsters = await fraudsterCount(send, d);
        if (fraudsters !== speakers)
            problems.push(`domain ${i}: ${fraudsters} fraudsters, expected ${speakers} (distinct speakers)`);
    }
    for (const s of specs) {
        const res = inState.filter((r: any) => r.urn.endsWith(`::${s.name}`));
        const mine = apiJobs.get(s.domain)!.filter((j) => j.manifest === s.seed.manifestUri);
        if (mine.length !== 1) problems.push(`${s.name}: ${mine.length} jobs with its manifest, expected 1`);
        if (res.length !== 1) {
            problems.push(`${s.name}: ${res.length} resources in the state, expected 1`);
            continue;
        }
        const outs = res[0].outputs ?? {};
        const job = mine[0];
        if (job && job.status !== "COMPLETED") problems.push(`${s.name}: job ${job.jobId} is ${job.status}`);
        if (job && (outs.jobId !== job.jobId || res[0].id !== `${domains[s.domain]}/${job.jobId}`)) {
            problems.push(`${s.name}: state points at ${res[0].id} (jobId ${outs.jobId}), the job is ${job.jobId}`);
        }
        if (outs.jobStatus !== "COMPLETED") problems.push(`${s.name}: state jobStatus ${outs.jobStatus}`);
        if (outs.newRegistrationCount !== s.speakers.length)
            problems.push(
                `${s.name}: newRegistrationCount ${outs.newRegistrationCount}, expected ${s.speakers.length}`,
            );
    }
    return { problems, pending };
}

/**
 * After a crash the engine keeps the killed update's pending CREATE operations in the state
 * even once a later `up` has created those resources (it warns on every `up` until they are
 * cleared). `pulumi refresh --clear-pending-creates` is the non-interactive way to drop them;
 * afterwards the state must be clean, still point at the same jobs, and plan no changes.
 */
async function settle(send: Send, prog: TestProgram, specs: JobSpec[], domains: string[]): Promise<string[]> {
    const problems: string[] = [];
    const refresh = await prog.refresh(["--clear-pending-creates"]);
    if (refresh.code !== 0)
        problems.push(
            `refresh --clear-pending-creates exited ${refresh.code}: ${tail(refresh.stdout + refresh.stderr, 10)}`,
        );
    const after = await checkInvariants(send, prog, specs, domains);
    problems.push(...after.problems.map((p) => `after refresh: ${p}`));
    if (after.pending)
        problems.push(`${after.pending} pending operation(s) left after refresh --clear-pending-creates`);
    const preview = await prog.preview(["--expect-no-changes"]);
    if (preview.code !== 0)
        problems.push(`preview after recovery plans changes: ${tail(preview.stdout + preview.stderr, 15)}`);
    return problems;
}

// ---------------------------------------------------------------- processes

/** A spawned `pulumi` command with its output and exit collected. */
interface Spawned {
    child: ChildProcess;
    output: () => string;
    /** The output with each chunk's arrival time since the start (for BENCH_VERBOSE=1). */
    timedOutput: () => string;
    exited: Promise<number | null>;
    exitedAt?: number;
}

function track(child: ChildProcess): Spawned {
    let out = "";
    let timed = "";
    const t0 = Date.now();
    const take = (d: Buffer) => {
        out += d;
        const at = `+${((Date.now() - t0) / 1000).toFixed(1)}s `;
        timed += String(d)
            .split("\n")
            .filter((l) => l.trim())
            .map((l) => at + l + "\n")
            .join("");
    };
    child.stdout!.on("data", take);
    child.stderr!.on("data", take);
    const s: Spawned = {
        child,
        output: () => out,
        timedOutput: () => timed,
        exited: new Promise((resolve) =>
            child.once("close", (code) => {
                s.exitedAt = Date.now();
                resolve(code);
            }),
        ),
    };
    return s;
}

/**
 * Keeps a killed service's port answered by a listener that resets every connection, until the
 * first connection (the provider's next call) or `maxMs`; returns the number of connections.
 *
 * A restart that is over before the client's next call tests nothing on the client side (the
 * adaptive waiter may sleep several seconds between calls), so the outage lasts until the
 * provider has met it at least once. A reset connection is what a client sees from a service
 * restarting behind a proxy; with nothing listening it would get ECONNREFUSED, which the
 * provider classifies the same way (transient network error).
 */
function holdPortUntilKnock(port: number, maxMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
        let knocks = 0;
        let done = false;
        let timer: NodeJS.Timeout | undefined;
        const finish = () => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            srv.close(() => resolve(knocks));
        };
        const srv = net.createServer((socket) => {
            knocks++;
            socket.resetAndDestroy();
            finish();
        });
        srv.on("error", reject);
        srv.listen(port, "127.0.0.1", () => (timer = setTimeout(finish, maxMs)));
    });
}

// ---------------------------------------------------------------- misc

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const tail = (text: string, lines = 40) => text.split("\n").slice(-lines).join("\n");

/** The file backend's directory (PULUMI_BACKEND_URL=file://...). */
function backendDir(prog: TestProgram): string {
    return new URL(prog.env.PULUMI_BACKEND_URL!).pathname;
}

/** True when the file backend holds an update lock for the program's stack. */
function lockHeld(prog: TestProgram): boolean {
    const dir = path.join(backendDir(prog), ".pulumi", "locks", "organization", prog.project, prog.stack);
    return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
}

/**
 * Removes a program's stack without destroying (jobs cannot be deleted; domains are throwaway),
 * and what `stack rm` leaves in the file backend (backups, history, empty lock and stack dirs).
 */
async function discard(prog: TestProgram): Promise<void> {
    await prog.pulumi(["stack", "rm", "--yes", "--force"]);
    fs.rmSync(prog.dir, { recursive: true, force: true });
    const meta = path.join(backendDir(prog), ".pulumi");
    for (const sub of ["backups", "history", "stacks", path.join("locks", "organization")]) {
        fs.rmSync(path.join(meta, sub, prog.project), { recursive: true, force: true });
    }
}

// ---------------------------------------------------------------- crash loop

interface CrashRow {
    run: number;
    killDelayMs: number;
    phase: "no job" | "jobs running" | "done" | "calibration";
    jobsStartedAtKill: number;
    jobsEndedAtKill: number;
    exitedBeforeKill: boolean;
    outsideGroup: number;
    /** The killed update left the file backend's lock (removed by `pulumi cancel`). */
    lockLeft: boolean;
    upAttempts: number;
    /** Pending operations the engine kept in the state after the successful `up`. */
    pendingAfterUp: number;
    ok: boolean;
    problems: string[];
}

async function crashLoop(runs: number, random: () => number) {
    const jobMs = Number(process.env.BENCH_CRASH_JOB_MS ?? 4000);
    const quota = Number(process.env.BENCH_CRASH_QUOTA ?? 2);
    const stack = await startLocalStack({ jobDurationMs: jobMs, maxConcurrentJobsPerDomain: quota, logLevel: "error" });
    const send: Send = (c) => stack.voiceId.send(c) as any;
    const rows: CrashRow[] = [];
    let calibration = { upMs: 0, firstCreatedMs: 0, lastEndedMs: 0 };
    try {
        const specs = await seedLayout(stack, "rel-crash");
        const key = await stack.createKmsKey();
        // Stratified uniform draws: run i gets a uniform point of one of `runs` equal slices of
        // the window, in shuffled order. Each delay is still uniform over the window, but ten
        // runs cannot all miss its ends (the "all jobs done, state not yet written" slice is
        // only the last ~1 s).
        const delays = Array.from({ length: runs }, (_, i) => (i + random()) / runs);
        for (let i = delays.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [delays[i], delays[j]] = [delays[j], delays[i]];
        }
        for (let run = 0; run <= runs; run++) {
            const domains = await createDomains(send, key.keyId, 2, `rel-crash-${run}`);
            const prog = await TestProgram.create({
                name: "bench-rel-crash",
                source: programSource(specs, domains),
                env: stack.env,
            });
            try {
                if (run === 0) {
                    // Calibration: an uninterrupted `up` sets the kill window.
                    const t0 = Date.now();
                    const up = track(prog.spawn(["up", "--yes", "--skip-preview"]));
                    const code = await up.exited;
                    if (code !== 0) throw new Error(`calibration up failed\n${up.output()}`);
                    const jobs = (await Promise.all(domains.map((d) => jobsOf(send, d, false)))).flat();
                    calibration = {
                        upMs: up.exitedAt! - t0,
                        firstCreatedMs: Math.min(...jobs.map((j) => j.createdAt!)) - t0,
                        lastEndedMs: Math.max(...jobs.map((j) => j.endedAt!)) - t0,
                    };
                    const { problems, pending } = await checkInvariants(send, prog, specs, domains);
                    if (pending) problems.push(`${pending} pending operation(s) after an uninterrupted up`);
                    rows.push({
                        run,
                        killDelayMs: NaN,
                        phase: "calibration",
                        jobsStartedAtKill: 3,
                        jobsEndedAtKill: 3,
                        exitedBeforeKill: true,
                        outsideGroup: 0,
                        lockLeft: false,
                        upAttempts: 1,
                        pendingAfterUp: 0,
                        ok: problems.length === 0,
                        problems,
                    });
                    console.error(
                        `calibration: up ${secs(calibration.upMs)}, first job created at ${secs(calibration.firstCreatedMs)}, last job ended at ${secs(calibration.lastEndedMs)}`,
                    );
                    continue;
                }
                const delay = Math.round(delays[run - 1] * calibration.upMs);
                const t0 = Date.now();
                const up = track(prog.spawn(["up", "--yes", "--skip-preview"]));
                await Promise.race([sleep(delay), up.exited]);
                const killAt = Date.now();
                const exitedBeforeKill = up.exitedAt !== undefined;
                const outsideGroup = exitedBeforeKill ? 0 : killTree(up.child.pid!);
                await up.exited;
                // Phase at the kill, from the service's own timestamps (same host, same clock).
                const jobs = (await Promise.all(domains.map((d) => jobsOf(send, d, false)))).flat();
                const started = jobs.filter((j) => j.createdAt !== undefined && j.createdAt <= killAt).length;
                const ended = jobs.filter((j) => j.endedAt !== undefined && j.endedAt <= killAt).length;
                const phase: CrashRow["phase"] =
                    started === 0 ? "no job" : ended === specs.length ? "done" : "jobs running";
                const lockLeft = lockHeld(prog);
                const cancel = await prog.pulumi(["cancel", "--yes"]);
                let upAttempts = 0;
                let last = "";
                let upOk = false;
                while (!upOk && upAttempts < 3) {
                    upAttempts++;
                    const again = await prog.up();
                    last = again.stdout + again.stderr;
                    upOk = again.code === 0;
                    if (!upOk) {
                        console.error(
                            `crash run ${run}: up attempt ${upAttempts} exited ${again.code}:\n${tail(last, 30)}`,
                        );
                        await prog.pulumi(["cancel", "--yes"]);
                    }
                }
                const problems = upOk ? [] : [`\`pulumi up\` still failing after ${upAttempts} attempts`];
                const checked = await checkInvariants(send, prog, specs, domains);
                problems.push(...checked.problems);
                if (upOk) problems.push(...(await settle(send, prog, specs, domains)));
                const row: CrashRow = {
                    run,
                    killDelayMs: killAt - t0,
                    phase,
                    jobsStartedAtKill: started,
                    jobsEndedAtKill: ended,
                    exitedBeforeKill,
                    outsideGroup,
                    lockLeft,
                    upAttempts,
                    pendingAfterUp: checked.pending,
                    ok: problems.length === 0,
                    problems,
                };
                rows.push(row);
                console.error(
                    `crash run ${run}: kill after ${row.killDelayMs} ms (drawn ${delay} ms), ${phase} (${started} started, ${ended} ended), ${upAttempts} up(s), ${row.ok ? "ok" : "BROKEN: " + problems.join("; ")}`,
                );
                if (!row.ok || process.env.BENCH_VERBOSE === "1") {
                    console.error(
                        `--- killed up output (arrival times):\n${tail(up.timedOutput())}\n--- cancel:\n${cancel.stdout}${cancel.stderr}\n--- last up:\n${tail(last, 80)}`,
                    );
                }
            } finally {
                await discard(prog);
            }
        }
    } finally {
        await stack.stop();
    }
    return { rows, calibration, jobMs, quota };
}

// ---------------------------------------------------------------- fault runs

interface FaultRow {
    run: number;
    upMs: number;
    exitCode: number | null;
    /** Requests of the `up` (the provider's) that reached the emulator and were answered. */
    providerCalls: number;
    injectedThrottles: number;
    injected5xx: number;
    otherErrors: Record<string, number>;
    providerRetryLines: number;
    restartAfterMs: number;
    /** Emulator start-up time (process spawn to listening). */
    restartMs: number;
    /** kill -9 to the new process listening. */
    outageMs: number;
    /** Connections the provider attempted while the emulator was down (0: it never noticed). */
    knocks: number;
    jobsInProgressAtRestart: number;
    ok: boolean;
    problems: string[];
}

/**
 * Requests the emulator answered, from its log (debug level: one "response" line per success,
 * one "request failed" line per error): the total and the failures by error type.
 */
function requestsLogged(lines: string[]): { total: number; failures: Record<string, number> } {
    const failures: Record<string, number> = {};
    let total = 0;
    for (const l of lines) {
        let entry: { msg?: string; error?: string };
        try {
            entry = JSON.parse(l);
        } catch {
            continue;
        }
        if (entry.msg === "response") total++;
        if (entry.msg === "request failed") {
            total++;
            failures[entry.error!] = (failures[entry.error!] ?? 0) + 1;
        }
    }
    return { total, failures };
}

async function faultRuns(runs: number, random: () => number) {
    const jobMs = Number(process.env.BENCH_FAULT_JOB_MS ?? 12_000);
    const maxOutageMs = Number(process.env.BENCH_MAX_OUTAGE_MS ?? 15_000);
    const throttleRate = 0.3;
    const faultRate = 0.05;
    const port = await freePort();
    const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-bench-rel-"));
    const stack = await startLocalStack({
        emulatorAsProcess: true,
        port,
        dbPath: path.join(dbDir, "voiceid.db"),
        throttleRate,
        faultRate,
        jobDurationMs: jobMs,
        maxConcurrentJobsPerDomain: 2,
        logLevel: "debug",
    });
    // The bench's own client: SDK retries off so every injected error it meets is counted (and
    // subtracted from the emulator's totals), retried here instead.
    const client = new VoiceIDClient({
        region: REGION,
        credentials: CREDENTIALS,
        endpoint: stack.voiceIdEndpoint,
        maxAttempts: 1,
    });
    const benchErrors: Record<string, number> = {};
    let benchCalls = 0;
    const send: Send = async (command) => {
        for (let attempt = 1; ; attempt++) {
            try {
                const out = (await client.send(command)) as any;
                benchCalls++;
                return out;
            } catch (e: any) {
                if (e?.$metadata?.httpStatusCode) benchCalls++; // answered by the emulator
                const name = e?.name ?? "";
                const transient =
                    name === "ThrottlingException" ||
                    name === "InternalServerException" ||
                    /ECONNREFUSED|ECONNRESET|socket hang up/.test(String(e?.message ?? e?.code ?? ""));
                if (!transient || attempt > 60) throw e;
                benchErrors[name] = (benchErrors[name] ?? 0) + 1;
                await sleep(100 + Math.random() * 200);
            }
        }
    };
    // Log lines of every emulator process of this stack, across restarts.
    const oldLogs: string[] = [];
    const allLogs = () => [...oldLogs, ...stack.emulatorProcess!.logs()];
    const rows: FaultRow[] = [];
    try {
        const specs = await seedLayout(stack, "rel-fault");
        const key = await stack.createKmsKey();
        for (let run = 1; run <= runs; run++) {
            const domains = await createDomains(send, key.keyId, 2, `rel-fault-${run}`);
            const prog = await TestProgram.create({
                name: "bench-rel-fault",
                source: programSource(specs, domains),
                env: stack.env,
            });
            try {
                const logsBefore = allLogs().length;
                const benchBefore = { ...benchErrors };
                const benchCallsBefore = benchCalls;
                const t0 = Date.now();
                const up = track(prog.spawn(["up", "--yes", "--skip-preview"]));
                // Wait for a job IN_PROGRESS, then restart at a random point of its first two thirds.
                let restartAfterMs = NaN,
                    restartMs = NaN,
                    outageMs = NaN,
                    knocks = 0,
                    inProgress = 0;
                const restartProblems: string[] = [];
                for (;;) {
                    if (up.exitedAt !== undefined) {
                        restartProblems.push("`up` ended before any job was IN_PROGRESS: no restart happened");
                        break;
                    }
                    const jobs = (await Promise.all(domains.map((d) => jobsOf(send, d, false)))).flat();
                    const running = jobs.filter((j) => j.status === "IN_PROGRESS");
                    if (running.length) {
                        await sleep(random() * jobMs * 0.6);
                        const now = (await Promise.all(domains.map((d) => jobsOf(send, d, false)))).flat();
                        inProgress = now.filter((j) => j.status === "IN_PROGRESS").length;
                        if (inProgress === 0) restartProblems.push("no job IN_PROGRESS at the restart");
                        restartAfterMs = Date.now() - t0;
                        const endpoint = stack.voiceIdEndpoint;
                        const r0 = Date.now();
                        await stack.emulatorProcess!.kill("SIGKILL");
                        oldLogs.push(...stack.emulatorProcess!.logs());
                        knocks = await holdPortUntilKnock(port, maxOutageMs);
                        const r1 = Date.now();
                        await stack.restartEmulator();
                        restartMs = Date.now() - r1;
                        outageMs = Date.now() - r0;
                        if (stack.voiceIdEndpoint !== endpoint)
                            restartProblems.push(
                                `endpoint changed on restart: ${endpoint} -> ${stack.voiceIdEndpoint}`,
                            );
                        break;
                    }
                    await sleep(200);
                }
                const code = await up.exited;
                const upMs = up.exitedAt! - t0;
                // Taken before the invariant checks, whose calls are not part of the `up`.
                const { total, failures: logged } = requestsLogged(allLogs().slice(logsBefore));
                const benchCallsDuringUp = benchCalls - benchCallsBefore;
                const benchNow = { ...benchErrors };
                const mine = (k: string) => (benchNow[k] ?? 0) - (benchBefore[k] ?? 0);
                const problems = [...restartProblems];
                if (code !== 0) problems.push(`pulumi up exited ${code}`);
                const checked = await checkInvariants(send, prog, specs, domains);
                problems.push(...checked.problems);
                if (checked.pending) problems.push(`${checked.pending} pending operation(s) after an uninterrupted up`);
                const { ThrottlingException: th = 0, InternalServerException: ise = 0, ...other } = logged;
                const row: FaultRow = {
                    run,
                    upMs,
                    exitCode: code,
                    providerCalls: total - benchCallsDuringUp,
                    injectedThrottles: th - mine("ThrottlingException"),
                    injected5xx: ise - mine("InternalServerException"),
                    otherErrors: other,
                    providerRetryLines: (up.output().match(/retrying after/g) ?? []).length,
                    restartAfterMs,
                    restartMs,
                    outageMs,
                    knocks,
                    jobsInProgressAtRestart: inProgress,
                    ok: problems.length === 0,
                    problems,
                };
                rows.push(row);
                console.error(
                    `fault run ${run}: up ${secs(upMs)} exit ${code}, ${row.injectedThrottles} throttles + ${row.injected5xx} 5xx to the provider, kill -9 at ${secs(restartAfterMs)}, down ${outageMs} ms (${knocks} connection(s) refused), restart ${restartMs} ms, ${row.ok ? "ok" : "BROKEN: " + problems.join("; ")}`,
                );
                if (!row.ok || process.env.BENCH_VERBOSE === "1")
                    console.error(`--- up output (arrival times):\n${tail(up.timedOutput(), 120)}`);
            } finally {
                await discard(prog);
            }
        }
    } finally {
        client.destroy();
        await stack.stop();
        fs.rmSync(dbDir, { recursive: true, force: true });
    }
    return { rows, jobMs, throttleRate, faultRate };
}

// ---------------------------------------------------------------- main

async function main() {
    const crashRuns = Number(process.env.BENCH_CRASH_RUNS ?? 10);
    const faultRunCount = Number(process.env.BENCH_FAULT_RUNS ?? 3);
    const seed = Number(process.env.BENCH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const random = rng(seed); // seeded (mulberry32), so a run's kill delays can be replayed
    const started = Date.now();
    console.error(`jobs-reliability: seed ${seed}`);

    const crash = crashRuns > 0 ? await crashLoop(crashRuns, random) : undefined;
    const faults = faultRunCount > 0 ? await faultRuns(faultRunCount, random) : undefined;

    const lines: string[] = [];
    let broken = false;
    if (crash) {
        const c = crash.calibration;
        lines.push(`### Crash loop: kill -9 of \`pulumi up\`, then \`up\` again\n`);
        lines.push(
            `3 jobs (2 in domain A, 1 in domain B, quota ${crash.quota} per domain${crash.quota === 1 ? ": job-b waits for a slot behind job-a" : ""}), each paced to ${secs(crash.jobMs)}. Calibration \`up\`: ${secs(c.upMs)} ` +
                `(first job created at ${secs(c.firstCreatedMs)}, last job ended at ${secs(c.lastEndedMs)}); kill delays uniform in [0, ${secs(c.upMs)}].\n`,
        );
        lines.push(
            "| run | kill after | phase at kill | jobs started / ended at kill | processes outside the group | lock left (`cancel` needed) | `up` attempts | pending ops after `up` | invariants |",
        );
        lines.push("|---|---|---|---|---|---|---|---|---|");
        for (const r of crash.rows) {
            const kill =
                r.phase === "calibration"
                    ? "(not killed)"
                    : `${r.killDelayMs} ms${r.exitedBeforeKill ? " (up had exited)" : ""}`;
            lines.push(
                `| ${r.run} | ${kill} | ${r.phase} | ${r.jobsStartedAtKill} / ${r.jobsEndedAtKill} | ${r.outsideGroup} | ${r.lockLeft ? "yes" : "no"} | ${r.upAttempts} | ${r.pendingAfterUp} | ${r.ok ? "ok" : "BROKEN: " + r.problems.join("; ")} |`,
            );
        }
        lines.push("");
    }
    if (faults) {
        lines.push(
            `### Fault runs: ${faults.throttleRate * 100}% throttling, ${faults.faultRate * 100}% 5xx, emulator kill -9 + restart mid-job\n`,
        );
        lines.push(`3 jobs (2 in domain A, 1 in domain B, quota 2), each paced to ${secs(faults.jobMs)}.\n`);
        lines.push(
            "| run | `pulumi up` exit | up duration | provider calls answered | injected throttles / 5xx | other errors | provider retry lines | kill -9 at | jobs IN_PROGRESS then | outage (kill to listening) | provider connections during the outage | emulator start-up | invariants |",
        );
        lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (const r of faults.rows) {
            const other =
                Object.entries(r.otherErrors)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(", ") || "none";
            lines.push(
                `| ${r.run} | ${r.exitCode} | ${secs(r.upMs)} | ${r.providerCalls} | ${r.injectedThrottles} / ${r.injected5xx} | ${other} | ${r.providerRetryLines} | ${secs(r.restartAfterMs)} | ${r.jobsInProgressAtRestart} | ${r.outageMs} ms | ${r.knocks} | ${r.restartMs} ms | ${r.ok ? "ok" : "BROKEN: " + r.problems.join("; ")} |`,
            );
        }
        lines.push("");
    }
    const summary: string[] = [];
    if (crash) {
        const killed = crash.rows.filter((r) => r.phase !== "calibration");
        const okRuns = killed.filter((r) => r.ok).length;
        const count = (p: string) => killed.filter((r) => r.phase === p).length;
        const calOk = crash.rows.find((r) => r.phase === "calibration")?.ok ?? true;
        if (okRuns !== killed.length || !calOk) broken = true;
        summary.push(
            `crash: ${okRuns}/${killed.length} runs ok (kill phases: ${count("no job")} before start, ${count("jobs running")} running, ${count("done")} done)` +
                (calOk ? "" : "; calibration run BROKEN"),
        );
    }
    if (faults) {
        const firstTime = faults.rows.filter((r) => r.exitCode === 0).length;
        const dupes = faults.rows.filter((r) => r.problems.some((p) => /jobs|fraudsters|resources/.test(p))).length;
        if (faults.rows.some((r) => !r.ok)) broken = true;
        summary.push(
            `faults: ${firstTime}/${faults.rows.length} ups succeeded first time, ${dupes} runs with duplicates` +
                (faults.rows.some((r) => !r.ok)
                    ? ` (${faults.rows.filter((r) => !r.ok).length} runs broke an invariant)`
                    : ""),
        );
    }
    console.log(lines.join("\n"));
    console.log(summary.join("\n"));
    console.log(`total ${secs(Date.now() - started)}\n`);
    console.log(
        JSON.stringify({ bench: "jobs-reliability", seed, crash, faults, broken, totalMs: Date.now() - started }),
    );
    if (broken) {
        console.error("jobs-reliability: AN INVARIANT BROKE (see the tables above)");
        process.exitCode = 1;
    }
}

main().then(
    () => process.exit(process.exitCode ?? 0),
    (e) => {
        console.error(e);
        process.exit(1);
    },
);
