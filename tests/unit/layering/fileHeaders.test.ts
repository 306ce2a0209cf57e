/**
 * One file header style: a `/** ... @module *\/` block says what a file is for (TypeDoc reads it as
 * the module's documentation). Every module of the library, the service, the CLI, the policy pack
 * and the scripts starts with one; a test or an example may go without, but when it opens with a
 * comment, the comment is such a block, never a run of `//` lines.
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../support/repo";

/** Folders whose every module must have a header (generated and compiled folders are not walked). */
const REQUIRED = ["provider", "emulator", "cli", "policy", "scripts", "index.ts"];
const OPTIONAL = ["tests", "examples"];
const SKIPPED = new Set(["node_modules", "bin", ".local", "fixtures"]);

function sources(p: string): string[] {
    if (!fs.existsSync(p)) return [];
    if (fs.statSync(p).isFile()) return p.endsWith(".ts") && !p.endsWith(".d.ts") ? [p] : [];
    return fs
        .readdirSync(p, { withFileTypes: true })
        .filter((e) => !SKIPPED.has(e.name))
        .flatMap((e) => sources(path.join(p, e.name)));
}

/** What is wrong with a file's opening, or undefined when it follows the style. */
export function headerProblem(text: string, required: boolean): string | undefined {
    const lines = text.split("\n");
    const first = lines[0].startsWith("#!") ? 1 : 0;
    const opening = lines[first] ?? "";
    if (opening.startsWith("//")) return "opens with `//` comments: use a `/** ... @module */` header";
    if (!opening.startsWith("/**")) return required ? "has no `/** ... @module */` header" : undefined;
    const end = lines.findIndex((l, i) => i >= first && l.includes("*/"));
    const block = lines.slice(first, end + 1).join("\n");
    return block.includes("@module") ? undefined : "its opening `/**` block lacks `@module`";
}

describe("file headers", () => {
    it("tells each kind of opening apart", () => {
        assert.strictEqual(headerProblem("/**\n * What it is.\n * @module\n */\nimport x;", true), undefined);
        assert.strictEqual(headerProblem("#!/usr/bin/env node\n/**\n * Tool.\n * @module\n */", true), undefined);
        assert.match(headerProblem("// What it is.\nimport x;", false)!, /`\/\/` comments/);
        assert.match(headerProblem("import x;", true)!, /no `\/\*\* \.\.\. @module \*\/` header/);
        assert.strictEqual(headerProblem("import x;", false), undefined);
        assert.match(headerProblem("/** Doc of a function. */\nexport function f() {}", true)!, /lacks `@module`/);
    });

    it("every module follows the style", () => {
        const root = repoRoot;
        const problems = [
            ...REQUIRED.flatMap((d) => sources(path.join(root, d)).map((f) => [f, true] as const)),
            ...OPTIONAL.flatMap((d) => sources(path.join(root, d)).map((f) => [f, false] as const)),
        ].flatMap(([file, required]) => {
            const problem = headerProblem(fs.readFileSync(file, "utf8"), required);
            return problem ? [`${path.relative(root, file)}: ${problem}`] : [];
        });
        assert.deepStrictEqual(problems, []);
    });
});
