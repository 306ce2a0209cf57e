import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Store } from "../../../emulator/store";
import { DEFAULTS } from "../../../emulator/config";
import { createLogger } from "../../../emulator/log";
import { HANDLERS } from "../../../emulator/operations";
import type { OperationContext, Input } from "../../../emulator/context";

// Every List operation pages over (creation time, insertion order). The clock here never moves,
// so every row is made in the same millisecond: the order must still be the order of creation,
// whatever the random ids are.
describe("emulator list order", () => {
    let dir: string;
    let ctx: OperationContext;
    const call = async (operation: string, input: Input): Promise<any> => HANDLERS[operation](ctx, input);
    const listAll = async (
        operation: string,
        input: Input,
        member: string,
        key: string,
        MaxResults: number,
    ): Promise<string[]> => {
        const seen: string[] = [];
        let NextToken: string | undefined;
        do {
            const out = await call(operation, { ...input, MaxResults, NextToken });
            seen.push(...out[member].map((x: Record<string, string>) => x[key]));
            NextToken = out.NextToken;
        } while (NextToken);
        return seen;
    };

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-order-"));
        ctx = {
            store: new Store(path.join(dir, "db.sqlite")),
            config: DEFAULTS,
            log: createLogger("error", () => {}),
            now: () => 1_700_000_000_000,
            notifyJobs: () => {},
        };
    });
    afterEach(() => {
        ctx.store.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("lists domains, watchlists and speakers made in one millisecond in the order they were made, across pages", async () => {
        const SSE = { KmsKeyId: "alias/k" };
        const domains: string[] = [];
        for (let i = 0; i < 7; i++)
            domains.push(
                (await call("CreateDomain", { Name: `d${i}`, ServerSideEncryptionConfiguration: SSE })).Domain.DomainId,
            );
        assert.deepEqual(await listAll("ListDomains", {}, "DomainSummaries", "DomainId", 2), domains);

        const DomainId = domains[0];
        const watchlists = [(await call("DescribeDomain", { DomainId })).Domain.WatchlistDetails.DefaultWatchlistId];
        for (let i = 0; i < 4; i++)
            watchlists.push((await call("CreateWatchlist", { DomainId, Name: `w${i}` })).Watchlist.WatchlistId);
        assert.deepEqual(
            await listAll("ListWatchlists", { DomainId }, "WatchlistSummaries", "WatchlistId", 2),
            watchlists,
        );

        const speakers: string[] = [];
        for (let i = 0; i < 9; i++)
            speakers.push(
                (await call("OptOutSpeaker", { DomainId, SpeakerId: `customer-${i}` })).Speaker.CustomerSpeakerId,
            );
        await call("DeleteSpeaker", { DomainId, SpeakerId: "customer-8" });
        speakers.pop();
        speakers.push((await call("OptOutSpeaker", { DomainId, SpeakerId: "customer-9" })).Speaker.CustomerSpeakerId);
        assert.deepEqual(
            await listAll("ListSpeakers", { DomainId }, "SpeakerSummaries", "CustomerSpeakerId", 2),
            speakers,
        );
    });

    it("resolves same-millisecond ties by order of creation: the newest session of a name, the first of equally close fraudsters", () => {
        const now = ctx.now();
        const session = (id: string) => ({
            id,
            domain_id: "d",
            name: "call-1",
            speaker_id: null,
            voiceprint: "{}",
            acceptance_threshold: 75,
            risk_threshold: 50,
            watchlist_id: "w",
            created_at: now,
        });
        for (const id of ["id#zzzz", "id#aaaa", "id#mmmm"]) ctx.store.insertSession(session(id));
        assert.equal(ctx.store.findSession("d", "call-1")!.id, "id#mmmm");
        for (const id of ["id#zzzz", "id#aaaa", "id#mmmm"])
            ctx.store.insertFraudster({ id, domain_id: "d", voiceprint: "{}", created_at: now, job_id: null }, []);
        assert.deepEqual(
            ctx.store.fraudsterFeatures("d", undefined, undefined, 10).map((f) => f.id),
            ["id#zzzz", "id#aaaa", "id#mmmm"],
        );
    });

    it("refuses a NextToken of another listing or of the old (created_at, id) form", async () => {
        const SSE = { KmsKeyId: "alias/k" };
        for (let i = 0; i < 3; i++)
            await call("CreateDomain", { Name: `d${i}`, ServerSideEncryptionConfiguration: SSE });
        const { NextToken } = await call("ListDomains", { MaxResults: 1 });
        const DomainId = (await call("ListDomains", {})).DomainSummaries[0].DomainId;
        await assert.rejects(call("ListWatchlists", { DomainId, NextToken }), /Invalid NextToken/);
        const old = Buffer.from(JSON.stringify({ s: "domains", c: 1, i: "x" })).toString("base64url");
        await assert.rejects(call("ListDomains", { NextToken: old }), /Invalid NextToken/);
    });
});
