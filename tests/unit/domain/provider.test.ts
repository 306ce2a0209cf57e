import * as assert from "assert";
import * as domain from "../../../provider/domain/provider";
import { DomainView, tagChanges } from "../../../provider/domain/api";
import { sink } from "../../../provider/shared/log";
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
const notFound = () => Object.assign(new Error("Domain not found"), { name: "ResourceNotFoundException", ResourceType: "DOMAIN", $metadata: { httpStatusCode: 404 } });

/** A scripted DomainApi: records calls, answers from the handlers given. */
function fakeApi(handlers: Record<string, (...args: any[]) => any>) {
    const calls: [string, ...any[]][] = [];
    const api: any = {};
    for (const op of ["create", "describe", "update", "delete", "isListed", "tags", "tag", "untag"]) {
        api[op] = async (...args: any[]) => {
            calls.push([op, ...args]);
            if (!handlers[op]) throw new Error(`unexpected call ${op}`);
            return handlers[op](...args);
        };
    }
    return { api, calls };
}

const inputs = () => ({
    name: "fraud",
    description: "secret-description",
    serverSideEncryptionConfiguration: { kmsKeyId: "alias/voiceid" },
    tags: { team: "fraud-ops" },
    scope: { project: "p", stack: "s", name: "fraud" },
});

