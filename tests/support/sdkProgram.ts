/**
 * examples/python and examples/go as a user outside this repository runs them: copied into a
 * temporary directory, the generated SDK installed the documented way (docs/sdks.md: a wheel
 * built from sdk/python into a fresh virtualenv; a go.mod `replace` to sdk/go), the plugin of
 * this checkout named in Pulumi.yaml, and the real engine with the Python or Go language host.
 * @module
 */
import * as assert from "assert";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pulumiEnv, TestProgram } from "./pulumi";
import { run, RunResult } from "./process";
import { repoRoot } from "./repo";

/** The languages with a generated SDK and an example. */
export type SdkLanguage = "python" | "go";

/** A copy of examples/<lang> outside the repository, its SDK installed, and its stack. */
export interface SdkExample {
    lang: SdkLanguage;
    /** The copy's directory (under the OS temp dir). */
    dir: string;
    prog: TestProgram;
    /** Runs the language's type checker on the program (mypy --strict; go vet). */
    typeCheck(): Promise<RunResult>;
    /** The program's source file (`__main__.py`, `main.go`). */
    source: string;
    /** Removes the stack and the copy. */
    dispose(): Promise<void>;
}

const SOURCE: Record<SdkLanguage, string> = { python: "__main__.py", go: "main.go" };
const GO_SDK_MODULE = "github.com/pulumi-voiceid/pulumi-voiceid/sdk/go";

/** Runs a setup command, failing with its output. */
async function must(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
    const r = await run(cmd, args, { cwd, env, timeoutMs: 900_000 });
    assert.strictEqual(r.code, 0, `${cmd} ${args.join(" ")} failed\n${r.stdout}\n${r.stderr}`);
    return r;
}

/**
 * Copies examples/<lang> to a new temp dir, installs its SDK as docs/sdks.md says, and creates
 * stack `test` with `config` (values named in `secrets` set as secrets).
 */
export async function sdkExample(
    lang: SdkLanguage,
    opts: { env: NodeJS.ProcessEnv; config: Record<string, string>; secrets?: string[] },
): Promise<SdkExample> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `voiceid-${lang}-`));
    for (const f of fs.readdirSync(path.join(repoRoot, "examples", lang))) {
        fs.cpSync(path.join(repoRoot, "examples", lang, f), path.join(dir, f), { recursive: true });
    }
    const project = `voiceid-${lang}-${crypto.randomBytes(3).toString("hex")}`;
    const yaml = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        yaml.replace(/^name: .*$/m, `name: ${project}`).replace(/path: \.\.\/\.\.$/m, `path: ${repoRoot}`),
    );
    const base = pulumiEnv();
    let env: NodeJS.ProcessEnv = { ...base, ...opts.env };
    let typeCheck: () => Promise<RunResult>;
    if (lang === "python") {
        const python = process.env.PULUMI_VOICEID_PYTHON ?? "python3";
        await must(python, ["-m", "venv", "venv"], dir, env);
        const pip = path.join(dir, "venv", "bin", "pip");
        const wheels = path.join(dir, "wheels");
        // From a copy: setuptools builds inside the source folder (build/, *.egg-info).
        fs.cpSync(path.join(repoRoot, "sdk", "python"), path.join(dir, "sdk-python"), { recursive: true });
        await must(
            pip,
            ["wheel", "--disable-pip-version-check", "--no-deps", "-w", wheels, path.join(dir, "sdk-python")],
            dir,
            env,
        );
        const [wheel] = fs.readdirSync(wheels).filter((f) => f.endsWith(".whl"));
        assert.ok(wheel, "pip wheel built no wheel");
        await must(
            pip,
            ["install", "--disable-pip-version-check", path.join(wheels, wheel), "-r", "requirements.txt"],
            dir,
            env,
        );
        // The v3.68 Python host ignores the virtualenv option: the venv's bin comes first.
        env = { ...env, PATH: [path.join(dir, "venv", "bin"), base.PATH].join(path.delimiter) };
        typeCheck = () =>
            run(path.join(dir, "venv", "bin", "mypy"), ["--strict", SOURCE.python], {
                cwd: dir,
                env,
                timeoutMs: 600_000,
            });
    } else {
        await must("go", ["mod", "edit", `-replace=${GO_SDK_MODULE}=${path.join(repoRoot, "sdk", "go")}`], dir, env);
        typeCheck = () => run("go", ["vet", "./..."], { cwd: dir, env, timeoutMs: 900_000 });
    }
    const prog = TestProgram.at(dir, project, "test", env);
    await prog.ok(["stack", "init", "test"]);
    for (const [k, v] of Object.entries(opts.config)) {
        await prog.ok(["config", "set", ...(opts.secrets?.includes(k) ? ["--secret"] : []), k, v]);
    }
    return {
        lang,
        dir,
        prog,
        typeCheck: () => typeCheck(),
        source: path.join(dir, SOURCE[lang]),
        dispose: async () => {
            await prog.dispose();
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}
