/**
 * The analyzer host's refusals before it listens: a pack `@pulumi/policy`'s `serve()` refuses
 * (same messages), one this host cannot serve faithfully (a remediation, an unknown level), and
 * a pack version it cannot read. Each message names the pack or the rule and what is wrong.
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Policy, ResourceValidationPolicy } from "@pulumi/policy";
import { AnalyzerPack, checkPack } from "../../../policy/host/definition";
import { packVersion } from "../../../policy/main";
import { POLICIES } from "../../../policy/pack";

const rule = (extra: Partial<ResourceValidationPolicy> = {}): Policy =>
    ({ name: "r", description: "d.", validateResource: () => undefined, ...extra }) as Policy;
const pack = (policies: Policy[], extra: Partial<AnalyzerPack> = {}): AnalyzerPack => ({
    name: "voiceid",
    version: "1.0.0",
    args: { policies: policies as any },
    ...extra,
});

describe("policy pack host: what it refuses to serve", () => {
    it("accepts the Voice ID pack", () => {
        checkPack(pack(POLICIES));
    });

    it("refuses what @pulumi/policy's serve() refuses, with its messages", () => {
        assert.throws(() => checkPack(pack([rule()], { name: "bad name" })), /Invalid policy pack name "bad name"/);
        assert.throws(
            () => checkPack(pack([rule({ name: "all" })])),
            /Invalid policy name "all". "all" is a reserved name/,
        );
        assert.throws(
            () => checkPack(pack([rule({ configSchema: { properties: { enforcementLevel: { type: "string" } } } })])),
            /enforcementLevel cannot be explicitly specified in properties/,
        );
        assert.throws(
            () => checkPack(pack([rule({ configSchema: { properties: {}, required: ["enforcementLevel"] } })])),
            /"enforcementLevel" cannot be specified in required/,
        );
    });

    it("refuses what it cannot serve faithfully, naming the rule", () => {
        assert.throws(
            () => checkPack(pack([rule({ remediateResource: () => undefined })])),
            /policy "r": remediateResource is not supported by this analyzer host/,
        );
        assert.throws(
            () => checkPack(pack([rule({ enforcementLevel: "blocking" as any })])),
            /policy "r": enforcementLevel "blocking" is not one of advisory, mandatory, remediate, disabled/,
        );
        assert.throws(
            () => checkPack(pack([rule({ validateResource: undefined })])),
            /policy "r": neither validateResource \(functions\) nor validateStack \(a function\)/,
        );
        assert.throws(() => checkPack(pack([rule()], { version: "" })), /policy pack "voiceid": the version is empty/);
    });

    it("reads the pack's version from its package.json, or says which file lacks it", () => {
        assert.strictEqual(
            packVersion(),
            JSON.parse(fs.readFileSync(path.join(__dirname, "../../../../policy/package.json"), "utf8")).version,
        );
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-version-"));
        try {
            const file = path.join(dir, "package.json");
            fs.writeFileSync(file, JSON.stringify({ name: "x" }));
            assert.throws(() => packVersion(file), new RegExp(`${file.replace(/[.]/g, "\\.")} has no "version"`));
            assert.throws(
                () => packVersion(path.join(dir, "missing.json")),
                /cannot read the version from .*missing\.json/,
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