describe("VoiceIdDomain provider (scripted API)", () => {
    const saved = { ...domain.runtime };
    const lines: string[] = [];
    const savedWrite = sink.write;
    beforeEach(() => {
        lines.length = 0;
        sink.write = (_level, line) => void lines.push(line);
    });
    afterEach(() => {
        Object.assign(domain.runtime, saved);
        sink.write = savedWrite;
    });

    it("derives a valid, deterministic ClientToken per generation", () => {
        const t0 = domain.domainClientToken(inputs(), 0);
        assert.strictEqual(t0, domain.domainClientToken(inputs(), 0));
        assert.notStrictEqual(t0, domain.domainClientToken(inputs(), 1));
        assert.notStrictEqual(t0, domain.domainClientToken({ ...inputs(), description: "other" }, 0));
        assert.notStrictEqual(t0, domain.domainClientToken({ ...inputs(), scope: { ...inputs().scope, stack: "other" } }, 0));
        for (const t of [t0, domain.domainClientToken(inputs(), 19)]) {
            assert.ok(t.length <= 64 && CLIENT_TOKEN_PATTERN.test(t), t);
        }
    });

    it("creates with tags and records the service's values", async () => {
        const { api, calls } = fakeApi({ create: () => view({ description: "secret-description" }) });
        domain.runtime.api = () => api;
        const r = await domain.create({ ...inputs(), __provider: "x" });
        assert.strictEqual(r.id, ID);
        assert.deepStrictEqual(calls.map((c) => c[0]), ["create"]);
        assert.deepStrictEqual(calls[0][1], { name: "fraud", description: "secret-description", kmsKeyId: "alias/voiceid", tags: { team: "fraud-ops" } });
        assert.strictEqual(calls[0][2], domain.domainClientToken(inputs(), 0));
        assert.strictEqual(r.outs.status, "ACTIVE");
        assert.strictEqual(r.outs.arn, view().arn);
        assert.strictEqual(r.outs.defaultWatchlistId, "WaTcHlIsTiDaBcDeFgHiJk");
        assert.deepStrictEqual(r.outs.tags, { team: "fraud-ops" });
        assert.ok(!("__provider" in r.outs));
    });

    it("skips token generations that answer with a deleted domain", async () => {
        let n = 0;
        const { api, calls } = fakeApi({ create: () => (n++ < 2 ? view({ status: "SUSPENDED" }) : view({ domainId: ID2 })) });
        domain.runtime.api = () => api;
        const r = await domain.create(inputs());
        assert.strictEqual(r.id, ID2);
        assert.deepStrictEqual(calls.map((c) => c[2]), [0, 1, 2].map((g) => domain.domainClientToken(inputs(), g)));
    });

    it("waits for a PENDING domain to become ACTIVE", async () => {
        let polls = 0;
        const { api } = fakeApi({ create: () => view({ status: "PENDING" }), describe: () => view({ status: ++polls < 3 ? "PENDING" : "ACTIVE" }) });
        domain.runtime.api = () => api;
        domain.runtime.activePollMs = 1;
        const r = await domain.create(inputs());
        assert.strictEqual(r.outs.status, "ACTIVE");
        assert.strictEqual(polls, 3);
    });

    it("rejects invalid inputs in create without calling the API", async () => {
        const { api, calls } = fakeApi({});
        domain.runtime.api = () => api;
        await assert.rejects(domain.create({ ...inputs(), name: "bad name" }), /VoiceIdDomain: invalid inputs:\n  name: /);
        assert.strictEqual(calls.length, 0);
    });

    it("read: a missing or soft-deleted domain leaves the stack; a suspended but listed one stays", async () => {
        domain.runtime.api = () => fakeApi({ describe: () => { throw notFound(); } }).api;
        assert.deepStrictEqual(await domain.read(ID, inputs()), {});
        domain.runtime.api = () => fakeApi({ describe: () => view({ status: "SUSPENDED" }), isListed: () => false }).api;
        assert.deepStrictEqual(await domain.read(ID, inputs()), {});
        domain.runtime.api = () => fakeApi({ describe: () => view({ status: "SUSPENDED" }), isListed: () => true, tags: () => ({}) }).api;
        const r: any = await domain.read(ID, inputs());
        assert.strictEqual(r.props.status, "SUSPENDED");
    });

    it("read: takes name, description, key and tags from the service (import, drift)", async () => {
        const { api } = fakeApi({ describe: () => view({ name: "renamed", description: "d2", kmsKeyId: "alias/k2" }), tags: () => ({ a: "b" }) });
        domain.runtime.api = () => api;
        const r: any = await domain.read(ID, { __provider: "x", scope: { project: "p" } });
        assert.strictEqual(r.id, ID);
        assert.deepStrictEqual(
            [r.props.name, r.props.description, r.props.serverSideEncryptionConfiguration, r.props.tags, r.props.scope],
            ["renamed", "d2", { kmsKeyId: "alias/k2" }, { a: "b" }, { project: "p" }],
        );
        await assert.rejects(domain.read("not-an-id", {}), /id must be a domain id/);
    });

    it("update: UpdateDomain only when name/description/key differ, and tags by difference", async () => {
        const { api, calls } = fakeApi({
            describe: () => view({ description: "secret-description" }),
            update: (_id: string, req: any) => view({ description: req.description, kmsKeyId: req.kmsKeyId }),
            tags: () => ({ team: "old", gone: "x" }),
            tag: () => undefined,
            untag: () => undefined,
        });
        domain.runtime.api = () => api;
        const olds = { ...inputs(), domainId: ID };
        await domain.update(ID, olds, { ...inputs(), serverSideEncryptionConfiguration: { kmsKeyId: "alias/new" } });
        assert.deepStrictEqual(calls.map((c) => c[0]), ["describe", "update", "tags", "tag", "untag"]);
        assert.deepStrictEqual(calls[1][2], { name: "fraud", description: "secret-description", kmsKeyId: "alias/new" });
        assert.deepStrictEqual(calls[3][2], { team: "fraud-ops" });
        assert.deepStrictEqual(calls[4][2], ["gone"]);
        calls.length = 0;
        await domain.update(ID, olds, inputs());
        assert.deepStrictEqual(calls.map((c) => c[0]), ["describe", "tags", "tag", "untag"]);
    });

    it("delete: already gone is fine; messages never carry sensitive values", async () => {
        domain.runtime.api = () => fakeApi({ delete: () => { throw notFound(); } }).api;
        await domain.delete(ID, { ...inputs(), domainId: ID });
        domain.runtime.api = () => fakeApi({ delete: () => { throw Object.assign(new Error("boom secret-description"), { name: "ValidationException", $metadata: { httpStatusCode: 400 } }); } }).api;
        await assert.rejects(domain.delete(ID, { ...inputs(), domainId: ID }), (err: Error) => {
            assert.match(err.message, /cannot delete domain/);
            assert.ok(!err.message.includes("secret-description"), err.message);
            return true;
        });
        assert.ok(lines.every((l) => !l.includes("secret-description") && !l.includes("fraud-ops")));
    });

    it("computes tag changes", () => {
        assert.deepStrictEqual(tagChanges({ a: "1", b: "2" }, { a: "1", b: "3", c: "" }), { set: { b: "3", c: "" }, remove: [] });
        assert.deepStrictEqual(tagChanges({ a: "1" }, undefined), { set: {}, remove: ["a"] });
    });
});
