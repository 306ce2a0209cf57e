/**
 * A stack deployed by pulumi-voiceid 0.1.0 upgrades with a no-op preview: no replacement, no
 * update, although 0.1.0 forced names, tags and job names secret and kept its bookkeeping
 * inputs under plain keys (`scope`, `importId`).
 *
 * The 0.1.0 package is built from the release commit in this repository's history (git archive
 * + tsc + npm pack), installed into a program of its own, deployed against the local service;
 * then the program's package is replaced by the current build.
 * @module
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { changeSummary, installPackage, pulumiEnv } from "../../support/pulumi";
import { LocalStack, startLocalStack } from "../../support/localStack";
import { run } from "../../support/process";
import { localDir, repoRoot } from "../../support/repo";

/** The commit released as 0.1.0. */
const RELEASE_COMMIT = "8daae0d";

/** Builds the 0.1.0 package and unpacks it into `target`. */
function installRelease(target: string): void {
    const src = path.join(localDir, "release-0.1.0");
    if (!fs.existsSync(path.join(src, "bin", "provider", "index.js"))) {
        fs.rmSync(src, { recursive: true, force: true });
        fs.mkdirSync(src, { recursive: true });
        execFileSync("bash", ["-c", `git -C "${repoRoot}" archive ${RELEASE_COMMIT} | tar -x -C "${src}"`]);
        fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(src, "node_modules"));
        execFileSync(
            process.execPath,
            [path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"],
            { cwd: src, stdio: "inherit" },
        );
    }
    const tmp = fs.mkdtempSync(path.join(localDir, "pack-"));
    try {
        const out = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", tmp, src], {
            encoding: "utf8",
            env: pulumiEnv(),
        })
            .trim()
            .split("\n")
            .pop()!;
        fs.rmSync(target, { recursive: true, force: true });
        fs.mkdirSync(target, { recursive: true });
        execFileSync("tar", ["xzf", path.join(tmp, out), "-C", target, "--strip-components=1"]);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

const SOURCE = (seed: { roleArn: string; manifestUri: string; outputUri: string; kmsKeyId: string }) => `
import { FraudsterRegistrationJob, VoiceIdDomain, Watchlist } from "pulumi-voiceid";
const domain = new VoiceIdDomain("fraud", { description: "Fraud line", serverSideEncryptionConfiguration: { kmsKeyId: ${JSON.stringify(seed.kmsKeyId)} }, tags: { team: "fraud-ops" } });
const watchlist = new Watchlist("high-risk", { domainId: domain.domainId, name: "high-risk" });
new FraudsterRegistrationJob("q3-fraudsters", {
    domainId: domain.domainId,
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)}, kmsKeyId: ${JSON.stringify(seed.kmsKeyId)} },
    registrationConfig: { fraudsterSimilarityThreshold: 70, watchlistIds: [watchlist.watchlistId] },
    jobName: "q3-batch",
    deleteFraudstersOnDestroy: true,
});
`;

describe("upgrade from 0.1.0", function () {
    this.timeout(1_200_000);
    let stack: LocalStack;
    const root = path.join(localDir, "upgrade-consumer");
    const dir = path.join(root, "upgrade-0-1-0");
    const pkg = path.join(root, "node_modules", "pulumi-voiceid");
    const pulumi = (args: string[]) =>
        run("pulumi", [...args, "--non-interactive"], {
            cwd: dir,
            env: { ...pulumiEnv(), ...stack.env },
            timeoutMs: 600_000,
        });

    before(async () => {
        stack = await startLocalStack({ jobDurationMs: 0 });
        installPackage();
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        installRelease(pkg);
        const seed = await stack.seedRegistration(
            "upgrade",
            [211, 212].map((s, i) => ({ requestId: `r${i}`, audio: [{ speaker: s, utterance: 2 }] })),
        );
        fs.writeFileSync(
            path.join(dir, "Pulumi.yaml"),
            "name: upgrade-0-1-0\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
        );
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "upgrade-0-1-0", private: true }));
        fs.writeFileSync(path.join(dir, "index.ts"), SOURCE(seed));
        await pulumi(["stack", "rm", "--yes", "--force", "test"]);
        const init = await pulumi(["stack", "init", "test"]);
        assert.strictEqual(init.code, 0, init.stdout + init.stderr);
    });
    after(async () => {
        if (stack) {
            await pulumi(["destroy", "--yes", "--skip-preview"]);
            await pulumi(["stack", "rm", "--yes", "--force"]);
            await stack.stop();
        }
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("deploys with 0.1.0, then previews no change with the current package, and up changes nothing", async () => {
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.strictEqual(up.code, 0, up.stdout + up.stderr);
        const before = JSON.parse((await pulumi(["stack", "export"])).stdout);
        const job = before.deployment.resources.find((r: any) => r.type.endsWith("FraudsterRegistrationJob"));
        assert.ok(job.inputs.scope && !job.inputs.__scope, "the stack was made by 0.1.0 (plain scope key)");

        // Upgrade: the program's package becomes the current build.
        fs.rmSync(pkg, { recursive: true, force: true });
        fs.cpSync(path.join(localDir, "consumer", "node_modules", "pulumi-voiceid"), pkg, { recursive: true });

        const preview = await pulumi(["preview", "--diff", "--expect-no-changes"]);
        assert.strictEqual(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepStrictEqual(changeSummary(preview.stdout), { unchanged: 4 }, preview.stdout);
        assert.ok(!/\[voiceid\] plan:/.test(preview.stdout + preview.stderr), "no consequence line on a no-op upgrade");

        const again = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.strictEqual(again.code, 0, again.stdout + again.stderr);
        assert.deepStrictEqual(changeSummary(again.stdout), { unchanged: 4 }, again.stdout);
        const after = JSON.parse((await pulumi(["stack", "export"])).stdout);
        const ids = (s: any) =>
            s.deployment.resources
                .filter((r: any) => r.type.startsWith("pulumi-nodejs:dynamic/voiceid:"))
                .map((r: any) => r.id)
                .sort();
        assert.deepStrictEqual(ids(after), ids(before), "same resources");
        const upgradedJob = after.deployment.resources.find((r: any) => r.type.endsWith("FraudsterRegistrationJob"));
        assert.ok(upgradedJob.inputs.__scope, "the inputs are rewritten with the hidden scope key");

        // A change after the upgrade previews in clear, without internal inputs.
        fs.writeFileSync(
            path.join(dir, "index.ts"),
            fs.readFileSync(path.join(dir, "index.ts"), "utf8").replace('name: "high-risk"', 'name: "high-risk-v2"'),
        );
        const rename = await pulumi(["preview", "--diff"]);
        assert.strictEqual(rename.code, 0, rename.stdout + rename.stderr);
        assert.deepStrictEqual(changeSummary(rename.stdout), { update: 1, unchanged: 3 }, rename.stdout);
        assert.match(
            rename.stdout,
            /~ name\s*: \[secret\] => "high-risk-v2"|~ name\s*: "high-risk" => "high-risk-v2"/,
            rename.stdout,
        );
        assert.ok(!/\bscope\b|importId/.test(rename.stdout), rename.stdout);
    });
});
