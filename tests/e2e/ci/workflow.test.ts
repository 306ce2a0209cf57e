/**
 * The workflow that ships in the package (`ci/voiceid-preview.yml`), run as a team would run it:
 * a fresh repository of a Pulumi program made from the packed tarball (`npm pack`), its base
 * deployed to a backend of its own, then pull-request changes previewed by the workflow's own
 * `run:` steps, in order, parsed from the installed copy of the file.
 *
 * Not run here, and what stands in for each (`uses:` steps are GitHub's, not ours):
 * - the hosted runner: `tests/support/workflow.ts` (bash per step, env, outputs, job summary);
 * - actions/checkout: the repository the test makes (committed with git);
 * - actions/setup-node and actions/cache: Node 22 of the toolchain on PATH, npm's own cache
 *   (`npm_config_prefer_offline`);
 * - pulumi/actions (installs the CLI): the Pulumi CLI of scripts/ensure-pulumi.sh on PATH;
 * - aws-actions/configure-aws-credentials (read-only role): the local stack's endpoints and test
 *   credentials (the local service does not enforce IAM, so "read-only" is not tested here);
 * - GitHub's REST API: `tests/support/fakeGitHub.ts` on 127.0.0.1 (records calls).
 * The team's backend is a file backend in the test's directory (PULUMI_BACKEND_URL, as the
 * workflow's secret passes it).
 * @module
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalStack, RegistrationSeed, startLocalStack } from "../../support/localStack";
import { run } from "../../support/process";
import { pulumiEnv } from "../../support/pulumi";
import { repoRoot } from "../../support/repo";
import { FakeGitHub, startFakeGitHub } from "../../support/fakeGitHub";
import { ExpressionValues, readWorkflow, runJob, StepResult, Workflow } from "../../support/workflow";

const SHIPPED = path.join("node_modules", "pulumi-voiceid", "ci", "voiceid-preview.yml");
const REPO = "acme/voice-infra";
const TOKEN = "ghs_fake-token-for-the-test";
const PR = 42;
const STACK = "prod";
const POLICY_PACK = path.join("node_modules", "pulumi-voiceid", "policy", "pulumi-analyzer-voiceid");

const STAND_INS = {
    "actions/checkout": "the repository made by the test",
    "actions/setup-node": "Node 22 of the toolchain on PATH",
    "actions/cache": "npm's own cache (prefer-offline)",
    "pulumi/actions": "the Pulumi CLI of scripts/ensure-pulumi.sh on PATH",
    "aws-actions/configure-aws-credentials": "the local stack's endpoints and test credentials",
};

/** The repository's installed version of a package (the npm cache holds it). */
function repoVersion(pkg: string): string {
    return JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", pkg, "package.json"), "utf8")).version;
}

function program(seed: RegistrationSeed, threshold: number, description: string, duplicateAction = "SKIP"): string {
    return `import { FraudsterRegistrationJob, VoiceIdDomain, VoiceIdWatchlist } from "pulumi-voiceid";

const domain = new VoiceIdDomain("fraud", { description: ${JSON.stringify(description)}, serverSideEncryptionConfiguration: { kmsKeyId: ${JSON.stringify(seed.kmsKeyId)} } });
const watchlist = new VoiceIdWatchlist("high-risk", { domainId: domain.domainId });
new FraudsterRegistrationJob("q3-fraudsters", {
    domainId: domain.domainId,
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)}, kmsKeyId: ${JSON.stringify(seed.kmsKeyId)} },
    registrationConfig: { duplicateRegistrationAction: ${JSON.stringify(duplicateAction)}, fraudsterSimilarityThreshold: ${threshold}, watchlistIds: [watchlist.watchlistId] },
    deleteFraudstersOnDestroy: true,
});
`;
}

