/**
 * Builds the plugin tarball: `pulumi-resource-voiceid` (the shell wrapper, which checks for
 * Node >= 22), one bundled JavaScript file with the host, the provider modules, the AWS SDK and
 * the gRPC stubs (no node_modules), the schema and the version. Installed offline with
 * `pulumi plugin install resource voiceid <version> --file <tarball>`.
 *
 * `npm run build:plugin` (after `npm run build`, which generates the schema); prints the
 * tarball's path. Output: `.local/plugin/pulumi-resource-voiceid-v<version>.tar.gz`.
 * @module
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

export async function buildPlugin(outDir = path.join(ROOT, ".local", "plugin")): Promise<string> {
    const esbuild = require("esbuild") as typeof import("esbuild");
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version as string;
    const schema = path.join(ROOT, "bin", "provider", "native", "schema.json");
    if (!fs.existsSync(schema)) throw new Error(`${schema} is missing: run \`npm run build\` first`);
    const stage = path.join(outDir, "stage");
    fs.rmSync(stage, { recursive: true, force: true });
    fs.mkdirSync(stage, { recursive: true });
    await esbuild.build({
        entryPoints: [path.join(ROOT, "provider", "native", "main.ts")],
        bundle: true,
        platform: "node",
        target: "node22",
        format: "cjs",
        minify: true,
        legalComments: "linked",
        outfile: path.join(stage, "pulumi-resource-voiceid.js"),
        logLevel: "warning",
    });
    fs.copyFileSync(schema, path.join(stage, "schema.json"));
    fs.copyFileSync(path.join(ROOT, "pulumi-resource-voiceid"), path.join(stage, "pulumi-resource-voiceid"));
    fs.chmodSync(path.join(stage, "pulumi-resource-voiceid"), 0o755);
    fs.writeFileSync(
        path.join(stage, "package.json"),
        `${JSON.stringify({ name: "pulumi-resource-voiceid", version, private: true }, null, 2)}\n`,
    );
    const tarball = path.join(outDir, `pulumi-resource-voiceid-v${version}.tar.gz`);
    execFileSync("tar", ["czf", tarball, "-C", stage, "."]);
    fs.rmSync(stage, { recursive: true, force: true });
    return tarball;
}

if (require.main === module) {
    buildPlugin(process.argv[2]).then(
        (t) => console.log(t),
        (err) => {
            console.error(`build:plugin: ${err?.message ?? err}`);
            process.exit(1);
        },
    );
}
