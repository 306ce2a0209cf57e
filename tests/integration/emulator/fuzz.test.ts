/**
 * Property-based fuzz of the AWS JSON 1.0 protocol against a running service (fast-check, fixed
 * seed, bounded in runs and time): random and mutated bodies built from the model's input shapes
 * (unknown members, wrong types, out-of-range values, broken and deeply nested JSON), random and
 * near-miss targets, content types and authentication (signed, presigned, unsigned, garbage,
 * wrong region). Every request must get an HTTP answer (no reset), never a 5xx, with an error
 * type the protocol or the operation documents, and the service must log no unhandled error.
 * Then random manifests through real registration jobs: every job ends with a result or a 4xx
 * failure, never an internal one.
 * @module
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
    CreateDomainCommand,
    CreateWatchlistCommand,
    StartFraudsterRegistrationJobCommand,
    VoiceIDClient,
} from "@aws-sdk/client-voice-id";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { SHAPES, OPERATIONS } from "../../../emulator/model/shapes";
import { creds, waitForJob } from "./helpers";
import { startLocalStackForSuite, type LocalStack } from "../../support/localStack";
import { wireRequest, nestedArrays, type WireOptions } from "./wire";

const SEED = 20260527;
const PROTOCOL_ERRORS = [
    "MissingAuthenticationTokenException",
    "IncompleteSignatureException",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "SerializationException",
    "UnknownOperationException",
    "RequestEntityTooLargeException",
];
const DOCUMENTED = new Set([...PROTOCOL_ERRORS, ...Object.values(OPERATIONS).flatMap((o) => o.errors)]);
const STATUSES = new Set([200, 400, 402, 403, 404, 409, 413]);

/** Valid values of pattern-constrained shapes, filled with real ids once the fixtures exist. */
const samples: Record<string, string[]> = {
    IamRoleArn: ["arn:aws:iam::123456789012:role/voiceid-data-access"],
    S3Uri: ["s3://my-bucket/path/file.json", "s3://my-bucket/"],
    ClientTokenString: ["fuzz-token-1", "fuzz-token-2"],
    FraudsterId: ["id#" + "D".repeat(22)],
};

const printable = fc.string({ unit: "grapheme-ascii", maxLength: 40 });

function shapeArb(name: string): fc.Arbitrary<unknown> {
    const shape = SHAPES[name];
    let typed: fc.Arbitrary<unknown>;
    switch (shape.type) {
        case "structure": {
            const members = Object.fromEntries(
                Object.entries(shape.members ?? {}).map(([m, s]) => [m, shapeArb(s.shape)]),
            );
            const unknown = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 });
            // Mostly with the required members, so many requests get past validation to the handlers.
            const known = fc.oneof(
                { weight: 4, arbitrary: fc.record(members, { requiredKeys: (shape.required ?? []) as never[] }) },
                { weight: 1, arbitrary: fc.record(members, { requiredKeys: [] }) },
            );
            typed = fc
                .tuple(known, fc.option(unknown, { freq: 4 }))
                .map(([k, extra]) => ({ ...(extra ?? {}), ...(k as object) }));
            break;
        }
        case "list":
            typed = fc.array(shapeArb(shape.member!), { maxLength: Math.min((shape.max ?? 4) + 1, 12) });
            break;
        case "map":
            typed = fc.dictionary(fc.string({ maxLength: 10 }), shapeArb(shape.value!), { maxKeys: 4 });
            break;
        case "string": {
            const options: fc.Arbitrary<unknown>[] = [
                fc.string({ maxLength: (shape.max ?? 20) + 2 }),
                fc.constant(""),
                fc.string({ unit: "binary", maxLength: 12 }),
            ];
            const valid = shape.enum
                ? fc.constantFrom(...shape.enum)
                : samples[name]
                  ? fc.constantFrom(...samples[name])
                  : validText(shape);
            typed = fc.oneof({ weight: 12, arbitrary: valid }, ...options);
            break;
        }
        case "integer":
        case "long":
            typed = fc.oneof(
                { weight: 8, arbitrary: fc.integer({ min: shape.min ?? 0, max: shape.max ?? 100 }) },
                fc.integer({ min: (shape.min ?? 0) - 2, max: (shape.max ?? 100) + 2 }),
                fc.integer(),
                fc.double(),
            );
            break;
        case "boolean":
            typed = fc.boolean();
            break;
        default:
            typed = fc.jsonValue({ maxDepth: 2 });
    }
    return fc.oneof({ weight: 30, arbitrary: typed }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
}

