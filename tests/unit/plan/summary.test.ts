/**
 * `plan-summary` on preview JSON captured from real `pulumi preview --json` runs (create, update,
 * replace, import, delete, destroy; written by tests/e2e/plan/preview.test.ts with
 * UPDATE_PLAN_GOLDENS=1; `policy`, the engine's event stream of a preview with the policy pack,
 * by tests/e2e/policy/pack.test.ts), compared with the reviewed markdown next to each. With
 * UPDATE_PLAN_GOLDENS=1 this test rewrites the markdown instead.
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Writable } from "stream";
import { repoRoot } from "../../support/repo";
import { parsePreview } from "../../../cli/plan/preview";
import { planOf } from "../../../cli/plan/summary";
import { summarize } from "../../../cli/plan/markdown";
import { EXIT_DESTRUCTIVE, FAIL_ON_DESTROY, run } from "../../../cli/planSummary";
import { FOLD_AFTER, GITHUB_COMMENT_LIMIT, MAX_COMMENT_CHARS, renderMarkdown } from "../../../cli/plan/markdown";
import { Preview, PreviewStep } from "../../../cli/plan/preview";

const T = "pulumi-nodejs:dynamic/voiceid:";
const typeOfUrnForTest = (urn: string) => urn.split("::")[2];

/** A preview step of the stack `prod` of project `voice`, as `pulumi preview --json` writes it. */
function step(
    op: string,
    type: string,
    name: string,
    s: {
        olds?: Record<string, unknown>;
        news?: Record<string, unknown>;
        outputs?: Record<string, unknown>;
        replaceReasons?: string[];
    } = {},
): PreviewStep {
    const urn = `urn:pulumi:prod::voice::${T}${type}::${name}`;
    return {
        op,
        urn,
        ...(s.olds || s.outputs
            ? { oldState: { urn, type: `${T}${type}`, inputs: s.olds ?? {}, outputs: s.outputs ?? {} } }
            : {}),
        ...(op !== "delete" ? { newState: { urn, type: `${T}${type}`, inputs: s.news ?? {} } } : {}),
        ...(s.replaceReasons ? { replaceReasons: s.replaceReasons } : {}),
    };
}

const preview = (steps: PreviewStep[], diagnostics: Preview["diagnostics"] = []): Preview => ({ steps, diagnostics });

/** A completed job that registered `n` fraudsters, with `deleteFraudstersOnDestroy`. */
const registered = (n: number, jobId = "J".repeat(22)) => ({
    jobId,
    jobStatus: "COMPLETED",
    newRegistrationCount: n,
    deleteFraudstersOnDestroy: true,
});

const fixtures = path.join(repoRoot, "tests", "fixtures", "plan");
const PLANS = ["create", "update", "update-secret", "replace", "import", "delete", "destroy", "policy"];

