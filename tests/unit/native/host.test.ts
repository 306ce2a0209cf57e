import * as assert from "assert";
import { invoke } from "../../../provider/native/functions";
import { NativeProvider, parseUrn } from "../../../provider/native/host";
import { resetStop, stopCauseOf, stopSignal } from "../../../provider/shared/stop";
import { buildTrustPolicy, buildDataAccessPolicy } from "../../../provider/components/policies";

describe("native plugin host pieces", () => {
    it("parses URNs whose type token holds single colons (the name feeds the ClientToken)", () => {
        assert.deepStrictEqual(parseUrn("urn:pulumi:dev::proj::voiceid:index:FraudsterRegistrationJob::registration"), {
            stack: "dev",
            project: "proj",
            name: "registration",
        });
        assert.deepStrictEqual(parseUrn("urn:pulumi:dev::proj::my:comp$voiceid:index:VoiceIdDomain::a::b"), {
            stack: "dev",
            project: "proj",
            name: "a::b",
        });
        assert.deepStrictEqual(parseUrn("nonsense"), {});
    });

    it("Cancel stops every wait of the process (the shared stop signal), and answers", () => {
        resetStop();
        try {
            const signal = stopSignal();
            let answered = false;
            new NativeProvider(JSON.stringify({ resources: {} })).cancel(null, (err) => {
                assert.strictEqual(err, null);
                answered = true;
            });
            assert.ok(answered);
            assert.strictEqual(stopCauseOf(signal)?.kind, "cancelled");
        } finally {
            resetStop();
        }
    });

    it("functions return the builders' documents, with partition and DNS suffix defaulted", () => {
        const scope = { partition: "aws", accountId: "111122223333", region: "eu-west-2", dnsSuffix: "amazonaws.com" };
        const trust = invoke("voiceid:index:getTrustPolicy", {
            scope: { accountId: scope.accountId, region: scope.region },
            domainId: "abcdefghijklmnopqrstuv",
        });
        assert.deepStrictEqual(trust.document, buildTrustPolicy({ scope, domainId: "abcdefghijklmnopqrstuv" }));
        assert.deepStrictEqual(JSON.parse(trust.json), trust.document);
        const access = invoke("voiceid:index:getDataAccessPolicy", {
            scope: { region: "eu-west-2" },
            inputS3Uris: ["s3://in/m.json"],
            outputS3Uri: "s3://out/r",
        });
        assert.deepStrictEqual(
            access.document,
            buildDataAccessPolicy({
                scope: { partition: "aws", region: "eu-west-2", dnsSuffix: "amazonaws.com" },
                inputS3Uris: ["s3://in/m.json"],
                outputS3Uri: "s3://out/r",
            }),
        );
        assert.throws(() => invoke("voiceid:index:nope", {}), /unknown function/);
    });

    it("functions name a scope member they do not know or need and lack", () => {
        assert.throws(
            () =>
                invoke("voiceid:index:getTrustPolicy", { scope: { account_id: "111122223333", region: "eu-west-2" } }),
            /getTrustPolicy: scope\.account_id is not an input; scope takes partition, accountId, region, dnsSuffix/,
        );
        assert.throws(
            () => invoke("voiceid:index:getTrustPolicy", { scope: { region: "eu-west-2" } }),
            /getTrustPolicy: scope\.accountId is required/,
        );
    });
});
