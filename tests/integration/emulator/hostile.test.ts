/**
 * Hostile input is answered like AWS answers it: scope region checked, the real body signed,
 * presigned requests supported, authentication before the body, oversized bodies refused with
 * an HTTP error (never a reset), JSON nesting bounded in requests and manifests, unknown members
 * kept out of idempotency.
 * @module
 */
import * as assert from "node:assert/strict";
import * as http from "node:http";
import * as net from "node:net";
import { once } from "node:events";
import { createHash } from "node:crypto";
import {
    CreateDomainCommand,
    ListDomainsCommand,
    StartFraudsterRegistrationJobCommand,
    VoiceIDClient,
} from "@aws-sdk/client-voice-id";
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from "../../../emulator/config";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { MAX_BODY } from "../../../emulator/server";
import { startLocalStackForSuite, type LocalStack } from "../../support/localStack";
import { wireRequest as wire, nested, nestedArrays } from "./wire";
import { waitForJob } from "./helpers";

const CREATE = "VoiceID.CreateDomain";
const LIST = "VoiceID.ListDomains";
const domainBody = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ Name: "hostile", ServerSideEncryptionConfiguration: { KmsKeyId: "k" }, ...extra });

describe("emulator: hostile input answered as AWS would", function () {
    this.timeout(120_000);
    let emu: RunningEmulator;
    before(async () => {
        emu = await startEmulator({ logLevel: "silent" });
    });
    after(async () => emu?.stop());

    describe("SigV4", () => {
        it("refuses a credential scope for another region with InvalidSignatureException 403", async () => {
            for (const region of ["eu-west-1", "xx-nowhere-9"]) {
                const r = await wire(emu.endpoint, LIST, "{}", { region });
                assert.equal(r.status, 403, region);
                assert.equal(r.body.__type, "InvalidSignatureException");
                assert.match(
                    r.body.message,
                    new RegExp(`Credential should be scoped to a valid region, not '${region}'`),
                );
            }
            assert.equal((await wire(emu.endpoint, LIST, "{}")).status, 200);
        });

        it("signs the body actually received: UNSIGNED-PAYLOAD and tampered bodies get InvalidSignatureException 403", async () => {
            const unsigned = await wire(emu.endpoint, LIST, "{}", {
                headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
            });
            assert.equal(unsigned.status, 403);
            assert.equal(unsigned.body.__type, "InvalidSignatureException");
            const tampered = await wire(emu.endpoint, LIST, '{"MaxResults":1}', { sendBody: '{"MaxResults":2}' });
            assert.equal(tampered.status, 403);
            assert.equal(tampered.body.__type, "InvalidSignatureException");
            const unsignedTampered = await wire(emu.endpoint, LIST, "{}", {
                headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
                sendBody: '{"MaxResults":2}',
            });
            assert.equal(unsignedTampered.status, 403);
            assert.equal(unsignedTampered.body.__type, "InvalidSignatureException");
            // A correct content hash header is just a signed header.
            const hashed = await wire(emu.endpoint, LIST, "{}", {
                headers: { "x-amz-content-sha256": createHash("sha256").update("{}").digest("hex") },
            });
            assert.equal(hashed.status, 200);
        });

        it("accepts presigned (query-string) requests over the real body and refuses bad ones", async () => {
            const ok = await wire(emu.endpoint, LIST, '{"MaxResults":3}', { presign: true });
            assert.equal(ok.status, 200, JSON.stringify(ok.body));
            assert.ok(Array.isArray(ok.body.DomainSummaries));
            const tampered = await wire(emu.endpoint, LIST, '{"MaxResults":3}', {
                presign: true,
                sendBody: '{"MaxResults":4}',
            });
            assert.equal(tampered.status, 403);
            assert.equal(tampered.body.__type, "InvalidSignatureException");
            const old = await wire(emu.endpoint, LIST, "{}", {
                presign: true,
                date: new Date(Date.now() - 20 * 60 * 1000),
            });
            assert.equal(old.status, 403);
            assert.match(old.body.message, /Signature expired/);
            const region = await wire(emu.endpoint, LIST, "{}", { presign: true, region: "eu-west-1" });
            assert.equal(region.status, 403);
            assert.equal(region.body.__type, "InvalidSignatureException");
            const partial = await new Promise<{ status: number; body: any }>((resolve, reject) => {
                const u = new URL(emu.endpoint);
                const r = http.request(
                    {
                        host: u.hostname,
                        port: u.port,
                        method: "POST",
                        path: "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00",
                        headers: { "x-amz-target": LIST },
                    },
                    (res) => {
                        let t = "";
                        res.on("data", (c) => (t += c));
                        res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(t) }));
                    },
                );
                r.on("error", reject);
                r.end("{}");
            });
            assert.equal(partial.status, 400);
            assert.equal(partial.body.__type, "IncompleteSignatureException");
            assert.match(partial.body.message, /X-Amz-Credential/);
        });
    });

    describe("found by the fuzz", () => {
        it("verifies signatures over normalized paths (empty, . and .. segments), like AWS's signers compute them", async () => {
            for (const path of ["//", "/a//b/", "/a/./b", "/a/../b", "/%2e%2e/"]) {
                const r = await wire(emu.endpoint, LIST, "{}", { path });
                assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
            }
        });

        it("answers an unknown Expect header with the JSON protocol, not a bare 417", async () => {
            const r = await wire(emu.endpoint, LIST, "{}", { unsignedHeaders: { expect: "something-else" } });
            assert.equal(r.status, 200);
        });
    });

    describe("request size", () => {
        const big = JSON.stringify({ Name: "x".repeat(MAX_BODY + 10) });

        it("answers an oversized signed body with 413, read to the end (no reset), and keeps serving", async () => {
            for (const chunked of [false, true]) {
                const r = await wire(emu.endpoint, CREATE, big, { chunked });
                assert.equal(r.status, 413, `chunked=${chunked}`);
                assert.equal(r.body.__type, "RequestEntityTooLargeException");
            }
            assert.equal((await wire(emu.endpoint, LIST, "{}")).status, 200);
        });

        it("authenticates before reading the body: an unsigned or foreign oversized body gets the auth error", async () => {
            const unsigned = await wire(emu.endpoint, CREATE, big, { unsigned: true });
            assert.equal(unsigned.status, 403);
            assert.equal(unsigned.body.__type, "MissingAuthenticationTokenException");
            const region = await wire(emu.endpoint, CREATE, big, { region: "eu-west-1" });
            assert.equal(region.body.__type, "InvalidSignatureException");
        });

        /**
         * Sends a CreateDomain with a body of `size` bytes whole before reading anything (a
         * well-formed credential, checked before the body; the signature itself is never checked),
         * then reads. What it read, whether the connection failed, and whether the server closed it.
         */
        async function sendWholeThenRead(
            size: number,
            connection: "keep-alive" | "close",
        ): Promise<{ text: string; failure?: Error; ended: boolean }> {
            const u = new URL(emu.endpoint);
            const now = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
            const sock = net.connect(Number(u.port), u.hostname);
            await once(sock, "connect");
            const received: Buffer[] = [];
            let failure: Error | undefined;
            let ended = false;
            let closed = false;
            sock.on("error", (e) => (failure = e));
            sock.once("end", () => (ended = true));
            sock.once("close", () => (closed = true));
            sock.pause();
            sock.write(
                `POST / HTTP/1.1\r\nHost: ${u.host}\r\nConnection: ${connection}\r\nX-Amz-Target: ${CREATE}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Date: ${now}\r\n` +
                    `Authorization: AWS4-HMAC-SHA256 Credential=${DEFAULT_ACCESS_KEY_ID}/${now.slice(0, 8)}/us-east-1/voiceid/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}\r\n` +
                    `Content-Length: ${size}\r\n\r\n`,
            );
            const chunk = Buffer.alloc(1024 * 1024, 0x20);
            const writable = () =>
                new Promise<void>((resolve) => {
                    const done = () => {
                        sock.off("drain", done);
                        sock.off("close", done);
                        resolve();
                    };
                    sock.on("drain", done);
                    sock.on("close", done);
                });
            for (let sent = 0; sent < size && !closed; sent += chunk.length) {
                if (!sock.write(chunk.subarray(0, Math.min(chunk.length, size - sent)))) await writable();
            }
            sock.on("data", (c: Buffer) => received.push(c));
            sock.resume();
            const text = () => Buffer.concat(received).toString("utf8");
            const done = () =>
                failure || (connection === "close" ? ended : /RequestEntityTooLargeException"?[^}]*}/.test(text()));
            for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
            sock.destroy();
            return { text: text(), failure, ended };
        }

        it("answers 413 to a client that sends an oversized body (up to over 64 MiB) whole before reading, without a reset", async () => {
            for (const size of [2 * MAX_BODY, 70 * 1024 * 1024]) {
                for (const connection of ["keep-alive", "close"] as const) {
                    const r = await sendWholeThenRead(size, connection);
                    const what = `${size} bytes, Connection: ${connection}`;
                    assert.equal(r.failure, undefined, `${what}: no reset`);
                    assert.match(r.text, /^HTTP\/1\.1 413 /, what);
                    assert.match(r.text, /RequestEntityTooLargeException/, what);
                    if (connection === "close")
                        assert.ok(r.ended, `${what}: the server closed the connection once the body was read`);
                }
            }
        });

        it("refuses an oversized declared body before it is sent (Expect: 100-continue)", async () => {
            const r = await new Promise<{ status: number; body: any; continued: boolean }>((resolve, reject) => {
                const u = new URL(emu.endpoint);
                let continued = false;
                const req = http.request({
                    host: u.hostname,
                    port: u.port,
                    method: "POST",
                    path: "/",
                    agent: false,
                    headers: {
                        expect: "100-continue",
                        "content-length": String(10 * MAX_BODY),
                        "x-amz-target": CREATE,
                    },
                });
                req.on("continue", () => (continued = true));
                req.on("response", (res) => {
                    let t = "";
                    res.on("data", (c) => (t += c));
                    res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(t), continued }));
                });
                req.on("error", reject);
                req.flushHeaders();
            });
            assert.equal(r.status, 413);
            assert.equal(r.continued, false, "the client was not asked to send the body");
            assert.equal(r.body.__type, "RequestEntityTooLargeException");
        });
    });

    describe("JSON nesting and unknown members", () => {
        it("answers a body nested 200,000 levels with SerializationException 400, ClientToken or not", async () => {
            for (const extra of [{}, { ClientToken: "deep-token-1" }]) {
                const body = domainBody(extra).replace(/}$/, `,"Junk":${nestedArrays(200_000)}}`);
                const r = await wire(emu.endpoint, CREATE, body);
                assert.equal(r.status, 400);
                assert.equal(r.body.__type, "SerializationException");
                assert.match(r.body.message, /nested deeper than 32 levels/);
            }
            const ok = await wire(emu.endpoint, CREATE, domainBody({ Junk: JSON.parse(nested(20)) }));
            assert.equal(ok.status, 200, "moderate nesting in an unknown member is ignored");
        });

        it("leaves unknown members out of the idempotency check", async () => {
            const first = await wire(
                emu.endpoint,
                CREATE,
                domainBody({ ClientToken: "unknown-members-1", Junk: JSON.parse(nested(10)) }),
            );
            assert.equal(first.status, 200);
            const again = await wire(
                emu.endpoint,
                CREATE,
                domainBody({ ClientToken: "unknown-members-1", Other: [1, 2, 3] }),
            );
            assert.equal(again.status, 200, JSON.stringify(again.body));
            assert.equal(
                again.body.Domain.DomainId,
                first.body.Domain.DomainId,
                "same request once unknown members are ignored",
            );
            const different = await wire(
                emu.endpoint,
                CREATE,
                JSON.stringify({
                    Name: "other",
                    ServerSideEncryptionConfiguration: { KmsKeyId: "k" },
                    ClientToken: "unknown-members-1",
                }),
            );
            assert.equal(different.status, 409, "a modelled member still counts");
        });
    });
});

