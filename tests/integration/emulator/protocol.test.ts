import * as assert from "node:assert/strict";
import {
    VoiceIDClient,
    CreateDomainCommand,
    DescribeDomainCommand,
    ListDomainsCommand,
    UpdateDomainCommand,
    DeleteDomainCommand,
    CreateWatchlistCommand,
    DescribeWatchlistCommand,
    UpdateWatchlistCommand,
    DeleteWatchlistCommand,
    ListWatchlistsCommand,
    TagResourceCommand,
    UntagResourceCommand,
    ListTagsForResourceCommand,
    DescribeFraudsterCommand,
    StartFraudsterRegistrationJobCommand,
    StartSpeakerEnrollmentJobCommand,
    OptOutSpeakerCommand,
    DeleteSpeakerCommand,
    DescribeSpeakerCommand,
    EvaluateSessionCommand,
    paginateListSpeakers,
    paginateListDomains,
    ValidationException,
    ResourceNotFoundException,
    ConflictException,
    ServiceQuotaExceededException,
    ThrottlingException,
    InternalServerException,
    VoiceIDServiceException,
} from "@aws-sdk/client-voice-id";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { rawRequest as raw, creds } from "./helpers";
import { rng } from "../../support/audio";
const SSE = { KmsKeyId: "alias/voiceid" };

async function rejects<T extends Error>(p: Promise<unknown>, cls: new (...a: never[]) => T): Promise<T> {
    try {
        await p;
    } catch (e) {
        assert.ok(e instanceof cls, `expected ${cls.name}, got ${(e as Error).name}: ${(e as Error).message}`);
        return e as T;
    }
    throw new Error(`expected ${cls.name}, but the call succeeded`);
}

