/**
 * The package as a user gets it: `npm pack`, installed from the tarball into a fresh program
 * directory outside the repository with only `@pulumi/pulumi` (plus TypeScript and Node's
 * types, as `pulumi new typescript` has), then:
 * - `@pulumi/aws` must not have been installed (optional peer) and `@pulumi/pulumi` exists once;
 * - the program and every kind of import (entry, `emulator/*` and `provider/*` subpaths)
 *   type-check under moduleResolution node10, node16, nodenext and bundler, without skipLibCheck;
 * - a component used without `@pulumi/aws` fails with an error naming the package;
 * - the program runs a registration job through the real engine against the local stack, and
 *   renaming `Watchlist` to `VoiceIdWatchlist` previews as no change.
 *
 * The local stack is started by the installed package's own command (`npx pulumi-voiceid local
 * start`), as a user who installed from the registry starts it; the test's seed helpers attach to
 * the endpoints its env file (`npx pulumi-voiceid local env`) publishes.
 * @module
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { CreateDomainCommand } from "@aws-sdk/client-voice-id";
import { LocalStack, startLocalStack } from "../../support/localStack";
import { readEnvFile } from "../../../cli/local/stack";
import { run, RunResult } from "../../support/process";
import { changeSummary, pulumiEnv } from "../../support/pulumi";
import { repoRoot } from "../../support/repo";

/** The repository's installed version of a package: the npm cache holds it, so installs stay offline-friendly. */
function repoVersion(pkg: string): string {
    return JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", pkg, "package.json"), "utf8")).version;
}

/** Uses every public kind of import: the entry, an emulator subpath and a provider subpath. */
const SUBPATHS_TS = `
import { FraudsterRegistrationJob, VoiceIdWatchlist, type VoiceIdOutputKeyArgs } from "pulumi-voiceid";
import { encodeWav, parseWav } from "pulumi-voiceid/emulator/wav";
import { deriveClientToken } from "pulumi-voiceid/provider/jobs/token";

const wav: Buffer = encodeWav([new Float32Array(80)]);
export const sampleRate: number = parseWav(wav).sampleRate;
export const token: string = deriveClientToken({
    domainId: "AbCdEfGhIjKlMnOpQrStUv",
    dataAccessRoleArn: "arn:aws:iam::123456789012:role/r",
    inputDataConfig: { s3Uri: "s3://in/m.json" },
    outputDataConfig: { s3Uri: "s3://out/r" },
});
export const keyArgs: VoiceIdOutputKeyArgs = { dataAccessRoleName: "r", outputS3Uri: "s3://out/r" };
export const classes = [FraudsterRegistrationJob, VoiceIdWatchlist];
`;

interface Seed {
    domainId: string;
    roleArn: string;
    manifestUri: string;
    outputUri: string;
    kmsKeyId: string;
}

/** The Pulumi program: a watchlist and a job on a domain of the local stack. */
function programSource(seed: Seed, watchlistClass: "Watchlist" | "VoiceIdWatchlist"): string {
    return `import { FraudsterRegistrationJob, ${watchlistClass} } from "pulumi-voiceid";

const watchlist = new ${watchlistClass}("packaged-watchlist", { domainId: ${JSON.stringify(seed.domainId)} });
const job = new FraudsterRegistrationJob("packaged-job", {
    domainId: ${JSON.stringify(seed.domainId)},
    dataAccessRoleArn: ${JSON.stringify(seed.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(seed.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(seed.outputUri)}, kmsKeyId: ${JSON.stringify(seed.kmsKeyId)} },
    registrationConfig: { watchlistIds: [watchlist.watchlistId] },
});
export const jobStatus = job.jobStatus;
export const newRegistrations = job.newRegistrationCount;
`;
}

