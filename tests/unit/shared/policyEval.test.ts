import * as assert from "assert";
import {
    Evaluation,
    PENDING,
    PolicyRequest,
    evaluatePolicies,
    policyStatements,
    sameAccountAccess,
    wildcardMatch,
} from "../../../provider/shared/policyEval";
import { buildDataAccessPolicy, buildOutputKeyPolicy, buildTrustPolicy } from "../../../provider/components/policies";

const ROLE = "arn:aws:iam::123456789012:role/voiceid-data";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1111";
const scope = { partition: "aws", accountId: "123456789012", region: "us-east-1", dnsSuffix: "amazonaws.com" };
const viaS3 = {
    "kms:viaservice": "s3.us-east-1.amazonaws.com",
    "kms:calleraccount": "123456789012",
    "kms:encryptioncontext:aws:s3:arn": "arn:aws:s3:::out/results/J/m.json.out",
    "aws:principalarn": ROLE,
};
const decide = (doc: object | string, req: PolicyRequest) => evaluatePolicies(policyStatements(doc), req).decision;
const ev = (decision: Evaluation["decision"]): Evaluation => ({ decision, pending: [], unsupported: [] });

describe("shared/policyEval", () => {
    it("wildcards: * and ? ; actions case-insensitive, ARNs not", () => {
        assert.ok(wildcardMatch("s3:Get*", "s3:getobject", true));
        assert.ok(!wildcardMatch("s3:Get*", "s3:getobject"));
        assert.ok(wildcardMatch("arn:aws:s3:::b/a?c/*", "arn:aws:s3:::b/abc/d/e"));
        assert.ok(!wildcardMatch("arn:aws:s3:::b/x.*", "arn:aws:s3:::b/xy"), "a dot is literal");
    });

    it("reads documents as IAM returns them: URL-encoded, single statement", () => {
        const doc = encodeURIComponent(
            JSON.stringify({
                Version: "2012-10-17",
                Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
            }),
        );
        assert.strictEqual(policyStatements(doc).length, 1);
        assert.throws(() => policyStatements("{}"), /no Statement/);
    });

    it("Allow, Deny wins, NotAction, NotResource, nothing = implicit deny", () => {
        const doc = {
            Statement: [
                { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::in/*" },
                { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" },
                { Effect: "Allow", Action: "kms:Decrypt", NotResource: KEY },
            ],
        };
        const req = (action: string, resource: string) => ({ action, resource, context: {} });
        assert.strictEqual(decide(doc, req("s3:GetObject", "arn:aws:s3:::in/a.wav")), "allowed");
        assert.strictEqual(decide(doc, req("s3:PutObject", "arn:aws:s3:::in/a.wav")), "explicitDeny");
        assert.strictEqual(decide(doc, req("s3:GetObject", "arn:aws:s3:::other/a.wav")), "implicitDeny");
        assert.strictEqual(decide(doc, req("kms:Decrypt", KEY)), "explicitDeny");
    });

    it("conditions: operators, IfExists, negation on a missing key, Null, sets", () => {
        const cond = (Condition: object) => ({
            Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition }],
        });
        const req = (context: PolicyRequest["context"]) => ({ action: "kms:Decrypt", resource: KEY, context });
        assert.strictEqual(
            decide(cond({ StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } }), req(viaS3)),
            "allowed",
        );
        assert.strictEqual(
            decide(cond({ StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } }), req(viaS3)),
            "implicitDeny",
        );
        assert.strictEqual(
            decide(
                cond({ StringLike: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::out/results/*" } }),
                req(viaS3),
            ),
            "allowed",
        );
        assert.strictEqual(
            decide(cond({ ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/*" } }), req(viaS3)),
            "allowed",
            "ArnEquals takes wildcards like ArnLike",
        );
        assert.strictEqual(
            decide(cond({ StringEqualsIgnoreCase: { "kms:ViaService": "S3.US-EAST-1.AMAZONAWS.COM" } }), req(viaS3)),
            "allowed",
        );
        assert.strictEqual(
            decide(
                cond({ StringNotEquals: { "aws:sourceaccount": "999999999999" } }),
                req({ "aws:sourceaccount": null }),
            ),
            "allowed",
            "negated operator, key absent: holds",
        );
        assert.strictEqual(
            decide(cond({ StringEquals: { "aws:sourceaccount": "1" } }), req({ "aws:sourceaccount": null })),
            "implicitDeny",
        );
        assert.strictEqual(
            decide(cond({ StringEqualsIfExists: { "aws:sourceaccount": "1" } }), req({ "aws:sourceaccount": null })),
            "allowed",
        );
        assert.strictEqual(
            decide(cond({ Null: { "aws:sourceaccount": "true" } }), req({ "aws:sourceaccount": null })),
            "allowed",
        );
        assert.strictEqual(
            decide(
                cond({ Bool: { "kms:GrantIsForAWSResource": "true" } }),
                req({ "kms:grantisforawsresource": "true" }),
            ),
            "allowed",
        );
        assert.strictEqual(
            decide(
                cond({ "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": ["aws:s3:arn"] } }),
                req({ "kms:encryptioncontextkeys": ["aws:s3:arn", "x"] }),
            ),
            "allowed",
        );
        assert.strictEqual(
            decide(
                cond({ "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["aws:s3:arn"] } }),
                req({ "kms:encryptioncontextkeys": ["aws:s3:arn", "x"] }),
            ),
            "implicitDeny",
        );
    });

    it("undetermined, never a denial, for what it cannot know; pending keys are named apart", () => {
        const cond = (Condition: object, Effect = "Allow") => ({
            Statement: [
                { Effect: "Allow", Action: "*", Resource: "*" },
                { Effect, Action: "s3:GetObject", Resource: "*", Condition },
            ].slice(Effect === "Deny" ? 0 : 1),
        });
        const req = (context: PolicyRequest["context"] = {}) => ({
            action: "s3:GetObject",
            resource: "arn:aws:s3:::b/k",
            context,
        });
        const unknownKey = evaluatePolicies(
            policyStatements(cond({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })),
            req(),
        );
        assert.deepStrictEqual(
            [unknownKey.decision, unknownKey.unsupported],
            ["undetermined", ["condition operator IpAddress"]],
        );
        assert.strictEqual(
            decide(cond({ StringEquals: { "aws:SourceVpc": "vpc-1" } }), req()),
            "undetermined",
            "a key the caller did not model",
        );
        assert.strictEqual(
            decide(
                cond({ StringEquals: { "aws:PrincipalTag/team": "${aws:username}" } }),
                req({ "aws:principaltag/team": "x" }),
            ),
            "undetermined",
        );
        const pending = evaluatePolicies(
            policyStatements(cond({ ArnLike: { "aws:SourceArn": "arn:aws:voiceid:*" } })),
            req({ "aws:sourcearn": PENDING }),
        );
        assert.deepStrictEqual(
            [pending.decision, pending.pending, pending.unsupported],
            ["undetermined", ["aws:SourceArn"], []],
        );
        assert.strictEqual(
            decide(cond({ StringEquals: { "aws:SourceVpc": "vpc-1" } }, "Deny"), req()),
            "undetermined",
            "a Deny that may apply",
        );
    });

    it("trust policies: the service principal and the confused-deputy conditions", () => {
        const trust = buildTrustPolicy({ scope, domainId: "D".repeat(22) });
        const req = (service: string, sourceArn: string) => ({
            action: "sts:AssumeRole",
            principal: { Service: [service] },
            context: { "aws:sourceaccount": "123456789012", "aws:sourcearn": sourceArn },
        });
        const domainArn = `arn:aws:voiceid:us-east-1:123456789012:domain/${"D".repeat(22)}`;
        assert.strictEqual(decide(trust, req("voiceid.amazonaws.com", domainArn)), "allowed");
        assert.strictEqual(
            decide(trust, req("voiceid.amazonaws.com", domainArn.replace(/D+$/, "E".repeat(22)))),
            "implicitDeny",
        );
        assert.strictEqual(decide(trust, req("ec2.amazonaws.com", domainArn)), "implicitDeny");
        assert.strictEqual(
            decide(
                { Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }] },
                req("voiceid.amazonaws.com", domainArn),
            ),
            "allowed",
        );
    });

    it("the components' data access and output key policies grant exactly the job's accesses", () => {
        const policy = buildDataAccessPolicy({
            scope,
            inputS3Uris: ["s3://in/m.json", "s3://in/audio/"],
            outputS3Uri: "s3://out/results",
            outputKmsKeyArn: KEY,
        });
        const key = buildOutputKeyPolicy({ scope, dataAccessRoleArns: [ROLE], outputS3Uri: "s3://out/results" });
        const identity = (action: string, resource: string, context = {}) =>
            evaluatePolicies(policyStatements(policy), { action, resource, context });
        assert.strictEqual(identity("s3:GetObject", "arn:aws:s3:::in/audio/a.wav").decision, "allowed");
        assert.strictEqual(identity("s3:GetObject", "arn:aws:s3:::in/other.json").decision, "implicitDeny");
        assert.strictEqual(identity("s3:PutObject", "arn:aws:s3:::out/results/J/m.json.out").decision, "allowed");
        assert.strictEqual(identity("kms:GenerateDataKey", KEY, viaS3).decision, "allowed");
        assert.strictEqual(
            identity("kms:GenerateDataKey", KEY, { ...viaS3, "kms:viaservice": "kms.us-east-1.amazonaws.com" })
                .decision,
            "implicitDeny",
            "only through S3",
        );
        const keyAs = (aws: string[], context = viaS3) =>
            evaluatePolicies(policyStatements(key), {
                action: "kms:GenerateDataKey",
                resource: KEY,
                context,
                principal: { AWS: aws },
            });
        const access = sameAccountAccess(
            identity("kms:GenerateDataKey", KEY, viaS3),
            keyAs([ROLE]),
            keyAs(["arn:aws:iam::123456789012:root", "123456789012"]),
            true,
        );
        assert.strictEqual(access.decision, "allowed");
        const otherRole = { ...viaS3, "aws:principalarn": "arn:aws:iam::123456789012:role/other" };
        const denied = sameAccountAccess(
            identity("kms:GenerateDataKey", KEY, otherRole),
            keyAs(["arn:aws:iam::123456789012:role/other"], otherRole),
            keyAs(["arn:aws:iam::123456789012:root"], otherRole),
            true,
        );
        assert.deepStrictEqual([denied.decision, denied.deniedBy], ["implicitDeny", "resource"]);
    });

    it("same-account access: a resource policy naming the principal grants alone; the account's grant needs IAM; KMS needs its key policy", () => {
        assert.strictEqual(
            sameAccountAccess(ev("implicitDeny"), ev("allowed"), ev("implicitDeny"), true).decision,
            "allowed",
        );
        assert.deepStrictEqual(
            sameAccountAccess(ev("implicitDeny"), ev("implicitDeny"), ev("allowed"), true).deniedBy,
            "identity",
        );
        assert.strictEqual(
            sameAccountAccess(ev("allowed"), ev("implicitDeny"), ev("implicitDeny"), false).decision,
            "allowed",
            "S3 without a bucket policy",
        );
        assert.deepStrictEqual(
            sameAccountAccess(ev("allowed"), ev("implicitDeny"), ev("implicitDeny"), true).deniedBy,
            "resource",
        );
        assert.deepStrictEqual(
            sameAccountAccess(ev("allowed"), ev("explicitDeny"), ev("allowed"), false).decision,
            "explicitDeny",
        );
        assert.strictEqual(
            sameAccountAccess(ev("undetermined"), ev("implicitDeny"), ev("allowed"), true).decision,
            "undetermined",
        );
        assert.strictEqual(
            sameAccountAccess(ev("implicitDeny"), ev("implicitDeny"), ev("undetermined"), true).decision,
            "implicitDeny",
            "no grant could come of it",
        );
    });
});
