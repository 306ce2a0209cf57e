import * as assert from "assert";
import { validateDomainInputs } from "../../../provider/domain/validate";
import { defaultName } from "../../../provider/shared/names";
import { UNKNOWN } from "../../../provider/shared/validation";

const valid = () => ({
    name: "fraud-domain",
    description: "Fraud detection: support line / EU",
    serverSideEncryptionConfiguration: {
        kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    },
    tags: { team: "fraud-ops", "cost-center": "" },
    region: "us-east-1",
    endpoint: "http://127.0.0.1:4567",
    scope: { project: "p", stack: "s", name: "d" },
    __provider: "serialized",
});

/** The property paths that failed. */
const failed = (inputs: Record<string, unknown>) => validateDomainInputs(inputs).map((f) => f.property);

describe("VoiceIdDomain validation", () => {
    it("accepts valid inputs, including the serialized provider", () => {
        assert.deepStrictEqual(validateDomainInputs(valid()), []);
    });

    it("requires a name and the key", () => {
        assert.deepStrictEqual(failed({ ...valid(), name: undefined }), ["name"]);
        assert.deepStrictEqual(failed({ ...valid(), serverSideEncryptionConfiguration: undefined }), [
            "serverSideEncryptionConfiguration",
        ]);
        assert.deepStrictEqual(failed({ ...valid(), serverSideEncryptionConfiguration: {} }), [
            "serverSideEncryptionConfiguration.kmsKeyId",
        ]);
    });

    it("applies the DomainName rules without echoing the name", () => {
        for (const name of ["-starts-with-dash", "has space", "x".repeat(257), "ünïcode"]) {
            const failures = validateDomainInputs({ ...valid(), name });
            assert.deepStrictEqual(
                failures.map((f) => f.property),
                ["name"],
                name,
            );
            assert.ok(
                !failures[0].reason.includes(name),
                `the reason must not echo the sensitive name: ${failures[0].reason}`,
            );
        }
        assert.deepStrictEqual(failed({ ...valid(), name: "a" }), []);
        assert.deepStrictEqual(failed({ ...valid(), name: "A1_b-2" }), []);
    });

    it("applies the Description rules", () => {
        assert.deepStrictEqual(failed({ ...valid(), description: "" }), ["description"]);
        assert.deepStrictEqual(failed({ ...valid(), description: "x".repeat(1025) }), ["description"]);
        assert.deepStrictEqual(failed({ ...valid(), description: "no <html> please" }), ["description"]);
        assert.deepStrictEqual(failed({ ...valid(), description: "Équipe fraude 100% @siège" }), []);
    });

    it("checks the key length", () => {
        assert.deepStrictEqual(failed({ ...valid(), serverSideEncryptionConfiguration: { kmsKeyId: "" } }), [
            "serverSideEncryptionConfiguration.kmsKeyId",
        ]);
        assert.deepStrictEqual(
            failed({ ...valid(), serverSideEncryptionConfiguration: { kmsKeyId: "k".repeat(2049) } }),
            ["serverSideEncryptionConfiguration.kmsKeyId"],
        );
        assert.deepStrictEqual(
            failed({ ...valid(), serverSideEncryptionConfiguration: { kmsKeyId: "alias/x", typo: 1 } }),
            ["serverSideEncryptionConfiguration.typo"],
        );
    });

    it("checks tags by position, never echoing keys or values", () => {
        const failures = validateDomainInputs({ ...valid(), tags: { ok: "fine", "secret<key>": "v", k: "bad|value" } });
        assert.deepStrictEqual(
            failures.map((f) => f.reason),
            [
                "tag #2: key may contain only letters, digits, spaces and _ . : / = + - @",
                "tag #3: value may contain only letters, digits, spaces and _ . : / = + - @",
            ],
        );
        assert.ok(
            failures.every(
                (f) => f.property === "tags" && !f.reason.includes("secret") && !f.reason.includes("bad|value"),
            ),
        );
        const many: Record<string, string> = {};
        for (let i = 0; i < 201; i++) many[`k${i}`] = "v";
        assert.deepStrictEqual(failed({ ...valid(), tags: many }), ["tags"]);
        assert.deepStrictEqual(failed({ ...valid(), tags: { ["k".repeat(129)]: "v" } }), ["tags"]);
        assert.deepStrictEqual(failed({ ...valid(), tags: { k: "v".repeat(257) } }), ["tags"]);
        assert.deepStrictEqual(failed({ ...valid(), tags: ["not", "a", "map"] }), ["tags"]);
    });

    it("checks region and endpoint, and rejects unknown properties", () => {
        assert.deepStrictEqual(failed({ ...valid(), region: "Mars" }), ["region"]);
        assert.deepStrictEqual(failed({ ...valid(), endpoint: "ftp://x" }), ["endpoint"]);
        assert.deepStrictEqual(failed({ ...valid(), kmsKeyId: "x" }), ["kmsKeyId"]);
    });

    it("skips values unknown at preview", () => {
        const inputs = {
            ...valid(),
            name: UNKNOWN,
            description: UNKNOWN,
            serverSideEncryptionConfiguration: { kmsKeyId: UNKNOWN },
            tags: { team: UNKNOWN },
        };
        assert.deepStrictEqual(validateDomainInputs(inputs), []);
        assert.deepStrictEqual(
            validateDomainInputs({ ...valid(), serverSideEncryptionConfiguration: UNKNOWN, tags: UNKNOWN }),
            [],
        );
    });

    it("derives valid default names from logical names", () => {
        assert.strictEqual(defaultName("fraud-domain"), "fraud-domain");
        assert.strictEqual(defaultName("my domain.v2"), "my-domain-v2");
        assert.strictEqual(defaultName("_private"), "x_private");
        assert.strictEqual(defaultName("y".repeat(300)).length, 256);
        for (const n of ["a b", "-x", "é"]) assert.deepStrictEqual(failed({ ...valid(), name: defaultName(n) }), [], n);
    });
});
