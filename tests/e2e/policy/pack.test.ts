/**
 * The Voice ID policy pack through the real engine (`pulumi preview --policy-pack`), against the
 * local service: each rule on Voice ID resources violated and satisfied, in the dynamic form
 * (TypeScript) and the native form (YAML, `voiceid:index:*`); `--policy-pack-config` changing
 * enforcement levels and the rules' settings, and a config outside the rules' schemas refused by
 * the engine; the violations in plan-summary's PR comment (from the engine's JSON event stream,
 * kept as a golden with UPDATE_PLAN_GOLDENS=1); the executable (the pack's own analyzer host) and
 * `@pulumi/policy`'s server (the folder form's host, started as an executable from
 * tests/fixtures/policy) printing the same Policies section.
 *
 * Not run here: the rule on `aws:iam/role:Role` (and the key check on `aws:kms/key:Key`) needs
 * the @pulumi/aws plugin, which cannot be had on these machines; tests/unit/policy checks those
 * rules on the resources the components register (Pulumi mocks).
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { LocalStack, RegistrationSeed, startLocalStackForSuite } from "../../support/localStack";
import { TestProgram } from "../../support/pulumi";
import { repoRoot } from "../../support/repo";
import { POLICY_PACK, violationsShown, writePolicyConfig } from "../../support/policyPack";
import { normalizePreview, withoutDebugEvents } from "../../support/planGoldens";
import { registrationJobBlock, yamlHeader, yamlProgram } from "../../support/yamlProgram";
import { parsePreview } from "../../../cli/plan/preview";
import { summarize } from "../../../cli/plan/markdown";

interface Shape {
    /** Break every rule that applies to Voice ID resources. */
    violate: boolean;
}

function dynamicSource(domainId: string, reg: RegistrationSeed, enr: RegistrationSeed, s: Shape): string {
    const key = (seed: RegistrationSeed) => (s.violate ? "" : `, kmsKeyId: ${JSON.stringify(seed.kmsKeyId)}`);
    return `import { FraudsterRegistrationJob, SpeakerEnrollmentJob, VoiceIdDomain } from "pulumi-voiceid";

new VoiceIdDomain("fraud", { serverSideEncryptionConfiguration: { kmsKeyId: ${JSON.stringify(s.violate ? "alias/aws/connect" : reg.kmsKeyArn)} } });
new FraudsterRegistrationJob("q3-fraudsters", {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: ${JSON.stringify(reg.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(reg.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(reg.outputUri)}${key(reg)} },
    registrationConfig: { duplicateRegistrationAction: ${JSON.stringify(s.violate ? "REGISTER_AS_NEW" : "SKIP")}, fraudsterSimilarityThreshold: ${s.violate ? 40 : 80} },
    deleteFraudstersOnDestroy: true,
}, { protect: ${!s.violate} });
new SpeakerEnrollmentJob("customers", {
    domainId: ${JSON.stringify(domainId)},
    dataAccessRoleArn: ${JSON.stringify(enr.roleArn)},
    inputDataConfig: { s3Uri: ${JSON.stringify(enr.manifestUri)} },
    outputDataConfig: { s3Uri: ${JSON.stringify(enr.outputUri)}${key(enr)} },
    enrollmentConfig: { fraudDetectionConfig: { fraudDetectionAction: ${JSON.stringify(s.violate ? "IGNORE" : "FAIL")}, riskThreshold: 50 } },
});
`;
}

/** Every violation of the violating program, as the CLI lists them: level, rule, resource. */
const ALL_VIOLATIONS = [
    "advisory voiceid-delete-on-destroy-acknowledged q3-fraudsters",
    "advisory voiceid-enrollment-fraud-detection customers",
    "advisory voiceid-similarity-threshold-floor q3-fraudsters",
    "mandatory voiceid-domain-cmk fraud",
    "mandatory voiceid-job-results-cmk customers",
    "mandatory voiceid-job-results-cmk q3-fraudsters",
    "mandatory voiceid-no-register-as-new q3-fraudsters",
].sort();