/** Runs the command with captured output. */
async function cli(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const sink = (f: (s: string) => void) =>
        new Writable({
            write(chunk, _enc, cb) {
                f(String(chunk));
                cb();
            },
        });
    const code = await run(argv, {
        stdout: sink((s) => (out += s)),
        stderr: sink((s) => (err += s)),
        stdin: async () => stdin ?? "",
    });
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

    it("reads the engine's event stream as the digest, plus its policy violations, mandatory first", () => {
        const p = parsePreview(fs.readFileSync(path.join(fixtures, "policy.json"), "utf8"));
        assert.deepStrictEqual(p.steps.map((s) => `${s.op} ${typeOfUrnForTest(s.urn)}`).sort(), [
            "create pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob",
            "create pulumi-nodejs:dynamic/voiceid:SpeakerEnrollmentJob",
            "create pulumi-nodejs:dynamic/voiceid:VoiceIdDomain",
            "create pulumi:pulumi:Stack",
        ]);
        assert.ok(p.diagnostics.every((d) => d.severity !== "debug"));
        const plan = planOf(p);
        assert.strictEqual(plan.mandatoryViolations, 4);
        // Mandatory first, then by resource name and policy.
        assert.deepStrictEqual(
            plan.policyViolations!.map((v) => `${v.level} ${v.policy} ${v.urn!.split("::").pop()}`),
            [
                "mandatory voiceid-job-results-cmk customers",
                "mandatory voiceid-domain-cmk fraud",
                "mandatory voiceid-job-results-cmk q3-fraudsters",
                "mandatory voiceid-no-register-as-new q3-fraudsters",
                "advisory voiceid-enrollment-fraud-detection customers",
                "advisory voiceid-delete-on-destroy-acknowledged q3-fraudsters",
                "advisory voiceid-similarity-threshold-floor q3-fraudsters",
            ],
        );
        const v = plan.policyViolations![1];
        assert.strictEqual(v.pack, "voiceid");
        assert.strictEqual(v.description, "Voice ID domains are encrypted with a customer managed, symmetric KMS key.");
        assert.match(
            v.message,
            /^VoiceIdDomain "fraud": serverSideEncryptionConfiguration\.kmsKeyId names an AWS managed key/,
        );
        // The digest form has no policy events: nothing to list, no section.
        assert.strictEqual(
            planOf(parsePreview(fs.readFileSync(path.join(fixtures, "create.json"), "utf8"))).policyViolations,
            undefined,
        );
    });

    it("says what each plan does, with reasons and counts", () => {
        const load = (p: string) => planOf(parsePreview(fs.readFileSync(path.join(fixtures, `${p}.json`), "utf8")));
        const ops = (p: string) =>
            load(p)
                .changes.map((c) => `${c.type}:${c.name}:${c.op}`)
                .sort();
        assert.deepStrictEqual(ops("create"), [
            "FraudsterRegistrationJob:q3-fraudsters:create",
            "VoiceIdDomain:fraud:create",
            "Watchlist:high-risk:create",
        ]);
        const update = load("update");
        assert.deepStrictEqual(
            update.changes.map((c) => [c.name, c.op, c.reasons]),
            [
                ["high-risk", "update", ["name"]],
                ["fraud", "update", ["tags.team"]],
            ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
        );
        assert.strictEqual(update.destructive, false);
        const replace = load("replace");
        const job = replace.changes.find((c) => c.type === "FraudsterRegistrationJob")!;
        assert.deepStrictEqual(
            [job.op, job.reasons, job.fraudstersDeleted],
            ["replace", ["registrationConfig.fraudsterSimilarityThreshold"], 3],
        );
        assert.strictEqual(replace.destructive, true);
        assert.deepStrictEqual(ops("import"), ["FraudsterRegistrationJob:adopted:import"]);
        assert.strictEqual(load("delete").fraudstersDeleted, 3);
        const destroy = load("destroy");
        assert.strictEqual(destroy.domainsDeleted, 1);
        assert.ok(destroy.changes.every((c) => c.op === "delete"));
    });

    it("--fail-on destroy exits non-zero exactly for destructive plans, after writing the summary", async () => {
        for (const [plan, code] of [
            ["create", 0],
            ["update", 0],
            ["import", 0],
            ["replace", EXIT_DESTRUCTIVE],
            ["delete", EXIT_DESTRUCTIVE],
            ["destroy", EXIT_DESTRUCTIVE],
        ] as const) {
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
        assert.match(r.out, /Registration jobs: 1 to start/);
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

    it("names the stack in the heading (from the URNs)", () => {
        const md = summarize(preview([step("create", "Watchlist", "w", { news: { domainId: "D".repeat(22) } })]));
        assert.match(md, /^## Voice ID plan for stack `prod` \(project `voice`\)\n/);
        assert.match(summarize(preview([])), /^## Voice ID plan\n\nNo Voice ID resource changes\./);
    });

    it("shows every changed plain input old => new, secrets as [secret], nothing internal", () => {
        const long = "x".repeat(200);
        const md = summarize(
            preview([
                step("update", "VoiceIdDomain", "fraud", {
                    olds: {
                        __scope: { name: "a" },
                        name: "fraud",
                        description: "old",
                        tags: { team: "ops", "cost.center": "1" },
                        secretish: "[secret]",
                        kmsKeyId: long,
                    },
                    news: {
                        __scope: { name: "b" },
                        name: "fraud",
                        description: "new",
                        tags: { team: "ops-2", "cost.center": "2", added: "yes" },
                        secretish: "[secret]",
                        kmsKeyId: "k",
                        note: "[secret]",
                    },
                }),
            ]),
        );
        assert.match(
            md,
            /- `fraud` \(`description`, `kmsKeyId`, `note`, `tags\.added`, `tags\["cost\.center"\]`, `tags\.team`\): changes in place\n/,
            md,
        );
        assert.match(md, /\n {2}- `description`: `"old"` => `"new"`\n/);
        assert.match(md, /\n {2}- `tags\.team`: `"ops"` => `"ops-2"`\n/);
        assert.match(md, /\n {2}- `tags\["cost\.center"\]`: `"1"` => `"2"`\n/);
        assert.match(md, /\n {2}- `tags\.added`: \(not set\) => `"yes"`\n/);
        assert.match(md, /\n {2}- `note`: \(not set\) => \[secret\]\n/);
        assert.match(
            md,
            new RegExp(`\\n {2}- \`kmsKeyId\`: \`"${"x".repeat(78)}…\` => \`"k"\`\\n`),
            "long values are cut",
        );
        assert.ok(!/__scope|secretish/.test(md), md);
        // Only secrets changed: the reason says so, and no value shows.
        const hidden = planOf(
            preview([step("update", "Watchlist", "w", { olds: { name: "[secret]" }, news: { name: "[secret]" } })]),
        );
        assert.deepStrictEqual([hidden.changes[0].reasons, hidden.changes[0].inputs], [["(secret values: name)"], []]);
        // A value the preview cannot know yet.
        const unknown = summarize(
            preview([
                step("update", "Watchlist", "w", {
                    olds: { domainId: "A".repeat(22) },
                    news: { domainId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" },
                }),
            ]),
        );
        assert.match(unknown, /- `domainId`: `"A{22}"` => \(known after apply\)/);
    });

    it("lists each deletion with its count and reason: fraudsters, speakers, domains, watchlists", async () => {
        const steps = [
            step("replace", "FraudsterRegistrationJob", "q3", {
                olds: { registrationConfig: { fraudsterSimilarityThreshold: 70 } },
                news: { registrationConfig: { fraudsterSimilarityThreshold: 85 } },
                outputs: registered(3),
                replaceReasons: ["registrationConfig"],
            }),
            step("delete", "FraudsterRegistrationJob", "q2", { olds: {}, outputs: registered(2, "K".repeat(22)) }),
            step("delete", "SpeakerEnrollmentJob", "customers", {
                olds: {},
                outputs: {
                    jobId: "S".repeat(22),
                    jobStatus: "COMPLETED",
                    newEnrollmentCount: 4,
                    deleteSpeakersOnDestroy: true,
                },
            }),
            step("delete", "VoiceIdDomain", "fraud", { olds: { name: "fraud" } }),
            step("delete", "Watchlist", "high-risk", { olds: { name: "high-risk" } }),
        ];
        const plan = planOf(preview(steps));
        assert.deepStrictEqual(
            plan.deletions.map((d) => [d.what, d.count, d.resource, d.reason]),
            [
                ["fraudsters", 2, "q2", "removed from the program"],
                ["fraudsters", 3, "q3", "replaced (registrationConfig)"],
                ["speakers", 4, "customers", "removed from the program"],
                ["domain", 1, "fraud", "removed from the program"],
                ["watchlist", 1, "high-risk", "removed from the program"],
            ],
        );
        assert.deepStrictEqual(
            [plan.fraudstersDeleted, plan.speakersDeleted, plan.domainsDeleted, plan.watchlistsDeleted],
            [5, 4, 1, 1],
        );
        const md = renderMarkdown(plan);
        assert.match(
            md,
            /:warning: \*\*Destructive: this plan deletes up to 5 fraudsters, 4 speakers, 1 domain and 1 watchlist\.\*\* 1 registration job will run\./,
            md,
        );
        assert.match(
            md,
            /- \*\*up to 3 fraudsters\*\* registered by job J{22}: `q3`, replaced \(`registrationConfig`\)\n/,
        );
        assert.match(md, /only once its new job succeeded, and those the new job finds again are kept: hence "up to"/);
        assert.match(
            md,
            /- `q3` \(`registrationConfig`\): a new registration job will run and register the manifest's fraudsters again; only if it succeeds, the 3 fraudsters job J{22} registered will be deleted/,
        );
        assert.match(md, /- \*\*2 fraudsters\*\* registered by job K{22}: `q2`, removed from the program\n/);
        assert.match(md, /- \*\*4 speakers\*\* enrolled by job S{22}: `customers`, removed from the program\n/);
        assert.match(md, /- `q2`: the 2 fraudsters job K{22} registered will be deleted \(deleteFraudstersOnDestroy\)/);
        assert.match(md, /- \*\*1 domain\*\*: `fraud`, removed from the program: the domain is deleted/);
        assert.match(md, /- \*\*1 watchlist\*\*: `high-risk`, removed from the program: the watchlist is deleted/);
        // A destroy says so.
        const destroy = planOf(
            preview([
                ...steps.slice(3),
                { op: "delete", urn: "urn:pulumi:prod::voice::pulumi:pulumi:Stack::voice-prod" },
            ]),
        );
        assert.deepStrictEqual(
            destroy.deletions.map((d) => d.reason),
            ["the stack is destroyed", "the stack is destroyed"],
        );
    });

    it("--fail-on destroy exits 3 for speakers and watchlists too, naming each with its reason", async () => {
        const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "plan-summary-"));
        try {
            const cases: [string, PreviewStep, RegExp][] = [
                [
                    "speakers",
                    step("delete", "SpeakerEnrollmentJob", "customers", {
                        olds: {},
                        outputs: {
                            jobId: "S".repeat(22),
                            jobStatus: "COMPLETED",
                            newEnrollmentCount: 4,
                            deleteSpeakersOnDestroy: true,
                        },
                    }),
                    /^plan-summary: the plan deletes 4 speakers \(customers: removed from the program\) \(--fail-on destroy\)\n$/,
                ],
                [
                    "watchlist",
                    step("replace", "Watchlist", "high-risk", {
                        olds: { domainId: "A".repeat(22) },
                        news: { domainId: "B".repeat(22) },
                        replaceReasons: ["domainId"],
                    }),
                    /^plan-summary: the plan deletes 1 watchlist \(high-risk: replaced \(domainId\)\) \(--fail-on destroy\)\n$/,
                ],
            ];
            for (const [what, s, rule] of cases) {
                const file = path.join(dir, `${what}.json`);
                fs.writeFileSync(file, JSON.stringify(preview([s])));
                const r = await cli([file, "--fail-on", "destroy"]);
                assert.strictEqual(r.code, EXIT_DESTRUCTIVE, what);
                assert.match(r.err, rule);
            }
            // A job forgotten without deleteFraudstersOnDestroy deletes nothing.
            const file = path.join(dir, "forget.json");
            fs.writeFileSync(
                file,
                JSON.stringify(
                    preview([
                        step("delete", "FraudsterRegistrationJob", "q", {
                            olds: {},
                            outputs: { ...registered(3), deleteFraudstersOnDestroy: false },
                        }),
                    ]),
                ),
            );
            const r = await cli([file, "--fail-on", "destroy"]);
            assert.strictEqual(r.code, 0, r.err);
            assert.match(r.out, /No job runs and nothing is deleted\./);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("words --fail-on the same in the help, the README and docs/plans.md", async () => {
        const help = await cli(["--help"]);
        assert.ok(help.out.includes(`--fail-on destroy   ${FAIL_ON_DESTROY}`), help.out);
        for (const doc of ["README.md", path.join("docs", "plans.md")]) {
            const text = fs.readFileSync(path.join(repoRoot, doc), "utf8").replace(/\s+/g, " ");
            assert.ok(
                text.includes(`\`--fail-on destroy\`: ${FAIL_ON_DESTROY}`),
                `${doc} does not say: \`--fail-on destroy\`: ${FAIL_ON_DESTROY}`,
            );
            assert.ok(!/fraudsters or domains/.test(text), `${doc} still says "fraudsters or domains"`);
        }
    });

    it("stays readable for 50 resources: grouped by kind and operation, folded into <details>", () => {
        const steps: PreviewStep[] = [];
        for (let i = 0; i < 30; i++)
            steps.push(step("create", "FraudsterRegistrationJob", `job-${String(i).padStart(2, "0")}`, { news: {} }));
        for (let i = 0; i < 10; i++)
            steps.push(
                step("update", "Watchlist", `list-${i}`, {
                    olds: { name: `list-${i}` },
                    news: { name: `list-${i}-v2` },
                }),
            );
        for (let i = 0; i < 8; i++)
            steps.push(
                step("replace", "FraudsterRegistrationJob", `old-${i}`, {
                    olds: { registrationConfig: { fraudsterSimilarityThreshold: 70 } },
                    news: { registrationConfig: { fraudsterSimilarityThreshold: 80 } },
                    outputs: registered(1),
                    replaceReasons: ["registrationConfig"],
                }),
            );
        steps.push(
            step("create", "VoiceIdDomain", "fraud", { news: {} }),
            step("create", "Watchlist", "new-list", { news: {} }),
        );
        const md = summarize(preview(steps));
        const headings = md.split("\n").filter((l) => l.startsWith("#"));
        assert.deepStrictEqual(headings, [
            "## Voice ID plan for stack `prod` (project `voice`)",
            "### Deleted by this plan",
            "### Registration jobs: 8 to replace, 30 to start",
            "### Domains: 1 to create",
            "### Watchlists: 10 updated in place, 1 to create",
        ]);
        assert.match(
            md,
            /### Registration jobs: 8 to replace, 30 to start\n\n<details>\n<summary>Show the 38 registration jobs<\/summary>\n\n\*\*To replace \(8\)\*\*\n/,
        );
        assert.match(md, /<summary>Show the 11 watchlists<\/summary>/);
        assert.ok(!/### Domains: 1 to create\n\n<details>/.test(md), `a section of at most ${FOLD_AFTER} stays open`);
        assert.strictEqual((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length);
        // The deletions stay outside any fold.
        assert.ok(md.indexOf("### Deleted by this plan") < md.indexOf("<details>"));
        assert.strictEqual((md.match(/^- \*\*up to 1 fraudster\*\*/gm) ?? []).length, 8);
        assert.ok(md.length < 20_000, `${md.length} characters`);
    });

    it("fits a pull-request comment: values go first, then list items, with a note; deletions stay", async () => {
        assert.ok(MAX_COMMENT_CHARS < GITHUB_COMMENT_LIMIT);
        const big = "v".repeat(70);
        const steps: PreviewStep[] = [];
        for (let i = 0; i < 1200; i++)
            steps.push(
                step("update", "Watchlist", `watchlist-with-a-long-name-${i}`, {
                    olds: { name: `a${i}`, description: big },
                    news: { name: `b${i}`, description: big + "2" },
                }),
            );
        steps.push(step("delete", "VoiceIdDomain", "fraud", { olds: { name: "fraud" } }));
        const plan = planOf(preview(steps));
        const full = renderMarkdown(plan, { maxChars: 10_000_000 });
        assert.ok(full.length > GITHUB_COMMENT_LIMIT, `the test plan must not fit (${full.length})`);
        const md = renderMarkdown(plan);
        assert.ok(md.length <= MAX_COMMENT_CHARS, `${md.length} > ${MAX_COMMENT_CHARS}`);
        assert.match(
            md,
            /> Shortened to fit a pull-request comment \(64,512 characters\): old => new values left out; \d+ changes not listed\./,
        );
        assert.match(md, /- \*\*1 domain\*\*: `fraud`, removed from the program/);
        assert.match(md, /- … and \d+ watchlists more, not listed \(comment size limit\)/);
        assert.strictEqual(
            (md.match(/<details>/g) ?? []).length,
            (md.match(/<\/details>/g) ?? []).length,
            "a fold cut open",
        );
        // Without the values it fits: only they go.
        const mid = renderMarkdown(plan, { maxChars: 60_000 }).length <= 60_000;
        assert.ok(mid);
        const noValues = renderMarkdown(planOf(preview(steps.slice(0, 300))), { maxChars: 30_000 });
        assert.match(
            noValues,
            /> Shortened to fit a pull-request comment \(30,000 characters\): old => new values left out\. /,
        );
        assert.ok(!/not listed/.test(noValues));
        // --max-chars on the command line.
        const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "plan-summary-"));
        try {
            const file = path.join(dir, "big.json");
            fs.writeFileSync(file, JSON.stringify(preview(steps)));
            const r = await cli([file, "--max-chars", "20000"]);
            assert.strictEqual(r.code, 0, r.err);
            assert.ok(r.out.length <= 20_000, String(r.out.length));
            assert.strictEqual((await cli([file, "--max-chars", "12"])).code, 2);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("takes each resource's plan line by its URN, and lists Voice ID warnings", () => {
        const a = step("replace", "FraudsterRegistrationJob", "q3", {
            olds: {},
            news: {},
            outputs: { jobId: "A".repeat(22), jobStatus: "COMPLETED" },
            replaceReasons: ["registrationConfig"],
        });
        // Same logical name under another parent: its own URN, its own line.
        const b = { ...a, urn: a.urn.replace("::pulumi-nodejs", "::my:component$pulumi-nodejs") };
        const line = (n: string) =>
            `[voiceid] plan: FraudsterRegistrationJob "q3" will be replaced (registrationConfig.fraudsterSimilarityThreshold): line ${n}`;
        const plan = planOf(
            preview(
                [a, b],
                [
                    { urn: b.urn, message: line("B"), severity: "info" },
                    { urn: a.urn, message: line("A"), severity: "info" },
                    { urn: a.urn, message: "[voiceid] job A is still IN_PROGRESS", severity: "warning" },
                    { message: "some other warning", severity: "warning" },
                ],
            ),
        );
        assert.deepStrictEqual(plan.changes.map((c) => [c.urn === a.urn ? "a" : "b", c.consequence]).sort(), [
            ["a", "line A"],
            ["b", "line B"],
        ]);
        assert.deepStrictEqual(plan.warnings, ["[voiceid] job A is still IN_PROGRESS"]);
        assert.match(renderMarkdown(plan), /### Warnings\n\n- \[voiceid\] job A is still IN_PROGRESS\n/);
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
