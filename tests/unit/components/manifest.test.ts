import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import {
    FraudsterRegistrationManifest,
    FraudsterRegistrationRequest,
    VoiceIdDataAccessRole,
    VoiceIdOutputKey,
} from "../../../provider/components";
import { ComponentMocks, installMocks, installMocksForSuite, isKnown, unknownOutput, urnOf, valueOf } from "./mocks";

const OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";

const REQUESTS: FraudsterRegistrationRequest[] = [
    { requestId: "fraudster-1", audio: [{ s3Uri: "s3://voiceid-audio/calls/a.wav", channelId: 0 }] },
    {
        requestId: "fraudster-2",
        audio: [
            { s3Uri: "s3://voiceid-audio/calls/b.wav", channelId: 1 },
            { s3Uri: "s3://voiceid-audio/calls/a.wav", channelId: 1 },
        ],
    },
];

const EXPECTED_CONTENT = `{
  "Version": "1.0",
  "FraudsterRegistrationRequests": [
    {
      "RequestId": "fraudster-1",
      "AudioSpecifications": [
        {
          "S3Uri": "s3://voiceid-audio/calls/a.wav",
          "ChannelId": 0
        }
      ]
    },
    {
      "RequestId": "fraudster-2",
      "AudioSpecifications": [
        {
          "S3Uri": "s3://voiceid-audio/calls/b.wav",
          "ChannelId": 1
        },
        {
          "S3Uri": "s3://voiceid-audio/calls/a.wav",
          "ChannelId": 1
        }
      ]
    }
  ]
}
`;
const EXPECTED_HASH = createHash("sha256").update(EXPECTED_CONTENT).digest("hex").slice(0, 16);

function audio(n: number, channelId = 0) {
    return Array.from({ length: n }, (_, i) => ({ s3Uri: `s3://voiceid-audio/calls/${i}.wav`, channelId }));
}