describe("emulator: AWS JSON 1.0 protocol through @aws-sdk/client-voice-id", function () {
    this.timeout(60_000);
    let emu: RunningEmulator;
    let client: VoiceIDClient;

    before(async () => {
        emu = await startEmulator({ logLevel: "silent" });
        client = new VoiceIDClient({ endpoint: emu.endpoint, region: "us-east-1", credentials: creds, maxAttempts: 1 });
    });
    after(async () => {
        client.destroy();
        await emu.stop();
    });

    it("creates, describes, updates and lists a domain with its default watchlist", async () => {
        const { Domain } = await client.send(
            new CreateDomainCommand({ Name: "d1", Description: "first", ServerSideEncryptionConfiguration: SSE }),
        );
        assert.match(Domain!.DomainId!, /^[a-zA-Z0-9]{22}$/);
        assert.equal(Domain!.Arn, `arn:aws:voiceid:us-east-1:123456789012:domain/${Domain!.DomainId}`);
        assert.equal(Domain!.DomainStatus, "ACTIVE");
        assert.ok(Domain!.CreatedAt instanceof Date);
        const wl = await client.send(
            new DescribeWatchlistCommand({
                DomainId: Domain!.DomainId,
                WatchlistId: Domain!.WatchlistDetails!.DefaultWatchlistId,
            }),
        );
        assert.equal(wl.Watchlist!.DefaultWatchlist, true);

        const updated = await client.send(
            new UpdateDomainCommand({
                DomainId: Domain!.DomainId,
                Name: "d1b",
                ServerSideEncryptionConfiguration: { KmsKeyId: "alias/other" },
            }),
        );
        assert.equal(updated.Domain!.Name, "d1b");
        assert.equal(updated.Domain!.Description, undefined);
        assert.equal(updated.Domain!.ServerSideEncryptionUpdateDetails!.OldKmsKeyId, "alias/voiceid");
        const described = await client.send(new DescribeDomainCommand({ DomainId: Domain!.DomainId }));
        assert.equal(described.Domain!.Name, "d1b");
    });

    it("paginates ListDomains with NextToken and MaxResults", async () => {
        for (let i = 0; i < 12; i++)
            await client.send(new CreateDomainCommand({ Name: `page${i}`, ServerSideEncryptionConfiguration: SSE }));
        const first = await client.send(new ListDomainsCommand({ MaxResults: 5 }));
        assert.equal(first.DomainSummaries!.length, 5);
        assert.ok(first.NextToken);
        const ids = new Set<string>();
        for await (const page of paginateListDomains({ client, pageSize: 4 }, {}))
            for (const d of page.DomainSummaries ?? []) ids.add(d.DomainId!);
        assert.ok(ids.size >= 13);
        await rejects(client.send(new ListDomainsCommand({ NextToken: "garbage" })), ValidationException);
        await rejects(client.send(new ListDomainsCommand({ MaxResults: 11 })), ValidationException);
    });

    it("soft-deletes a domain: SUSPENDED, gone from ListDomains, DOMAIN_NOT_ACTIVE for changes", async () => {
        const { Domain } = await client.send(
            new CreateDomainCommand({ Name: "gone", ServerSideEncryptionConfiguration: SSE }),
        );
        await client.send(new DeleteDomainCommand({ DomainId: Domain!.DomainId }));
        await client.send(new DeleteDomainCommand({ DomainId: Domain!.DomainId })); // idempotent
        const d = await client.send(new DescribeDomainCommand({ DomainId: Domain!.DomainId }));
        assert.equal(d.Domain!.DomainStatus, "SUSPENDED");
        const all = [];
        for await (const page of paginateListDomains({ client }, {})) all.push(...(page.DomainSummaries ?? []));
        assert.ok(!all.some((x) => x.DomainId === Domain!.DomainId));
        const e = await rejects(
            client.send(new CreateWatchlistCommand({ DomainId: Domain!.DomainId, Name: "w" })),
            ConflictException,
        );
        assert.equal(e.ConflictType, "DOMAIN_NOT_ACTIVE");
        assert.equal(e.$metadata.httpStatusCode, 409);
        // The speaker, enrollment and session operations refuse a non-active domain the same way.
        const DomainId = Domain!.DomainId;
        const job = {
            DomainId,
            DataAccessRoleArn: "arn:aws:iam::123456789012:role/r",
            InputDataConfig: { S3Uri: "s3://bucket/in.json" },
            OutputDataConfig: { S3Uri: "s3://bucket/out" },
        };
        for (const command of [
            new StartSpeakerEnrollmentJobCommand(job),
            new OptOutSpeakerCommand({ DomainId, SpeakerId: "customer-1" }),
            new DeleteSpeakerCommand({ DomainId, SpeakerId: "customer-1" }),
            new EvaluateSessionCommand({ DomainId, SessionNameOrId: "session-1" }),
        ]) {
            const c = await rejects(client.send(command as never), ConflictException);
            assert.equal(c.ConflictType, "DOMAIN_NOT_ACTIVE", command.constructor.name);
        }
    });

    it("opts out speakers before any enrollment, paginates and deletes them", async () => {
        const { Domain } = await client.send(
            new CreateDomainCommand({ Name: "speakers", ServerSideEncryptionConfiguration: SSE }),
        );
        const DomainId = Domain!.DomainId;
        const made = [];
        for (let i = 0; i < 5; i++)
            made.push((await client.send(new OptOutSpeakerCommand({ DomainId, SpeakerId: `customer-${i}` }))).Speaker!);
        for (const s of made) {
            assert.equal(s.Status, "OPTED_OUT");
            assert.match(s.GeneratedSpeakerId!, /^id#[a-zA-Z0-9]{22}$/);
        }
        // Opting out again is idempotent and keeps the speaker's id.
        const again = await client.send(new OptOutSpeakerCommand({ DomainId, SpeakerId: made[0].GeneratedSpeakerId }));
        assert.equal(again.Speaker!.CustomerSpeakerId, "customer-0");
        assert.equal(again.Speaker!.GeneratedSpeakerId, made[0].GeneratedSpeakerId);
        const listed = [];
        for await (const page of paginateListSpeakers({ client, pageSize: 2 }, { DomainId }))
            listed.push(...(page.SpeakerSummaries ?? []));
        assert.deepEqual(
            listed.map((s) => s.CustomerSpeakerId),
            made.map((s) => s.CustomerSpeakerId),
        );
        await client.send(new DeleteSpeakerCommand({ DomainId, SpeakerId: "customer-3" }));
        const nf = await rejects(
            client.send(new DescribeSpeakerCommand({ DomainId, SpeakerId: "customer-3" })),
            ResourceNotFoundException,
        );
        assert.equal(nf.ResourceType, "SPEAKER");
        // An unknown generated id cannot be opted out: there is no customer id to create it under.
        await rejects(
            client.send(new OptOutSpeakerCommand({ DomainId, SpeakerId: "id#" + "Z".repeat(22) })),
            ResourceNotFoundException,
        );
    });

    it("maps errors to the SDK's exception classes with their fields", async () => {
        const nf = await rejects(
            client.send(new DescribeDomainCommand({ DomainId: "A".repeat(22) })),
            ResourceNotFoundException,
        );
        assert.equal(nf.ResourceType, "DOMAIN");
        assert.equal(nf.$metadata.httpStatusCode, 404);
        const { Domain } = await client.send(
            new CreateDomainCommand({ Name: "errs", ServerSideEncryptionConfiguration: SSE }),
        );
        const nf2 = await rejects(
            client.send(
                new DescribeFraudsterCommand({ DomainId: Domain!.DomainId, FraudsterId: "id#" + "B".repeat(22) }),
            ),
            ResourceNotFoundException,
        );
        assert.equal(nf2.ResourceType, "FRAUDSTER");
        const v = await rejects(client.send(new DescribeDomainCommand({ DomainId: "bad" })), ValidationException);
        assert.equal(v.$metadata.httpStatusCode, 400);
        assert.match(v.message, /validation error/);
        const wlErr = await rejects(
            client.send(
                new StartFraudsterRegistrationJobCommand({
                    DomainId: Domain!.DomainId,
                    DataAccessRoleArn: "arn:aws:iam::123456789012:role/r",
                    InputDataConfig: { S3Uri: "s3://bucket/in.json" },
                    OutputDataConfig: { S3Uri: "s3://bucket/out" },
                    RegistrationConfig: { WatchlistIds: ["C".repeat(22)] },
                }),
            ),
            ResourceNotFoundException,
        );
        assert.equal(wlErr.ResourceType, "WATCHLIST");
        // The default watchlist cannot be deleted; watchlist quota.
        await rejects(
            client.send(
                new DeleteWatchlistCommand({
                    DomainId: Domain!.DomainId,
                    WatchlistId: Domain!.WatchlistDetails!.DefaultWatchlistId,
                }),
            ),
            ValidationException,
        );
        for (let i = 0; i < 4; i++)
            await client.send(new CreateWatchlistCommand({ DomainId: Domain!.DomainId, Name: `w${i}` }));
        const q = await rejects(
            client.send(new CreateWatchlistCommand({ DomainId: Domain!.DomainId, Name: "one-too-many" })),
            ServiceQuotaExceededException,
        );
        assert.equal(q.$metadata.httpStatusCode, 402);
    });

    it("manages watchlists and tags", async () => {
        const { Domain } = await client.send(
            new CreateDomainCommand({
                Name: "wt",
                ServerSideEncryptionConfiguration: SSE,
                Tags: [{ Key: "team", Value: "fraud" }],
            }),
        );
        const { Watchlist } = await client.send(
            new CreateWatchlistCommand({ DomainId: Domain!.DomainId, Name: "w", Description: "x" }),
        );
        const u = await client.send(
            new UpdateWatchlistCommand({ DomainId: Domain!.DomainId, WatchlistId: Watchlist!.WatchlistId, Name: "w2" }),
        );
        assert.equal(u.Watchlist!.Name, "w2");
        assert.equal(u.Watchlist!.Description, "x");
        const list = await client.send(new ListWatchlistsCommand({ DomainId: Domain!.DomainId, MaxResults: 1 }));
        assert.equal(list.WatchlistSummaries!.length, 1);
        assert.ok(list.NextToken);
        await client.send(
            new DeleteWatchlistCommand({ DomainId: Domain!.DomainId, WatchlistId: Watchlist!.WatchlistId }),
        );
        await rejects(
            client.send(
                new DescribeWatchlistCommand({ DomainId: Domain!.DomainId, WatchlistId: Watchlist!.WatchlistId }),
            ),
            ResourceNotFoundException,
        );

        await client.send(new TagResourceCommand({ ResourceArn: Domain!.Arn, Tags: [{ Key: "env", Value: "test" }] }));
        await client.send(new UntagResourceCommand({ ResourceArn: Domain!.Arn, TagKeys: ["team"] }));
        const tags = await client.send(new ListTagsForResourceCommand({ ResourceArn: Domain!.Arn }));
        assert.deepEqual(tags.Tags, [{ Key: "env", Value: "test" }]);
    });

    it("CreateDomain is idempotent per ClientToken", async () => {
        const a = await client.send(
            new CreateDomainCommand({ Name: "idem", ClientToken: "tok-1", ServerSideEncryptionConfiguration: SSE }),
        );
        const b = await client.send(
            new CreateDomainCommand({ Name: "idem", ClientToken: "tok-1", ServerSideEncryptionConfiguration: SSE }),
        );
        assert.equal(a.Domain!.DomainId, b.Domain!.DomainId);
        await rejects(
            client.send(
                new CreateDomainCommand({
                    Name: "other",
                    ClientToken: "tok-1",
                    ServerSideEncryptionConfiguration: SSE,
                }),
            ),
            ConflictException,
        );
    });

    it("answers UnknownOperationException and SerializationException like AWS", async () => {
        const unknown = await raw(emu.endpoint, "VoiceID.StartSpeakerVerification", "{}");
        assert.equal(unknown.status, 400);
        assert.equal(unknown.body.__type, "UnknownOperationException");
        assert.match(unknown.body.message, /Unknown operation "VoiceID\.StartSpeakerVerification"/);
        // Emulator-only operations exist under their own target prefix only.
        const localUnderVoiceId = await raw(emu.endpoint, "VoiceID.CreateSession", "{}");
        assert.equal(localUnderVoiceId.body.__type, "UnknownOperationException");
        const noTarget = await raw(emu.endpoint, undefined, "{}");
        assert.equal(noTarget.body.__type, "UnknownOperationException");
        assert.match(noTarget.body.message, /Missing X-Amz-Target header/);
        const bad = await raw(emu.endpoint, "VoiceID.ListDomains", "{not json");
        assert.equal(bad.status, 400);
        assert.equal(bad.body.__type, "SerializationException");
        const wrongType = await raw(emu.endpoint, "VoiceID.DescribeDomain", '{"DomainId": 5}');
        assert.equal(wrongType.body.__type, "SerializationException");
    });

    it("rejects unsigned, wrongly signed, expired and unknown-key requests", async () => {
        const unsigned = await raw(emu.endpoint, "VoiceID.ListDomains", "{}", { sign: false });
        assert.equal(unsigned.status, 403);
        assert.equal(unsigned.body.__type, "MissingAuthenticationTokenException");
        const wrong = await raw(emu.endpoint, "VoiceID.ListDomains", "{}", { secret: "not-the-secret" });
        assert.equal(wrong.status, 403);
        assert.equal(wrong.body.__type, "InvalidSignatureException");
        const expired = await raw(emu.endpoint, "VoiceID.ListDomains", "{}", {
            date: new Date(Date.now() - 60 * 60 * 1000),
        });
        assert.equal(expired.status, 403);
        assert.equal(expired.body.__type, "InvalidSignatureException");
        assert.match(expired.body.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than/);
        const future = await raw(emu.endpoint, "VoiceID.ListDomains", "{}", {
            date: new Date(Date.now() + 60 * 60 * 1000),
        });
        assert.equal(future.status, 403);
        assert.equal(future.body.__type, "InvalidSignatureException");
        assert.match(
            future.body.message,
            /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
        );
        const ok = await raw(emu.endpoint, "VoiceID.ListDomains", "{}");
        assert.equal(ok.status, 200);

        const stranger = new VoiceIDClient({
            endpoint: emu.endpoint,
            region: "us-east-1",
            credentials: { accessKeyId: "AKIASTRANGER", secretAccessKey: "x" },
            maxAttempts: 1,
        });
        const e = await rejects(stranger.send(new ListDomainsCommand({})), VoiceIDServiceException);
        assert.equal(e.name, "UnrecognizedClientException");
        assert.equal(e.$metadata.httpStatusCode, 403);
        const tampered = new VoiceIDClient({
            endpoint: emu.endpoint,
            region: "us-east-1",
            credentials: { ...creds, secretAccessKey: "wrong" },
            maxAttempts: 1,
        });
        const e2 = await rejects(tampered.send(new ListDomainsCommand({})), VoiceIDServiceException);
        assert.equal(e2.name, "InvalidSignatureException");
        stranger.destroy();
        tampered.destroy();
    });

    it("injects throttling and 5xx at the configured rates", async () => {
        const faulty = await startEmulator({ logLevel: "silent", throttleRate: 0.3, faultRate: 0.05, random: rng(42) });
        const c = new VoiceIDClient({
            endpoint: faulty.endpoint,
            region: "us-east-1",
            credentials: creds,
            maxAttempts: 1,
        });
        let throttled = 0;
        let failed = 0;
        let ok = 0;
        for (let i = 0; i < 300; i++) {
            try {
                await c.send(new ListDomainsCommand({}));
                ok++;
            } catch (e) {
                if (e instanceof ThrottlingException) {
                    assert.equal(e.$metadata.httpStatusCode, 429);
                    throttled++;
                } else if (e instanceof InternalServerException) {
                    assert.equal(e.$metadata.httpStatusCode, 500);
                    failed++;
                } else throw e;
            }
        }
        assert.ok(throttled > 50 && throttled < 130, `throttled ${throttled}/300`);
        assert.ok(failed > 2 && failed < 30, `5xx ${failed}/300`);
        // With the SDK's standard retries, callers get through.
        const retrying = new VoiceIDClient({
            endpoint: faulty.endpoint,
            region: "us-east-1",
            credentials: creds,
            maxAttempts: 8,
        });
        for (let i = 0; i < 10; i++) await retrying.send(new ListDomainsCommand({}));
        c.destroy();
        retrying.destroy();
        await faulty.stop();
        assert.ok(ok > 0);
    });
});
