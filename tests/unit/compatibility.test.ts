/**
 * docs/compatibility.md and the code agree: every source file its tables name carries a comment
 * linking to it, and every source file with such a comment is named there, so a shim cannot be
 * added, moved or removed without the list following.
 * @module
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../support/repo";

const DOC = "docs/compatibility.md";
const SOURCE_DIRS = ["provider", "cli", "emulator"];

function sourceFiles(dir: string): string[] {
    return (fs.readdirSync(path.join(repoRoot, dir), { recursive: true }) as string[])
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
        .map((f) => path.posix.join(dir, f.split(path.sep).join("/")));
}

describe("docs/compatibility.md lists every shim the code links to it", () => {
    const doc = fs.readFileSync(path.join(repoRoot, DOC), "utf8");
    const named = new Set([...doc.matchAll(/`((?:provider|cli|emulator)\/[\w/.-]+\.ts)`/g)].map((m) => m[1]));
    const linking = SOURCE_DIRS.flatMap(sourceFiles).filter((f) =>
        fs.readFileSync(path.join(repoRoot, f), "utf8").includes(DOC),
    );

    it("names source files in its tables", () => {
        assert.ok(named.size >= 10, `only ${named.size} files named`);
    });

    it("every file it names exists and links back", () => {
        for (const f of named) {
            assert.ok(fs.existsSync(path.join(repoRoot, f)), `${DOC} names ${f}, which does not exist`);
            assert.ok(linking.includes(f), `${f} is named in ${DOC} but has no comment linking to it`);
        }
    });

    it("every file linking to it is named in it", () => {
        for (const f of linking) assert.ok(named.has(f), `${f} links to ${DOC} but is not named in it`);
    });

    it("gives every shim the release that may remove it", () => {
        const shims = doc.slice(doc.indexOf("## Compatibility shims"));
        const rows = shims
            .split("\n")
            .filter((l) => l.startsWith("| ") && !l.startsWith("| shim") && !l.startsWith("|---"));
        assert.ok(rows.length >= 8, shims);
        for (const row of rows) assert.match(row, /\| (\d+\.\d+\.\d+|removed in \d+\.\d+\.\d+|-) \|$/, row);
    });
});
