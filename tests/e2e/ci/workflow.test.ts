/**
 * The PR workflow of examples/ci, step by step through the same scripts the GitHub Actions
 * workflow calls, against the local service and the real Pulumi engine: a base deployed, a safe
 * change previewed, summarized, "commented" (job summary file) and let through by the gate; a
 * destructive change stopped by the gate unless allowed. Also: every script the workflow file
 * calls exists and is run here, so the workflow cannot rot.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TestProgram } from "../../support/pulumi";
import { LocalStack, RegistrationSeed, startLocalStack } from "../../support/localStack";
import { run } from "../../support/process";
import { localDir, repoRoot } from "../../support/repo";

const CI = path.join(repoRoot, "examples", "ci");

function source(seed: RegistrationSeed, threshold: number, description: string): string {
    return `
import { FraudsterRegistrationJob, VoiceIdDomain, Watchlist } from "pulumi-voiceid";
const domain = new VoiceIdDomain("fraud", { description: ${JSON.stringify(description)}, serverSideEncryptionConfiguration: { kmsKeyId: ${JSON.stringify(seed.kmsKeyId)} } });
const watchlist = new Watchlist("high-risk", { domainId: domain.domainId });
new FraudsterRegistrationJob("q3-fraudsters", {
    domainId: domain.domainId,
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)}, kmsKeyId: ${JSON.stringify(seed.kmsKeyId)} },
    registrationConfig: { fraudsterSimilarityThreshold: ${threshold}, watchlistIds: [watchlist.watchlistId] },
    deleteFraudstersOnDestroy: true,
});
`;
}

describe("examples/ci: the PR workflow's scripts against the local service", function () {
    this.timeout(1_200_000);
    let stack: LocalStack;
    let program: TestProgram;
    let seed: RegistrationSeed;
    let work: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
        stack = await startLocalStack({ jobDurationMs: 0 });
        seed = await stack.seedRegistration("ci", [201, 202].map((s, i) => ({ requestId: `r${i}`, audio: [{ speaker: s, utterance: 2 }] })));
        program = await TestProgram.create({ name: "ci-plan", source: source(seed, 70, "Fraud line"), env: stack.env });
        const up = await program.up();
        assert.strictEqual(up.code, 0, up.stdout + up.stderr);
        work = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-ci-"));
        // The workflow's environment: the toolchain, the stack, the local service; the package's
        // own CLI (as installed in the program's node_modules).
        env = {
            ...program.env,
            PULUMI_STACK: program.stack,
            PULUMI_VOICEID: `node ${path.join(localDir, "consumer", "node_modules", "pulumi-voiceid", "bin", "cli", "main.js")}`,
            GITHUB_OUTPUT: path.join(work, "github-output"),
            GITHUB_STEP_SUMMARY: path.join(work, "step-summary.md"),
            PR_NUMBER: "",
            ALLOW_DESTROY: "false",
        };
    });
    after(async () => {
        if (program) await program.dispose();
        if (stack) await stack.stop();
        if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    const step = (script: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
        run("bash", [path.join(CI, script), ...args], { cwd: work, env: { ...env, ...extra }, timeoutMs: 600_000 });
    /** The program with a new threshold and description, planned (preview.sh into <name>.json) and summarized (summarize.sh into <name>.md). */
    const planAndSummarize = async (name: string, threshold: number, description: string) => {
        program.writeSource(source(seed, threshold, description));
        const json = path.join(work, `${name}.json`);
        const preview = await step("preview.sh", [program.dir, json]);
        assert.strictEqual(preview.code, 0, preview.stdout + preview.stderr);
        const md = path.join(work, `${name}.md`);
        return { json, md, summarized: await step("summarize.sh", [json, md]) };
    };

    it("the workflow calls only scripts that exist, and this test runs each of them", () => {
        const yml = fs.readFileSync(path.join(CI, "voiceid-plan.yml"), "utf8");
        const called = [...yml.matchAll(/examples\/ci\/([a-z-]+\.sh)/g)].map((m) => m[1]);
        assert.deepStrictEqual([...new Set(called)].sort(), ["comment.sh", "gate.sh", "preview.sh", "summarize.sh"]);
        for (const s of called) assert.ok(fs.existsSync(path.join(CI, s)), `${s} is missing`);
        const self = fs.readFileSync(__filename.replace(/\/bin\/tests\//, "/tests/").replace(/\.js$/, ".ts"), "utf8");
        for (const s of new Set(called)) assert.ok(self.includes(`step("${s}"`), `${s} is not exercised here`);
    });

    it("a safe change: preview, summary, comment, gate passes", async () => {
        const { json, md, summarized } = await planAndSummarize("safe", 70, "Fraud line EU");
        let r = summarized;
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /destructive=false/);
        assert.match(fs.readFileSync(env.GITHUB_OUTPUT!, "utf8"), /^destructive=false$/m);
        const comment = fs.readFileSync(md, "utf8");
        assert.match(comment, /## Voice ID plan/);
        assert.match(comment, /`fraud` \| updated \| `description`/, comment);
        r = await step("comment.sh", [md]);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.strictEqual(fs.readFileSync(env.GITHUB_STEP_SUMMARY!, "utf8"), comment);
        r = await step("gate.sh", [json]);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /gate: no fraudster or domain is deleted/);
    });

    it("a destructive change: the comment says what is deleted and the gate fails unless allowed", async () => {
        const { json, md, summarized } = await planAndSummarize("replace", 85, "Fraud line");
        let r = summarized;
        assert.strictEqual(r.code, 0, "summarize never fails on a destructive plan: the comment must be posted");
        assert.match(r.stdout, /destructive=true/);
        const comment = fs.readFileSync(md, "utf8");
        assert.match(comment, /Destructive: .*\*\*2 fraudsters will be deleted\*\*/, comment);
        assert.match(comment, /`q3-fraudsters` \(`registrationConfig\.fraudsterSimilarityThreshold`\)/, comment);
        r = await step("gate.sh", [json]);
        assert.strictEqual(r.code, 3, r.stdout + r.stderr);
        assert.match(r.stderr, /gate: the plan deletes fraudsters or domains/);
        r = await step("gate.sh", [json], { ALLOW_DESTROY: "true" });
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    });

    it("a preview that fails fails its step with the CLI's output", async () => {
        program.writeSource(`import { Watchlist } from "pulumi-voiceid";\nnew Watchlist("bad", { domainId: "not-an-id" });\n`);
        const r = await step("preview.sh", [program.dir, path.join(work, "bad.json")]);
        assert.notStrictEqual(r.code, 0);
        assert.match(r.stderr, /pulumi preview failed/);
        assert.match(r.stderr, /domainId/);
        assert.ok(!fs.existsSync(path.join(work, "bad.json")), "no preview file left for later steps");
        program.writeSource(source(seed, 70, "Fraud line"));
    });
});
