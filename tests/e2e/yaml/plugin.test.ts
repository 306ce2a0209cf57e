/**
 * The plugin as users get it: the bundled tarball (no node_modules inside) installed offline
 * with `pulumi plugin install`, then a YAML program without a `plugins` block through the real
 * engine; `pulumi package get-schema`; and the clear refusal when Node >= 22 is not on PATH.
 * @module
 */
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPlugin } from "../../../scripts/build-plugin";
import { consumerDir, installPackage, pulumiEnv } from "../../support/pulumi";
import { LocalStack, startLocalStackForSuite } from "../../support/localStack";
import { repoRoot } from "../../support/repo";
import { yamlProgram } from "../../support/yamlProgram";

describe("native plugin: the tarball", function () {
    this.timeout(600_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { jobDurationMs: 0 });

    it("installs offline with `pulumi plugin install` and serves a YAML program", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-plugin-"));
        const home = path.join(out, "pulumi-home");
        try {
            const tarball = await buildPlugin(out);
            const listing = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" });
            assert.ok(!listing.includes("node_modules"), listing);
            assert.match(listing, /pulumi-resource-voiceid\.js/);
            const version = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version;
            const env = { ...pulumiEnv(), PULUMI_HOME: home };
            execFileSync("pulumi", ["plugin", "install", "resource", "voiceid", version, "--file", tarball], {
                env,
                stdio: "pipe",
            });
            const schema = JSON.parse(
                execFileSync("pulumi", ["package", "get-schema", "voiceid"], { env, encoding: "utf8" }),
            );
            assert.strictEqual(schema.name, "voiceid");
            assert.ok(schema.resources["voiceid:index:FraudsterRegistrationJob"]);

            const prog = await yamlProgram({
                name: "yaml-installed",
                env: { ...stack.env, PULUMI_HOME: home },
                yaml: (project) => `name: ${project}\nruntime: yaml\nresources:
  domain:
    type: voiceid:index:VoiceIdDomain
    properties:
      serverSideEncryptionConfiguration: { kmsKeyId: "\${kmsKeyArn}" }
config:
  kmsKeyArn: { type: string }
outputs:
  domainId: \${domain.domainId}
  name: \${domain.name}
`,
                config: { kmsKeyArn: (await stack.createKmsKey()).arn },
            });
            try {
                const up = await prog.up();
                assert.strictEqual(up.code, 0, up.stdout + up.stderr);
                const outs = await prog.outputs();
                assert.match(outs.domainId, /^[a-zA-Z0-9]{22}$/);
                assert.strictEqual(outs.name, "domain", "the default name is the logical name, as in TypeScript");
                assert.strictEqual((await prog.preview(["--expect-no-changes"])).code, 0);
            } finally {
                await prog.dispose();
            }
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    it("ships in the npm package: the packed package's executable serves the schema", () => {
        installPackage();
        const plugin = path.join(consumerDir, "node_modules", "pulumi-voiceid", "pulumi-resource-voiceid");
        assert.ok(fs.existsSync(plugin), "the npm package has no pulumi-resource-voiceid");
        const schema = JSON.parse(
            execFileSync("pulumi", ["package", "get-schema", plugin], { env: pulumiEnv(), encoding: "utf8" }),
        );
        assert.deepStrictEqual(Object.keys(schema.resources).sort(), [
            "voiceid:index:FraudsterRegistrationJob",
            "voiceid:index:SpeakerEnrollmentJob",
            "voiceid:index:VoiceIdDomain",
            "voiceid:index:VoiceIdWatchlist",
        ]);
    });

    it("says clearly that Node >= 22 is needed when node is missing or too old", () => {
        // A PATH with the shell tools the wrapper uses, and no node.
        const bin = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-nonode-"));
        try {
            for (const tool of ["bash", "dirname", "readlink"]) {
                fs.symlinkSync(
                    execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim(),
                    path.join(bin, tool),
                );
            }
            const run = () =>
                spawnSync(path.join(repoRoot, "pulumi-resource-voiceid"), [], { env: { PATH: bin }, encoding: "utf8" });
            const missing = run();
            assert.notStrictEqual(missing.status, 0);
            assert.match(missing.stderr, /Node\.js >= 22 is required on PATH and no 'node' was found/);
            fs.writeFileSync(
                path.join(bin, "node"),
                '#!/usr/bin/env bash\nif [ "$1" = -p ]; then echo 20; else echo v20.19.0; fi\n',
                { mode: 0o755 },
            );
            const old = run();
            assert.notStrictEqual(old.status, 0);
            assert.match(old.stderr, /Node\.js >= 22 is required; 'node' on PATH is v20\.19\.0/);
        } finally {
            fs.rmSync(bin, { recursive: true, force: true });
        }
    });
});
