/**
 * The documents the components generate are real policy documents: moto's IAM (which parses and
 * validates policy grammar: version, elements, actions, resource ARNs, condition operators)
 * accepts the trust policy as a role's AssumeRolePolicyDocument and the permissions policy as an
 * inline role policy and a managed policy. Negative controls prove the validation is active.
 * @module
 */
import * as assert from "assert";
import {
    CreatePolicyCommand,
    CreateRoleCommand,
    GetRolePolicyCommand,
    IAMClient,
    PutRolePolicyCommand,
    UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateKeyCommand, GetKeyPolicyCommand, KMSClient } from "@aws-sdk/client-kms";
import {
    buildDataAccessPolicy,
    buildDomainKeyPolicy,
    buildOutputKeyPolicy,
    buildTrustPolicy,
} from "../../../provider/components/policies";
import { DATA_ACCESS_INPUT, DOMAIN_ID, OUTPUT_URI, ROLE_ARN, SCOPE } from "../../unit/components/fixtures";
import { MotoServer, startMoto } from "../../support/localStack";

describe("components/policies accepted by IAM (moto)", function () {
    this.timeout(120000);
    let moto: MotoServer;
    let iam: IAMClient;
    let kms: KMSClient;

    before(async () => {
        moto = await startMoto();
        const config = {
            endpoint: moto.endpoint,
            region: "us-east-1",
            credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
        };
        iam = new IAMClient(config);
        kms = new KMSClient({ ...config, region: SCOPE.region });
    });
    after(async () => {
        iam?.destroy();
        kms?.destroy();
        await moto?.stop();
    });

    const trustPolicies = {
        "with domain": JSON.stringify(buildTrustPolicy({ scope: SCOPE, domainId: DOMAIN_ID })),
        "without domain": JSON.stringify(buildTrustPolicy({ scope: SCOPE })),
    };
    for (const [what, trust] of Object.entries(trustPolicies)) {
        it(`accepts the trust policy ${what}`, async () => {
            const roleName = `voiceid-${what.replace(/\W+/g, "-")}`;
            await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trust }));
            // moto validates trust documents on UpdateAssumeRolePolicy.
            await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: trust }));
        });
    }

    it("accepts the permissions policy inline and as a managed policy", async () => {
        const policy = JSON.stringify(buildDataAccessPolicy(DATA_ACCESS_INPUT));
        const trust = trustPolicies["with domain"];
        await iam.send(new CreateRoleCommand({ RoleName: "voiceid-permissions", AssumeRolePolicyDocument: trust }));
        await iam.send(
            new PutRolePolicyCommand({
                RoleName: "voiceid-permissions",
                PolicyName: "voiceid-data-access",
                PolicyDocument: policy,
            }),
        );
        const stored = await iam.send(
            new GetRolePolicyCommand({ RoleName: "voiceid-permissions", PolicyName: "voiceid-data-access" }),
        );
        assert.deepStrictEqual(JSON.parse(decodeURIComponent(stored.PolicyDocument!)), JSON.parse(policy));
        await iam.send(new CreatePolicyCommand({ PolicyName: "voiceid-data-access", PolicyDocument: policy }));
    });

    it("accepts the minimal permissions policy (no keys, bucket-wide output)", async () => {
        const policy = JSON.stringify(
            buildDataAccessPolicy({
                scope: SCOPE,
                inputS3Uris: ["s3://in-bucket/m.json"],
                outputS3Uri: "s3://out-bucket",
            }),
        );
        await iam.send(new CreatePolicyCommand({ PolicyName: "voiceid-minimal", PolicyDocument: policy }));
    });

    const keyPolicies = {
        "output key (IAM-delegated readers)": buildOutputKeyPolicy({
            scope: SCOPE,
            dataAccessRoleArns: [ROLE_ARN],
            outputS3Uri: OUTPUT_URI,
        }),
        "output key (named readers and administrators)": buildOutputKeyPolicy({
            scope: SCOPE,
            dataAccessRoleArns: [ROLE_ARN],
            outputS3Uri: OUTPUT_URI,
            resultsReaders: ["arn:aws:iam::111122223333:role/analyst-*"],
            keyAdministrators: ["arn:aws:iam::111122223333:role/admin"],
        }),
        "domain key": buildDomainKeyPolicy({ scope: SCOPE }),
        "domain key (named users)": buildDomainKeyPolicy({
            scope: SCOPE,
            keyUsers: ["arn:aws:iam::111122223333:role/connect-*"],
        }),
    };
    for (const [what, doc] of Object.entries(keyPolicies)) {
        it(`checks the ${what} policy's grammar and stores it on a KMS key`, async () => {
            const keyPolicy = JSON.stringify(doc);
            // moto's IAM grammar validator (unlike real IAM) tolerates Principal in managed policies,
            // which lets it check actions, resources and condition operators of the key policy.
            await iam.send(
                new CreatePolicyCommand({
                    PolicyName: `voiceid-key-${what.replace(/\W+/g, "-")}`,
                    PolicyDocument: keyPolicy,
                }),
            );
            const key = await kms.send(
                new CreateKeyCommand({ Policy: keyPolicy, KeyUsage: "ENCRYPT_DECRYPT", KeySpec: "SYMMETRIC_DEFAULT" }),
            );
            const stored = await kms.send(
                new GetKeyPolicyCommand({ KeyId: key.KeyMetadata!.KeyId!, PolicyName: "default" }),
            );
            assert.deepStrictEqual(JSON.parse(stored.Policy!), doc);
        });
    }

    describe("negative controls: moto really validates", () => {
        it("rejects a trust policy with a Resource", async () => {
            const bad = JSON.parse(trustPolicies["with domain"]);
            bad.Statement[0].Resource = "*";
            await assert.rejects(
                iam.send(
                    new UpdateAssumeRolePolicyCommand({
                        RoleName: "voiceid-with-domain",
                        PolicyDocument: JSON.stringify(bad),
                    }),
                ),
                /Has prohibited field Resource/,
            );
        });

        it("rejects a permissions policy with an unknown condition operator", async () => {
            const bad = buildDataAccessPolicy(DATA_ACCESS_INPUT);
            bad.Statement[3].Condition = { StringEqualz: { "kms:ViaService": "s3.eu-west-2.amazonaws.com" } };
            await assert.rejects(
                iam.send(
                    new PutRolePolicyCommand({
                        RoleName: "voiceid-permissions",
                        PolicyName: "bad",
                        PolicyDocument: JSON.stringify(bad),
                    }),
                ),
                (e: Error) => /^MalformedPolicyDocument/.test(e.name) && /Syntax errors in policy/.test(e.message),
            );
        });

        it("rejects a key policy with an unknown condition operator", async () => {
            const bad = buildDomainKeyPolicy({ scope: SCOPE });
            bad.Statement[2].Condition = { Boolean: { "kms:GrantIsForAWSResource": "true" } };
            await assert.rejects(
                iam.send(
                    new CreatePolicyCommand({ PolicyName: "voiceid-bad-key", PolicyDocument: JSON.stringify(bad) }),
                ),
                (e: Error) => /^MalformedPolicyDocument/.test(e.name),
            );
        });

        it("rejects a permissions policy without resources", async () => {
            const bad: any = buildDataAccessPolicy(DATA_ACCESS_INPUT);
            delete bad.Statement[0].Resource;
            await assert.rejects(
                iam.send(new CreatePolicyCommand({ PolicyName: "voiceid-bad", PolicyDocument: JSON.stringify(bad) })),
                /Policy statement must contain resources/,
            );
        });
    });
});
