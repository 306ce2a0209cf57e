/**
 * The pack's own analyzer host (`policy/server.ts`, what `pulumi-analyzer-voiceid` runs) against
 * `@pulumi/policy`'s server (what the pack folder runs): both started as processes that print
 * their port, both sent the same gRPC requests in the same order, every answer compared whole
 * (`toObject()` of the response, or the error's code and details).
 *
 * Two packs: the Voice ID pack itself (each rule violated and satisfied, dynamic and native type
 * tokens, unknown values, secrets, `protect`, levels and settings from Configure, a rejected
 * Configure, malformed requests), and a probe pack (tests/support/policyProbe.ts) whose policies
 * report everything a policy can observe (arguments, options, provider, config, stack tags,
 * assets and archives, stack resources with their parents and dependencies) and take every path
 * of the server (unknown values, notApplicable, typed and array validations, the object form of
 * reportViolation, a throwing validation, stack policies).
 *
 * What is normalised, and why: the stack frames in error details (`asGrpcError` appends the
 * error's stack, which names each host's own files); nothing else. Two requests no engine sends
 * are answered differently on purpose and checked apart: a resource, and a policy config, without
 * properties, where `@pulumi/policy` fails on `undefined.toJavaScript()` and our host names the
 * missing field. Not sent to `@pulumi/policy`: a Remediate whose properties cannot be decoded
 * (an unhandled rejection that ends its process).
 * @module
 */
import * as assert from "assert";
import { Answer, RunningAnalyzer, ServedPack, startAnalyzer } from "../../support/analyzers";
import { THROWING_TYPE, TYPED_TYPE } from "../../support/policyProbe";

const pb = require("@pulumi/pulumi/proto/analyzer_pb");
const structpb = require("google-protobuf/google/protobuf/struct_pb");
const emptypb = require("google-protobuf/google/protobuf/empty_pb");

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
/** What the engine sends for a value unknown during preview. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const ASSET = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";

interface Res {
    type: string;
    name: string;
    props?: Record<string, unknown>;
    protect?: boolean;
    /** Every other option set. */
    fullOptions?: boolean;
    /** A provider resource, with an unknown property or without. */
    provider?: "known" | "with-unknown";
    noOptions?: boolean;
    noProps?: boolean;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

const urnOf = (type: string, name: string) => `urn:pulumi:test::proj::${type}::${name}`;

function fill(msg: any, r: Res) {
    msg.setType(r.type);
    msg.setName(r.name);
    msg.setUrn(urnOf(r.type, r.name));
    if (!r.noProps) msg.setProperties(structpb.Struct.fromJavaScript(r.props ?? {}));
    if (!r.noOptions) {
        const o = new pb.AnalyzerResourceOptions();
        o.setProtect(!!r.protect);
        if (r.fullOptions) {
            o.setIgnorechangesList(["tags"]);
            o.setDeletebeforereplace(true);
            o.setDeletebeforereplacedefined(true);
            o.setAdditionalsecretoutputsList(["jobId"]);
            o.setAliasesList([urnOf(r.type, "old-name")]);
            const t = new pb.AnalyzerResourceOptions.CustomTimeouts();
            t.setCreate(60);
            t.setDelete(5.5);
            o.setCustomtimeouts(t);
            o.setParent(urnOf("probe:index:Parent", "parent"));
        }
        msg.setOptions(o);
    }
    if (r.provider) {
        const p = new pb.AnalyzerProviderResource();
        p.setType("pulumi:providers:voiceid");
        p.setName("default");
        p.setUrn(urnOf("pulumi:providers:voiceid", "default"));
        const props = { region: "us-east-1", endpoint: secret("http://x") };
        p.setProperties(structpb.Struct.fromJavaScript(r.provider === "known" ? props : { ...props, token: UNKNOWN }));
        msg.setProvider(p);
    }
    return msg;
}

const analyzeRequest = (r: Res) => fill(new pb.AnalyzeRequest(), r);

function stackRequest(rs: Res[]) {
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList(
        rs.map((r) => {
            const m = fill(new pb.AnalyzerResource(), r);
            if (r.parent) m.setParent(urnOf("probe:index:Parent", r.parent));
            m.setDependenciesList((r.dependencies ?? []).map((d) => urnOf("probe:index:Parent", d)));
            for (const [k, names] of Object.entries(r.propertyDependencies ?? {})) {
                const deps = new pb.AnalyzerPropertyDependencies();
                deps.setUrnsList(names.map((d) => urnOf("probe:index:Parent", d)));
                m.getPropertydependenciesMap().set(k, deps);
            }
            return m;
        }),
    );
    return req;
}

