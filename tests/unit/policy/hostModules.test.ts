/**
 * What the executable's analyzer host loads before it can print its port: the rules, gRPC,
 * google-protobuf and the analyzer's generated files, never `@pulumi/pulumi`'s runtime nor
 * `@pulumi/policy`'s index (which loads that runtime: about 0.35 s of every preview). A rule
 * that imports a value from `@pulumi/policy` or `@pulumi/pulumi` fails this test; types are
 * free (`import type`). Speed itself is the benchmark's business (docs/benchmarks.md).
 * @module
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { repoRoot } from "../../support/repo";

describe("policy pack: the executable's host loads no Pulumi runtime", () => {
    it("requiring the host and every rule loads only gRPC, google-protobuf, three protocol files and @pulumi/policy/proxy", () => {
        const bin = path.join(repoRoot, "bin", "policy");
        const loaded: string[] = JSON.parse(
            execFileSync(
                process.execPath,
                [
                    "-e",
                    `require(${JSON.stringify(path.join(bin, "server.js"))}); require(${JSON.stringify(path.join(bin, "main.js"))});` +
                        `console.log(JSON.stringify(Object.keys(require.cache)))`,
                ],
                { cwd: path.join(repoRoot, "policy"), encoding: "utf8" },
            ),
        );
        const fromPackages = loaded
            .filter((f) => f.includes(`${path.sep}node_modules${path.sep}`))
            .map((f) => f.slice(f.lastIndexOf(`node_modules${path.sep}`) + "node_modules/".length));
        const pulumi = fromPackages.filter((f) => f.startsWith("@pulumi/")).sort();
        assert.deepStrictEqual(pulumi, [
            "@pulumi/policy/proxy.js",
            "@pulumi/pulumi/proto/analyzer_grpc_pb.js",
            "@pulumi/pulumi/proto/analyzer_pb.js",
            "@pulumi/pulumi/proto/plugin_pb.js",
        ]);
        const packages = new Set(
            fromPackages.map((f) =>
                f
                    .split("/")
                    .slice(0, f.startsWith("@") ? 2 : 1)
                    .join("/"),
            ),
        );
        assert.deepStrictEqual([...packages].sort(), [
            "@grpc/grpc-js",
            "@js-sdsl/ordered-map",
            "@pulumi/policy",
            "@pulumi/pulumi",
            "google-protobuf",
        ]);
        // Every rule is loaded (main.js requires the pack), from this repository.
        for (const rule of ["deletion", "enrollment", "keys", "registration", "trust"])
            assert.ok(loaded.includes(path.join(bin, "rules", `${rule}.js`)), rule);
    });
});