describe("emulator: a manifest nested too deep fails its job with 400", function () {
    this.timeout(180_000);
    let stack: LocalStack;
    startLocalStackForSuite((s) => (stack = s));

    it("ends the job FAILED with a 400 failure naming the nesting bound, not 500", async () => {
        const seed = await stack.seedRegistration("deep", [{ requestId: "r1", audio: [{ speaker: 1, utterance: 1 }] }]);
        await stack.putObject(
            seed.inputBucket,
            "deep.json",
            `{"Version":"1.0","FraudsterRegistrationRequests":[{"RequestId":"r1","X":${nestedArrays(200_000)}}]}`,
        );
        const { Domain } = await stack.voiceId.send(
            new CreateDomainCommand({ Name: "deep", ServerSideEncryptionConfiguration: { KmsKeyId: seed.kmsKeyId } }),
        );
        const { Job } = await stack.voiceId.send(
            new StartFraudsterRegistrationJobCommand({
                DomainId: Domain!.DomainId,
                DataAccessRoleArn: seed.roleArn,
                InputDataConfig: { S3Uri: `s3://${seed.inputBucket}/deep.json` },
                OutputDataConfig: { S3Uri: seed.outputUri, KmsKeyId: seed.kmsKeyId },
            }),
        );
        const done = await waitForJob(stack.voiceId, Domain!.DomainId!, Job!.JobId!);
        assert.equal(done.JobStatus, "FAILED");
        assert.equal(done.FailureDetails?.StatusCode, 400);
        assert.match(done.FailureDetails?.Message ?? "", /nested deeper than 32 levels/);
    });
});