/** Compiler options per resolution mode; the program's package.json has no "type" (CommonJS). */
const MODES: Record<string, ts.CompilerOptions> = {
    node10: { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 },
    node16: { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
    nodenext: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
    bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
};

describe("the packed package installed into a fresh program", function () {
    this.timeout(1_800_000);
    let dir: string;
    let stack: LocalStack | undefined;
    let stopLocal: (() => Promise<void>) | undefined;
    let env: NodeJS.ProcessEnv;

    const pulumi = async (args: string[]): Promise<RunResult> => {
        const r = await run("pulumi", [...args, "--non-interactive"], { cwd: dir, env, timeoutMs: 900_000 });
        if (r.code !== 0)
            throw new Error(`pulumi ${args.join(" ")} exited ${r.code ?? r.signal}\n${r.stdout}\n${r.stderr}`);
        return r;
    };

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-packaged-"));
        env = { ...pulumiEnv() };
        const tarball = execFileSync(
            "npm",
            ["pack", "--silent", "--ignore-scripts", "--pack-destination", dir, repoRoot],
            {
                encoding: "utf8",
                env,
            },
        )
            .trim()
            .split("\n")
            .pop()!;
        const project = `packaged-${crypto.randomBytes(3).toString("hex")}`;
        fs.writeFileSync(
            path.join(dir, "package.json"),
            JSON.stringify(
                {
                    name: project,
                    private: true,
                    dependencies: {
                        "pulumi-voiceid": `file:${path.join(dir, tarball)}`,
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
            path.join(dir, "Pulumi.yaml"),
            `name: ${project}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
        );
        fs.writeFileSync(path.join(dir, "subpaths.ts"), SUBPATHS_TS);
        execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], {
            cwd: dir,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
    });

    after(async () => {
        if (dir && env) {
            await run("pulumi", ["destroy", "--yes", "--skip-preview", "--non-interactive"], {
                cwd: dir,
                env,
                timeoutMs: 600_000,
            });
            await run("pulumi", ["stack", "rm", "--yes", "--force", "--non-interactive"], {
                cwd: dir,
                env,
                timeoutMs: 120_000,
            });
        }
        await stack?.stop();
        await stopLocal?.();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("installs without @pulumi/aws and with one copy of @pulumi/pulumi", () => {
        const modules = path.join(dir, "node_modules");
        assert.ok(fs.existsSync(path.join(modules, "pulumi-voiceid", "package.json")));
        assert.ok(
            !fs.existsSync(path.join(modules, "@pulumi", "aws")),
            "@pulumi/aws was installed: it must be an optional peer dependency",
        );
        assert.ok(
            !fs.existsSync(path.join(modules, "pulumi-voiceid", "node_modules", "@pulumi")),
            "pulumi-voiceid has its own @pulumi packages",
        );
        assert.ok(fs.existsSync(path.join(modules, "@pulumi", "pulumi", "package.json")));
        // The policy pack's runtime: a dependency, deduplicated beside the program's @pulumi/pulumi.
        assert.ok(
            fs.existsSync(path.join(modules, "@pulumi", "policy", "package.json")),
            "@pulumi/policy was not installed",
        );
        assert.ok(
            !fs.existsSync(path.join(modules, "@pulumi", "policy", "node_modules", "@pulumi")),
            "@pulumi/policy has its own @pulumi/pulumi",
        );
        for (const f of ["PulumiPolicy.yaml", "package.json", "pulumi-analyzer-voiceid"])
            assert.ok(fs.existsSync(path.join(modules, "pulumi-voiceid", "policy", f)), `policy/${f} ships`);
        for (const f of ["index.js", "main.js", "server.js"])
            assert.ok(
                fs.existsSync(path.join(modules, "pulumi-voiceid", "bin", "policy", f)),
                `the compiled pack ships (bin/policy/${f}: the folder form, the executable's host)`,
            );
    });

    it("ships source maps with their sources and no tests", () => {
        const pkg = path.join(dir, "node_modules", "pulumi-voiceid");
        const map = JSON.parse(
            fs.readFileSync(path.join(pkg, "bin", "provider", "watchlist", "provider.js.map"), "utf8"),
        );
        assert.strictEqual(map.sourcesContent?.length, map.sources.length);
        assert.match(map.sourcesContent[0], /DeleteWatchlist/);
        assert.ok(!fs.existsSync(path.join(pkg, "bin", "tests")));
        for (const doc of ["jobs.md", "domains-and-watchlists.md", "components.md"])
            assert.ok(fs.existsSync(path.join(pkg, "docs", doc)), `docs/${doc} ships`);
    });

    for (const [mode, options] of Object.entries(MODES)) {
        it(`type-checks the entry and the subpaths under moduleResolution ${mode}`, () => {
            const files = [path.join(dir, "subpaths.ts")];
            const program = ts.createProgram(files, {
                ...options,
                target: ts.ScriptTarget.ES2022,
                strict: true,
                esModuleInterop: true,
                skipLibCheck: false,
                noEmit: true,
                types: ["node"],
            });
            const ours = (f?: ts.SourceFile) =>
                !!f && (!f.fileName.includes("node_modules") || f.fileName.includes(`node_modules/pulumi-voiceid/`));
            const errors = ts
                .getPreEmitDiagnostics(program)
                .filter((d) => !d.file || ours(d.file))
                .map(
                    (d) =>
                        `${d.file ? path.relative(dir, d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
                );
            assert.deepStrictEqual(errors, []);
            // Resolved to the declarations, not to an implicit any.
            const resolved = program.getSourceFiles().map((f) => path.relative(dir, f.fileName));
            for (const dts of ["bin/provider/index.d.ts", "bin/emulator/wav.d.ts", "bin/provider/jobs/token.d.ts"]) {
                assert.ok(
                    resolved.includes(`node_modules/pulumi-voiceid/${dts}`),
                    `${dts} is not part of the ${mode} program`,
                );
            }
            assert.ok(
                !resolved.some((f) => f.includes("node_modules/@pulumi/aws")),
                "the declarations pulled in @pulumi/aws",
            );
        });
    }

    it("names the package to install when a component is used without @pulumi/aws", () => {
        const script = `try { new (require("pulumi-voiceid").VoiceIdOutputKey)("k", {}); } catch (e) { console.log(e.message); }`;
        const out = execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
        assert.match(
            out,
            /VoiceIdOutputKey is an @pulumi\/aws component and @pulumi\/aws is not installed\. Install it in your program \(npm install @pulumi\/aws\)/,
        );
        // Jobs, domains and watchlists load without it.
        const ok = execFileSync(
            process.execPath,
            [
                "-e",
                `const v = require("pulumi-voiceid"); console.log(typeof v.FraudsterRegistrationJob, typeof v.VoiceIdDomain, typeof v.VoiceIdWatchlist)`,
            ],
            { cwd: dir, encoding: "utf8" },
        );
        assert.strictEqual(ok.trim(), "function function function");
        // ESM reads every export of the CommonJS entry at import: that must not fail without @pulumi/aws either.
        const esm = `import { FraudsterRegistrationJob, VoiceIdDataAccessRole } from "pulumi-voiceid";
console.log(typeof FraudsterRegistrationJob);
try { VoiceIdDataAccessRole.defaultRoleName("r"); } catch (e) { console.log(e.message); }`;
        const esmOut = execFileSync(process.execPath, ["--input-type=module", "-e", esm], {
            cwd: dir,
            encoding: "utf8",
        });
        assert.match(
            esmOut,
            /^function\npulumi-voiceid: VoiceIdDataAccessRole is an @pulumi\/aws component and @pulumi\/aws is not installed/,
        );
    });

    it("runs a registration job through the engine against the local stack; the Watchlist rename is a no-op", async () => {
        // The installed command: moto and the local Voice ID service, state under the program.
        const localDir = path.join(dir, ".local");
        const npx = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
            run("npx", ["--no-install", "pulumi-voiceid", "local", ...args, "--dir", localDir], {
                cwd: dir,
                env: { ...env, ...extra },
                timeoutMs: 540_000,
            });
        const started = await npx(["start"], { VOICEID_EMULATOR_JOB_DURATION_MS: "0" });
        assert.strictEqual(started.code, 0, `pulumi-voiceid local start failed\n${started.stderr}`);
        stopLocal = async () => void (await npx(["stop"]));
        const printed = await npx(["env"]);
        assert.strictEqual(printed.code, 0, printed.stderr);
        const envFile = path.join(localDir, "printed.env");
        fs.writeFileSync(envFile, printed.stdout);
        const localEnv = readEnvFile(envFile);
        assert.ok(localEnv.AWS_ENDPOINT_URL_VOICE_ID, `local env printed no Voice ID endpoint:\n${printed.stdout}`);
        stack = await startLocalStack({
            attach: { motoEndpoint: localEnv.AWS_ENDPOINT_URL_S3, voiceIdEndpoint: localEnv.AWS_ENDPOINT_URL_VOICE_ID },
        });
        env = { ...env, ...localEnv };
        const key = await stack.createKmsKey();
        const domain = await stack.voiceId.send(
            new CreateDomainCommand({ Name: "packaged", ServerSideEncryptionConfiguration: { KmsKeyId: key.keyId } }),
        );
        const seeded = await stack.seedRegistration("packaged", [
            { requestId: "r0", audio: [{ speaker: 41, utterance: 1 }] },
            { requestId: "r1", audio: [{ speaker: 42, utterance: 1 }] },
        ]);
        const seed: Seed = { domainId: domain.Domain!.DomainId!, ...seeded };

        fs.writeFileSync(path.join(dir, "index.ts"), programSource(seed, "Watchlist"));
        await pulumi(["stack", "init", "test"]);
        const up = await pulumi(["up", "--yes", "--skip-preview"]);
        assert.strictEqual(changeSummary(up.stdout).created, 3, up.stdout);
        const outputs = JSON.parse((await pulumi(["stack", "output", "--json", "--show-secrets"])).stdout);
        assert.strictEqual(outputs.jobStatus, "COMPLETED");
        assert.strictEqual(outputs.newRegistrations, 2);

        // Existing stacks: the new name of the class changes nothing in the plan.
        fs.writeFileSync(path.join(dir, "index.ts"), programSource(seed, "VoiceIdWatchlist"));
        const preview = await pulumi(["preview", "--diff", "--expect-no-changes"]);
        assert.deepStrictEqual(changeSummary(preview.stdout), { unchanged: 3 }, preview.stdout);

        // The installed policy pack runs from node_modules (its executable form: docs/policy.md) and finds nothing wrong.
        const checked = await pulumi([
            "preview",
            "--expect-no-changes",
            "--policy-pack",
            path.join("node_modules", "pulumi-voiceid", "policy", "pulumi-analyzer-voiceid"),
        ]);
        assert.match(checked.stdout, /voiceid@v\d+\.\d+\.\d+ \(local: /, checked.stdout);
        assert.doesNotMatch(checked.stdout, /\[(mandatory|advisory)\]/, checked.stdout);
    });
});
