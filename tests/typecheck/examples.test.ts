/**
 * The root demo program and every example type-check against the package's public API.
 *
 * They import `pulumi-voiceid` by package name, as users do. The root build does not compile
 * them (tsconfig.json leaves out the root index.ts and examples/), so each one is checked here
 * on its own, with `pulumi-voiceid` mapped to provider/index.ts: a renamed or removed export
 * fails this test instead of a user's first `pulumi up`.
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { repoRoot } from "../support/repo";

/** Every program: the root one, then each example (the files its tsconfig.json lists). */
function programs(): { name: string; files: string[] }[] {
    const out = [{ name: "root program (index.ts)", files: [path.join(repoRoot, "index.ts")] }];
    const examples = path.join(repoRoot, "examples");
    for (const dir of fs.readdirSync(examples).sort()) {
        const tsconfig = path.join(examples, dir, "tsconfig.json");
        if (!fs.existsSync(tsconfig)) continue;
        const files: string[] = JSON.parse(fs.readFileSync(tsconfig, "utf8")).files ?? ["index.ts"];
        out.push({ name: `examples/${dir}`, files: files.map((f) => path.join(examples, dir, f)) });
    }
    return out;
}

/** Type errors in the program's own files. */
function typeErrors(files: string[]): string[] {
    const program = ts.createProgram(files, {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node"],
        baseUrl: repoRoot,
        paths: { "pulumi-voiceid": ["provider/index.ts"] },
    });
    return ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file && files.includes(path.resolve(d.file.fileName)))
        .map((d) => {
            const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
            return `${path.relative(repoRoot, d.file!.fileName)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
        });
}

describe("the root program and the examples type-check", function () {
    this.timeout(120_000);

    it("has the root program and the local, import-job and aws examples", () => {
        const names = programs().map((p) => p.name);
        for (const n of ["root program (index.ts)", "examples/local", "examples/import-job", "examples/aws"])
            assert.ok(names.includes(n), `${n} is missing`);
    });

    for (const p of programs()) {
        it(p.name, () => {
            for (const f of p.files) assert.ok(fs.existsSync(f), `${f} is missing`);
            assert.deepStrictEqual(typeErrors(p.files), []);
        });
    }

    it('the README quickstart (the first ts block of "Using it")', () => {
        const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("## Using it"));
        const block = /```ts\n([\s\S]*?)```/.exec(section);
        assert.ok(block, 'README.md has a ts block under "Using it"');
        // Inside the repository so @pulumi/pulumi resolves from its node_modules; bin/ is ignored by git.
        const file = path.join(repoRoot, "bin", "readme", "quickstart.ts");
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, block[1]);
        assert.deepStrictEqual(typeErrors([file]), []);
        // The domain is encrypted with a domain key, never with the S3-only results key.
        assert.match(block[1], /serverSideEncryptionConfiguration: \{ kmsKeyId: domainKey\.keyArn \}/);
        assert.match(block[1], /new voiceid\.VoiceIdDomainKey\(/);
    });

    it("each example has a Pulumi.yaml, a package.json depending on the package, and a README", () => {
        // The native plugin's examples in other languages install no npm package; Python and Go
        // ones declare their dependencies their own way (tests/e2e/sdk type-checks and runs them).
        const nativeFiles: Record<string, string[]> = {
            yaml: [],
            python: ["requirements.txt", "__main__.py"],
            go: ["go.mod", "go.sum", "main.go"],
        };
        for (const dir of fs.readdirSync(path.join(repoRoot, "examples"))) {
            const d = path.join(repoRoot, "examples", dir);
            const runtime =
                /^runtime:\s*(?:name:\s*)?(\w+)/m.exec(fs.readFileSync(path.join(d, "Pulumi.yaml"), "utf8"))?.[1] ?? "";
            if (nativeFiles[runtime]) {
                for (const f of ["README.md", ...nativeFiles[runtime]])
                    assert.ok(fs.existsSync(path.join(d, f)), `examples/${dir}/${f} is missing`);
                continue;
            }
            for (const f of ["Pulumi.yaml", "package.json", "README.md", "tsconfig.json"])
                assert.ok(fs.existsSync(path.join(d, f)), `examples/${dir}/${f} is missing`);
            const pkg = JSON.parse(fs.readFileSync(path.join(d, "package.json"), "utf8"));
            assert.strictEqual(
                pkg.dependencies?.["pulumi-voiceid"],
                "file:../..",
                `examples/${dir} installs the package from the repository`,
            );
        }
    });

    it("the root Pulumi.yaml runs index.ts (package.json's main is the library)", () => {
        const yaml = fs.readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8");
        assert.match(yaml, /^main: index\.ts$/m);
        assert.match(yaml, /^runtime:\n {2}name: nodejs\n {2}options:\n {4}typescript: true$/m);
        const tsconfig = JSON.parse(fs.readFileSync(path.join(repoRoot, "tsconfig.json"), "utf8"));
        const included: string[] = tsconfig.include ?? [];
        assert.ok(
            !included.some((g) => g === "index.ts" || g === "*.ts" || g === "**/*.ts"),
            "the library build must not compile the root program",
        );
    });
});
