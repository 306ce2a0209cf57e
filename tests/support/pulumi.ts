/**
 * Drives the real Pulumi engine (CLI built by scripts/ensure-pulumi.sh) on throwaway programs
 * that consume pulumi-voiceid the way users do: installed as a package, not imported by path.
 * @module
 */
import * as assert from "assert";
import { execFileSync, spawn, ChildProcess } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { localDir, repoRoot } from "./repo";
import { killGroup, killTree, run, RunResult } from "./process";

/** Where consumer programs live: node_modules/pulumi-voiceid here is a packed copy of the repo. */
export const consumerDir = path.join(localDir, "consumer");

let toolchainEnv: NodeJS.ProcessEnv | undefined;

/**
 * Environment for running `pulumi`: the CLI, language host and dynamic provider host first on
 * PATH, a local file backend, a fixed passphrase, no update checks and no plugin downloads.
 */
export function pulumiEnv(): NodeJS.ProcessEnv {
    if (!toolchainEnv) {
        const binDir = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi.sh")], {
            encoding: "utf8",
            stdio: ["ignore", "pipe", "inherit"],
        }).trim();
        const nodeDir = path.dirname(process.execPath);
        const home = path.join(localDir, "pulumi-home");
        const backend = path.join(localDir, "pulumi-state");
        fs.mkdirSync(home, { recursive: true });
        fs.mkdirSync(backend, { recursive: true });
        toolchainEnv = {
            ...process.env,
            PATH: [binDir, nodeDir, process.env.PATH].join(path.delimiter),
            PULUMI_HOME: home,
            PULUMI_BACKEND_URL: `file://${backend}`,
            PULUMI_CONFIG_PASSPHRASE: "pulumi-voiceid-tests",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
            NO_COLOR: "1",
        };
    }
    return toolchainEnv;
}

let packed = false;

/**
 * Installs the built package into .local/consumer/node_modules/pulumi-voiceid as `npm pack`
 * would ship it (a real copy, not a symlink), once per test process. Its dependencies resolve
 * from the repository's node_modules further up the tree.
 *
 * Test files run side by side (`npm test` starts several mocha processes) and share this copy:
 * under a lock, the first process to pack unpacks it and records the tarball's digest beside it;
 * the others pack the same bytes (npm pack is reproducible) and leave it alone. A copy in use is
 * never replaced under a running test unless the build changed.
 */
export function installPackage(): void {
    if (packed) return;
    const target = path.join(consumerDir, "node_modules", "pulumi-voiceid");
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = fs.mkdtempSync(path.join(localDir, "pack-"));
    try {
        const out = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", tmp, repoRoot], {
            encoding: "utf8",
            env: pulumiEnv(),
        })
            .trim()
            .split("\n")
            .pop()!;
        const tarball = path.join(tmp, out);
        const digest = crypto.createHash("sha256").update(fs.readFileSync(tarball)).digest("hex");
        const unpack =
            'if [ "$(cat "$1.sha256" 2>/dev/null)" != "$3" ]; then rm -rf "$1" && mkdir -p "$1" && tar xzf "$2" -C "$1" --strip-components=1 && echo "$3" > "$1.sha256"; fi';
        execFileSync("flock", [`${target}.lock`, "bash", "-c", unpack, "unpack", target, tarball, digest]);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
    packed = true;
}

/** Options for {@link TestProgram.create}. */
export interface ProgramOptions {
    /** Prefix of the project and directory name. */
    name: string;
    /** Source of index.ts. */
    source: string;
    /** Stack config values (`pulumi config set`). */
    config?: Record<string, string>;
    /** Extra environment for every pulumi command (e.g. the local stack's endpoints). */
    env?: NodeJS.ProcessEnv;
}

/** A Pulumi project + stack in its own directory, driven through the real CLI. */
export class TestProgram {
    private constructor(
        readonly dir: string,
        readonly project: string,
        readonly stack: string,
        readonly env: NodeJS.ProcessEnv,
    ) {}

