import * as assert from "assert";
import * as domain from "../../../provider/domain/provider";
import { DomainView, tagChanges } from "../../../provider/shared/domainCalls";
import { ScriptedSdk, sdkError } from "../shared/sdkSeam";
import { CLIENT_TOKEN_PATTERN } from "../../../provider/shared/validation";

const ID = "AbCdEfGhIjKlMnOpQrStUv";
const ID2 = "ZyXwVuTsRqPoNmLkJiHgFe";
const view = (over: Partial<DomainView> = {}): DomainView => ({
    domainId: ID,
    arn: `arn:aws:voiceid:us-east-1:123456789012:domain/${ID}`,
    name: "fraud",
    kmsKeyId: "alias/voiceid",
    status: "ACTIVE",
    defaultWatchlistId: "WaTcHlIsTiDaBcDeFgHiJk",
    createdAt: new Date(),
    ...over,
});
const notFound = () => sdkError("ResourceNotFoundException", 404, "Domain not found", { ResourceType: "DOMAIN" });

/** The SDK's shape of a domain view (what DescribeDomain and the other calls answer). */
const sdkDomain = (v: DomainView) => ({
    DomainId: v.domainId,
    Arn: v.arn,
    Name: v.name,
    Description: v.description,
    ServerSideEncryptionConfiguration: v.kmsKeyId ? { KmsKeyId: v.kmsKeyId } : undefined,
    DomainStatus: v.status,
    WatchlistDetails: { DefaultWatchlistId: v.defaultWatchlistId },
    CreatedAt: v.createdAt,
});
const answer = (over: Partial<DomainView> = {}) => ({ Domain: sdkDomain(view(over)) });
const tagList = (tags: Record<string, string>) => ({
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
});

const inputs = () => ({
    name: "fraud",
    description: "secret-description",
    serverSideEncryptionConfiguration: { kmsKeyId: "alias/voiceid" },
    tags: { team: "fraud-ops" },
    scope: { project: "p", stack: "s", name: "fraud" },
});