const LEVEL = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 } as const;

function configureRequest(
    config: Record<string, { level: keyof typeof LEVEL | number; props?: Record<string, unknown> }>,
) {
    const req = new pb.ConfigureAnalyzerRequest();
    for (const [name, c] of Object.entries(config)) {
        const pc = new pb.PolicyConfig();
        pc.setEnforcementlevel(typeof c.level === "number" ? c.level : LEVEL[c.level]);
        pc.setProperties(structpb.Struct.fromJavaScript(c.props ?? {}));
        req.getPolicyconfigMap().set(name, pc);
    }
    return req;
}

function stackConfigureRequest(tags: Record<string, string>) {
    const req = new pb.AnalyzerStackConfigureRequest();
    req.setStack("test");
    req.setProject("proj");
    req.setDryRun(true);
    for (const [k, v] of Object.entries(tags)) req.getTagsMap().set(k, v);
    return req;
}

/** Stack frames name each host's own files: everything else of an error must match. */
function normalize(a: Answer): Answer {
    if ("ok" in a) return a;
    return { error: { ...a.error, details: a.error.details.replace(/\n\s+at [^\n]*/g, "") } };
}

const JOB = "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob";
const NATIVE_JOB = "voiceid:index:FraudsterRegistrationJob";
const ENROLL = "pulumi-nodejs:dynamic/voiceid:SpeakerEnrollmentJob";
const DOMAIN = "voiceid:index:VoiceIdDomain";
const CMK = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const trust = (condition?: Record<string, unknown>) =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "voiceid.amazonaws.com" },
                Action: "sts:AssumeRole",
                ...(condition ? { Condition: condition } : {}),
            },
        ],
    });

