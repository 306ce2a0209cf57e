/**
 * The API reference builds from the doc comments (TypeDoc, as `npm run docs` runs it), and the
 * public resources, their argument types and the components are in it with their doc comment.
 * @module
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../support/repo";

describe("the API reference", function () {
    this.timeout(120_000);

    it("builds from the doc comments (TypeDoc)", () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "typedoc-")), "api.json");
        try {
            execFileSync(
                process.execPath,
                [
                    path.join(repoRoot, "node_modules", "typedoc", "bin", "typedoc"),
                    "--json",
                    out,
                    "--logLevel",
                    "Error",
                ],
                { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
            );
            const api = JSON.parse(fs.readFileSync(out, "utf8"));
            const documented = new Map<string, boolean>();
            const walk = (n: any) => {
                if (n.name) documented.set(n.name, !!n.comment?.summary?.length || documented.get(n.name) === true);
                for (const c of n.children ?? []) walk(c);
            };
            walk(api);
            for (const name of [
                "FraudsterRegistrationJob",
                "VoiceIdDomain",
                "VoiceIdWatchlist",
                "VoiceIdDomainArgs",
                "VoiceIdWatchlistArgs",
                "FraudsterRegistrationJobArgs",
                "VoiceIdDomainKey",
                "VoiceIdOutputKey",
            ]) {
                assert.strictEqual(documented.get(name), true, `${name} is in the API reference with its doc comment`);
            }
        } finally {
            fs.rmSync(path.dirname(out), { recursive: true, force: true });
        }
    });
});
