import * as assert from "assert";
import { manifestAudioUris } from "../../../provider/batchJob/manifest";

describe("jobs/manifest verification (parsing)", () => {
    const doc = (requests: unknown, version = "1.0") =>
        JSON.stringify({ Version: version, FraudsterRegistrationRequests: requests });

    it("lists the audio objects of a manifest, each once", () => {
        const r = manifestAudioUris(
            doc([
                {
                    RequestId: "a",
                    AudioSpecifications: [
                        { S3Uri: "s3://b/a.wav", ChannelId: 0 },
                        { S3Uri: "s3://b/shared.wav", ChannelId: 1 },
                    ],
                },
                { RequestId: "b", AudioSpecifications: [{ S3Uri: "s3://b/shared.wav", ChannelId: 0 }] },
            ]),
        );
        assert.deepStrictEqual(r, { uris: ["s3://b/a.wav", "s3://b/shared.wav"], requests: 2 });
    });

    it("says why a document is not a manifest", () => {
        const reasons: [string, RegExp][] = [
            ["{not json", /not valid JSON/],
            ["[]", /not a JSON object/],
            [doc([{ RequestId: "a", AudioSpecifications: [{ S3Uri: "s3://b/a.wav" }] }], "2.0"), /Version "2\.0"/],
            [doc([]), /no FraudsterRegistrationRequests/],
            [doc([{ RequestId: "a" }]), /\[0\] has no AudioSpecifications/],
            [
                doc([{ RequestId: "a", AudioSpecifications: [{ S3Uri: "s3://bucket-only" }] }]),
                /AudioSpecifications\[0\]\.S3Uri is not an s3:\/\/ object URI/,
            ],
        ];
        for (const [text, rule] of reasons) {
            const r = manifestAudioUris(text);
            assert.ok("reason" in r, text);
            assert.match(r.reason, rule);
        }
    });
});
