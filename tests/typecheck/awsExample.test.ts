/**
 * Keeps examples/aws from drifting from the package's API: type-checks the example against the
 * package sources, then runs its program under Pulumi mocks and checks what it declares.
 *
 * The example imports `pulumi-voiceid` by package name, as users do. The root build must not
 * compile it (resolving that name there would pull the build's own output back in as input), so
 * this test type-checks it with `pulumi-voiceid` mapped to provider/index.ts, and transpiles it
 * into bin/examples/aws/, where `require("pulumi-voiceid")` resolves to the built package
 * (package self-reference).
 * @module
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { repoRoot } from "../support/repo";
import { ComponentMocks, installMocks, mockKeyArn, valueOf } from "../unit/components/mocks";

const exampleDir = path.join(repoRoot, "examples", "aws");
const exampleFiles = ["index.ts", "program.ts"].map((f) => path.join(exampleDir, f));

/** Type errors in the example's own files (other files are the package's tests' business). */
function typeCheckExample(): string[] {
    const program = ts.createProgram(exampleFiles, {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node"],
        baseUrl: repoRoot,
        paths: { "pulumi-voiceid": ["provider/index.ts"] },
    });
    return ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file && exampleFiles.includes(path.resolve(d.file.fileName)))
        .map((d) => {
            const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
            return `${path.relative(repoRoot, d.file!.fileName)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
        });
}

/** Transpiles program.ts into bin/examples/aws/ and loads it. */
function loadExampleProgram(): { awsExample: (config: any) => Record<string, any> } {
    const out = path.join(repoRoot, "bin", "examples", "aws", "program.js");
    const source = fs.readFileSync(path.join(exampleDir, "program.ts"), "utf8");
    const js = ts.transpileModule(source, {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true },
        fileName: "program.ts",
    }).outputText;
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, js);
    delete require.cache[out];
    return require(out);
}

const DOMAIN_ID = "AbCdEfGhIjKlMnOpQrStUv";
const JOB_TYPE = "pulumi-nodejs:dynamic/voiceid:FraudsterRegistrationJob";

describe("examples/aws (mocks)", function () {
    this.timeout(60000);
    let mocks: ComponentMocks;
    let outputs: Record<string, any>;

    it("type-checks against the package's API", () => {
        assert.deepStrictEqual(typeCheckExample(), []);
    });

    describe("program under mocks", () => {
        before(async () => {
            mocks = await installMocks();
            outputs = loadExampleProgram().awsExample({
                domainId: DOMAIN_ID,
                audioBucket: "voiceid-recordings",
                fraudsters: { "fraudster-0001": ["calls/1a.wav", "calls/1b.wav"], "fraudster-0002": ["calls/2.wav"] },
                audioKmsKeyArn: "arn:aws:kms:eu-west-2:111122223333:key/11111111-2222-3333-4444-555555555555",
            });
            await Promise.all(Object.values(outputs).map((o) => valueOf(o).catch(() => undefined)));
            await valueOf(outputs.dataAccessRoleArn);
        });

        it("declares the workspace bucket, manifest, key, role and job", () => {
            const declared = mocks.resources.map((r) => `${r.type}::${r.name}`).sort();
            assert.deepStrictEqual(
                declared,
                [
                    "aws:iam/role:Role::voiceid-data-access",
                    "aws:iam/rolePolicy:RolePolicy::voiceid-data-access",
                    "aws:kms/alias:Alias::voiceid-results",
                    "aws:kms/key:Key::voiceid-results",
                    "aws:s3/bucket:Bucket::voiceid-workspace",
                    "aws:s3/bucketObjectv2:BucketObjectv2::fraudsters",
                    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock::voiceid-workspace",
                    `${JOB_TYPE}::register-fraudsters`,
                    "voiceid:components:FraudsterRegistrationManifest::fraudsters",
                    "voiceid:components:VoiceIdDataAccessRole::voiceid-data-access",
                    "voiceid:components:VoiceIdOutputKey::voiceid-results",
                ].sort(),
            );
        });

        it("wires the job to the manifest, the role, the results folder and the key", async () => {
            const job = mocks.get(JOB_TYPE, "register-fraudsters").inputs;
            const manifestUri = await valueOf<string>(outputs.manifestS3Uri);
            assert.match(manifestUri, /^s3:\/\/voiceid-workspace-1234567\/manifests\/fraudsters-[0-9a-f]{16}\.json$/);
            assert.strictEqual(job.domainId, DOMAIN_ID);
            assert.strictEqual(
                job.dataAccessRoleArn,
                "arn:aws:iam::111122223333:role/voiceid-test-voiceid-data-access",
            );
            assert.deepStrictEqual(job.inputDataConfig, { s3Uri: manifestUri });
            assert.deepStrictEqual(job.outputDataConfig, {
                s3Uri: "s3://voiceid-workspace-1234567/results",
                kmsKeyId: mockKeyArn("voiceid-results"),
            });
            assert.deepStrictEqual(job.registrationConfig, {
                duplicateRegistrationAction: "SKIP",
                fraudsterSimilarityThreshold: 90,
            });
        });

        it("grants the role exactly the manifest, the recordings, the results folder and the keys", async () => {
            const policy = JSON.parse(mocks.get("aws:iam/rolePolicy:RolePolicy", "voiceid-data-access").inputs.policy);
            const manifestKey = (await valueOf<string>(outputs.manifestS3Uri)).slice("s3://".length);
            assert.deepStrictEqual(
                policy.Statement.map((s: any) => [s.Sid, s.Action, s.Resource]),
                [
                    [
                        "ReadRegistrationInputs",
                        "s3:GetObject",
                        [
                            `arn:aws:s3:::${manifestKey}`,
                            "arn:aws:s3:::voiceid-recordings/calls/1a.wav",
                            "arn:aws:s3:::voiceid-recordings/calls/1b.wav",
                            "arn:aws:s3:::voiceid-recordings/calls/2.wav",
                        ].sort(),
                    ],
                    ["WriteRegistrationResults", "s3:PutObject", "arn:aws:s3:::voiceid-workspace-1234567/results/*"],
                    [
                        "DecryptInputsThroughS3",
                        "kms:Decrypt",
                        "arn:aws:kms:eu-west-2:111122223333:key/11111111-2222-3333-4444-555555555555",
                    ],
                    ["EncryptResultsThroughS3", ["kms:Decrypt", "kms:GenerateDataKey"], mockKeyArn("voiceid-results")],
                ],
            );
            const keyPolicy = JSON.parse(mocks.get("aws:kms/key:Key", "voiceid-results").inputs.policy);
            assert.deepStrictEqual(keyPolicy.Statement[1].Condition.ArnEquals, {
                "aws:PrincipalArn": "arn:aws:iam::111122223333:role/voiceid-test-voiceid-data-access",
            });
            // The key is tied to the workspace bucket's results folder, for the role and the readers alike.
            for (const s of keyPolicy.Statement.slice(1)) {
                assert.deepStrictEqual(s.Condition.StringLike, {
                    "kms:EncryptionContext:aws:s3:arn": [
                        "arn:aws:s3:::voiceid-workspace-1234567",
                        "arn:aws:s3:::voiceid-workspace-1234567/results/*",
                    ],
                });
            }
        });

        it("writes the manifest for the configured fraudsters", () => {
            const obj = mocks.get("aws:s3/bucketObjectv2:BucketObjectv2", "fraudsters").inputs;
            assert.deepStrictEqual(JSON.parse(obj.content), {
                Version: "1.0",
                FraudsterRegistrationRequests: [
                    {
                        RequestId: "fraudster-0001",
                        AudioSpecifications: [
                            { S3Uri: "s3://voiceid-recordings/calls/1a.wav", ChannelId: 0 },
                            { S3Uri: "s3://voiceid-recordings/calls/1b.wav", ChannelId: 0 },
                        ],
                    },
                    {
                        RequestId: "fraudster-0002",
                        AudioSpecifications: [{ S3Uri: "s3://voiceid-recordings/calls/2.wav", ChannelId: 0 }],
                    },
                ],
            });
        });
    });
});
