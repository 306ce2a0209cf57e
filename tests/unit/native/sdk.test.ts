/**
 * The committed Python and Go SDKs (sdk/python, sdk/go) are exactly what `npm run gen:sdk`
 * generates from the current schema: a schema change without regenerating, or a hand edit of
 * a generated file, fails here. The schema's version (package.json's) is stamped into both.
 * @module
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../support/repo";

/** Relative paths of the files under `dir`, sorted. */
function files(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else out.push(path.relative(dir, p));
        }
    };
    if (fs.existsSync(dir)) walk(dir);
    return out.sort();
}

/**
 * The SDK's files in the repository: tracked or new, not what its generated .gitignore leaves
 * out (`pip install sdk/python` builds into sdk/python/build).
 */
function committed(dir: string): string[] {
    const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "."], {
        cwd: dir,
        encoding: "utf8",
    });
    return [...new Set(listed.split("\n").filter(Boolean))].sort();
}

describe("generated SDKs (sdk/python, sdk/go)", function () {
    // Builds the generator on a cold cache (minutes); seconds afterwards.
    this.timeout(900_000);
    let out: string;

    before(() => {
        out = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-sdk-"));
        execFileSync("bash", [path.join(repoRoot, "scripts", "gen-sdk.sh"), out], {
            stdio: ["ignore", "ignore", "pipe"],
        });
    });
    after(() => fs.rmSync(out, { recursive: true, force: true }));

    for (const lang of ["python", "go"]) {
        it(`sdk/${lang} matches the schema (regenerate with \`npm run gen:sdk\`)`, () => {
            const sdk = path.join(repoRoot, "sdk", lang);
            const fresh = path.join(out, lang);
            assert.deepStrictEqual(committed(sdk), files(fresh), `sdk/${lang}: files differ from the generated ones`);
            for (const f of files(fresh)) {
                const want = fs.readFileSync(path.join(fresh, f), "utf8");
                assert.ok(
                    fs.readFileSync(path.join(sdk, f), "utf8") === want,
                    `sdk/${lang}/${f} differs from the generated file`,
                );
            }
        });
    }

    it("both carry package.json's version", () => {
        const version = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version;
        assert.match(
            fs.readFileSync(path.join(repoRoot, "sdk", "python", "pyproject.toml"), "utf8"),
            new RegExp(`^\\s*version = "${version.replace(/\./g, "\\.")}"$`, "m"),
        );
        const plugin = JSON.parse(
            fs.readFileSync(path.join(repoRoot, "sdk", "go", "voiceid", "pulumi-plugin.json"), "utf8"),
        );
        assert.strictEqual(plugin.version, version);
    });
});
