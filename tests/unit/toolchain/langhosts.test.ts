/**
 * scripts/ensure-pulumi.sh and the Python and Go language hosts: a host that is neither on PATH
 * nor cached, with no Go toolchain to build it, stops the setup with the reason, before any tool
 * is placed; hosts on PATH are used as they are.
 * @module
 */
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../support/repo";

const script = path.join(repoRoot, "scripts", "ensure-pulumi.sh");
/** What the script runs besides the Pulumi tools (no `go`). */
const SHELL_TOOLS = [
    "bash",
    "sed",
    "sort",
    "head",
    "tr",
    "grep",
    "paste",
    "flock",
    "rm",
    "ln",
    "cp",
    "mkdir",
    "dirname",
    "cat",
];

describe("toolchain: the Python and Go language hosts", function () {
    this.timeout(120_000);
    let bin: string;
    let work: string;

    before(() => {
        // The tools a full setup placed (npm test runs it before the suites).
        bin = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
        work = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-langhosts-"));
    });
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    /** A PATH dir with the shell tools and the named tools of `bin` (symlinks), and an empty cache. */
    function ambient(name: string, tools: string[]): NodeJS.ProcessEnv {
        const dir = path.join(work, name);
        fs.mkdirSync(dir);
        for (const t of SHELL_TOOLS)
            fs.symlinkSync(
                execFileSync("bash", ["-c", `command -v ${t}`], { encoding: "utf8" }).trim(),
                path.join(dir, t),
            );
        for (const t of tools) fs.symlinkSync(path.join(bin, t), path.join(dir, t));
        const cache = path.join(work, `${name}-cache`);
        fs.mkdirSync(cache);
        return { PATH: dir, HOME: work, PULUMI_VOICEID_CACHE: cache };
    }

    const base = ["pulumi", "pulumi-language-nodejs", "pulumi-language-yaml"];

    it("says which host is missing and why it cannot be built, and places nothing", () => {
        const before = fs.statSync(path.join(bin, "pulumi-resource-pulumi-nodejs")).ino;
        const r = spawnSync("bash", [script], { env: ambient("nogo", base), encoding: "utf8" });
        assert.notStrictEqual(r.status, 0, r.stdout);
        assert.match(r.stderr, /ERROR: no pulumi-language-python on PATH and no Go toolchain to build one/);
        assert.strictEqual(
            fs.statSync(path.join(bin, "pulumi-resource-pulumi-nodejs")).ino,
            before,
            "a tool was replaced before the failure",
        );
    });

    it("uses the hosts on PATH (the Python host with its exec shim beside it)", () => {
        const env = ambient("ambient", [
            ...base,
            "pulumi-language-python",
            "pulumi-language-python-exec",
            "pulumi-language-go",
        ]);
        const r = spawnSync("bash", [script], { env, encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(r.stdout.trim(), bin);
        assert.deepStrictEqual(
            fs.readdirSync(env.PULUMI_VOICEID_CACHE!).filter((f) => f.startsWith("pulumi-language-")),
            [],
            "nothing built",
        );
        for (const t of ["pulumi-language-python", "pulumi-language-python-exec", "pulumi-language-go"]) {
            assert.ok(fs.statSync(path.join(bin, t)).mode & 0o111, `${t} is not executable`);
        }
    });
});
