/**
 * The policy pack's rules on the resources the engine cannot give them here: the roles and keys
 * the `@pulumi/aws` components register (their plugin cannot be had on these machines, so the
 * components run under Pulumi's mocks and each rule reads exactly the inputs they registered),
 * and the pack's contract (ids, levels, config schemas, the pack folder). The Voice ID resources'
 * rules run through the real engine in tests/e2e/policy.
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { VoiceIdDataAccessRole, VoiceIdDomainKey, VoiceIdOutputKey } from "../../../provider/components";
import { POLICIES, PACK_NAME } from "../../../policy/pack";
import { voiceIdRoleTrust } from "../../../policy/rules/trust";
import { domainEncrypted } from "../../../policy/rules/keys";
import { voiceIdKind } from "../../../policy/resources";
import { ComponentMocks, installMocksForSuite, valueOf } from "../components/mocks";
import { repoRoot } from "../../support/repo";

/** Runs one rule on one resource as the policy server would (config defaults from the schema); returns the messages. */
async function violations(
    policy: ResourceValidationPolicy,
    r: { type: string; name: string; props: Record<string, any>; protect?: boolean; config?: Record<string, unknown> },
): Promise<string[]> {
    const defaults = Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {})
            .filter(([, s]) => s.default !== undefined)
            .map(([k, s]) => [k, s.default]),
    );
    const messages: string[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    for (const validate of validations) {
        await validate(
            {
                type: r.type,
                name: r.name,
                props: r.props,
                urn: `urn:pulumi:test::p::${r.type}::${r.name}`,
                opts: {
                    protect: r.protect ?? false,
                    ignoreChanges: [],
                    aliases: [],
                    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
                    additionalSecretOutputs: [],
                },
                stackTags: new Map(),
                isType: () => false,
                asType: () => undefined,
                getConfig: <T extends object>() => ({ ...defaults, ...r.config }) as T,
                notApplicable: () => {
                    throw new Error("not applicable");
                },
            },
            (message) => messages.push(message),
        );
    }
    return messages;
}

const trust = (statement: Record<string, unknown>) =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "voiceid.amazonaws.com" },
                Action: "sts:AssumeRole",
                ...statement,
            },
        ],
    });