describe("ci/voiceid-preview.yml, the shipped workflow, in a team's repository", function () {
    this.timeout(1_800_000);
    let stack: LocalStack;
    let github: FakeGitHub;
    let seed: RegistrationSeed;
    let tmp: string;
    let repo: string;
    let env: NodeJS.ProcessEnv;
    let workflow: Workflow;
    let runs = 0;

    /** The expression values of a pull request with these labels. */
    const values = (labels: string[]): ExpressionValues => ({
        "vars.PULUMI_STACK": STACK,
        "vars.PULUMI_PROGRAM_DIR": "",
        // The pack's executable: this toolchain's Node.js host cannot run a pack folder (docs/policy.md).
        "vars.VOICEID_POLICY_PACK": POLICY_PACK,
        "vars.VOICEID_POLICY_CONFIG": "",
        "secrets.PULUMI_ACCESS_TOKEN": "",
        "secrets.PULUMI_BACKEND_URL": `file://${path.join(tmp, "backend")}`,
        "secrets.PULUMI_CONFIG_PASSPHRASE": "team-passphrase",
        "github.event.pull_request.number": String(PR),
        "github.token": TOKEN,
        "github.event.pull_request.labels.*.name": labels,
    });

    const runWorkflow = (labels: string[] = [], only?: (s: { name?: string }) => boolean): Promise<StepResult[]> =>
        runJob(workflow, {
            workspace: repo,
            env,
            values: values(labels),
            standIns: STAND_INS,
            runnerTemp: path.join(tmp, `runner-${++runs}`),
            only,
        });

    const byName = (results: StepResult[], name: string) => results.find((r) => r.step.name === name);
    const failure = (results: StepResult[]) =>
        results.map((r) => `--- ${r.step.name} (exit ${r.code})\n${r.stdout}\n${r.stderr}`).join("\n");

    /** The team's own command line, in the repository, with the team's backend. */
    const pulumi = async (args: string[]) => {
        const r = await run("pulumi", [...args, "--non-interactive"], {
            cwd: repo,
            env: {
                ...env,
                PULUMI_BACKEND_URL: `file://${path.join(tmp, "backend")}`,
                PULUMI_CONFIG_PASSPHRASE: "team-passphrase",
            },
            timeoutMs: 900_000,
        });
        assert.strictEqual(r.code, 0, `pulumi ${args.join(" ")}\n${r.stdout}\n${r.stderr}`);
        return r;
    };

    before(async () => {
        stack = await startLocalStack({ jobDurationMs: 0 });
        seed = await stack.seedRegistration(
            "ci-shipped",
            [301, 302].map((s, i) => ({ requestId: `r${i}`, audio: [{ speaker: s, utterance: 2 }] })),
        );
        github = await startFakeGitHub(REPO, TOKEN);
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-team-"));
        repo = path.join(tmp, "voice-infra");
        fs.mkdirSync(path.join(repo, "vendor"), { recursive: true });
        fs.mkdirSync(path.join(tmp, "backend"));
        env = {
            ...pulumiEnv(),
            ...stack.env,
            GITHUB_REPOSITORY: REPO,
            GITHUB_API_URL: github.url,
            npm_config_prefer_offline: "true",
        };
        // The repository a team has: the package from its tarball (until it is published), a
        // lock file, a program; committed, as actions/checkout would find it.
        const tarball = execFileSync(
            "npm",
            ["pack", "--silent", "--ignore-scripts", "--pack-destination", path.join(repo, "vendor"), repoRoot],
            { encoding: "utf8", env },
        )
            .trim()
            .split("\n")
            .pop()!;
        fs.writeFileSync(
            path.join(repo, "package.json"),
            JSON.stringify(
                {
                    name: "voice-infra",
                    private: true,
                    dependencies: {
                        "pulumi-voiceid": `file:vendor/${tarball}`,
                        "@pulumi/pulumi": repoVersion("@pulumi/pulumi"),
                    },
                    devDependencies: {
                        typescript: repoVersion("typescript"),
                        "@types/node": repoVersion("@types/node"),
                    },
                },
                null,
                2,
            ),
        );
        fs.writeFileSync(
            path.join(repo, "Pulumi.yaml"),
            "name: voice-infra\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
        );
        fs.writeFileSync(path.join(repo, ".gitignore"), "node_modules/\n");
        fs.writeFileSync(path.join(repo, "index.ts"), program(seed, 70, "Fraud line"));
        execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], {
            cwd: repo,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        // What the team does once: copy the shipped workflow into .github/workflows.
        fs.mkdirSync(path.join(repo, ".github", "workflows"), { recursive: true });
        fs.copyFileSync(path.join(repo, SHIPPED), path.join(repo, ".github", "workflows", "voiceid-preview.yml"));
        workflow = readWorkflow(path.join(repo, ".github", "workflows", "voiceid-preview.yml"));
        const git = (...args: string[]) =>
            execFileSync("git", args, {
                cwd: repo,
                env: {
                    ...env,
                    GIT_AUTHOR_NAME: "t",
                    GIT_AUTHOR_EMAIL: "t@example.com",
                    GIT_COMMITTER_NAME: "t",
                    GIT_COMMITTER_EMAIL: "t@example.com",
                },
                stdio: "pipe",
            });
        git("init", "-q");
        git("add", ".");
        git("commit", "-qm", "base");
        // main, deployed by the team's CD (the workflow never deploys).
        await pulumi(["stack", "init", STACK]);
        await pulumi(["up", "--yes", "--skip-preview"]);
        // A fresh runner has no node_modules: the workflow's `npm ci` installs them.
        fs.rmSync(path.join(repo, "node_modules"), { recursive: true, force: true });
    });

    after(async () => {
        if (repo && fs.existsSync(path.join(repo, "Pulumi.yaml"))) {
            if (!fs.existsSync(path.join(repo, "node_modules")))
                execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], {
                    cwd: repo,
                    env,
                    stdio: "pipe",
                });
            await pulumi(["destroy", "--yes", "--skip-preview"]).catch(() => undefined);
        }
        await github?.close();
        await stack?.stop();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("ships in the package, uses only actions with a stand-in here, and nothing of this repository", () => {
        // The copy in .github/workflows came from the installed package (before() copied it).
        const listed = execFileSync(
            "tar",
            ["tzf", path.join(repo, "vendor", fs.readdirSync(path.join(repo, "vendor"))[0])],
            { encoding: "utf8" },
        );
        assert.match(listed, /^package\/ci\/voiceid-preview\.yml$/m);
        const shipped = fs.readFileSync(path.join(repo, ".github", "workflows", "voiceid-preview.yml"), "utf8");
        assert.strictEqual(shipped, fs.readFileSync(path.join(repoRoot, "ci", "voiceid-preview.yml"), "utf8"));
        const steps = Object.values(workflow.jobs)[0].steps;
        assert.deepStrictEqual(
            [...new Set(steps.filter((s) => s.uses).map((s) => s.uses!.split("@")[0]))].sort(),
            Object.keys(STAND_INS).sort(),
        );
        for (const s of steps.filter((x) => x.run)) {
            assert.doesNotMatch(
                s.run!,
                /scripts\/|bin\/cli|examples\/|npm run |node_modules\/pulumi-voiceid/,
                `${s.name} uses this repository's files`,
            );
            assert.doesNotMatch(s.run!, /\$\{\{/, `${s.name}: an expression inside a script (pass it through env:)`);
        }
        assert.match(shipped, /npx --no-install pulumi-voiceid plan-summary .* --fail-on destroy/);
    });

    it("a safe change: one comment posted with the values old => new, the gate passes", async () => {
        fs.writeFileSync(path.join(repo, "index.ts"), program(seed, 70, "Fraud line EU"));
        const results = await runWorkflow();
        assert.ok(
            results.every((r) => r.code === 0),
            failure(results),
        );
        assert.deepStrictEqual(
            results.map((r) => r.step.name),
            [
                "Install dependencies",
                "Preview",
                "Summarize",
                "Comment on the pull request",
                "Gate on policy violations",
                "Gate on deletions",
            ],
        );
        assert.strictEqual(byName(results, "Summarize")!.outputs["exit-code"], "0");
        assert.deepStrictEqual(
            github.calls.map((c) => `${c.method} ${c.status}`),
            ["GET 200", "POST 201"],
        );
        assert.strictEqual(github.comments.length, 1);
        const body = github.comments[0].body;
        assert.ok(
            body.startsWith(
                `<!-- pulumi-voiceid-plan stack=${STACK} -->\n## Voice ID plan for stack \`${STACK}\` (project \`voice-infra\`)`,
            ),
            body,
        );
        assert.match(body, /No job runs and nothing is deleted\./);
        assert.match(
            body,
            /- `fraud` \(`description`\): changes in place\n {2}- `description`: `"Fraud line"` => `"Fraud line EU"`/,
            body,
        );
        assert.match(byName(results, "Gate on deletions")!.stdout, /nothing is deleted/);
        // The pack ran: the job's deleteFraudstersOnDestroy without protect is an advisory violation, in the comment.
        assert.match(byName(results, "Gate on policy violations")!.stdout, /no mandatory policy violation/);
        assert.match(
            body,
            /### Policy violations: 1 advisory\n\n- \*\*advisory\*\* `voiceid-delete-on-destroy-acknowledged` on `q3-fraudsters`/,
            body,
        );
        assert.match(
            fs.readFileSync(path.join(tmp, `runner-${runs}`, "step-summary.md"), "utf8"),
            /`description`: `"Fraud line"` => `"Fraud line EU"`/,
        );
    });

    it("a destructive change: the same comment is edited, the gate exits 3 until the label approves", async () => {
        fs.writeFileSync(path.join(repo, "index.ts"), program(seed, 85, "Fraud line EU"));
        const calls = github.calls.length;
        let results = await runWorkflow();
        const gate = results[results.length - 1];
        assert.strictEqual(gate.step.name, "Gate on deletions");
        assert.strictEqual(gate.code, 3, failure(results));
        assert.match(gate.stdout, /::error::the plan deletes Voice ID data .*add the label 'voiceid-destroy-approved'/);
        assert.strictEqual(byName(results, "Summarize")!.outputs["exit-code"], "3");
        assert.match(
            byName(results, "Summarize")!.stderr,
            /the plan deletes up to 2 fraudsters \(q3-fraudsters: replaced \(registrationConfig\.fraudsterSimilarityThreshold\)\)/,
        );
        assert.deepStrictEqual(
            github.calls.slice(calls).map((c) => `${c.method} ${c.status}`),
            ["GET 200", "PATCH 200"],
        );
        assert.strictEqual(github.comments.length, 1, "a second comment");
        const body = github.comments[0].body;
        assert.match(
            body,
            /:warning: \*\*Destructive: this plan deletes up to 2 fraudsters\.\*\* 1 registration job will run\./,
            body,
        );
        assert.match(
            body,
            /### Deleted by this plan\n\n- \*\*up to 2 fraudsters\*\* registered by job [A-Za-z0-9]{22}: `q3-fraudsters`, replaced \(`registrationConfig\.fraudsterSimilarityThreshold`\)\n/,
            body,
        );
        assert.match(
            body,
            /- `q3-fraudsters` \(`registrationConfig\.fraudsterSimilarityThreshold`\): a new registration job will run and register the manifest's fraudsters again; only if it succeeds, the 2 fraudsters job [A-Za-z0-9]{22} registered will be deleted/,
            body,
        );
        assert.match(body, /- `registrationConfig\.fraudsterSimilarityThreshold`: `70` => `85`/, body);

        results = await runWorkflow(["documentation", "voiceid-destroy-approved"]);
        assert.ok(
            results.every((r) => r.code === 0),
            failure(results),
        );
        assert.match(
            byName(results, "Gate on deletions")!.stdout,
            /deletions approved by the label 'voiceid-destroy-approved'/,
        );
        assert.strictEqual(github.comments.length, 1, "a second comment");
        assert.deepStrictEqual(
            github.calls.slice(calls).map((c) => c.method),
            ["GET", "PATCH", "GET", "PATCH"],
        );
    });

    it("a mandatory policy violation: the comment lists it, the policy gate fails the check", async () => {
        fs.writeFileSync(path.join(repo, "index.ts"), program(seed, 70, "Fraud line", "REGISTER_AS_NEW"));
        const calls = github.calls.length;
        const results = await runWorkflow();
        assert.deepStrictEqual(
            results.map((r) => `${r.step.name} ${r.code}`),
            [
                "Install dependencies 0",
                "Preview 0",
                "Summarize 0",
                "Comment on the pull request 0",
                "Gate on policy violations 1",
            ],
            failure(results),
        );
        assert.notStrictEqual(byName(results, "Preview")!.outputs["exit-code"], "0");
        assert.match(results[results.length - 1].stdout, /::error::mandatory policy violations failed the preview/);
        assert.deepStrictEqual(
            github.calls.slice(calls).map((c) => `${c.method} ${c.status}`),
            ["GET 200", "PATCH 200"],
        );
        const body = github.comments[0].body;
        assert.match(
            body,
            /### Policy violations: 1 mandatory, 1 advisory\n\nThe preview failed on the mandatory ones/,
            body,
        );
        assert.match(
            body,
            /- \*\*mandatory\*\* `voiceid-no-register-as-new` on `q3-fraudsters` \(pulumi-nodejs:dynamic\/voiceid:FraudsterRegistrationJob\): FraudsterRegistrationJob "q3-fraudsters": registrationConfig\.duplicateRegistrationAction is REGISTER_AS_NEW.*Fix: use SKIP/,
            body,
        );
        // The plan itself is still summarized below the violations.
        assert.match(body, /Registration jobs: 1 to replace/, body);
        fs.writeFileSync(path.join(repo, "index.ts"), program(seed, 70, "Fraud line"));
    });

    it("the comment step finds its comment past the first page and leaves other comments alone", async () => {
        github.comments.splice(0, github.comments.length);
        for (let i = 0; i < 120; i++)
            github.comments.push({ id: 10 + i, issue: PR, body: `review note ${i}`, user: { login: "someone" } });
        github.comments.push({
            id: 5000,
            issue: PR,
            body: `<!-- pulumi-voiceid-plan stack=${STACK} -->\nold plan`,
            user: { login: "github-actions[bot]" },
        });
        github.comments.push({
            id: 5001,
            issue: PR,
            body: "<!-- pulumi-voiceid-plan stack=staging -->\nanother stack's plan",
            user: { login: "github-actions[bot]" },
        });
        const calls = github.calls.length;
        const runnerTemp = path.join(tmp, "runner-comment");
        fs.mkdirSync(runnerTemp, { recursive: true });
        fs.writeFileSync(path.join(runnerTemp, "plan.md"), "## Voice ID plan\n\nnew plan\n");
        const results = await runJob(workflow, {
            workspace: repo,
            env,
            values: values([]),
            standIns: STAND_INS,
            runnerTemp,
            only: (s) => s.name === "Comment on the pull request",
        });
        assert.ok(
            results.every((r) => r.code === 0),
            failure(results),
        );
        assert.deepStrictEqual(
            github.calls.slice(calls).map((c) => `${c.method} ${c.path.replace(/\?.*page=(\d+).*/, "?page=$1")}`),
            [
                `GET /repos/${REPO}/issues/${PR}/comments?page=1`,
                `GET /repos/${REPO}/issues/${PR}/comments?page=2`,
                `PATCH /repos/${REPO}/issues/comments/5000`,
            ],
        );
        assert.strictEqual(github.comments.length, 122);
        assert.strictEqual(
            github.comments.find((c) => c.id === 5000)!.body,
            `<!-- pulumi-voiceid-plan stack=${STACK} -->\n## Voice ID plan\n\nnew plan\n`,
        );
        assert.match(github.comments.find((c) => c.id === 5001)!.body, /another stack's plan/);
    });

    it("a preview that fails fails its step with Pulumi's output, and nothing is posted", async () => {
        fs.writeFileSync(
            path.join(repo, "index.ts"),
            `import { VoiceIdWatchlist } from "pulumi-voiceid";\nnew VoiceIdWatchlist("bad", { domainId: "not-an-id" });\n`,
        );
        const calls = github.calls.length;
        const results = await runWorkflow();
        const last = results[results.length - 1];
        assert.strictEqual(last.step.name, "Preview");
        assert.notStrictEqual(last.code, 0);
        assert.match(last.stdout, /domainId/);
        assert.match(last.stdout, /::error::pulumi preview failed/);
        assert.strictEqual(github.calls.length, calls, "no comment call after a failed preview");
        fs.writeFileSync(path.join(repo, "index.ts"), program(seed, 70, "Fraud line"));
    });
});