describe("the Voice ID policy pack in previews (real engine, local service)", function () {
    this.timeout(1_800_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { jobDurationMs: 0 });
    let domainId: string;
    let reg: RegistrationSeed;
    let enr: RegistrationSeed;

    before(async () => {
        domainId = await stack.createDomain("policy");
        reg = await stack.seedRegistration("policy-reg", [
            { requestId: "r0", audio: [{ speaker: 221, utterance: 1 }] },
        ]);
        enr = await stack.seedEnrollment("policy-enr", [
            { requestId: "e0", speakerId: "cust-1", audio: [{ speaker: 222, utterance: 1 }] },
        ]);
    });

    it("dynamic form: every rule violated, each naming the resource, the property and the fix; the preview fails on the mandatory ones", async () => {
        const program = await TestProgram.create({
            name: "policy-violate",
            source: dynamicSource(domainId, reg, enr, { violate: true }),
            env: stack.env,
        });
        try {
            const r = await program.pulumi(["preview", "--policy-pack", POLICY_PACK]);
            assert.notStrictEqual(r.code, 0, r.stdout);
            assert.deepStrictEqual(violationsShown(r.stdout), ALL_VIOLATIONS, r.stdout);
            for (const [rule, text] of [
                [
                    "job-results-cmk",
                    /FraudsterRegistrationJob "q3-fraudsters": outputDataConfig\.kmsKeyId is not set.*Fix: set outputDataConfig\.kmsKeyId/,
                ],
                [
                    "no-register-as-new",
                    /FraudsterRegistrationJob "q3-fraudsters": registrationConfig\.duplicateRegistrationAction is REGISTER_AS_NEW.*Fix: use SKIP/,
                ],
                [
                    "similarity-threshold-floor",
                    /FraudsterRegistrationJob "q3-fraudsters": registrationConfig\.fraudsterSimilarityThreshold is 40, below the floor of 70.*Fix:/,
                ],
                [
                    "enrollment-fraud-detection",
                    /SpeakerEnrollmentJob "customers": enrollmentConfig\.fraudDetectionConfig\.fraudDetectionAction is IGNORE.*Fix: set it to FAIL/,
                ],
                [
                    "domain-cmk",
                    /VoiceIdDomain "fraud": serverSideEncryptionConfiguration\.kmsKeyId names an AWS managed key \(alias\/aws\/connect\).*Fix:/,
                ],
                [
                    "delete-on-destroy",
                    /FraudsterRegistrationJob "q3-fraudsters": deleteFraudstersOnDestroy is true.*Fix: set the resource option protect: true/,
                ],
            ] as const) {
                assert.match(r.stdout, text, `${rule}\n${r.stdout}`);
            }

            // The same preview as the engine's JSON event stream: plan-summary lists every violation.
            const json = await program.pulumi(["preview", "--json", "--policy-pack", POLICY_PACK], {
                PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "1",
            });
            assert.notStrictEqual(json.code, 0, json.stderr);
            const stream = normalizePreview(withoutDebugEvents(json.stdout), program, {
                [domainId]: "<domainId>",
                [reg.roleArn]: "<roleArn>",
                [enr.roleArn]: "<enrollmentRoleArn>",
            });
            if (process.env.UPDATE_PLAN_GOLDENS === "1")
                fs.writeFileSync(path.join(repoRoot, "tests", "fixtures", "plan", "policy.json"), stream);
            const md = summarize(parsePreview(json.stdout));
            assert.match(md, /### Policy violations: 4 mandatory, 3 advisory/, md);
            for (const v of ALL_VIOLATIONS) {
                const [level, rule, name] = v.split(" ");
                assert.match(md, new RegExp(`- \\*\\*${level}\\*\\* \`${rule}\` on \`${name}\``), md);
            }
        } finally {
            await program.dispose();
        }
    });

    it("both hosts of the pack through the engine: the folder form's (@pulumi/policy) and the executable's print the same Policies section", async () => {
        const program = await TestProgram.create({
            name: "policy-hosts",
            source: dynamicSource(domainId, reg, enr, { violate: true }),
            env: stack.env,
        });
        try {
            const policies = async (pack: string) => {
                const r = await program.pulumi(["preview", "--policy-pack", pack]);
                assert.notStrictEqual(r.code, 0, r.stdout);
                const section = r.stdout.slice(r.stdout.indexOf("Policies:"));
                // The CLI names the pack by its path (`(local: <path>)`), which differs.
                return section.slice(0, section.search(/\n\S/) + 1).replace(/\(local: [^)]*\)/g, "(local)");
            };
            const sdk = await policies(
                path.join(repoRoot, "tests", "fixtures", "policy", "pulumi-analyzer-voiceid-sdk"),
            );
            assert.match(sdk, /voiceid-job-results-cmk/, sdk);
            assert.match(sdk, /Fix: set outputDataConfig\.kmsKeyId/, sdk);
            assert.strictEqual(violationsShown(sdk).length, ALL_VIOLATIONS.length, sdk);
            assert.strictEqual(await policies(POLICY_PACK), sdk);
        } finally {
            await program.dispose();
        }
    });

    it("dynamic form: the same resources satisfying every rule preview without a violation", async () => {
        const program = await TestProgram.create({
            name: "policy-satisfy",
            source: dynamicSource(domainId, reg, enr, { violate: false }),
            env: stack.env,
        });
        try {
            const r = await program.pulumi(["preview", "--policy-pack", POLICY_PACK]);
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.deepStrictEqual(violationsShown(r.stdout), [], r.stdout);
            assert.match(r.stdout, /voiceid@v\d+\.\d+\.\d+/, "the pack ran");
        } finally {
            await program.dispose();
        }
    });

    it("--policy-pack-config: levels changed, REGISTER_AS_NEW allowed for the job, a lower floor, acknowledged deletion", async () => {
        const program = await TestProgram.create({
            name: "policy-config",
            source: dynamicSource(domainId, reg, enr, { violate: true }),
            env: stack.env,
        });
        try {
            const config = writePolicyConfig(program.dir, {
                "voiceid-job-results-cmk": "advisory",
                "voiceid-domain-cmk": { enforcementLevel: "disabled" },
                "voiceid-no-register-as-new": { allowedJobs: ["q3-fraudsters"] },
                "voiceid-similarity-threshold-floor": { minimum: 40 },
                "voiceid-delete-on-destroy-acknowledged": { acknowledgedJobs: ["*"] },
                "voiceid-enrollment-fraud-detection": { enforcementLevel: "mandatory", maximumRiskThreshold: 40 },
            });
            let r = await program.pulumi(["preview", "--policy-pack", POLICY_PACK, "--policy-pack-config", config]);
            assert.notStrictEqual(r.code, 0, r.stdout);
            assert.deepStrictEqual(
                violationsShown(r.stdout),
                [
                    "advisory voiceid-job-results-cmk customers",
                    "advisory voiceid-job-results-cmk q3-fraudsters",
                    "mandatory voiceid-enrollment-fraud-detection customers",
                    "mandatory voiceid-enrollment-fraud-detection customers",
                ],
                r.stdout,
            );
            assert.match(r.stdout, /riskThreshold is 50, above the configured ceiling of 40/, r.stdout);

            // Everything advisory: the preview passes and still lists them.
            fs.writeFileSync(config, JSON.stringify({ all: "advisory" }));
            r = await program.pulumi(["preview", "--policy-pack", POLICY_PACK, "--policy-pack-config", config]);
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.deepStrictEqual(
                violationsShown(r.stdout),
                ALL_VIOLATIONS.map((v) => v.replace(/^mandatory/, "advisory")).sort(),
                r.stdout,
            );
        } finally {
            await program.dispose();
        }
    });

    it("--policy-pack-config outside a rule's schema: the engine refuses it before the preview, naming the rule and the setting", async () => {
        const program = await TestProgram.create({
            name: "policy-bad-config",
            source: dynamicSource(domainId, reg, enr, { violate: false }),
            env: stack.env,
        });
        try {
            // The engine checks the config against the schemas GetAnalyzerInfo gave it, then calls Configure.
            const config = writePolicyConfig(program.dir, {
                "voiceid-similarity-threshold-floor": { minimum: 200 },
                "voiceid-no-register-as-new": { allowedJobs: "q3-fraudsters" },
            });
            const r = await program.pulumi(["preview", "--policy-pack", POLICY_PACK, "--policy-pack-config", config]);
            assert.notStrictEqual(r.code, 0, r.stdout);
            const out = r.stdout + r.stderr;
            assert.match(
                out,
                /validating policy config: voiceid \S+\s+voiceid-similarity-threshold-floor: minimum: Must be less than or equal to 100/,
                out,
            );
            assert.match(
                out,
                /voiceid-no-register-as-new: allowedJobs: Invalid type\. Expected: array, given: string/,
                out,
            );
            assert.doesNotMatch(out, /Resources:/, "no preview ran");
        } finally {
            await program.dispose();
        }
    });

    it("native form (YAML, voiceid:index:*): the same rules, violated then satisfied", async () => {
        const extra = (violate: boolean) =>
            violate
                ? ["registrationConfig: { duplicateRegistrationAction: REGISTER_AS_NEW }"]
                : ["registrationConfig: { duplicateRegistrationAction: SKIP }"];
        const yaml = (violate: boolean) => (project: string) => {
            const job = registrationJobBlock("job", domainId, reg, extra(violate));
            return `${yamlHeader(project)}resources:\n${violate ? job : job.replace(`outputDataConfig: { s3Uri: "${reg.outputUri}" }`, `outputDataConfig: { s3Uri: "${reg.outputUri}", kmsKeyId: "${reg.kmsKeyArn}" }`)}`;
        };
        const program = await yamlProgram({ name: "policy-native", yaml: yaml(true), env: stack.env });
        try {
            let r = await program.pulumi(["preview", "--policy-pack", POLICY_PACK]);
            assert.notStrictEqual(r.code, 0, r.stdout);
            assert.deepStrictEqual(
                violationsShown(r.stdout),
                ["mandatory voiceid-job-results-cmk job", "mandatory voiceid-no-register-as-new job"],
                r.stdout,
            );
            assert.match(r.stdout, /voiceid:index:FraudsterRegistrationJob: job/, r.stdout);
            fs.writeFileSync(path.join(program.dir, "Pulumi.yaml"), yaml(false)(program.project));
            r = await program.pulumi(["preview", "--policy-pack", POLICY_PACK]);
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.deepStrictEqual(violationsShown(r.stdout), [], r.stdout);
        } finally {
            await program.dispose();
        }
    });
});