/** Resources for the Voice ID pack: each rule violated and satisfied, and the preview's unknowns and secrets. */
const VOICEID_RESOURCES: Res[] = [
    {
        type: JOB,
        name: "violates-all",
        props: {
            outputDataConfig: { s3Uri: "s3://b/out" },
            registrationConfig: { duplicateRegistrationAction: "REGISTER_AS_NEW", fraudsterSimilarityThreshold: 40 },
            deleteFraudstersOnDestroy: true,
        },
    },
    {
        type: JOB,
        name: "satisfies-all",
        protect: true,
        props: {
            outputDataConfig: { s3Uri: "s3://b/out", kmsKeyId: CMK },
            registrationConfig: { duplicateRegistrationAction: "SKIP", fraudsterSimilarityThreshold: 90 },
            deleteFraudstersOnDestroy: true,
        },
    },
    {
        type: NATIVE_JOB,
        name: "native-aws-key",
        props: {
            outputDataConfig: { s3Uri: "s3://b/out", kmsKeyId: "alias/aws/s3" },
            registrationConfig: { fraudsterSimilarityThreshold: 69 },
        },
    },
    {
        type: NATIVE_JOB,
        name: "listed-job",
        props: {
            outputDataConfig: { kmsKeyId: secret(CMK) },
            registrationConfig: { duplicateRegistrationAction: "REGISTER_AS_NEW" },
            deleteFraudstersOnDestroy: true,
        },
    },
    {
        type: JOB,
        name: "secret-aws-key",
        props: { outputDataConfig: { kmsKeyId: secret("arn:aws:kms:us-east-1:123456789012:alias/aws/s3") } },
    },
    { type: JOB, name: "unknown-key", props: { outputDataConfig: { s3Uri: "s3://b/out", kmsKeyId: UNKNOWN } } },
    { type: JOB, name: "unknown-config", props: { outputDataConfig: UNKNOWN, registrationConfig: UNKNOWN } },
    {
        type: ENROLL,
        name: "enroll-ignore",
        props: {
            outputDataConfig: { kmsKeyId: CMK },
            enrollmentConfig: { fraudDetectionConfig: { fraudDetectionAction: "IGNORE", riskThreshold: 90 } },
            deleteSpeakersOnDestroy: true,
        },
    },
    {
        type: "voiceid:index:SpeakerEnrollmentJob",
        name: "enroll-ok",
        props: {
            outputDataConfig: { kmsKeyId: CMK },
            enrollmentConfig: { fraudDetectionConfig: { fraudDetectionAction: "FAIL", riskThreshold: 30 } },
        },
    },
    {
        type: DOMAIN,
        name: "domain-aws-key",
        props: { serverSideEncryptionConfiguration: { kmsKeyId: "alias/aws/connect" } },
    },
    { type: "pulumi-nodejs:dynamic/voiceid:VoiceIdDomain", name: "domain-no-key", props: { name: "d" } },
    { type: DOMAIN, name: "domain-unknown-key", props: { serverSideEncryptionConfiguration: { kmsKeyId: UNKNOWN } } },
    { type: DOMAIN, name: "domain-cmk", props: { serverSideEncryptionConfiguration: { kmsKeyId: secret(CMK) } } },
    {
        type: "aws:kms/key:Key",
        name: "rsa-domain-key",
        props: {
            policy: JSON.stringify({ Statement: [{ Principal: { Service: "voiceid.amazonaws.com" } }] }),
            keySpec: "RSA_2048",
            keyUsage: "SIGN_VERIFY",
        },
    },
    { type: "aws:kms/key:Key", name: "other-key", props: { policy: "{}", keySpec: "RSA_2048" } },
    { type: "aws:kms/key:Key", name: "unknown-policy-key", props: { policy: UNKNOWN, keySpec: "RSA_2048" } },
    { type: "aws:iam/role:Role", name: "role-no-conditions", props: { assumeRolePolicy: trust() } },
    {
        type: "aws:iam/role:Role",
        name: "role-one-condition",
        props: {
            assumeRolePolicy: encodeURIComponent(trust({ StringEquals: { "aws:SourceAccount": "123456789012" } })),
        },
    },
    {
        type: "aws:iam/role:Role",
        name: "role-ok",
        props: {
            assumeRolePolicy: trust({
                StringEquals: { "aws:SourceAccount": "123456789012" },
                ArnLike: { "aws:SourceArn": "arn:aws:voiceid:us-east-1:123456789012:domain/*" },
            }),
        },
    },
    { type: "aws:iam/role:Role", name: "role-unknown", props: { assumeRolePolicy: UNKNOWN } },
    { type: "aws:iam/role:Role", name: "role-secret", props: { assumeRolePolicy: secret(trust()) } },
    {
        type: "aws:s3/bucket:Bucket",
        name: "unrelated",
        provider: "with-unknown",
        fullOptions: true,
        props: { bucket: "b" },
    },
    { type: "pulumi:providers:pulumi-nodejs", name: "default", props: {} },
];

/** What the engine sends with no policy config file: each rule's own level and its schema's defaults. */
const DEFAULT_CONFIG = {
    "voiceid-job-results-cmk": { level: "mandatory" as const },
    "voiceid-no-register-as-new": { level: "mandatory" as const, props: { allowedJobs: [] } },
    "voiceid-similarity-threshold-floor": { level: "advisory" as const, props: { minimum: 70 } },
    "voiceid-enrollment-fraud-detection": { level: "advisory" as const },
    "voiceid-domain-cmk": { level: "mandatory" as const },
    "voiceid-role-confused-deputy": { level: "mandatory" as const },
    "voiceid-delete-on-destroy-acknowledged": { level: "advisory" as const, props: { acknowledgedJobs: [] } },
};

/** Starts both hosts of a pack for a suite; `same` sends one request to both and asserts equal answers. */
function bothHosts(pack: ServedPack) {
    const hosts: { sdk?: RunningAnalyzer; ours?: RunningAnalyzer } = {};
    before(async () => {
        [hosts.sdk, hosts.ours] = await Promise.all([startAnalyzer("sdk", pack), startAnalyzer("ours", pack)]);
    });
    after(() => {
        hosts.sdk?.stop();
        hosts.ours?.stop();
    });
    return {
        hosts,
        async same(method: string, request: unknown, label: string): Promise<Answer> {
            const [sdk, ours] = await Promise.all([
                hosts.sdk!.call(method, request),
                hosts.ours!.call(method, request),
            ]);
            assert.deepStrictEqual(normalize(ours), normalize(sdk), `${pack} ${method} ${label}`);
            return sdk;
        },
    };
}

