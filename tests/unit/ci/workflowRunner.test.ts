/**
 * The local runner of workflow steps (tests/support/workflow.ts) that tests/e2e/ci trusts to run
 * the shipped workflow as GitHub would: expressions, env layering, step outputs, the first
 * failure ending the job, and refusals (an action without a stand-in, an unknown expression).
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { evaluate, runJob, Workflow } from "../../support/workflow";

describe("workflow runner (tests/support/workflow.ts)", () => {
    it("evaluates the expression shapes workflows use, and refuses others", () => {
        const values = {
            "vars.DIR": "",
            "github.event.pull_request.labels.*.name": ["docs", "VoiceID-Destroy-Approved"],
        };
        assert.strictEqual(evaluate("vars.DIR || '.'", values, {}, {}), ".");
        assert.strictEqual(
            evaluate(
                "contains(github.event.pull_request.labels.*.name, env.L)",
                values,
                { L: "voiceid-destroy-approved" },
                {},
            ),
            "true",
        );
        assert.strictEqual(
            evaluate("contains(github.event.pull_request.labels.*.name, 'other')", values, {}, {}),
            "false",
        );
        assert.strictEqual(evaluate("steps.s.outputs.code", values, {}, { s: { code: "3" } }), "3");
        assert.throws(
            () => evaluate("github.event.pull_request.title", values, {}, {}),
            /gives no value for the expression/,
        );
    });

    it("runs run: steps in order with layered env and outputs, stops at the first failure", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-runner-"));
        try {
            const workflow: Workflow = {
                env: { A: "${{ vars.A }}", B: "workflow" },
                jobs: {
                    j: {
                        steps: [
                            { uses: "actions/checkout@v4" },
                            {
                                id: "first",
                                name: "first",
                                run: 'echo "x=$A-$B" >>"$GITHUB_OUTPUT"',
                                env: { B: "step" },
                            },
                            {
                                name: "second",
                                run: 'echo "got $X"; exit 3',
                                env: { X: "${{ steps.first.outputs.x }}" },
                            },
                            { name: "never", run: "echo never" },
                        ],
                    },
                },
            };
            const results = await runJob(workflow, {
                workspace: dir,
                env: process.env,
                values: { "vars.A": "a" },
                standIns: { "actions/checkout": "the dir" },
                runnerTemp: path.join(dir, "tmp"),
            });
            assert.deepStrictEqual(
                results.map((r) => [r.step.name, r.code]),
                [
                    ["first", 0],
                    ["second", 3],
                ],
            );
            assert.deepStrictEqual(results[0].outputs, { x: "a-step" });
            assert.strictEqual(results[1].stdout, "got a-step\n");
            await assert.rejects(
                runJob(
                    { jobs: { j: { steps: [{ uses: "some/action@v1" }] } } },
                    { workspace: dir, env: process.env, values: {}, standIns: {}, runnerTemp: path.join(dir, "tmp2") },
                ),
                /no local stand-in for some\/action@v1/,
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
