/**
 * `plan-summary` on preview JSON captured from real `pulumi preview --json` runs (create, update,
 * replace, import, delete, destroy; written by tests/e2e/plan/preview.test.ts with
 * UPDATE_PLAN_GOLDENS=1), compared with the reviewed markdown next to each. With
 * UPDATE_PLAN_GOLDENS=1 this test rewrites the markdown instead.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Writable } from "stream";
import { repoRoot } from "../../support/repo";
import { parsePreview } from "../../../cli/plan/preview";
import { planOf, summarize } from "../../../cli/plan/summary";
import { EXIT_DESTRUCTIVE, run } from "../../../cli/planSummary";

const fixtures = path.join(repoRoot, "tests", "fixtures", "plan");
const PLANS = ["create", "update", "replace", "import", "delete", "destroy"];

/** Runs the command with captured output. */
async function cli(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const sink = (f: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { f(String(chunk)); cb(); } });
    const code = await run(argv, { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin: async () => stdin ?? "" });
    return { code, out, err };
}

describe("plan-summary", () => {
    for (const plan of PLANS) {
        it(`matches the golden summary of a real ${plan} preview`, () => {
            const json = path.join(fixtures, `${plan}.json`);
            const golden = path.join(fixtures, `${plan}.md`);
            const md = summarize(parsePreview(fs.readFileSync(json, "utf8")));
            if (process.env.UPDATE_PLAN_GOLDENS === "1") fs.writeFileSync(golden, md);
            assert.strictEqual(md, fs.readFileSync(golden, "utf8"));
        });
    }

    it("says what each plan does, with reasons and counts", () => {
        const load = (p: string) => planOf(parsePreview(fs.readFileSync(path.join(fixtures, `${p}.json`), "utf8")));
        const ops = (p: string) => load(p).changes.map((c) => `${c.type}:${c.name}:${c.op}`).sort();
        assert.deepStrictEqual(ops("create"), ["FraudsterRegistrationJob:q3-fraudsters:create", "VoiceIdDomain:fraud:create", "Watchlist:high-risk:create"]);
        const update = load("update");
        assert.deepStrictEqual(update.changes.map((c) => [c.name, c.op, c.reasons]), [["high-risk", "update", ["name"]], ["fraud", "update", ["tags.team"]]].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
        assert.strictEqual(update.destructive, false);
        const replace = load("replace");
        const job = replace.changes.find((c) => c.type === "FraudsterRegistrationJob")!;
        assert.deepStrictEqual([job.op, job.reasons, job.fraudstersDeleted], ["replace", ["registrationConfig.fraudsterSimilarityThreshold"], 3]);
        assert.strictEqual(replace.destructive, true);
        assert.deepStrictEqual(ops("import"), ["FraudsterRegistrationJob:adopted:import"]);
        assert.strictEqual(load("delete").fraudstersDeleted, 3);
        const destroy = load("destroy");
        assert.strictEqual(destroy.domainsDeleted, 1);
        assert.ok(destroy.changes.every((c) => c.op === "delete"));
    });

    it("--fail-on destroy exits non-zero exactly for destructive plans, after writing the summary", async () => {
        for (const [plan, code] of [["create", 0], ["update", 0], ["import", 0], ["replace", EXIT_DESTRUCTIVE], ["delete", EXIT_DESTRUCTIVE], ["destroy", EXIT_DESTRUCTIVE]] as const) {
            const r = await cli([path.join(fixtures, `${plan}.json`), "--fail-on", "destroy"]);
            assert.strictEqual(r.code, code, `${plan}: ${r.err}`);
            assert.match(r.out, /^## Voice ID plan/);
            if (code) assert.match(r.err, /the plan deletes .*\(--fail-on destroy\)/);
        }
        const plain = await cli([path.join(fixtures, "destroy.json")]);
        assert.strictEqual(plain.code, 0, "without --fail-on, a destructive plan is only reported");
    });

    it("reads stdin, skipping text before the JSON", async () => {
        const text = "npm notice something\n" + fs.readFileSync(path.join(fixtures, "create.json"), "utf8");
        const r = await cli([], text);
        assert.strictEqual(r.code, 0, r.err);
        assert.match(r.out, /Jobs to start/);
        const j = await cli(["--json"], text);
        assert.strictEqual(JSON.parse(j.out).changes.length, 3);
    });

    it("rejects input that is not preview JSON with a clear error", async () => {
        const cases: [string, RegExp][] = [
            ["", /is not the output of `pulumi preview --json`: the input is empty/],
            ["error: no stack selected\n", /no JSON object found/],
            ["{ not json", /invalid JSON/],
            ['{"name": "x"}', /neither "steps" nor "changeSummary" \(keys: name\)/],
            ['{"steps": {}}', /"steps" must be a list/],
            ['{"steps": [{"urn": "u"}]}', /steps\[0\]\.op must be a string/],
        ];
        for (const [input, rule] of cases) {
            const r = await cli([], input);
            assert.strictEqual(r.code, 2, input);
            assert.match(r.err, rule);
            assert.strictEqual(r.out, "");
        }
        const missing = await cli(["/nonexistent/preview.json"]);
        assert.strictEqual(missing.code, 2);
        assert.match(missing.err, /cannot read \/nonexistent\/preview.json/);
        const bad = await cli(["--fail-on", "update"]);
        assert.strictEqual(bad.code, 2);
        assert.match(bad.err, /--fail-on must be "destroy"/);
    });

    it("is a subcommand of the pulumi-voiceid command", async () => {
        const { main } = await import("../../../cli/main");
        const orig = process.stdout.write.bind(process.stdout);
        let out = "";
        (process.stdout as unknown as { write: (s: string) => boolean }).write = (s: string) => ((out += s), true);
        try {
            assert.strictEqual(await main(["--help"]), 0);
        } finally {
            (process.stdout as unknown as { write: typeof orig }).write = orig;
        }
        assert.match(out, /plan-summary\s+markdown summary of `pulumi preview --json`/);
    });
});