describe("VoiceIdDomain provider (scripted SDK)", () => {
    let sdk: ScriptedSdk;
    beforeEach(() => (sdk = new ScriptedSdk().install()));
    afterEach(() => sdk.uninstall());

    it("derives a valid, deterministic ClientToken per generation", () => {
        const t0 = domain.domainClientToken(inputs(), 0);
        assert.strictEqual(t0, domain.domainClientToken(inputs(), 0));
        assert.notStrictEqual(t0, domain.domainClientToken(inputs(), 1));
        assert.notStrictEqual(t0, domain.domainClientToken({ ...inputs(), description: "other" }, 0));
        assert.notStrictEqual(
            t0,
            domain.domainClientToken({ ...inputs(), scope: { ...inputs().scope, stack: "other" } }, 0),
        );
        for (const t of [t0, domain.domainClientToken(inputs(), 19)]) {
            assert.ok(t.length <= 64 && CLIENT_TOKEN_PATTERN.test(t), t);
        }
    });

    it("creates with tags and records the service's values", async () => {
        const calls = sdk.script({ CreateDomainCommand: () => answer({ description: "secret-description" }) });
        const r = await domain.create({ ...inputs(), __provider: "x" });
        assert.strictEqual(r.id, ID);
        assert.deepStrictEqual(
            calls.map((c) => c[0]),
            ["CreateDomainCommand"],
        );
        const { ClientToken, ...request } = calls[0][1];
        assert.deepStrictEqual(request, {
            Name: "fraud",
            Description: "secret-description",
            ServerSideEncryptionConfiguration: { KmsKeyId: "alias/voiceid" },
            Tags: [{ Key: "team", Value: "fraud-ops" }],
        });
        assert.strictEqual(ClientToken, domain.domainClientToken(inputs(), 0));
        assert.strictEqual(r.outs.status, "ACTIVE");
        assert.strictEqual(r.outs.arn, view().arn);
        assert.strictEqual(r.outs.defaultWatchlistId, "WaTcHlIsTiDaBcDeFgHiJk");
        assert.deepStrictEqual(r.outs.tags, { team: "fraud-ops" });
        assert.ok(!("__provider" in r.outs));
    });

    it("skips token generations that answer with a deleted domain", async () => {
        let n = 0;
        const calls = sdk.script({
            CreateDomainCommand: () => (n++ < 2 ? answer({ status: "SUSPENDED" }) : answer({ domainId: ID2 })),
        });
        const r = await domain.create(inputs());
        assert.strictEqual(r.id, ID2);
        assert.deepStrictEqual(
            calls.map((c) => c[1].ClientToken),
            [0, 1, 2].map((g) => domain.domainClientToken(inputs(), g)),
        );
    });

    it("waits for a PENDING domain to become ACTIVE", async () => {
        let polls = 0;
        sdk.script({
            CreateDomainCommand: () => answer({ status: "PENDING" }),
            DescribeDomainCommand: () => answer({ status: ++polls < 3 ? "PENDING" : "ACTIVE" }),
        });
        domain.runtime.activePollMs = 1;
        const r = await domain.create(inputs());
        assert.strictEqual(r.outs.status, "ACTIVE");
        assert.strictEqual(polls, 3);
    });

    it("rejects invalid inputs in create without calling the API", async () => {
        const calls = sdk.script({});
        await assert.rejects(
            domain.create({ ...inputs(), name: "bad name" }),
            /VoiceIdDomain: invalid inputs:\n  name: /,
        );
        assert.strictEqual(calls.length, 0);
    });

    it("read: a missing or soft-deleted domain leaves the stack; a suspended but listed one stays", async () => {
        sdk.script({
            DescribeDomainCommand: () => {
                throw notFound();
            },
        });
        assert.deepStrictEqual(await domain.read(ID, inputs()), {});
        sdk.script({
            DescribeDomainCommand: () => answer({ status: "SUSPENDED" }),
            ListDomainsCommand: () => ({ DomainSummaries: [] }),
        });
        assert.deepStrictEqual(await domain.read(ID, inputs()), {});
        sdk.script({
            DescribeDomainCommand: () => answer({ status: "SUSPENDED" }),
            ListDomainsCommand: () => ({ DomainSummaries: [{ DomainId: ID }] }),
            ListTagsForResourceCommand: () => tagList({}),
        });
        const r: any = await domain.read(ID, inputs());
        assert.strictEqual(r.props.status, "SUSPENDED");
    });

    it("read: takes name, description, key and tags from the service (import, drift)", async () => {
        sdk.script({
            DescribeDomainCommand: () => answer({ name: "renamed", description: "d2", kmsKeyId: "alias/k2" }),
            ListTagsForResourceCommand: () => tagList({ a: "b" }),
        });
        const r: any = await domain.read(ID, { __provider: "x", scope: { project: "p" } });
        assert.strictEqual(r.id, ID);
        assert.deepStrictEqual(
            [r.props.name, r.props.description, r.props.serverSideEncryptionConfiguration, r.props.tags, r.props.scope],
            ["renamed", "d2", { kmsKeyId: "alias/k2" }, { a: "b" }, { project: "p" }],
        );
        await assert.rejects(domain.read("not-an-id", {}), /id must be a domain id/);
    });

    it("update: UpdateDomain only when name/description/key differ, and tags by difference", async () => {
        const calls = sdk.script({
            DescribeDomainCommand: () => answer({ description: "secret-description" }),
            UpdateDomainCommand: (req: any) =>
                answer({ description: req.Description, kmsKeyId: req.ServerSideEncryptionConfiguration.KmsKeyId }),
            ListTagsForResourceCommand: () => tagList({ team: "old", gone: "x" }),
            TagResourceCommand: () => ({}),
            UntagResourceCommand: () => ({}),
        });
        const olds = { ...inputs(), domainId: ID };
        await domain.update(ID, olds, { ...inputs(), serverSideEncryptionConfiguration: { kmsKeyId: "alias/new" } });
        assert.deepStrictEqual(
            calls.map((c) => c[0]),
            [
                "DescribeDomainCommand",
                "UpdateDomainCommand",
                "ListTagsForResourceCommand",
                "TagResourceCommand",
                "UntagResourceCommand",
            ],
        );
        assert.deepStrictEqual(calls[1][1], {
            DomainId: ID,
            Name: "fraud",
            Description: "secret-description",
            ServerSideEncryptionConfiguration: { KmsKeyId: "alias/new" },
        });
        assert.deepStrictEqual(calls[3][1].Tags, tagList({ team: "fraud-ops" }).Tags);
        assert.deepStrictEqual(calls[4][1].TagKeys, ["gone"]);
        calls.length = 0;
        await domain.update(ID, olds, inputs());
        assert.deepStrictEqual(
            calls.map((c) => c[0]),
            ["DescribeDomainCommand", "ListTagsForResourceCommand", "TagResourceCommand", "UntagResourceCommand"],
        );
    });

    it("delete: already gone is fine; messages never carry sensitive values", async () => {
        sdk.script({
            DeleteDomainCommand: () => {
                throw notFound();
            },
        });
        await domain.delete(ID, { ...inputs(), domainId: ID });
        sdk.script({
            DeleteDomainCommand: () => {
                throw sdkError("ValidationException", 400, "boom secret-description");
            },
        });
        await assert.rejects(domain.delete(ID, { ...inputs(), domainId: ID }), (err: Error) => {
            assert.match(err.message, /cannot delete domain/);
            assert.ok(!err.message.includes("secret-description"), err.message);
            return true;
        });
        assert.ok(sdk.lines.every((l) => !l.includes("secret-description") && !l.includes("fraud-ops")));
    });

    it("computes tag changes", () => {
        assert.deepStrictEqual(tagChanges({ a: "1", b: "2" }, { a: "1", b: "3", c: "" }), {
            set: { b: "3", c: "" },
            remove: [],
        });
        assert.deepStrictEqual(tagChanges({ a: "1" }, undefined), { set: {}, remove: ["a"] });
    });
});