    static async create(opts: ProgramOptions): Promise<TestProgram> {
        installPackage();
        const suffix = crypto.randomBytes(3).toString("hex");
        const project = `${opts.name}-${suffix}`;
        const dir = path.join(consumerDir, project);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(
            path.join(dir, "Pulumi.yaml"),
            `name: ${project}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
        );
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: project, private: true }, null, 2));
        fs.writeFileSync(path.join(dir, "index.ts"), opts.source);
        const program = new TestProgram(dir, project, "test", { ...pulumiEnv(), ...opts.env });
        await program.ok(["stack", "init", program.stack]);
        for (const [k, v] of Object.entries(opts.config ?? {})) {
            await program.ok(["config", "set", k, v]);
        }
        return program;
    }

    /**
     * A program whose directory the caller prepared (Pulumi.yaml, index.ts, stack files); its
     * `pulumi-voiceid` is whatever `node_modules` resolves from `dir`.
     */
    static at(dir: string, project: string, stack: string, env: NodeJS.ProcessEnv = {}): TestProgram {
        return new TestProgram(dir, project, stack, { ...pulumiEnv(), ...env });
    }

    /** Replaces index.ts (the next command runs the new program). */
    writeSource(source: string): void {
        fs.writeFileSync(path.join(this.dir, "index.ts"), source);
    }

    /** Runs `pulumi <args>` in the program's directory; never throws on a non-zero exit. */
    pulumi(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 600_000): Promise<RunResult> {
        return run("pulumi", [...args, "--non-interactive"], {
            cwd: this.dir,
            env: { ...this.env, ...env },
            timeoutMs,
        });
    }

    /** Runs `pulumi <args>` and throws with the command's output if it fails. */
    async ok(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
        const r = await this.pulumi(args, env);
        if (r.code !== 0) {
            throw new Error(`pulumi ${args.join(" ")} exited ${r.code ?? r.signal}\n${r.stdout}\n${r.stderr}`);
        }
        return r;
    }

    up(extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
        return this.pulumi(["up", "--yes", "--skip-preview", ...extra], env);
    }

    preview(extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
        return this.pulumi(["preview", "--diff", ...extra], env);
    }

    refresh(extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
        return this.pulumi(["refresh", "--yes", "--skip-preview", ...extra], env);
    }

    destroy(extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
        return this.pulumi(["destroy", "--yes", "--skip-preview", ...extra], env);
    }

    /** `pulumi destroy`, asserted to succeed and to leave no resource whose type starts with `typePrefix`. */
    async destroyAll(typePrefix: string): Promise<RunResult> {
        const destroy = await this.destroy();
        assert.strictEqual(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepStrictEqual(await this.resources(typePrefix), []);
        return destroy;
    }

    /** Stack outputs, secrets revealed. */
    async outputs(): Promise<Record<string, any>> {
        const r = await this.ok(["stack", "output", "--json", "--show-secrets"]);
        return JSON.parse(r.stdout);
    }

    /** The stack's checkpoint (`pulumi stack export`), secrets revealed. */
    async exportState(): Promise<any> {
        const r = await this.ok(["stack", "export", "--show-secrets"]);
        return JSON.parse(r.stdout);
    }

    /** Resources of the stack's state whose type starts with `typePrefix`. */
    async resources(typePrefix = ""): Promise<any[]> {
        const state = await this.exportState();
        return (state.deployment.resources ?? []).filter((r: any) => r.type.startsWith(typePrefix));
    }

    /** Starts `pulumi <args>` in its own process group (for crash tests: see killGroup). */
    spawn(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
        return spawn("pulumi", [...args, "--non-interactive"], {
            cwd: this.dir,
            env: { ...this.env, ...env },
            detached: true,
            stdio: ["ignore", "pipe", "pipe"],
        });
    }

    /**
     * Crashes `pulumi up` as a killed CI runner would: starts it, waits (up to 2 minutes) until
     * `started()` says its job exists, lets it run half a second more, kills it with SIGKILL,
     * then removes the lock the file backend keeps for the killed update (`pulumi cancel`, the
     * documented step).
     *
     * `kill: "tree"` (the default) kills the CLI's whole process tree, the plugins it starts in
     * process groups of their own (the language host, the dynamic provider) included: a machine
     * that dies takes them all down. `kill: "group"` kills the CLI's process group only, as
     * `kill -9 -<pgid>` of a runner does: the plugins outlive the engine, and `afterKill` (run
     * once the CLI is gone, before the lock is removed) can watch what they do.
     */
    async crashUp(
        started: () => Promise<boolean>,
        opts: { kill?: "tree" | "group"; afterKill?: (killedAt: number) => Promise<void> } = {},
    ): Promise<void> {
        const child = this.spawn(["up", "--yes", "--skip-preview"]);
        const deadline = Date.now() + 120_000;
        while (!(await started())) {
            assert.ok(Date.now() < deadline, "job never started");
            await new Promise((r) => setTimeout(r, 200));
        }
        await new Promise((r) => setTimeout(r, 500));
        const closed = new Promise((r) => child.once("close", r));
        const killedAt = Date.now();
        if (opts.kill === "group") killGroup(child.pid!, "SIGKILL");
        else killTree(child.pid!);
        await closed;
        await opts.afterKill?.(killedAt);
        await this.ok(["cancel", "--yes"]);
    }

    /** Removes the stack (destroying what is left) and the program directory. */
    async dispose(): Promise<void> {
        await this.destroy();
        await this.pulumi(["stack", "rm", "--yes", "--force"]);
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/** Parses the `Resources:` summary of an update, e.g. `{ created: 1, unchanged: 2 }`. */
export function changeSummary(output: string): Record<string, number> {
    const summary: Record<string, number> = {};
    const block = output.split(/^Resources:$/m)[1] ?? "";
    for (const m of block.matchAll(
        /^\s+[+\-~]?[+\-]?\s*(\d+) (to create|to update|to delete|to replace|created|updated|deleted|replaced|unchanged|create|update|delete|replace)/gm,
    )) {
        summary[m[2].replace(/^to /, "")] = Number(m[1]);
    }
    return summary;
}
