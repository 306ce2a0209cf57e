import * as assert from "node:assert/strict";
import { failureReport, mochaCounts } from "../../../scripts/testRunner/mochaLog";

const FAILED_LOG = `
  jobs
    ✔ starts a job (120ms)
    1) waits for it

  12 passing (3s)
  2 pending
  1 failing

  1) jobs
       waits for it:
     AssertionError: expected 1 to equal 2
      at Context.<anonymous> (bin/tests/x.test.js:3:9)
`;

describe("test runner: mocha logs", () => {
    it("reads passing, failing and pending from the spec reporter's summary", () => {
        assert.deepEqual(mochaCounts(FAILED_LOG, 1), { passed: 12, failed: 1, skipped: 2 });
        assert.deepEqual(mochaCounts("\n  414 passing (9s)\n", 0), { passed: 414, failed: 0, skipped: 0 });
    });

    it("counts a process that failed without a summary (crash, kill, syntax error) as one failure", () => {
        assert.deepEqual(mochaCounts("SyntaxError: Unexpected token\n", 1), { passed: 0, failed: 1, skipped: 0 });
        assert.deepEqual(mochaCounts("  3 passing (1s)\n[test] mocha was killed by SIGKILL\n", null), {
            passed: 3,
            failed: 1,
            skipped: 0,
        });
        assert.deepEqual(mochaCounts("", 0), { passed: 0, failed: 0, skipped: 0 });
    });

    it("reprints the failure list, else the end of the log", () => {
        const report = failureReport(FAILED_LOG);
        assert.match(report, /^ {2}1 failing\n/);
        assert.match(report, /AssertionError: expected 1 to equal 2/);
        assert.ok(!report.includes("starts a job"));
        const crash = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n");
        assert.equal(failureReport(crash, 3), "line 97\nline 98\nline 99");
    });
});
