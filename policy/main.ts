/**
 * The entry point of `pulumi-analyzer-voiceid` (the pack's executable form): serves the pack's
 * rules (`pack.ts`) on this package's own analyzer host (`server.ts`), under the version of
 * `policy/package.json`, as the folder form (`index.ts`, `@pulumi/policy`'s `PolicyPack`) names
 * it. Any failure to start is printed on stderr, and the process exits 1: the CLI shows stderr.
 * @module
 */
import * as fs from "fs";
import * as path from "path";
import { PACK_DESCRIPTION, PACK_NAME, POLICIES } from "./pack";
import { serveAnalyzer } from "./server";

/** `policy/package.json` of the package: compiled, this module is `bin/policy/main.js`. */
const PACKAGE_JSON = path.resolve(__dirname, "..", "..", "policy", "package.json");

/** The pack's version, from its package.json (as `@pulumi/policy` reads it). */
export function packVersion(file = PACKAGE_JSON): string {
    let version: unknown;
    try {
        version = JSON.parse(fs.readFileSync(file, "utf8")).version;
    } catch (e) {
        throw new Error(`policy pack ${PACK_NAME}: cannot read the version from ${file}: ${(e as Error).message}`);
    }
    if (typeof version !== "string" || version === "") {
        throw new Error(`policy pack ${PACK_NAME}: ${file} has no "version" (the version every violation names)`);
    }
    return version;
}

if (require.main === module) {
    Promise.resolve()
        .then(() =>
            serveAnalyzer({
                name: PACK_NAME,
                version: packVersion(),
                args: { description: PACK_DESCRIPTION, policies: POLICIES },
            }),
        )
        .catch((e) => {
            console.error(e instanceof Error ? e.message : e);
            process.exit(1);
        });
}
