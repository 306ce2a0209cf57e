/**
 * `npm test`'s runner (scripts/test.sh calls it after setup and lint): runs the planned mocha
 * processes a few at a time, each writing its own log, prints a line as each one ends, then
 * the failures again, every suite's time and counts, and the summary line `.ci/run` and CI
 * read: `tests: N passed, M failed, K skipped`. Exit code 0 only when every process passed.
 *
 *   node bin/scripts/testRunner/main.js [suite|test file ...]
 *
 * `VOICEID_TEST_JOBS` sets how many processes run at once (default: twice the number of
 * cores, at most 4; 1 runs everything one after the other).
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { failureReport, mochaCounts, type Counts } from "./mochaLog";
import { orderRuns, planRuns, SUITES, type Run } from "./suites";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const LOG_DIR = path.join(ROOT, ".local", "test-logs");
const TIMES_FILE = path.join(ROOT, ".local", "test-times.json");
const HEARTBEAT_MS = 120_000;

/** A finished run. */
interface Done extends Counts {
    run: Run;
    log: string;
    startedAt: number;
    endedAt: number;
    exitCode: number | null;
}

const say = (line: string) => process.stdout.write(`[test] ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function listFiles(suite: string): string[] {
    const dir = path.join(ROOT, "bin", "tests", suite);
    if (!fs.existsSync(dir)) return [];
    return (
        (fs.readdirSync(dir, { recursive: true }) as string[])
            .filter((f) => f.endsWith(".test.js"))
            .map((f) => path.posix.join("bin", "tests", suite, f.split(path.sep).join("/")))
            // tsc leaves the output of a moved or deleted test behind: only files with a source run.
            .filter((f) => fs.existsSync(path.join(ROOT, f.replace(/^bin\//, "").replace(/\.js$/, ".ts"))))
            .sort()
    );
}

/**
 * Parallelism: VOICEID_TEST_JOBS, else twice the cores (at most 4; the files wait on jobs and the
 * engine as much as they compute: on 2 cores 4 at a time took 848 s, 3 at a time 1,072 s, see
 * docs/benchmarks.md); throws naming the variable when it is not a positive integer.
 */
export function concurrency(env: NodeJS.ProcessEnv, cores: number): number {
    const raw = env.VOICEID_TEST_JOBS;
    if (raw === undefined || raw === "") return Math.min(4, cores * 2);
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`VOICEID_TEST_JOBS must be a positive integer, got '${raw}'`);
    return n;
}

function readTimes(): Record<string, number> {
    try {
        return JSON.parse(fs.readFileSync(TIMES_FILE, "utf8"));
    } catch {
        return {};
    }
}

function logFile(run: Run): string {
    return path.join(LOG_DIR, `${run.label.split("/").join("__")}.log`);
}

/** Starts mocha for one run, output to its log file; resolves when it has exited. */
function execute(run: Run, children: Set<ChildProcess>): Promise<Done> {
    const log = logFile(run);
    const fd = fs.openSync(log, "w");
    const startedAt = Date.now();
    // Its own process group, so an interrupted runner can stop the run's whole tree.
    const child = spawn("mocha", ["--timeout", "900000", "--slow", "30000", "--exit", ...run.files], {
        cwd: ROOT,
        detached: true,
        stdio: ["ignore", fd, fd],
    });
    fs.closeSync(fd);
    children.add(child);
    return new Promise((resolve) => {
        const finish = (exitCode: number | null, note = "") => {
            children.delete(child);
            if (note) fs.appendFileSync(log, `\n${note}\n`);
            const text = fs.readFileSync(log, "utf8");
            resolve({ run, log, startedAt, endedAt: Date.now(), exitCode, ...mochaCounts(text, exitCode) });
        };
        child.once("error", (e) => finish(null, `[test] could not start mocha: ${e.message}`));
        child.once("exit", (code, signal) => {
            if (signal) return finish(code, `[test] mocha was killed by ${signal}`);
            const summarized = code === 0 || /^ *\d+ failing\b/m.test(fs.readFileSync(log, "utf8"));
            finish(code, summarized ? "" : `[test] mocha exited with code ${code} before its test summary`);
        });
    });
}

/** Runs every run, `jobs` at a time, in the given order. */
async function runAll(runs: Run[], jobs: number): Promise<Done[]> {
    const children = new Set<ChildProcess>();
    const stopAll = (signal: NodeJS.Signals) => {
        for (const c of children) {
            try {
                process.kill(-c.pid!, "SIGKILL");
            } catch {
                // already gone
            }
        }
        process.exit(signal === "SIGINT" ? 130 : 143);
    };
    process.once("SIGINT", stopAll);
    process.once("SIGTERM", stopAll);
    const running = new Map<string, number>();
    const heartbeat = setInterval(() => {
        const now = Date.now();
        say(`still running: ${[...running].map(([label, t]) => `${label} (${seconds(now - t)})`).join(", ")}`);
    }, HEARTBEAT_MS);
    const done: Done[] = [];
    const queue = [...runs];
    const worker = async () => {
        for (let run = queue.shift(); run; run = queue.shift()) {
            running.set(run.label, Date.now());
            const d = await execute(run, children);
            running.delete(run.label);
            done.push(d);
            const counts = `${d.passed} passed${d.failed ? `, ${d.failed} failed` : ""}${d.skipped ? `, ${d.skipped} skipped` : ""}`;
            const where = d.failed ? `  (log: ${path.relative(ROOT, d.log)})` : "";
            say(
                `${d.failed ? "FAILED" : "ok    "} ${run.label}: ${counts} in ${seconds(d.endedAt - d.startedAt)}${where}`,
            );
        }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, runs.length) }, worker));
    clearInterval(heartbeat);
    return done;
}

function report(done: Done[], started: number): Counts {
    const failed = done.filter((d) => d.failed > 0);
    if (failed.length) {
        process.stdout.write("\n==== failures (full logs under .local/test-logs/) ====\n");
        for (const d of failed) {
            process.stdout.write(
                `\n---- ${d.run.label} (${path.relative(ROOT, d.log)}) ----\n${failureReport(fs.readFileSync(d.log, "utf8"))}\n`,
            );
        }
    }
    process.stdout.write("\n==== suites ====\n");
    const total: Counts = { passed: 0, failed: 0, skipped: 0 };
    for (const suite of SUITES) {
        const mine = done.filter((d) => d.run.suite === suite.name);
        if (!mine.length) continue;
        const sum = (k: keyof Counts) => mine.reduce((n, d) => n + d[k], 0);
        const wall = Math.max(...mine.map((d) => d.endedAt)) - Math.min(...mine.map((d) => d.startedAt));
        const busy = mine.reduce((n, d) => n + d.endedAt - d.startedAt, 0);
        const files = mine.reduce((n, d) => n + d.run.files.length, 0);
        process.stdout.write(
            `${suite.name.padEnd(12)} ${String(sum("passed")).padStart(4)} passed ${String(sum("failed")).padStart(3)} failed ${String(sum("skipped")).padStart(3)} skipped` +
                `   ${files} files, ${seconds(wall)} from first start to last end, ${seconds(busy)} of file time\n`,
        );
        for (const k of ["passed", "failed", "skipped"] as const) total[k] += sum(k);
    }
    const setupStarted = Number(process.env.VOICEID_TEST_STARTED) * 1000;
    const whole =
        Number.isFinite(setupStarted) && setupStarted > 0
            ? `, total time ${seconds(Date.now() - setupStarted)} (setup and lint included)`
            : "";
    process.stdout.write(`tests ran in ${seconds(Date.now() - started)}${whole}\n`);
    return total;
}

async function main(args: string[]): Promise<number> {
    const started = Date.now();
    let runs: Run[];
    let jobs: number;
    try {
        runs = planRuns(args, listFiles);
        jobs = concurrency(process.env, os.cpus().length);
    } catch (e) {
        process.stderr.write(`[test] ERROR: ${(e as Error).message}\n`);
        return 2;
    }
    const times = readTimes();
    runs = orderRuns(runs, times);
    fs.rmSync(LOG_DIR, { recursive: true, force: true });
    fs.mkdirSync(LOG_DIR, { recursive: true });
    const bySuite = SUITES.map((s) => [s.name, runs.filter((r) => r.suite === s.name).length] as const).filter(
        ([, n]) => n > 0,
    );
    say(
        `${runs.length} mocha processes, ${jobs} at a time (${bySuite.map(([s, n]) => `${s}: ${n}`).join(", ")}); logs in ${path.relative(ROOT, LOG_DIR)}/`,
    );
    const done = await runAll(runs, jobs);
    for (const d of done) times[d.run.label] = Math.round((d.endedAt - d.startedAt) / 100) / 10;
    fs.writeFileSync(TIMES_FILE, JSON.stringify(times, null, 2) + "\n");
    const total = report(done, started);
    process.stdout.write(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
    return done.every((d) => d.exitCode === 0 && d.failed === 0) ? 0 : 1;
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