describe("policy pack: rules on the components' roles and keys (mocks)", () => {
    let mocks: ComponentMocks;
    installMocksForSuite((m) => (mocks = m));

    it("voiceid-role-confused-deputy: VoiceIdDataAccessRole's role passes; a role trusting Voice ID without both conditions does not", async () => {
        const role = new VoiceIdDataAccessRole("data-access", {
            domainId: "a".repeat(22),
            inputS3Uris: ["s3://in-bucket/m.json"],
            outputS3Uri: "s3://out-bucket/results",
        });
        await valueOf(role.roleArn);
        const registered = mocks.get("aws:iam/role:Role", "data-access");
        assert.deepStrictEqual(
            await violations(voiceIdRoleTrust, {
                type: registered.type,
                name: "data-access",
                props: registered.inputs,
            }),
            [],
        );

        const bare = await violations(voiceIdRoleTrust, {
            type: "aws:iam/role:Role",
            name: "hand-made",
            props: { assumeRolePolicy: trust({}) },
        });
        assert.strictEqual(bare.length, 1);
        assert.match(
            bare[0],
            /^aws:iam:Role "hand-made": assumeRolePolicy lets voiceid\.amazonaws\.com assume the role without bounding aws:SourceAccount and aws:SourceArn.*Fix: add a Condition/,
        );
        const halfway = await violations(voiceIdRoleTrust, {
            type: "aws:iam/role:Role",
            name: "half",
            props: {
                assumeRolePolicy: trust({ Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } }),
            },
        });
        assert.match(halfway[0], /without bounding aws:SourceArn,/);
        // Not Voice ID's role, or not known yet at preview: nothing to say.
        const lambda = JSON.stringify({
            Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        assert.deepStrictEqual(
            await violations(voiceIdRoleTrust, {
                type: "aws:iam/role:Role",
                name: "lambda",
                props: { assumeRolePolicy: lambda },
            }),
            [],
        );
        // An object (not a JSON string) and a URL-encoded policy are read too.
        assert.strictEqual(
            (
                await violations(voiceIdRoleTrust, {
                    type: "aws:iam/role:Role",
                    name: "obj",
                    props: { assumeRolePolicy: JSON.parse(trust({})) },
                })
            ).length,
            1,
        );
        assert.strictEqual(
            (
                await violations(voiceIdRoleTrust, {
                    type: "aws:iam/role:Role",
                    name: "enc",
                    props: { assumeRolePolicy: encodeURIComponent(trust({})) },
                })
            ).length,
            1,
        );
    });

    it("voiceid-domain-cmk: VoiceIdDomainKey's key passes; a Voice ID key that is not symmetric does not; other keys are left alone", async () => {
        const domainKey = new VoiceIdDomainKey("domain");
        const outputKey = new VoiceIdOutputKey("results", {
            dataAccessRoleName: "role",
            outputS3Uri: "s3://out-bucket/results",
        });
        await valueOf(domainKey.keyArn);
        await valueOf(outputKey.keyArn);
        for (const name of ["domain", "results"]) {
            const key = mocks.get("aws:kms/key:Key", name);
            assert.deepStrictEqual(
                await violations(domainEncrypted, { type: key.type, name, props: key.inputs }),
                [],
                name,
            );
        }
        const key = mocks.get("aws:kms/key:Key", "domain");
        const rsa = await violations(domainEncrypted, {
            type: key.type,
            name: "domain",
            props: { ...key.inputs, customerMasterKeySpec: "RSA_2048" },
        });
        assert.strictEqual(rsa.length, 1);
        assert.match(
            rsa[0],
            /^aws:kms:Key "domain": customerMasterKeySpec is RSA_2048, but its key policy lets Voice ID use it.*Fix: set customerMasterKeySpec to SYMMETRIC_DEFAULT/,
        );
        const results = mocks.get("aws:kms/key:Key", "results");
        assert.deepStrictEqual(
            await violations(domainEncrypted, {
                type: results.type,
                name: "results",
                props: { ...results.inputs, customerMasterKeySpec: "RSA_2048" },
            }),
            [],
            "the results key is S3's business, not Voice ID's",
        );
    });
});

describe("policy pack: its contract", () => {
    it("every rule has a unique voiceid- id, a one-line description, a default level; config schemas have defaults or say unset", () => {
        const names = POLICIES.map((p) => p.name);
        assert.strictEqual(new Set(names).size, names.length);
        for (const p of POLICIES) {
            assert.match(p.name, /^voiceid-[a-z0-9-]+$/);
            assert.ok(p.description && !p.description.includes("\n") && p.description.endsWith("."), p.name);
            assert.ok(["advisory", "mandatory"].includes(p.enforcementLevel!), p.name);
            for (const [k, s] of Object.entries(p.configSchema?.properties ?? {}))
                assert.ok(s.description, `${p.name}.${k} has no description`);
        }
    });

    it("recognizes both forms of each Voice ID resource, and nothing else", () => {
        for (const n of ["FraudsterRegistrationJob", "SpeakerEnrollmentJob", "VoiceIdDomain"]) {
            assert.strictEqual(voiceIdKind(`voiceid:index:${n}`), n);
            assert.strictEqual(voiceIdKind(`pulumi-nodejs:dynamic/voiceid:${n}`), n);
        }
        assert.strictEqual(voiceIdKind("pulumi-nodejs:dynamic/voiceid:Watchlist"), "VoiceIdWatchlist");
        assert.strictEqual(voiceIdKind("pulumi-nodejs:dynamic/other:FraudsterRegistrationJob"), undefined);
        assert.strictEqual(voiceIdKind("pulumi-nodejs:dynamic:Resource"), undefined);
    });

    it("the pack folder: PulumiPolicy.yaml, a package.json of the package's version whose main is the compiled pack, the executable", () => {
        const dir = path.join(repoRoot, "policy");
        assert.match(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        const root = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
        assert.strictEqual(
            pkg.version,
            root.version,
            "policy/package.json's version is the pack's version: bump it with the package",
        );
        assert.strictEqual(path.resolve(dir, pkg.main), path.join(repoRoot, "bin", "policy", "index.js"));
        assert.ok(fs.existsSync(path.resolve(dir, pkg.main)));
        assert.ok(fs.statSync(path.join(dir, "pulumi-analyzer-voiceid")).mode & 0o111, "the executable is executable");
        for (const f of [
            "bin/policy",
            "policy/PulumiPolicy.yaml",
            "policy/package.json",
            "policy/pulumi-analyzer-voiceid",
        ])
            assert.ok(root.files.includes(f), `${f} is not in package.json "files"`);
        assert.ok(root.dependencies["@pulumi/policy"], "@pulumi/policy is a dependency");
        assert.strictEqual(PACK_NAME, "voiceid");
    });

    it("docs/policy.md lists every rule with its default level", () => {
        const doc = fs.readFileSync(path.join(repoRoot, "docs", "policy.md"), "utf8");
        for (const p of POLICIES)
            assert.match(doc, new RegExp(`\\| \`${p.name}\` \\| ${p.enforcementLevel} \\|`), p.name);
    });
});
