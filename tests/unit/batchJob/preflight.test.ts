/**
 * The preflight's IAM simulator path (moto has none, so the integration tests cannot reach it)
 * and its reporting, at the provider's SDK seam: nothing is sent.
 * @module
 */
import * as assert from "assert";
import { check } from "../../../provider/jobs/provider";
import { resetPreflightMemo } from "../../../provider/batchJob/preflightCalls";
import { preflightCase, resetPreflightReports } from "../../../provider/batchJob/preflight";
import { fraudsterRegistration } from "../../../provider/jobs/kind";
import { CommandHandlers, ScriptedSdk, sdkError } from "../shared/sdkSeam";

const ROLE = "arn:aws:iam::123456789012:role/voiceid-data";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1111";
const inputs = {
    domainId: "D".repeat(22),
    dataAccessRoleArn: ROLE,
    inputDataConfig: { s3Uri: "s3://input-bucket/m.json" },
    outputDataConfig: { s3Uri: "s3://output-bucket/results", kmsKeyId: "alias/results" },
    region: "us-east-1",
    scope: { project: "p", stack: "s", name: "batch" },
};
const manifest = JSON.stringify({
    Version: "1.0",
    FraudsterRegistrationRequests: [
        { RequestId: "r", AudioSpecifications: [{ S3Uri: "s3://input-bucket/a.wav", ChannelId: 0 }] },
    ],
});
const trust = JSON.stringify({
    Statement: [{ Effect: "Allow", Principal: { Service: "voiceid.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const keyPolicy = JSON.stringify({
    Statement: [
        { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
    ],
});

/** S3, KMS and GetRole answering as for a working job; `simulate` decides per action. */
function world(simulate: (input: any) => unknown): CommandHandlers {
    return {
        GetObjectCommand: () => ({ Body: { transformToString: async () => manifest } }),
        HeadObjectCommand: () => ({}),
        GetBucketPolicyCommand: () => {
            throw sdkError("NoSuchBucketPolicy", 404);
        },
        DescribeKeyCommand: () => ({ KeyMetadata: { Arn: KEY, KeyState: "Enabled", KeyUsage: "ENCRYPT_DECRYPT" } }),
        GetKeyPolicyCommand: () => ({ Policy: keyPolicy }),
        GetRoleCommand: () => ({ Role: { Arn: ROLE, AssumeRolePolicyDocument: encodeURIComponent(trust) } }),
        SimulatePrincipalPolicyCommand: simulate,
    };
}
const results = (input: any, decision: (action: string) => string, missing: string[] = []) => ({
    EvaluationResults: input.ResourceArns.map((r: string) => ({
        EvalActionName: input.ActionNames[0],
        EvalResourceName: r,
        EvalDecision: decision(input.ActionNames[0]),
        MissingContextValues: missing,
    })),
});

describe("batchJob/preflight (IAM simulator path, at the seam)", () => {
    let sdk: ScriptedSdk;
    beforeEach(() => {
        sdk = new ScriptedSdk().install();
        resetPreflightMemo();
        resetPreflightReports();
    });
    afterEach(() => sdk.uninstall());
    const couldNot = () => sdk.lines.filter((l) => /could not check/.test(l));

    it("the simulator's allowed is authoritative: the role's policies are not read", async () => {
        const calls = sdk.script(world((input) => results(input, () => "allowed")));
        assert.deepStrictEqual((await check({}, inputs)).failures, []);
        assert.deepStrictEqual(couldNot(), []);
        const simulated = calls.filter(([c]) => c === "SimulatePrincipalPolicyCommand").map(([, i]) => i);
        // KMS questions are asked for both encryption contexts S3 may give (object, bucket with Bucket Keys).
        assert.deepStrictEqual(simulated.map((i) => i.ActionNames[0]).sort(), [
            "kms:Decrypt",
            "kms:Decrypt",
            "kms:GenerateDataKey",
            "kms:GenerateDataKey",
            "s3:GetObject",
            "s3:PutObject",
        ]);
        const gets = simulated.find((i) => i.ActionNames[0] === "s3:GetObject");
        assert.deepStrictEqual(
            gets.ResourceArns,
            ["arn:aws:s3:::input-bucket/m.json", "arn:aws:s3:::input-bucket/a.wav"],
            "one call for every input object",
        );
        const kms = simulated.find((i) => i.ActionNames[0] === "kms:GenerateDataKey");
        assert.strictEqual(kms.ResourcePolicy, keyPolicy, "the key policy is the resource policy");
        assert.strictEqual(kms.ResourceOwner, "arn:aws:iam::123456789012:root");
        const context = Object.fromEntries(kms.ContextEntries.map((e: any) => [e.ContextKeyName, e.ContextKeyValues]));
        assert.deepStrictEqual(context["kms:viaservice"], ["s3.us-east-1.amazonaws.com"]);
        assert.deepStrictEqual(context["kms:encryptioncontext:aws:s3:arn"], [
            `arn:aws:s3:::output-bucket/results/${"0".repeat(22)}/m.json.out`,
        ]);
        assert.ok(!calls.some(([c]) => c === "ListRolePoliciesCommand"));
    });

    it("a denial by the simulator fails the property, naming the action and the key", async () => {
        sdk.script(world((input) => results(input, (a) => (a === "kms:GenerateDataKey" ? "implicitDeny" : "allowed"))));
        const { failures } = await check({}, inputs);
        assert.deepStrictEqual(
            failures.map((f) => f.property),
            ["outputDataConfig.kmsKeyId"],
        );
        assert.match(
            failures[0].reason,
            new RegExp(`${ROLE} is not allowed kms:GenerateDataKey on the output key ${KEY}`),
        );
    });

    it("a KMS use allowed in one of S3's encryption contexts (S3 Bucket Keys) is allowed", async () => {
        sdk.script(
            world((input) => {
                const context = Object.fromEntries(
                    input.ContextEntries.map((e: any) => [e.ContextKeyName, e.ContextKeyValues[0]]),
                );
                const bucketOnly = context["kms:encryptioncontext:aws:s3:arn"] === "arn:aws:s3:::output-bucket";
                return results(input, (a) => (a.startsWith("kms:") && !bucketOnly ? "implicitDeny" : "allowed"));
            }),
        );
        assert.deepStrictEqual((await check({}, inputs)).failures, []);
    });

    it("missing context values make the simulator's denial undetermined: one line, no failure", async () => {
        sdk.script(
            world((input) =>
                results(input, (a) => (a === "s3:PutObject" ? "implicitDeny" : "allowed"), ["aws:SourceIp"]),
            ),
        );
        assert.deepStrictEqual((await check({}, inputs)).failures, []);
        assert.strictEqual(couldNot().length, 1);
        assert.match(
            couldNot()[0],
            /FraudsterRegistrationJob "batch": preflight could not check whether the data access role may s3:PutObject \(context values IAM's simulator missed\)/,
        );
    });

    it("a simulator the caller may not use falls back to the role's policies, and is not asked again", async () => {
        const policy = JSON.stringify({
            Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "kms:*"], Resource: "*" }],
        });
        const calls = sdk.script({
            ...world(() => {
                throw sdkError("AccessDenied", 403);
            }),
            ListRolePoliciesCommand: () => ({ PolicyNames: ["p"] }),
            GetRolePolicyCommand: () => ({ PolicyDocument: encodeURIComponent(policy) }),
            ListAttachedRolePoliciesCommand: () => ({ AttachedPolicies: [] }),
        });
        assert.deepStrictEqual((await check({}, inputs)).failures, []);
        assert.deepStrictEqual(
            (await check({}, { ...inputs, scope: { ...inputs.scope, name: "batch-2" } })).failures,
            [],
        );
        assert.strictEqual(calls.filter(([c]) => c === "SimulatePrincipalPolicyCommand").length, 1);
        assert.strictEqual(
            calls.filter(([c]) => c === "ListRolePoliciesCommand").length,
            1,
            "the second job's answers come from the memo",
        );
        assert.deepStrictEqual(couldNot(), []);
    });

    it("nothing answering: the check passes and says so once for the resource, naming each check", async () => {
        sdk.script({});
        assert.deepStrictEqual((await check({}, inputs)).failures, []);
        assert.deepStrictEqual((await check({}, inputs)).failures, []);
        assert.strictEqual(couldNot().length, 1, sdk.lines.join("\n"));
        assert.match(
            couldNot()[0],
            /"batch": preflight could not check the manifest and its audio .*; the output KMS key .*; the data access role \(iam:GetRole/,
        );
    });

    it("which check calls judge: create, replacement (the diff's test), import; not an in-place update", () => {
        assert.strictEqual(preflightCase(fraudsterRegistration, {}, inputs), "create");
        assert.strictEqual(preflightCase(fraudsterRegistration, {}, { ...inputs, importId: "x" }), "import");
        assert.strictEqual(preflightCase(fraudsterRegistration, inputs, { ...inputs, timeoutSeconds: 5 }), undefined);
        assert.strictEqual(preflightCase(fraudsterRegistration, inputs, { ...inputs, triggers: [1] }), "replace");
        assert.strictEqual(preflightCase(fraudsterRegistration, inputs, { ...inputs, region: "eu-west-1" }), "replace");
        assert.strictEqual(
            preflightCase(fraudsterRegistration, { ...inputs, importId: "x" }, { ...inputs, importId: "x" }),
            undefined,
            "an adopted job",
        );
        // As in the diff: declaring the region already in effect starts no job; another region does.
        const { region: _r, ...undeclared } = inputs;
        assert.strictEqual(
            preflightCase(fraudsterRegistration, undeclared, inputs, { region: "us-east-1" }),
            undefined,
        );
        assert.strictEqual(
            preflightCase(fraudsterRegistration, undeclared, inputs, { region: "us-west-2" }),
            "replace",
        );
    });
});
