/**
 * No import cycles in the provider, the service, the CLI or the policy pack: every module of
 * `provider/`, `emulator/`, `cli/` and `policy/` can be read bottom-up. Type-only imports count
 * too (a circle of types is still a circle a reader has to untie), and so do `require(...)` calls
 * with relative paths.
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { repoRoot } from "../../support/repo";

const ROOTS = ["provider", "emulator", "cli", "policy"];

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return sources(p);
        return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [p] : [];
    });
}

/** The repository files a module imports (relative specifiers only; packages are leaves). */
function importsOf(file: string): string[] {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    return importedFiles
        .map((f) => f.fileName)
        .filter((spec) => spec.startsWith("."))
        .map((spec) => path.resolve(path.dirname(file), spec))
        .flatMap((base) => [`${base}.ts`, path.join(base, "index.ts")].filter((f) => fs.existsSync(f)).slice(0, 1));
}

/** Every elementary cycle found by a depth-first walk, as repository paths (first file repeated last). */
function importCycles(files: string[]): string[][] {
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    const cycles: string[][] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (f: string) => {
        state.set(f, "open");
        stack.push(f);
        for (const next of graph.get(f) ?? []) {
            if (state.get(next) === "open")
                cycles.push([...stack.slice(stack.indexOf(next)), next].map((p) => path.relative(repoRoot, p)));
            else if (!state.has(next)) visit(next);
        }
        stack.pop();
        state.set(f, "done");
    };
    for (const f of files) if (!state.has(f)) visit(f);
    return cycles;
}

describe("layering: no import cycles", () => {
    for (const root of ROOTS) {
        it(`in ${root}/`, () => {
            const cycles = importCycles(sources(path.join(repoRoot, root)));
            assert.deepStrictEqual(
                cycles.map((c) => c.join(" -> ")),
                [],
            );
        });
    }

    it("finds a cycle when there is one (the check can fail)", () => {
        const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "cycles-"));
        fs.writeFileSync(path.join(dir, "a.ts"), 'import type { B } from "./b";\nexport type A = B;\n');
        fs.writeFileSync(
            path.join(dir, "b.ts"),
            'import { c } from "./c";\nexport type B = string;\nexport const b = c;\n',
        );
        fs.writeFileSync(path.join(dir, "c.ts"), 'export const c = require("./a");\n');
        const cycles = importCycles(sources(dir));
        fs.rmSync(dir, { recursive: true, force: true });
        assert.strictEqual(cycles.length, 1);
        assert.deepStrictEqual(
            cycles[0].map((p) => path.basename(p)),
            ["a.ts", "b.ts", "c.ts", "a.ts"],
        );
    });
});
