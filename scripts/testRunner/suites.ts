/**
 * What `npm test` runs: the suites, which of them run file by file, and the order runs start in.
 * Pure logic (no processes, no clock), so the plan is unit-tested.
 *
 * Concurrency is decided per suite, from what the suite's tests share. The unit suite runs in
 * one mocha process (its files share nothing, but each process costs a second of start-up and
 * they take seconds together). The other suites run one mocha process per file, several at a
 * time: every file starts its own moto and Voice ID service on free loopback ports
 * (`tests/support/localStack.ts`), keeps its databases and programs in fresh directories, and
 * names its Pulumi projects uniquely, and the one thing files share, the packed package under
 * `.local/consumer`, is installed under a lock (`installPackage` in `tests/support/pulumi.ts`).
 * @module
 */
import * as path from "node:path";

/** A suite: the compiled test files under `bin/tests/<name>/`. */
export interface Suite {
    name: string;
    /** "together": one mocha process for every file; "per-file": one process per file, concurrently. */
    mode: "together" | "per-file";
}

/** Every suite, in the order `npm test` reports them. */
export const SUITES: readonly Suite[] = [
    // Logic, no services: seconds.
    { name: "unit", mode: "together" },
    // What TypeScript and TypeDoc check: the examples, the README quickstart, the package
    // entry's declarations, the API reference.
    { name: "typecheck", mode: "per-file" },
    // Protocol, against the local stack (moto + the local Voice ID service).
    { name: "integration", mode: "per-file" },
    // Lifecycle, through the real Pulumi engine.
    { name: "e2e", mode: "per-file" },
];

/** One mocha process to start. */
export interface Run {
    suite: string;
    /** What the report calls it: the suite for a together run, else `<suite>/<file path in the suite>`. */
    label: string;
    /** Compiled test files (bin/tests/...). */
    files: string[];
}

/** Finds the compiled test files (`*.test.js`) of a suite, sorted; `[]` when there are none. */
export type ListFiles = (suite: string) => string[];

/**
 * The runs for `npm test -- <args>`: no argument means every suite; an argument is a suite name
 * or a test file (`tests/e2e/jobs/lifecycle.test.ts` or its compiled `bin/tests/...test.js`).
 * Throws naming the argument when it is neither, or when a suite has no test files.
 */
export function planRuns(args: readonly string[], listFiles: ListFiles): Run[] {
    const wanted = args.length > 0 ? args : SUITES.map((s) => s.name);
    const runs: Run[] = [];
    for (const arg of wanted) {
        const suite = SUITES.find((s) => s.name === arg);
        if (suite) {
            const files = listFiles(suite.name);
            if (files.length === 0)
                throw new Error(`suite '${suite.name}' has no tests (bin/tests/${suite.name}/**/*.test.js)`);
            if (suite.mode === "together") runs.push({ suite: suite.name, label: suite.name, files });
            else for (const f of files) runs.push({ suite: suite.name, label: fileLabel(f), files: [f] });
            continue;
        }
        const file = compiledTestFile(arg);
        if (!file) {
            throw new Error(
                `'${arg}' is neither a suite (${SUITES.map((s) => s.name).join(", ")}) nor a test file (tests/<suite>/**/*.test.ts)`,
            );
        }
        runs.push({ suite: file.split("/")[2], label: fileLabel(file), files: [file] });
    }
    return runs;
}

/** `tests/e2e/x/y.test.ts` or `bin/tests/e2e/x/y.test.js` to `bin/tests/e2e/x/y.test.js`; else undefined. */
export function compiledTestFile(arg: string): string | undefined {
    const p = path.posix.normalize(arg.split(path.sep).join("/")).replace(/^\.\//, "");
    const m = /^(?:bin\/)?(tests\/[^/]+\/.+\.test)\.(?:ts|js)$/.exec(p);
    if (!m || !SUITES.some((s) => m[1].startsWith(`tests/${s.name}/`))) return undefined;
    return `bin/${m[1]}.js`;
}

/** `bin/tests/e2e/jobs/lifecycle.test.js` to `e2e/jobs/lifecycle`. */
export function fileLabel(file: string): string {
    return file.replace(/^bin\/tests\//, "").replace(/\.test\.js$/, "");
}

/**
 * The order runs start in: the unit suite first (its result comes in seconds), then the longest
 * first by the last recorded durations, so the slow files do not start last and stretch the
 * run (longest-processing-time-first scheduling). Runs never timed go before timed ones (they
 * may be long), e2e before integration before typecheck.
 */
export function orderRuns(runs: readonly Run[], lastSeconds: Readonly<Record<string, number>>): Run[] {
    const rank = (r: Run) => (r.suite === "unit" ? 0 : 1);
    const suiteRank = (r: Run) => -SUITES.findIndex((s) => s.name === r.suite);
    return [...runs].sort((a, b) => {
        if (rank(a) !== rank(b)) return rank(a) - rank(b);
        const ta = lastSeconds[a.label] ?? Infinity;
        const tb = lastSeconds[b.label] ?? Infinity;
        if (ta !== tb) return tb - ta;
        return suiteRank(a) - suiteRank(b) || a.label.localeCompare(b.label);
    });
}
