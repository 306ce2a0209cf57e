/**
 * The demo program (root Pulumi.yaml + index.ts) through the real Pulumi engine against a local
 * stack, seeded by scripts/seed-demo.ts as `npm run demo` does: the first `up` registers the
 * fraudsters (one duplicate skipped), the second is a no-op, destroy cleans everything up.
 *
 * It runs on a private local stack and a private copy of the program's files under .local/, so
 * it neither touches nor depends on the user's `local` demo stack: the program's directory is
 * inside the repository, so `pulumi-voiceid` resolves through the repository's self-link exactly
 * as it does for the root program.
 * @module
 */
import * as assert from "assert";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { ListDomainsCommand, ListFraudstersCommand } from "@aws-sdk/client-voice-id";
import { changeSummary, pulumiEnv } from "../../support/pulumi";
import { run, RunResult } from "../../support/process";
import { localDir, repoRoot } from "../../support/repo";
import { LocalStack, startLocalStack } from "../../support/localStack";

describe("the demo program (npm run demo) against the local stack", function () {
    let stack: LocalStack;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const stackName = "local";

    const pulumi = (args: string[]): Promise<RunResult> =>
        run("pulumi", [...args, "--stack", stackName, "--non-interactive"], { cwd: dir, env, timeoutMs: 600_000 });
    const ok = async (args: string[]): Promise<RunResult> => {
        const r = await pulumi(args);
        assert.strictEqual(r.code, 0, `pulumi ${args.join(" ")}\n${r.stdout}\n${r.stderr}`);
        return r;
    };
    const seed = async (): Promise<RunResult> => {
        const r = await run(process.execPath, [path.join(repoRoot, "bin", "scripts", "seed-demo.js")], {
            env: { ...process.env, ...stack.env },
            timeoutMs: 120_000,
        });
        assert.strictEqual(r.code, 0, r.stderr);
        return r;
    };

    before(async () => {
        stack = await startLocalStack();
        dir = path.join(localDir, `demo-e2e-${crypto.randomBytes(3).toString("hex")}`);
        fs.mkdirSync(dir, { recursive: true });
        for (const f of ["Pulumi.yaml", "index.ts"]) fs.copyFileSync(path.join(repoRoot, f), path.join(dir, f));
        // Like the root's, this package.json's "main" is not the program: Pulumi.yaml's
        // `main: index.ts` must win. (A copy of the root's would make "pulumi-voiceid" resolve to
        // this directory through Node's package self-reference.)
        fs.writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify({ name: "voiceid-demo-copy", private: true, main: "bin/provider/index.js" }),
        );
        env = {
            ...pulumiEnv(),
            ...stack.env,
            PULUMI_BACKEND_URL: `file://${path.join(dir, ".state")}`,
            PULUMI_CONFIG_PASSPHRASE: "pulumi-voiceid-demo",
        };
        fs.mkdirSync(path.join(dir, ".state"));
        await ok(["stack", "init"]);
    });

    after(async () => {
        if (dir && env) {
            await pulumi(["destroy", "--yes", "--skip-preview"]);
            fs.rmSync(dir, { recursive: true, force: true });
        }
        if (stack) await stack.stop();
    });

    let config: Record<string, string>;

    it("seeds moto idempotently", async () => {
        const first = await seed();
        config = JSON.parse(first.stdout);
        assert.deepStrictEqual(Object.keys(config).sort(), [
            "dataAccessRoleArn",
            "enrollmentManifestS3Uri",
            "kmsKeyArn",
            "manifestS3Uri",
            "outputS3Uri",
        ]);
        assert.match(first.stderr, /created bucket voiceid-demo/);
        const second = await seed();
        assert.deepStrictEqual(JSON.parse(second.stdout), config, "same config on a second run");
        assert.strictEqual(second.stderr.trim(), "", `a second run changes nothing, got:\n${second.stderr}`);
        for (const [k, v] of Object.entries(config)) await ok(["config", "set", k, v]);
    });

    let outputs: Record<string, any>;

    it("registers the fraudsters with `pulumi up`, skipping the duplicate", async () => {
        const r = await ok(["up", "--yes"]);
        assert.deepStrictEqual(changeSummary(r.stdout.split("Updating (")[1] ?? r.stdout), { created: 5 });
        outputs = JSON.parse((await ok(["stack", "output", "--json", "--show-secrets"])).stdout);
        assert.match(outputs.jobId, /^[a-zA-Z0-9]{22}$/);
        assert.strictEqual(outputs.jobStatus, "COMPLETED");
        assert.strictEqual(
            outputs.outputFileUri,
            `s3://voiceid-demo/results/${outputs.jobId}/known-fraudsters.json.out`,
        );
        assert.strictEqual(outputs.summary, "5 requests: 4 new fraudsters registered, 1 duplicate skipped, 0 errors");
        const fraudsters = await stack.voiceId.send(
            new ListFraudstersCommand({ DomainId: outputs.domainId, WatchlistId: outputs.watchlistId }),
        );
        assert.strictEqual(fraudsters.FraudsterSummaries?.length, 4, "four fraudsters in the watchlist");
        // Then the customers: three enrolled, the one with a fraudster's voice refused.
        assert.strictEqual(
            outputs.enrollmentSummary,
            "4 customers: 3 enrolled, 0 already enrolled, 1 refused as known fraudster",
        );
    });

    it("is a no-op when run again", async () => {
        const again = await seed();
        assert.deepStrictEqual(JSON.parse(again.stdout), config);
        const r = await ok(["up", "--yes"]);
        assert.deepStrictEqual(changeSummary(r.stdout.split("Updating (")[1] ?? r.stdout), { unchanged: 5 });
        const pre = await ok(["preview", "--expect-no-changes"]);
        assert.deepStrictEqual(changeSummary(pre.stdout), { unchanged: 5 });
        const outs = JSON.parse((await ok(["stack", "output", "--json"])).stdout);
        assert.strictEqual(outs.jobId, outputs.jobId, "the same job");
    });

    it("tears down cleanly (fraudsters, watchlist, domain)", async () => {
        const r = await ok(["destroy", "--yes", "--skip-preview"]);
        assert.deepStrictEqual(changeSummary(r.stdout), { deleted: 5 });
        const listed = (await stack.voiceId.send(new ListDomainsCommand({}))).DomainSummaries ?? [];
        assert.ok(!listed.some((d) => d.DomainId === outputs.domainId), "the domain is deleted");
    });
});