describe("emulator: a client that goes away mid-body", function () {
    this.timeout(60_000);
    it("is not an internal error and does not disturb the service", async () => {
        const errors: string[] = [];
        const quiet = () => undefined;
        const emu = await startEmulator({
            logger: { debug: quiet, info: quiet, warn: quiet, error: (m: string) => void errors.push(m) },
        });
        try {
            const u = new URL(emu.endpoint);
            // A known key, a current date and a well-formed header pass every check made before the
            // body is read, so the service is waiting for the body when the client disappears.
            const amzDate = new Date()
                .toISOString()
                .replace(/[-:]/g, "")
                .replace(/\.\d{3}/, "");
            const authorization = `AWS4-HMAC-SHA256 Credential=AKIAVOICEIDLOCAL0001/${amzDate.slice(0, 8)}/us-east-1/voiceid/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;
            await new Promise<void>((resolve) => {
                const req = http.request({
                    host: u.hostname,
                    port: u.port,
                    method: "POST",
                    path: "/",
                    agent: false,
                    headers: { "content-length": "1000", "x-amz-target": LIST, "x-amz-date": amzDate, authorization },
                });
                req.on("error", () => resolve());
                req.write("{");
                setTimeout(() => {
                    req.destroy();
                    resolve();
                }, 200);
            });
            assert.equal((await wire(emu.endpoint, LIST, "{}")).status, 200);
            await new Promise((r) => setTimeout(r, 100));
            assert.deepEqual(errors, []);
            assert.equal(emu.stats.errors.InternalServerException, undefined);
        } finally {
            await emu.stop();
        }
    });
});

describe("emulator: slow and idle sockets cannot starve the service", function () {
    this.timeout(60_000);

    it("caps open connections and closes sockets that send no complete request in time, then serves", async () => {
        const limited = await startEmulator({
            logLevel: "silent",
            maxConnections: 20,
            headersTimeoutMs: 1000,
            requestTimeoutMs: 2000,
        });
        const u = new URL(limited.endpoint);
        const sockets: net.Socket[] = [];
        const closed = new Set<net.Socket>();
        try {
            // Half say nothing, half start a request and stall: 100 sockets, 5 times the cap.
            for (let i = 0; i < 100; i++) {
                const s = net.connect(Number(u.port), u.hostname);
                s.on("error", () => undefined);
                s.on("connect", () => {
                    if (i % 2) s.write("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Tar");
                });
                for (const event of ["end", "close"]) s.on(event, () => closed.add(s));
                s.resume();
                sockets.push(s);
            }
            await new Promise((r) => setTimeout(r, 500));
            const open = () => sockets.length - closed.size;
            assert.ok(open() <= 20, `${open()} of 100 slow sockets stayed open with a cap of 20`);
            await new Promise((r) => setTimeout(r, 3500));
            assert.equal(open(), 0, "the slow sockets were closed by the server's timeouts");
            const client = new VoiceIDClient({
                endpoint: limited.endpoint,
                region: "us-east-1",
                credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
                maxAttempts: 1,
            });
            assert.ok(Array.isArray((await client.send(new ListDomainsCommand({}))).DomainSummaries));
            client.destroy();
        } finally {
            for (const s of sockets) s.destroy();
            await limited.stop();
        }
    });
});
