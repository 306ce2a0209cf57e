/**
 * VoiceIdDomain and Watchlist through the real Pulumi engine against the local Voice ID
 * service: create, no-op preview, in-place update, drift on refresh, import, destroy, and a
 * re-create after destroy with identical inputs.
 * @module
 */
import * as assert from "assert";
import {
    CreateDomainCommand,
    CreateWatchlistCommand,
    DescribeDomainCommand,
    DescribeWatchlistCommand,
    ListDomainsCommand,
    ListTagsForResourceCommand,
    UpdateWatchlistCommand,
} from "@aws-sdk/client-voice-id";
import { changeSummary, TestProgram } from "../../support/pulumi";
import { LocalStack, startLocalStack } from "../../support/localStack";

const DOMAIN_TYPE = "pulumi-nodejs:dynamic/voiceid:VoiceIdDomain";
const WATCHLIST_TYPE = "pulumi-nodejs:dynamic/voiceid:Watchlist";

/** What the program declares; every test step writes a new one. */
interface Declared {
    description?: string;
    keyArn: string;
    tags?: Record<string, string>;
    watchlistName: string;
    watchlistDescription?: string;
    /** Import an existing domain (+ a watchlist in it, + its default watchlist). */
    imported?: {
        domainId: string;
        name: string;
        description: string;
        keyArn: string;
        watchlistId: string;
        watchlistName: string;
        defaultWatchlistId: string;
        retainDefault: boolean;
        withList?: boolean;
    };
}

function source(d: Declared): string {
    const imported = d.imported
        ? `
const adopted = new VoiceIdDomain("adopted", {
    name: ${JSON.stringify(d.imported.name)},
    description: ${JSON.stringify(d.imported.description)},
    serverSideEncryptionConfiguration: { kmsKeyId: ${JSON.stringify(d.imported.keyArn)} },
}, { import: ${JSON.stringify(d.imported.domainId)} });
${
    d.imported.withList === false
        ? ""
        : `const adoptedList = new Watchlist("adopted-list", {
    domainId: adopted.domainId,
    name: ${JSON.stringify(d.imported.watchlistName)},
}, { import: ${JSON.stringify(`${d.imported.domainId}/${d.imported.watchlistId}`)} });
export const adoptedWatchlistId = adoptedList.watchlistId;`
}
const adoptedDefault = new Watchlist("adopted-default", {
    domainId: adopted.domainId,
    name: "Default",
}, { import: ${JSON.stringify(`${d.imported.domainId}/${d.imported.defaultWatchlistId}`)}, retainOnDelete: ${d.imported.retainDefault} });
export const adoptedDomainId = adopted.domainId;
export const adoptedDefaultIsDefault = adoptedDefault.defaultWatchlist;
`
        : "";
    // Names, descriptions and tags are passed as secrets: this test checks that they stay so.
    return `
import * as pulumi from "@pulumi/pulumi";
import { VoiceIdDomain, Watchlist } from "pulumi-voiceid";

const domain = new VoiceIdDomain("fraud-domain", {
    ${d.description !== undefined ? `description: pulumi.secret(${JSON.stringify(d.description)}),` : ""}
    serverSideEncryptionConfiguration: { kmsKeyId: ${JSON.stringify(d.keyArn)} },
    ${d.tags ? `tags: pulumi.secret(${JSON.stringify(d.tags)}),` : ""}
});
const watchlist = new Watchlist("known-fraudsters", {
    domainId: domain.domainId,
    name: pulumi.secret(${JSON.stringify(d.watchlistName)}),
    ${d.watchlistDescription !== undefined ? `description: pulumi.secret(${JSON.stringify(d.watchlistDescription)}),` : ""}
});
export const domainId = domain.domainId;
export const arn = domain.arn;
export const status = domain.status;
export const defaultWatchlistId = domain.defaultWatchlistId;
export const watchlistId = watchlist.watchlistId;
export const watchlistResourceId = watchlist.id;
${imported}
`;
}