describe("components/FraudsterRegistrationManifest (mocks)", () => {
    let mocks: ComponentMocks;
    installMocksForSuite((m) => (mocks = m));

    it("writes the manifest JSON under a key holding its content hash and outputs its S3 URI", async () => {
        const m = new FraudsterRegistrationManifest("fraudsters", { bucket: "voiceid-inputs", requests: REQUESTS });
        const key = `voiceid/manifests/fraudsters-${EXPECTED_HASH}.json`;
        assert.strictEqual(await valueOf(m.s3Uri), `s3://voiceid-inputs/${key}`);
        assert.strictEqual(await valueOf(m.content), EXPECTED_CONTENT);
        assert.strictEqual(await valueOf(m.contentHash), EXPECTED_HASH);
        assert.deepStrictEqual(await valueOf(m.audioS3Uris), [
            "s3://voiceid-audio/calls/a.wav",
            "s3://voiceid-audio/calls/b.wav",
        ]);
        assert.strictEqual(await valueOf(m.requestCount), 2);

        const obj = mocks.get(OBJECT, "fraudsters");
        assert.deepStrictEqual(obj.inputs, {
            bucket: "voiceid-inputs",
            key,
            content: EXPECTED_CONTENT,
            contentType: "application/json",
        });
        assert.match(
            await urnOf(m.object),
            /::voiceid:components:FraudsterRegistrationManifest\$aws:s3\/bucketObjectv2:BucketObjectv2::fraudsters$/,
        );
        const deps = (await (m.s3Uri as any).allResources()) as Set<unknown>;
        assert.ok(deps.has(m.object), "s3Uri resolves only once the object is written");
    });

    it("gives a changed manifest a new URI and an unchanged one the same URI", async () => {
        const same = new FraudsterRegistrationManifest("same", {
            bucket: "b-1",
            requests: REQUESTS,
            fileName: "fraudsters",
        });
        const changed = new FraudsterRegistrationManifest("changed", {
            bucket: "b-1",
            fileName: "fraudsters",
            requests: [
                REQUESTS[0],
                { ...REQUESTS[1], audio: [{ s3Uri: "s3://voiceid-audio/calls/b.wav", channelId: 0 }] },
            ],
        });
        assert.strictEqual(await valueOf(same.s3Uri), `s3://b-1/voiceid/manifests/fraudsters-${EXPECTED_HASH}.json`);
        assert.notStrictEqual(await valueOf(changed.s3Uri), await valueOf(same.s3Uri));
    });

    it("encrypts with SSE-KMS when a key is given, and honours keyPrefix", async () => {
        const keyArn = "arn:aws:kms:eu-west-2:111122223333:key/11111111-2222-3333-4444-555555555555";
        const m = new FraudsterRegistrationManifest("enc", {
            bucket: "b-1",
            requests: REQUESTS,
            kmsKeyId: keyArn,
            keyPrefix: "",
        });
        assert.strictEqual(await valueOf(m.key), `enc-${EXPECTED_HASH}.json`);
        const obj = mocks.get(OBJECT, "enc");
        assert.strictEqual(obj.inputs.serverSideEncryption, "aws:kms");
        assert.strictEqual(obj.inputs.kmsKeyId, keyArn);
    });

    it("accepts requests built from outputs and checks them once known", async () => {
        const ok = new FraudsterRegistrationManifest("from-outputs", {
            bucket: pulumi.output("voiceid-inputs"),
            requests: pulumi.output([
                {
                    requestId: pulumi.output("fraudster-1"),
                    audio: [{ s3Uri: pulumi.output("s3://voiceid-audio/calls/a.wav"), channelId: 0 }],
                },
                REQUESTS[1],
            ]),
        });
        assert.strictEqual(await valueOf(ok.content), EXPECTED_CONTENT);
        const bad = new FraudsterRegistrationManifest("late-bad", {
            bucket: "voiceid-inputs",
            requests: [
                REQUESTS[0],
                { requestId: "x", audio: [{ s3Uri: "s3://voiceid-audio/a.wav", channelId: pulumi.output(2) }] },
            ],
        });
        await assert.rejects(valueOf(bad.content), /requests\[1\]\.audio\[0\]\.channelId: must be 0 or 1/);
    });

    describe("preview-time validation", () => {
        const cases: [string, any, RegExp][] = [
            [
                "a bad channel",
                {
                    requests: [
                        REQUESTS[0],
                        REQUESTS[1],
                        { requestId: "r3", audio: [{ s3Uri: "s3://b-1/a.wav", channelId: 2 }] },
                    ],
                },
                /requests\[2\]\.audio\[0\]\.channelId: must be 0 or 1/,
            ],
            [
                "duplicate request ids",
                { requests: [REQUESTS[0], { ...REQUESTS[1], requestId: "fraudster-1" }] },
                /requests\[1\]\.requestId: must be unique: "fraudster-1" is also requests\[0\]\.requestId/,
            ],
            [
                "no audio",
                { requests: [{ requestId: "r", audio: [] }] },
                /requests\[0\]\.audio: must have 1 to 10 items \(got 0\)/,
            ],
            [
                "eleven audio files",
                { requests: [{ requestId: "r", audio: audio(11) }] },
                /requests\[0\]\.audio: must have 1 to 10 items \(got 11\)/,
            ],
            [
                "a bad audio URI",
                { requests: [{ requestId: "r", audio: [{ s3Uri: "s3://B/a.wav", channelId: 0 }] }] },
                /requests\[0\]\.audio\[0\]\.s3Uri: must be an S3 URI s3:\/\/<bucket>\[\/<key>\]/,
            ],
            [
                "a missing channel",
                { requests: [{ requestId: "r", audio: [{ s3Uri: "s3://b-1/a.wav" }] }] },
                /requests\[0\]\.audio\[0\]\.channelId: is required/,
            ],
            [
                "an empty request id",
                { requests: [{ requestId: "", audio: audio(1) }] },
                /requests\[0\]\.requestId: must be a non-empty string/,
            ],
            ["no requests", { requests: [] }, /requests: must not be empty/],
            ["a bad bucket", { bucket: "s3://b-1", requests: REQUESTS }, /bucket: must be an S3 bucket name/],
            [
                "a bad key prefix",
                { requests: REQUESTS, keyPrefix: "/manifests" },
                /keyPrefix: must be empty or a folder ending in \//,
            ],
        ];
        for (const [what, args, message] of cases) {
            it(`rejects ${what}`, () => {
                assert.throws(
                    () => new FraudsterRegistrationManifest("bad", { bucket: "voiceid-inputs", ...args }),
                    (e: Error) =>
                        e.name === "InputValidationError" &&
                        message.test(e.message) &&
                        e.message.startsWith(`voiceid:components:FraudsterRegistrationManifest "bad": invalid inputs:`),
                );
            });
        }
        it("accepts exactly 10 audio files and channel 1", () => {
            assert.doesNotThrow(
                () =>
                    new FraudsterRegistrationManifest("ten", {
                        bucket: "voiceid-inputs",
                        requests: [{ requestId: "r", audio: audio(10, 1) }],
                    }),
            );
        });
    });
});

describe("components in preview: unknown values are skipped, not rejected", () => {
    before(async () => {
        await installMocks(true);
    });
    after(async () => {
        await installMocks(false);
    });

    it("manifest with an audio URI not known yet", async () => {
        const m = new FraudsterRegistrationManifest("unknown-audio", {
            bucket: "voiceid-inputs",
            requests: [
                { requestId: "r", audio: [{ s3Uri: unknownOutput<string>(), channelId: 0 }] },
                { requestId: unknownOutput<string>(), audio: audio(1) },
            ],
        });
        assert.strictEqual(await isKnown(m.s3Uri), false);
    });

    it("data access role with an output folder and a domain not known yet", async () => {
        const r = new VoiceIdDataAccessRole("unknown-output", {
            domainId: unknownOutput<string>(),
            inputS3Uris: ["s3://voiceid-inputs/m.json"],
            outputS3Uri: unknownOutput<string>(),
        });
        assert.strictEqual(await isKnown(r.permissionsPolicy), false);
        assert.strictEqual(await isKnown(r.trustPolicy), false);
    });

    it("output key for a role ARN not known yet", async () => {
        const k = new VoiceIdOutputKey("unknown-role", {
            dataAccessRoleArn: unknownOutput<string>(),
            outputS3Uri: "s3://voiceid-results/r",
        });
        assert.strictEqual(await isKnown(k.keyPolicy), false);
    });
});
