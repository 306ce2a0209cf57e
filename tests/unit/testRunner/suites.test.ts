import * as assert from "node:assert/strict";
import { compiledTestFile, orderRuns, planRuns, SUITES, type Run } from "../../../scripts/testRunner/suites";
import { concurrency } from "../../../scripts/testRunner/main";

const FILES: Record<string, string[]> = {
    unit: ["bin/tests/unit/a.test.js", "bin/tests/unit/b/c.test.js"],
    typecheck: ["bin/tests/typecheck/examples.test.js"],
    integration: ["bin/tests/integration/jobs/jobs.test.js"],
    e2e: ["bin/tests/e2e/jobs/lifecycle.test.js", "bin/tests/e2e/demo/demo.test.js"],
};
const list = (suite: string) => FILES[suite] ?? [];

describe("test runner: the plan", () => {
    it("runs every suite by default: unit in one process, the others one process per file", () => {
        const runs = planRuns([], list);
        assert.deepEqual(
            runs.map((r) => r.label),
            ["unit", "typecheck/examples", "integration/jobs/jobs", "e2e/jobs/lifecycle", "e2e/demo/demo"],
        );
        assert.deepEqual(runs[0].files, FILES.unit);
        assert.deepEqual(
            SUITES.map((s) => s.name),
            ["unit", "typecheck", "integration", "e2e"],
        );
    });

    it("takes suites and test files, as sources or compiled", () => {
        const runs = planRuns(
            ["e2e", "tests/integration/jobs/jobs.test.ts", "bin/tests/unit/a.test.js", "./tests/e2e/x/y.test.ts"],
            list,
        );
        assert.deepEqual(
            runs.map((r) => [r.suite, r.label, r.files]),
            [
                ["e2e", "e2e/jobs/lifecycle", ["bin/tests/e2e/jobs/lifecycle.test.js"]],
                ["e2e", "e2e/demo/demo", ["bin/tests/e2e/demo/demo.test.js"]],
                ["integration", "integration/jobs/jobs", ["bin/tests/integration/jobs/jobs.test.js"]],
                ["unit", "unit/a", ["bin/tests/unit/a.test.js"]],
                ["e2e", "e2e/x/y", ["bin/tests/e2e/x/y.test.js"]],
            ],
        );
    });

    it("refuses what is neither a suite nor a test file, and a suite without tests, naming it", () => {
        assert.throws(
            () => planRuns(["unti"], list),
            /'unti' is neither a suite \(unit, typecheck, integration, e2e\) nor a test file/,
        );
        assert.throws(() => planRuns(["tests/bench/voiceprint.ts"], list), /'tests\/bench\/voiceprint.ts' is neither/);
        assert.throws(
            () => planRuns(["unit"], () => []),
            /suite 'unit' has no tests \(bin\/tests\/unit\/\*\*\/\*\.test\.js\)/,
        );
    });

    it("maps only test files of a suite to their compiled path", () => {
        assert.equal(compiledTestFile("tests/e2e/a/b.test.ts"), "bin/tests/e2e/a/b.test.js");
        assert.equal(compiledTestFile("tests/support/pulumi.ts"), undefined);
        assert.equal(compiledTestFile("tests/bench/x.test.ts"), undefined);
        assert.equal(compiledTestFile("tests/e2e/a/b.ts"), undefined);
    });

    it("starts unit first, then the longest last time first, the never-timed before the timed", () => {
        const run = (suite: string, label: string): Run => ({ suite, label, files: [] });
        const runs = [
            run("typecheck", "typecheck/t"),
            run("e2e", "e2e/short"),
            run("integration", "integration/new"),
            run("e2e", "e2e/long"),
            run("unit", "unit"),
            run("e2e", "e2e/new"),
        ];
        const ordered = orderRuns(runs, { unit: 9, "e2e/short": 20, "e2e/long": 200, "typecheck/t": 40 });
        assert.deepEqual(
            ordered.map((r) => r.label),
            ["unit", "e2e/new", "integration/new", "e2e/long", "typecheck/t", "e2e/short"],
        );
    });
});

describe("test runner: how many at a time", () => {
    it("takes VOICEID_TEST_JOBS, else twice the cores up to 4, and refuses what is not a positive integer", () => {
        assert.equal(concurrency({}, 2), 4);
        assert.equal(concurrency({}, 1), 2);
        assert.equal(concurrency({}, 16), 4);
        assert.equal(concurrency({ VOICEID_TEST_JOBS: "1" }, 2), 1);
        assert.equal(concurrency({ VOICEID_TEST_JOBS: "8" }, 2), 8);
        assert.throws(
            () => concurrency({ VOICEID_TEST_JOBS: "0" }, 2),
            /VOICEID_TEST_JOBS must be a positive integer, got '0'/,
        );
        assert.throws(
            () => concurrency({ VOICEID_TEST_JOBS: "two" }, 2),
            /VOICEID_TEST_JOBS must be a positive integer, got 'two'/,
        );
    });
});