const ALNUM = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"];

/** Text within the shape's length and pattern (an alphabet most of the model's patterns accept). */
function validText(shape: { min?: number; max?: number; pattern?: string }): fc.Arbitrary<unknown> {
    const min = Math.max(1, shape.min ?? 1);
    const max = Math.max(min, Math.min(shape.max ?? 30, 30));
    const re = shape.pattern ? new RegExp(shape.pattern, "u") : undefined;
    return fc
        .tuple(
            fc.constantFrom(...ALNUM),
            fc.string({ unit: fc.constantFrom(...ALNUM, "_", "-"), minLength: min - 1, maxLength: max - 1 }),
        )
        .map(([a, b]) => a + b)
        .filter((v) => !re || re.test(v));
}

/** A text edit: cut, insert or replace a few characters. */
function mutate(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
    return fc
        .tuple(text, fc.nat(), fc.string({ maxLength: 3 }), fc.constantFrom("cut", "insert", "bom", "dup"))
        .map(([t, at, s, how]) => {
            const i = t.length ? at % t.length : 0;
            if (how === "cut") return t.slice(0, i);
            if (how === "insert") return t.slice(0, i) + s + t.slice(i);
            if (how === "bom") return "\ufeff" + t;
            return t.replace(/^\{/, `{"${s}":1,"${s}":2,`);
        });
}

interface FuzzCase {
    target?: string;
    body: string;
    auth: WireOptions & { garbage?: string };
    contentType?: string;
    method: string;
    path: string;
    query?: Record<string, string>;
    extraHeaders?: Record<string, string>;
}

function caseArb(): fc.Arbitrary<FuzzCase> {
    return fc.constantFrom(...Object.keys(OPERATIONS)).chain((op) => {
        const valid = shapeArb(OPERATIONS[op].input).map((v) => JSON.stringify(v));
        return fc.record({
            target: fc.oneof(
                { weight: 10, arbitrary: fc.constant(`VoiceID.${op}`) },
                fc.constantFrom(
                    undefined,
                    "",
                    "VoiceID.",
                    `voiceid.${op}`,
                    `VoiceID.${op}X`,
                    op,
                    `VoiceID.${op} `,
                    "VoiceID.__proto__",
                    "VoiceID.constructor",
                ),
                printable,
            ),
            body: fc.oneof(
                { weight: 10, arbitrary: valid },
                { weight: 3, arbitrary: mutate(valid) },
                fc.string(),
                fc.constant(""),
                fc.integer({ min: 30, max: 300_000 }).map((n) => `{"Junk":${nestedArrays(n)}}`),
                fc.jsonValue().map((v) => JSON.stringify(v)),
            ),
            auth: fc.oneof(
                { weight: 12, arbitrary: fc.constant({}) },
                fc.constant({ presign: true }),
                fc.constant({ unsigned: true }),
                fc.constantFrom("eu-west-1", "", "us-east-1/x").map((region) => ({ region })),
                printable.map((garbage) => ({ unsigned: true, garbage })),
                fc.constant({ headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } }),
            ),
            contentType: fc.constantFrom(undefined, "application/x-amz-json-1.0", "application/json", "text/plain"),
            method: fc.oneof(
                { weight: 12, arbitrary: fc.constant("POST") },
                fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "OPTIONS"),
            ),
            path: fc.oneof(
                { weight: 12, arbitrary: fc.constant("/") },
                fc.constantFrom("/x", "/_emulator/health", "//", "/%2e%2e/", "/a%20b", "/%ZZ"),
                printable.map((p) => `/${encodeURIComponent(p)}`),
            ),
            query: fc.option(fc.dictionary(printable, printable, { maxKeys: 3 }), { freq: 6 }),
            // Sent unsigned, after signing: they may replace signed ones (x-amz-date, host).
            extraHeaders: fc.option(
                fc.dictionary(
                    fc.constantFrom(
                        "x-amz-date",
                        "date",
                        "x-amz-security-token",
                        "x-amz-content-sha256",
                        "host",
                        "expect",
                        "transfer-encoding-x",
                    ),
                    printable,
                    { maxKeys: 2 },
                ),
                { freq: 8 },
            ),
        }) as fc.Arbitrary<FuzzCase>;
    });
}

