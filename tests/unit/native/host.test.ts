import * as assert from "assert";
import { FakeClock } from "../../../provider/shared/clock";
import { Cancellation, CancelledError } from "../../../provider/native/cancel";
import { invoke } from "../../../provider/native/functions";
import { engineAddressOf, parseUrn } from "../../../provider/native/host";
import { buildTrustPolicy, buildDataAccessPolicy } from "../../../provider/components/policies";

describe("native plugin host pieces", () => {
    it("parses URNs whose type token holds single colons (the name feeds the ClientToken)", () => {
        assert.deepStrictEqual(parseUrn("urn:pulumi:dev::proj::voiceid:index:FraudsterRegistrationJob::registration"), { stack: "dev", project: "proj", name: "registration" });
        assert.deepStrictEqual(parseUrn("urn:pulumi:dev::proj::my:comp$voiceid:index:VoiceIdDomain::a::b"), { stack: "dev", project: "proj", name: "a::b" });
        assert.deepStrictEqual(parseUrn("nonsense"), {});
    });

    it("finds the engine address after the engine's flags", () => {
        assert.strictEqual(engineAddressOf(["--logtostderr", "-v=9", "127.0.0.1:41234"]), "127.0.0.1:41234");
        assert.strictEqual(engineAddressOf([]), undefined);
    });

    it("Cancel ends a sleep in progress and every later one", async () => {
        const c = new Cancellation();
        const clock = c.clock({ now: () => 0, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
        const started = Date.now();
        const pending = clock.sleep(60_000);
        setTimeout(() => c.cancel(), 20);
        await assert.rejects(pending, CancelledError);
        assert.ok(Date.now() - started < 5_000, "the sleep was not cut short");
        await assert.rejects(clock.sleep(1), CancelledError);
        assert.strictEqual(c.cancelled, true);
    });

    it("a clock that is not cancelled sleeps as its base does", async () => {
        const base = new FakeClock();
        await new Cancellation().clock(base).sleep(1234);
        assert.deepStrictEqual(base.sleeps, [1234]);
    });

    it("functions return the builders' documents, with partition and DNS suffix defaulted", () => {
        const scope = { partition: "aws", accountId: "111122223333", region: "eu-west-2", dnsSuffix: "amazonaws.com" };
        const trust = invoke("voiceid:index:getTrustPolicy", { scope: { accountId: scope.accountId, region: scope.region }, domainId: "abcdefghijklmnopqrstuv" });
        assert.deepStrictEqual(trust.document, buildTrustPolicy({ scope, domainId: "abcdefghijklmnopqrstuv" }));
        assert.deepStrictEqual(JSON.parse(trust.json), trust.document);
        const access = invoke("voiceid:index:getDataAccessPolicy", { scope: { region: "eu-west-2" }, inputS3Uris: ["s3://in/m.json"], outputS3Uri: "s3://out/r" });
        assert.deepStrictEqual(access.document, buildDataAccessPolicy({ scope: { partition: "aws", region: "eu-west-2", dnsSuffix: "amazonaws.com" }, inputS3Uris: ["s3://in/m.json"], outputS3Uri: "s3://out/r" }));
        assert.throws(() => invoke("voiceid:index:nope", {}), /unknown function/);
    });
});
