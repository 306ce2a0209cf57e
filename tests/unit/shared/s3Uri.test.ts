import * as assert from "assert";
import { parseS3Uri } from "../../../provider/shared/s3Uri";
import * as policies from "../../../provider/components/policies";

describe("shared/s3Uri", () => {
    it("splits s3://<bucket>[/<key>] at the first slash, keeping the key as written", () => {
        assert.deepStrictEqual(parseS3Uri("s3://out/folder/J1/a.out"), { bucket: "out", key: "folder/J1/a.out" });
        assert.deepStrictEqual(parseS3Uri("s3://b/calls/"), { bucket: "b", key: "calls/" });
        assert.deepStrictEqual(parseS3Uri("s3://b//x"), { bucket: "b", key: "/x" });
        assert.deepStrictEqual(parseS3Uri("s3://b"), { bucket: "b", key: "" });
        assert.deepStrictEqual(parseS3Uri("s3://b/"), { bucket: "b", key: "" });
    });

    it("throws on anything else", () => {
        for (const bad of ["", "s3://", "s3:///key", "S3://b/k", "https://b/k", "b/k", "s3://b/a\nb"]) {
            assert.throws(() => parseS3Uri(bad), /not an S3 URI s3:\/\/<bucket>\[\/<key>\]/, JSON.stringify(bad));
        }
    });

    it("is the one parser: the components' policies re-export it", () => {
        assert.strictEqual(policies.parseS3Uri, parseS3Uri);
    });
});
