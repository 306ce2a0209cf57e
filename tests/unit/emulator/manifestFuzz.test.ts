/**
 * Property-based fuzz of the manifest parser and the bounded JSON parser (fast-check, fixed
 * seed, bounded runs): whatever the bytes, a manifest either parses to a non-empty request list
 * or fails the job with a 400 JobFailure; nothing else escapes, however deep or broken.
 * @module
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { parseManifest } from "../../../emulator/jobs/manifest";
import { parseBoundedJson, jsonDepth, MAX_JSON_DEPTH } from "../../../emulator/json";
import { JobFailure, JsonError } from "../../../emulator/errors";

const SEED = 20260527;
const RUNS = { seed: SEED, numRuns: 400, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false };

function depthOf(v: unknown): number {
    // Iterative, so the oracle itself cannot overflow.
    let max = 0;
    const stack: [unknown, number][] = [[v, 0]];
    while (stack.length) {
        const [x, d] = stack.pop()!;
        if (x && typeof x === "object") {
            max = Math.max(max, d + 1);
            for (const c of Object.values(x as object)) stack.push([c, d + 1]);
        }
    }
    return max;
}

/** Valid manifests, then the same with random edits: truncation, insertion, deep nesting. */
const request = fc.record(
    {
        RequestId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        AudioSpecifications: fc.oneof(
            fc.array(
                fc.record({ S3Uri: fc.string(), ChannelId: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] }),
            ),
            fc.jsonValue(),
        ),
        Extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
);
const manifestDoc = fc.record(
    {
        Version: fc.oneof(fc.constant("1.0"), fc.constant("2.0"), fc.jsonValue()),
        FraudsterRegistrationRequests: fc.oneof(fc.array(request, { maxLength: 5 }), fc.jsonValue()),
    },
    { requiredKeys: [] },
);
const deep = fc
    .tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom("[", '{"a":'))
    .map(
        ([n, open]) =>
            `{"Version":"1.0","FraudsterRegistrationRequests":[{"RequestId":"r","X":${open.repeat(n)}1${(open === "[" ? "]" : "}").repeat(n)}}]}`,
    );
const mutated = fc
    .tuple(
        fc.oneof(
            manifestDoc.map((d) => JSON.stringify(d)),
            deep,
        ),
        fc.nat(),
        fc.string({ maxLength: 3 }),
        fc.constantFrom("cut", "insert", "keep"),
    )
    .map(([text, at, s, how]) => {
        const i = text.length ? at % text.length : 0;
        return how === "cut" ? text.slice(0, i) : how === "insert" ? text.slice(0, i) + s + text.slice(i) : text;
    });
const anyText = fc.oneof(
    mutated,
    fc.string(),
    fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString("latin1")),
);

describe("manifest parser: property-based fuzz (fast-check, fixed seed)", () => {
    it("returns a non-empty request list or fails the job with 400, for any input", () => {
        fc.assert(
            fc.property(anyText, (text) => {
                try {
                    const requests = parseManifest(Buffer.from(text, "utf8"), "s3://b/m.json");
                    assert.ok(Array.isArray(requests) && requests.length > 0);
                    // What the runner stores must serialize (it is bounded).
                    JSON.stringify(requests);
                } catch (e) {
                    assert.ok(e instanceof JobFailure, `unexpected ${(e as Error)?.name}: ${(e as Error)?.message}`);
                    assert.equal(e.statusCode, 400);
                    assert.ok(e.message.length < 1000, "the failure message stays short");
                }
            }),
            RUNS,
        );
    });

    it("accepts exactly the documents of the right shape", () => {
        fc.assert(
            fc.property(manifestDoc, (doc) => {
                const ok =
                    doc.Version === "1.0" &&
                    Array.isArray(doc.FraudsterRegistrationRequests) &&
                    doc.FraudsterRegistrationRequests.length > 0 &&
                    depthOf(doc) <= MAX_JSON_DEPTH;
                let parsed: unknown;
                try {
                    parsed = parseManifest(Buffer.from(JSON.stringify(doc)), "s3://b/m.json");
                } catch (e) {
                    assert.ok(e instanceof JobFailure);
                }
                assert.equal(parsed !== undefined, ok);
                if (ok) assert.deepEqual(parsed, JSON.parse(JSON.stringify(doc.FraudsterRegistrationRequests)));
            }),
            RUNS,
        );
    });
});

describe("bounded JSON: property-based fuzz (fast-check, fixed seed)", () => {
    it("measures the nesting depth of any JSON text exactly, strings with brackets and escapes included", () => {
        fc.assert(
            fc.property(fc.jsonValue({ maxDepth: 12 }), (v) => {
                assert.equal(jsonDepth(JSON.stringify(v)), depthOf(v));
            }),
            RUNS,
        );
    });

    it("parses like JSON.parse up to the bound and refuses deeper or broken text with JsonError", () => {
        fc.assert(
            fc.property(
                fc.oneof(
                    fc.jsonValue({ maxDepth: 40 }).map((v) => JSON.stringify(v)),
                    fc.string(),
                ),
                (text) => {
                    let expected: unknown;
                    let valid = true;
                    try {
                        expected = JSON.parse(text);
                    } catch {
                        valid = false;
                    }
                    try {
                        const got = parseBoundedJson(text);
                        assert.ok(valid);
                        assert.ok(depthOf(expected) <= MAX_JSON_DEPTH);
                        assert.deepEqual(got, expected);
                    } catch (e) {
                        assert.ok(e instanceof JsonError, String(e));
                        assert.ok(!valid || depthOf(expected) > MAX_JSON_DEPTH, "refused only when broken or too deep");
                    }
                },
            ),
            RUNS,
        );
    });
});