describe("VoiceIdDomain and Watchlist: engine lifecycle against the local service", function () {
    let stack: LocalStack;
    let program: TestProgram;
    let key1: string;
    let key2: string;
    let first: Record<string, any>;
    const secretDescription = "Fraud-line-EU-description-7f3a";
    const secretTagValue = "cost-center-4711-secret";

    before(async () => {
        stack = await startLocalStack();
        key1 = (await stack.createKmsKey()).arn;
        key2 = (await stack.createKmsKey()).arn;
        program = await TestProgram.create({
            name: "domain-lifecycle",
            source: source({
                description: secretDescription,
                keyArn: key1,
                tags: { team: "fraud-ops", cost: secretTagValue },
                watchlistName: "known-fraudsters",
                watchlistDescription: "Confirmed fraudsters",
            }),
            env: stack.env,
        });
    });

    after(async () => {
        if (program) await program.dispose();
        if (stack) await stack.stop();
    });

    const describeDomain = async (id: string) =>
        (await stack.voiceId.send(new DescribeDomainCommand({ DomainId: id }))).Domain!;
    const describeWatchlist = async (d: string, w: string) =>
        (await stack.voiceId.send(new DescribeWatchlistCommand({ DomainId: d, WatchlistId: w }))).Watchlist!;

    it("creates a domain and a watchlist", async () => {
        const r = await program.up();
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.deepStrictEqual(changeSummary(r.stdout), { created: 3 });
        first = await program.outputs();
        assert.match(first.domainId, /^[a-zA-Z0-9]{22}$/);
        assert.strictEqual(first.arn, `arn:aws:voiceid:${stack.region}:${stack.accountId}:domain/${first.domainId}`);
        assert.strictEqual(first.status, "ACTIVE");
        assert.strictEqual(first.watchlistResourceId, `${first.domainId}/${first.watchlistId}`);

        const d = await describeDomain(first.domainId);
        assert.strictEqual(d.Name, "fraud-domain", "the name defaults to the logical name");
        assert.strictEqual(d.Description, secretDescription);
        assert.strictEqual(d.ServerSideEncryptionConfiguration!.KmsKeyId, key1);
        assert.strictEqual(d.WatchlistDetails!.DefaultWatchlistId, first.defaultWatchlistId);
        const tags = (await stack.voiceId.send(new ListTagsForResourceCommand({ ResourceArn: first.arn }))).Tags!;
        assert.deepStrictEqual(Object.fromEntries(tags.map((t) => [t.Key, t.Value])), {
            team: "fraud-ops",
            cost: secretTagValue,
        });
        const w = await describeWatchlist(first.domainId, first.watchlistId);
        assert.deepStrictEqual(
            [w.Name, w.Description, w.DefaultWatchlist],
            ["known-fraudsters", "Confirmed fraudsters", false],
        );
    });

    it("keeps sensitive values out of the state in clear, and the serialized provider small", async () => {
        const r = await program.ok(["stack", "export"]);
        for (const secret of [secretDescription, secretTagValue, "Confirmed fraudsters"]) {
            assert.ok(!r.stdout.includes(secret), `${secret} is in the state in clear`);
        }
        const state = JSON.parse(r.stdout);
        for (const res of state.deployment.resources.filter((x: any) =>
            [DOMAIN_TYPE, WATCHLIST_TYPE].includes(x.type),
        )) {
            const size = Buffer.byteLength(res.outputs.__provider);
            assert.ok(size < 8192, `${res.type} __provider is ${size} bytes`);
            assert.ok(
                !res.outputs.__provider.includes(process.cwd()) && !/\/work\//.test(res.outputs.__provider),
                "no absolute paths in __provider",
            );
        }
        assert.ok(!r.stdout.includes(secretDescription));
    });

    it("previews no changes on a second run", async () => {
        const r = await program.preview(["--expect-no-changes"]);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.deepStrictEqual(changeSummary(r.stdout), { unchanged: 3 });
    });

    it("rejects invalid inputs at preview, naming the property, without echoing sensitive values", async () => {
        program.writeSource(
            source({ description: "bad <description>", keyArn: key1, watchlistName: "known-fraudsters" }),
        );
        let r = await program.preview();
        assert.notStrictEqual(r.code, 0);
        assert.match(
            r.stdout + r.stderr,
            /VoiceIdDomain resource 'fraud-domain': property description value .* has a problem: may contain only letters/,
        );
        program.writeSource(
            source({ description: secretDescription, keyArn: key1, watchlistName: "has spaces not allowed" }),
        );
        r = await program.preview();
        assert.notStrictEqual(r.code, 0);
        const out = r.stdout + r.stderr;
        assert.match(
            out,
            /Watchlist resource 'known-fraudsters': property name value .* has a problem: must start with a letter or digit/,
        );
        assert.ok(!out.includes("has spaces not allowed"), "the watchlist name is sensitive");
    });

    it("updates description, key, tags and the watchlist in place", async () => {
        program.writeSource(
            source({
                description: "Rotated key",
                keyArn: key2,
                tags: { team: "fraud-ops-2" },
                watchlistName: "known-fraudsters-v2",
                watchlistDescription: "Renamed",
            }),
        );
        const pre = await program.preview();
        assert.strictEqual(pre.code, 0, pre.stdout + pre.stderr);
        assert.deepStrictEqual(changeSummary(pre.stdout), { update: 2, unchanged: 1 }, pre.stdout);
        const r = await program.up();
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.deepStrictEqual(changeSummary(r.stdout), { updated: 2, unchanged: 1 });
        const outs = await program.outputs();
        assert.strictEqual(outs.domainId, first.domainId, "same domain");
        assert.strictEqual(outs.watchlistId, first.watchlistId, "same watchlist");
        const d = await describeDomain(first.domainId);
        assert.deepStrictEqual([d.Description, d.ServerSideEncryptionConfiguration!.KmsKeyId], ["Rotated key", key2]);
        const tags = (await stack.voiceId.send(new ListTagsForResourceCommand({ ResourceArn: first.arn }))).Tags!;
        assert.deepStrictEqual(
            tags.map((t) => [t.Key, t.Value]),
            [["team", "fraud-ops-2"]],
        );
        const w = await describeWatchlist(first.domainId, first.watchlistId);
        assert.deepStrictEqual([w.Name, w.Description], ["known-fraudsters-v2", "Renamed"]);
        const again = await program.preview(["--expect-no-changes"]);
        assert.strictEqual(again.code, 0, again.stdout + again.stderr);
    });

    it("sees drift on refresh and puts it back on up", async () => {
        await stack.voiceId.send(
            new UpdateWatchlistCommand({
                DomainId: first.domainId,
                WatchlistId: first.watchlistId,
                Name: "renamed-by-hand",
            }),
        );
        const refresh = await program.refresh();
        assert.strictEqual(refresh.code, 0, refresh.stdout + refresh.stderr);
        const pre = await program.preview();
        assert.deepStrictEqual(changeSummary(pre.stdout), { update: 1, unchanged: 2 }, pre.stdout);
        const r = await program.up();
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.strictEqual((await describeWatchlist(first.domainId, first.watchlistId)).Name, "known-fraudsters-v2");
    });

    let imported: NonNullable<Declared["imported"]>;

    it("imports an existing domain, watchlist and default watchlist", async () => {
        const created = (
            await stack.voiceId.send(
                new CreateDomainCommand({
                    Name: "existing-domain",
                    Description: "Made by hand",
                    ServerSideEncryptionConfiguration: { KmsKeyId: key1 },
                }),
            )
        ).Domain!;
        const wl = (
            await stack.voiceId.send(new CreateWatchlistCommand({ DomainId: created.DomainId!, Name: "existing-list" }))
        ).Watchlist!;
        imported = {
            domainId: created.DomainId!,
            name: "existing-domain",
            description: "Made by hand",
            keyArn: key1,
            watchlistId: wl.WatchlistId!,
            watchlistName: "existing-list",
            defaultWatchlistId: created.WatchlistDetails!.DefaultWatchlistId!,
            retainDefault: false,
        };
        program.writeSource(
            source({
                description: "Rotated key",
                keyArn: key2,
                tags: { team: "fraud-ops-2" },
                watchlistName: "known-fraudsters-v2",
                watchlistDescription: "Renamed",
                imported,
            }),
        );
        // A declaration that does not match what exists is refused, naming the properties only.
        program.writeSource(
            source({
                description: "Rotated key",
                keyArn: key2,
                tags: { team: "fraud-ops-2" },
                watchlistName: "known-fraudsters-v2",
                watchlistDescription: "Renamed",
                imported: { ...imported, description: "Not what it says" },
            }),
        );
        const bad = await program.up();
        assert.notStrictEqual(bad.code, 0);
        assert.match(
            bad.stdout + bad.stderr,
            /VoiceIdDomain: cannot import [a-zA-Z0-9]{22}: the program declares values that differ from the existing object for description\./,
        );
        assert.ok(!(bad.stdout + bad.stderr).includes("Made by hand"));
        assert.strictEqual((await program.resources(DOMAIN_TYPE)).length, 1, "nothing was adopted");

        program.writeSource(
            source({
                description: "Rotated key",
                keyArn: key2,
                tags: { team: "fraud-ops-2" },
                watchlistName: "known-fraudsters-v2",
                watchlistDescription: "Renamed",
                imported,
            }),
        );
        const r = await program.up();
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        // Dynamic resources cannot go through the engine's import step (it reads without the
        // serialized provider): the provider adopts instead, shown as a create.
        assert.deepStrictEqual(changeSummary(r.stdout), { created: 3, unchanged: 3 });
        const outs = await program.outputs();
        assert.strictEqual(outs.adoptedDomainId, imported.domainId);
        assert.strictEqual(outs.adoptedWatchlistId, imported.watchlistId);
        assert.strictEqual(outs.adoptedDefaultIsDefault, true);
        const pre = await program.preview(["--expect-no-changes"]);
        assert.strictEqual(pre.code, 0, pre.stdout + pre.stderr);
    });

    it("refuses to delete a default watchlist, with a clear error", async () => {
        program.writeSource(
            source({
                description: "Rotated key",
                keyArn: key2,
                tags: { team: "fraud-ops-2" },
                watchlistName: "known-fraudsters-v2",
                watchlistDescription: "Renamed",
            }),
        );
        const r = await program.up();
        assert.notStrictEqual(r.code, 0, "deleting the default watchlist must fail");
        assert.match(
            r.stdout + r.stderr,
            /is the default watchlist of domain [a-zA-Z0-9]{22}, which Voice ID cannot delete/,
        );
        // The other imported watchlist was deleted; the domain stays for its default watchlist.
        assert.deepStrictEqual(
            (await program.resources(WATCHLIST_TYPE)).map((x: any) => x.urn.split("::").pop()).sort(),
            ["adopted-default", "known-fraudsters"],
        );
        // With retainOnDelete the default watchlist is just forgotten on destroy.
        program.writeSource(
            source({
                description: "Rotated key",
                keyArn: key2,
                tags: { team: "fraud-ops-2" },
                watchlistName: "known-fraudsters-v2",
                watchlistDescription: "Renamed",
                imported: { ...imported, retainDefault: true, withList: false },
            }),
        );
        const fix = await program.up();
        assert.strictEqual(fix.code, 0, fix.stdout + fix.stderr);
    });

    it("destroys everything (the domains soft-deleted, the watchlists gone)", async () => {
        const r = await program.destroy();
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.deepStrictEqual(await program.resources(), []);
        const listed = (await stack.voiceId.send(new ListDomainsCommand({ MaxResults: 10 }))).DomainSummaries ?? [];
        assert.deepStrictEqual(
            listed.filter((d) => [first.domainId, imported.domainId].includes(d.DomainId!)),
            [],
            "deleted domains are no longer listed",
        );
        await assert.rejects(describeWatchlist(imported.domainId, imported.watchlistId), /not found/i);
    });

    it("creates a new domain when the same program runs again after destroy", async () => {
        program.writeSource(
            source({
                description: secretDescription,
                keyArn: key1,
                tags: { team: "fraud-ops", cost: secretTagValue },
                watchlistName: "known-fraudsters",
                watchlistDescription: "Confirmed fraudsters",
            }),
        );
        const r = await program.up();
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.deepStrictEqual(changeSummary(r.stdout), { created: 3 });
        const outs = await program.outputs();
        assert.notStrictEqual(outs.domainId, first.domainId, "the deleted domain is not adopted again");
        assert.strictEqual((await describeDomain(outs.domainId)).DomainStatus, "ACTIVE");
    });
});