const diagnostics = (a: Answer) => (a as { ok: { diagnosticsList: any[] } }).ok.diagnosticsList;
const messagesOf = (a: Answer) => diagnostics(a).map((d) => `${d.policyname}: ${d.message.split("\n")[1] ?? ""}`);

describe("policy pack: the pack's own analyzer host answers as @pulumi/policy's (same gRPC requests, both servers)", function () {
    this.timeout(120_000);

    describe("the Voice ID pack (the folder's PolicyPack against pulumi-analyzer-voiceid)", () => {
        const { same, hosts } = bothHosts("voiceid");
        const analyzeAll = async (label: string) => {
            const answers: Record<string, Answer> = {};
            for (const r of VOICEID_RESOURCES)
                answers[r.name] = await same("analyze", analyzeRequest(r), `${label} ${r.name}`);
            return answers;
        };

        it("GetAnalyzerInfo, GetPluginInfo and ConfigureStack", async () => {
            const info = (await same("getAnalyzerInfo", new emptypb.Empty(), "")) as { ok: any };
            assert.strictEqual(info.ok.policiesList.length, 7);
            assert.strictEqual(info.ok.supportsconfig, true);
            assert.strictEqual(info.ok.version, require("../../../../policy/package.json").version);
            await same("getPluginInfo", new emptypb.Empty(), "");
            await same("configureStack", stackConfigureRequest({ team: "fraud" }), "");
        });

        it("Analyze before any Configure, then with the engine's default config: every rule violated and satisfied", async () => {
            await analyzeAll("unconfigured");
            await same("configure", configureRequest(DEFAULT_CONFIG), "defaults");
            const a = await analyzeAll("defaults");
            // The comparison is not between two empty answers: the rules fire where they should.
            assert.deepStrictEqual(
                diagnostics(a["violates-all"])
                    .map((d) => d.policyname)
                    .sort(),
                [
                    "voiceid-delete-on-destroy-acknowledged",
                    "voiceid-job-results-cmk",
                    "voiceid-no-register-as-new",
                    "voiceid-similarity-threshold-floor",
                ],
            );
            for (const ok of [
                "satisfies-all",
                "unknown-key",
                "unknown-config",
                "domain-unknown-key",
                "domain-cmk",
                "role-ok",
                "role-unknown",
                "unrelated",
            ])
                assert.deepStrictEqual(diagnostics(a[ok]), [], ok);
            assert.match(messagesOf(a["secret-aws-key"])[0], /names an AWS managed key/);
            assert.strictEqual(diagnostics(a["role-secret"]).length, 1);
            assert.strictEqual(diagnostics(a["rsa-domain-key"]).length, 2);
        });

        it("Configure: tuned settings, a disabled rule, a rule at level remediate (Analyze and Remediate)", async () => {
            await same(
                "configure",
                configureRequest({
                    ...DEFAULT_CONFIG,
                    "voiceid-job-results-cmk": { level: "advisory" },
                    "voiceid-domain-cmk": { level: "disabled" },
                    "voiceid-no-register-as-new": { level: "mandatory", props: { allowedJobs: ["listed-job"] } },
                    "voiceid-similarity-threshold-floor": { level: "mandatory", props: { minimum: 40 } },
                    "voiceid-delete-on-destroy-acknowledged": { level: "advisory", props: { acknowledgedJobs: ["*"] } },
                    "voiceid-enrollment-fraud-detection": { level: "mandatory", props: { maximumRiskThreshold: 60 } },
                    "voiceid-role-confused-deputy": { level: "remediate" },
                }),
                "tuned",
            );
            const a = await analyzeAll("tuned");
            assert.deepStrictEqual(diagnostics(a["listed-job"]), []);
            assert.strictEqual(diagnostics(a["enroll-ignore"]).length, 2);
            assert.strictEqual(diagnostics(a["role-no-conditions"])[0].enforcementlevel, LEVEL.mandatory);
            for (const r of VOICEID_RESOURCES.slice(0, 3).concat(VOICEID_RESOURCES.slice(-3)))
                await same("remediate", analyzeRequest(r), `tuned ${r.name}`);
        });

        it("Configure refused (an unknown enforcement level) keeps the previous config; a value the schema would refuse is the engine's to reject", async () => {
            const refused = await same(
                "configure",
                configureRequest({ "voiceid-job-results-cmk": { level: 7 } }),
                "level 7",
            );
            assert.match(JSON.stringify(refused), /Unknown enforcement level 7/);
            await analyzeAll("after a refused Configure");
            await same(
                "configure",
                configureRequest({
                    ...DEFAULT_CONFIG,
                    "voiceid-similarity-threshold-floor": { level: "advisory", props: { minimum: "high" } },
                }),
                "minimum: high",
            );
            await analyzeAll("minimum: high");
        });

        it("malformed requests: a resource reference, an output value, no options; AnalyzeStack", async () => {
            for (const [label, r] of [
                [
                    "resource reference",
                    {
                        type: JOB,
                        name: "ref",
                        props: { domainId: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "u" } },
                    },
                ],
                [
                    "output value",
                    { type: JOB, name: "out", props: { domainId: { [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4" } } },
                ],
                ["no options", { type: JOB, name: "noopts", noOptions: true, props: {} }],
                ["bad asset", { type: JOB, name: "asset", props: { code: { [SIG]: ASSET } } }],
            ] as [string, Res][]) {
                const a = await same("analyze", analyzeRequest(r), label);
                assert.ok("error" in a, `${label}: ${JSON.stringify(a)}`);
                assert.match(
                    a.error.details,
                    /^Error validating resource with policy 'voiceid-job-results-cmk' from policy pack 'voiceid@v/,
                );
            }
            const stack = await same("analyzeStack", stackRequest(VOICEID_RESOURCES), "the whole stack");
            assert.deepStrictEqual(diagnostics(stack), []);
        });

        it("a resource without properties: both fail naming the policy; ours names the missing field (the one answer that differs on purpose)", async () => {
            const req = analyzeRequest({ type: JOB, name: "noprops", noProps: true });
            const [sdk, ours] = await Promise.all([hosts.sdk!.call("analyze", req), hosts.ours!.call("analyze", req)]);
            const context =
                /^Error validating resource with policy 'voiceid-job-results-cmk' from policy pack 'voiceid@v[^']+':\n/;
            for (const a of [sdk, ours]) {
                assert.ok("error" in a, JSON.stringify(a));
                assert.strictEqual(a.error.code, 2);
                assert.match(a.error.details, context);
            }
            assert.match(
                (sdk as any).error.details,
                /TypeError: Cannot read properties of undefined \(reading 'toJavaScript'\)/,
            );
            assert.match((ours as any).error.details, /Error: AnalyzeRequest\.properties is missing/);
        });

        it("a policy config without properties: both refuse Configure; ours names the policy (differs on purpose too)", async () => {
            const req = new pb.ConfigureAnalyzerRequest();
            const pc = new pb.PolicyConfig();
            pc.setEnforcementlevel(LEVEL.mandatory);
            req.getPolicyconfigMap().set("voiceid-job-results-cmk", pc);
            const [sdk, ours] = await Promise.all([
                hosts.sdk!.call("configure", req),
                hosts.ours!.call("configure", req),
            ]);
            for (const a of [sdk, ours]) assert.ok("error" in a && a.error.code === 2, JSON.stringify(a));
            assert.match(
                (sdk as any).error.details,
                /TypeError: Cannot read properties of undefined \(reading 'toJavaScript'\)/,
            );
            assert.match((ours as any).error.details, /policyConfig\["voiceid-job-results-cmk"\] has no properties/);
        });
    });

    describe("the probe pack (tests/support/policyProbe.ts): everything a policy observes, every path of the server", () => {
        const { same } = bothHosts("probe");
        const archive = {
            [SIG]: ARCHIVE,
            assets: {
                "a.txt": { [SIG]: ASSET, text: "hello" },
                "b.txt": { [SIG]: ASSET, path: "./b.txt" },
                nested: { [SIG]: ARCHIVE, uri: "https://example.com/x.zip" },
            },
        };
        const RESOURCES: Res[] = [
            {
                type: "probe:index:Applicable",
                name: "applicable",
                props: { n: 1, s: "x", b: true, nil: null, list: [1, "two", { three: 3 }] },
            },
            { type: TYPED_TYPE, name: "typed", protect: true, props: {} },
            { type: "probe:index:ByInstance", name: "by-instance", props: {} },
            { type: THROWING_TYPE, name: "thrower", props: {} },
            {
                type: "probe:index:Other",
                name: "full-options",
                fullOptions: true,
                provider: "known",
                props: { x: secret({ y: [secret(1)] }) },
            },
            {
                type: "probe:index:Other",
                name: "assets",
                props: {
                    file: { [SIG]: ASSET, path: "./f.txt" },
                    text: { [SIG]: ASSET, text: "t" },
                    remote: { [SIG]: ASSET, uri: "https://example.com/f" },
                    archive,
                    fileArchive: { [SIG]: ARCHIVE, path: "./dir" },
                },
            },
            { type: "probe:index:Other", name: "unknown-leaf", props: { a: { b: UNKNOWN } } },
            { type: "probe:index:Other", name: "unknown-object", props: { a: UNKNOWN } },
            { type: "probe:index:Other", name: "unknown-list-item", props: { a: { b: [1, UNKNOWN] } } },
            { type: "probe:index:Other", name: "bad-archive", props: { a: { [SIG]: ARCHIVE, assets: { x: 1 } } } },
        ];

        it("GetAnalyzerInfo (every optional field, initial config), GetPluginInfo, ConfigureStack", async () => {
            const info = (await same("getAnalyzerInfo", new emptypb.Empty(), "")) as { ok: any };
            assert.strictEqual(info.ok.initialconfigMap.length, 3);
            await same("getPluginInfo", new emptypb.Empty(), "");
            await same("configureStack", stackConfigureRequest({ team: "fraud", env: "prod" }), "");
        });

        it("Analyze and Remediate unconfigured, then configured (levels, settings, a remediate level)", async () => {
            for (const r of RESOURCES) await same("analyze", analyzeRequest(r), `unconfigured ${r.name}`);
            await same(
                "configure",
                configureRequest({
                    "probe-args": { level: "advisory", props: { limit: 7, names: ["a", "b"] } },
                    "probe-unknown": { level: "mandatory" },
                    "probe-typed": { level: "remediate" },
                    "probe-not-applicable": { level: "disabled" },
                    "probe-stack": { level: "remediate", props: { limit: 1 } },
                }),
                "",
            );
            const answers: Record<string, Answer> = {};
            for (const r of RESOURCES) {
                answers[r.name] = await same("analyze", analyzeRequest(r), `configured ${r.name}`);
                // @pulumi/policy decodes the properties before anything else in Remediate, outside its
                // error handling: an undecodable archive is an unhandled rejection that ends its process.
                if (r.name !== "bad-archive") await same("remediate", analyzeRequest(r), `configured ${r.name}`);
            }
            assert.ok("error" in answers["thrower"] && /boom on thrower/.test(answers["thrower"].error.details));
            assert.match(
                JSON.stringify(answers["unknown-leaf"]),
                /can't run policy 'probe-unknown' from policy pack 'probe@v/,
            );
            assert.match(JSON.stringify(answers["assets"]), /"class\\":\\"AssetArchive/);
            assert.match(JSON.stringify(answers["full-options"]), /deleteBeforeReplace/);
            assert.match(JSON.stringify(answers["full-options"]), /pulumi:providers:voiceid/);
        });

        it("AnalyzeStack: resources with parents, dependencies, property dependencies, providers, unknowns", async () => {
            const stack: Res[] = [
                { type: "probe:index:Parent", name: "parent", props: { p: 1 } },
                { type: "probe:index:Parent", name: "dep", props: { a: { b: "set" } }, parent: "parent" },
                {
                    type: "probe:index:Child",
                    name: "child",
                    provider: "with-unknown",
                    fullOptions: true,
                    parent: "parent",
                    dependencies: ["dep", "missing"],
                    propertyDependencies: { x: ["dep"], y: ["missing"] },
                    props: { x: secret("s") },
                },
            ];
            const a = await same("analyzeStack", stackRequest(stack), "");
            assert.strictEqual(diagnostics(a).length, 2);
            assert.match(JSON.stringify(a), /can't run policy 'probe-stack'.*string value at \.token/);
            await same(
                "analyzeStack",
                stackRequest([...stack, { type: "probe:index:Other", name: "u", props: { a: UNKNOWN } }]),
                "unknown",
            );
            await same("analyzeStack", stackRequest([]), "empty stack");
        });
    });
});