describe("emulator: property-based fuzz of the JSON protocol (fast-check, fixed seed)", function () {
    this.timeout(180_000);
    let emu: RunningEmulator;
    const errors: string[] = [];

    before(async () => {
        const logger = {
            debug: () => undefined,
            info: () => undefined,
            warn: () => undefined,
            error: (msg: string, data?: Record<string, unknown>) => void errors.push(`${msg} ${JSON.stringify(data)}`),
        };
        emu = await startEmulator({ logger });
        const client = new VoiceIDClient({ endpoint: emu.endpoint, region: "us-east-1", credentials: creds });
        const { Domain } = await client.send(
            new CreateDomainCommand({ Name: "fuzz", ServerSideEncryptionConfiguration: { KmsKeyId: "k" } }),
        );
        const { Watchlist } = await client.send(
            new CreateWatchlistCommand({ DomainId: Domain!.DomainId, Name: "fuzz" }),
        );
        client.destroy();
        samples.DomainId = [Domain!.DomainId!, "A".repeat(22)];
        samples.WatchlistId = [Watchlist!.WatchlistId!, Domain!.WatchlistDetails!.DefaultWatchlistId!];
        samples.JobId = ["C".repeat(22)];
        samples.AmazonResourceName = [Domain!.Arn!, `arn:aws:voiceid:us-east-1:123456789012:domain/${"A".repeat(22)}`];
    });
    after(async () => emu?.stop());

    it("authenticates every correctly signed request, whatever its method, path, query and body", async () => {
        const AUTH = new Set(PROTOCOL_ERRORS.slice(0, 4));
        const segment = fc.oneof(fc.constantFrom(".", "..", "", "a"), printable.map(encodeURIComponent));
        await fc.assert(
            fc.asyncProperty(
                fc.record({
                    method: fc.constantFrom("POST", "GET", "PUT", "DELETE"),
                    path: fc.array(segment, { maxLength: 4 }).map((segs) => `/${segs.join("/")}`),
                    query: fc.option(fc.dictionary(printable, printable, { maxKeys: 3 }), { nil: undefined }),
                    body: fc.string({ unit: "binary", maxLength: 200 }),
                    presign: fc.boolean(),
                }),
                async (c) => {
                    const res = await wireRequest(emu.endpoint, "VoiceID.ListDomains", c.body, {
                        method: c.method,
                        path: c.path,
                        query: c.query,
                        presign: c.presign,
                    });
                    assert.ok(!AUTH.has(res.body.__type), `${res.body.__type}: ${res.body.message}`);
                },
            ),
            { seed: SEED, numRuns: 500, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false },
        );
    });

    it("answers every request with a documented error or a result: no reset, no 5xx, no unhandled error", async () => {
        let runs = 0;
        await fc.assert(
            fc.asyncProperty(caseArb(), async (c) => {
                runs++;
                const opts: WireOptions = { ...c.auth, method: c.method, path: c.path, query: c.query ?? undefined };
                if (c.extraHeaders) opts.unsignedHeaders = { ...c.extraHeaders };
                if (c.contentType) opts.headers = { ...opts.headers, "content-type": c.contentType };
                if (c.auth.garbage !== undefined)
                    opts.unsignedHeaders = { ...opts.unsignedHeaders, authorization: c.auth.garbage };
                const res = await wireRequest(emu.endpoint, c.target, c.body, opts);
                assert.ok(STATUSES.has(res.status), `status ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
                assert.ok(res.headers["x-amzn-requestid"], "every answer carries a request id");
                if (res.status !== 200) {
                    assert.ok(DOCUMENTED.has(res.body.__type), `undocumented error type ${res.body.__type}`);
                    assert.equal(res.headers["x-amzn-errortype"], res.body.__type);
                }
                assert.deepEqual(errors, [], "no unhandled error in the service's log");
            }),
            { seed: SEED, numRuns: 1500, interruptAfterTimeLimit: 45_000, markInterruptAsFailure: false },
        );
        assert.ok(runs >= 200, `the fuzz ran ${runs} cases`);
        process.stdout.write(
            `      fuzz: ${runs} requests, ${emu.stats.requests} reached the service; errors by type ${JSON.stringify(emu.stats.errors)}\n`,
        );
    });
});

describe("emulator: property-based fuzz of registration jobs over random manifests (fast-check, fixed seed)", function () {
    this.timeout(300_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s), { logLevel: "silent" });

    it("ends every job COMPLETED, COMPLETED_WITH_ERRORS or FAILED with a 4xx reason, never an internal failure", async () => {
        const seed = await stack.seedRegistration("fuzzjob", [
            { requestId: "base", audio: [{ speaker: 2, utterance: 1, seconds: 2 }] },
        ]);
        const audio = `s3://${seed.inputBucket}/audio/base-0.wav`;
        const { Domain } = await stack.voiceId.send(
            new CreateDomainCommand({
                Name: "fuzz-jobs",
                ServerSideEncryptionConfiguration: { KmsKeyId: seed.kmsKeyId },
            }),
        );
        const uri = fc.oneof(
            { weight: 4, arbitrary: fc.constant(audio) },
            fc.constantFrom(
                `s3://${seed.inputBucket}/missing.wav`,
                `s3://${seed.inputBucket}/manifests/input-file.json`,
                "s3://other-bucket/x.wav",
                `s3://${seed.inputBucket}/../x.wav`,
                "https://x/y.wav",
                "",
            ),
            fc.jsonValue({ maxDepth: 2 }),
        );
        const spec = fc.record(
            {
                S3Uri: uri,
                ChannelId: fc.oneof(
                    { weight: 4, arbitrary: fc.constant(0) },
                    fc.constantFrom(1, 2, -1, 0.5, "0", null),
                ),
            },
            { requiredKeys: [] },
        );
        const request = fc.record(
            {
                RequestId: fc.oneof(
                    { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
                    fc.constantFrom("dup", ""),
                    fc.jsonValue({ maxDepth: 2 }),
                ),
                AudioSpecifications: fc.oneof(
                    { weight: 4, arbitrary: fc.array(spec, { minLength: 1, maxLength: 3 }) },
                    fc.array(spec, { maxLength: 12 }),
                    fc.jsonValue({ maxDepth: 2 }),
                ),
                Junk: fc.jsonValue({ maxDepth: 3 }),
            },
            { requiredKeys: [] },
        );
        const manifest = fc.oneof(
            {
                weight: 6,
                arbitrary: fc
                    .array(request, { minLength: 1, maxLength: 4 })
                    .map((r) => JSON.stringify({ Version: "1.0", FraudsterRegistrationRequests: r })),
            },
            mutate(
                fc
                    .array(request, { minLength: 1, maxLength: 2 })
                    .map((r) => JSON.stringify({ Version: "1.0", FraudsterRegistrationRequests: r })),
            ),
            fc.jsonValue().map((v) => JSON.stringify(v)),
        );
        let n = 0;
        const statuses: Record<string, number> = {};
        await fc.assert(
            fc.asyncProperty(manifest, async (text) => {
                const key = `fuzz/manifest-${++n}.json`;
                await stack.putObject(seed.inputBucket, key, text);
                const { Job } = await stack.voiceId.send(
                    new StartFraudsterRegistrationJobCommand({
                        DomainId: Domain!.DomainId,
                        DataAccessRoleArn: seed.roleArn,
                        InputDataConfig: { S3Uri: `s3://${seed.inputBucket}/${key}` },
                        OutputDataConfig: { S3Uri: seed.outputUri, KmsKeyId: seed.kmsKeyId },
                    }),
                );
                const done = await waitForJob(stack.voiceId, Domain!.DomainId!, Job!.JobId!, 60_000);
                const code = done.FailureDetails?.StatusCode;
                statuses[done.JobStatus!] = (statuses[done.JobStatus!] ?? 0) + 1;
                assert.ok(
                    done.JobStatus !== "FAILED" || (code !== undefined && code >= 400 && code < 500),
                    `FAILED ${code}: ${done.FailureDetails?.Message}`,
                );
                if (done.JobStatus !== "FAILED") {
                    const out = JSON.parse(
                        await stack.getObjectText(seed.outputBucket, `results/${Job!.JobId}/manifest-${n}.json.out`),
                    );
                    for (const e of out.Errors)
                        assert.ok([400, 403].includes(e.ErrorCode), `request error ${e.ErrorCode}: ${e.ErrorMessage}`);
                }
            }),
            { seed: SEED, numRuns: 40, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: false },
        );
        process.stdout.write(`      fuzz: ${n} jobs, by status ${JSON.stringify(statuses)}\n`);
        assert.ok(n >= 10, `the fuzz ran ${n} jobs`);
        assert.ok(
            statuses.FAILED && statuses.COMPLETED_WITH_ERRORS,
            "both job failures and per-request errors were exercised",
        );
    });
});
