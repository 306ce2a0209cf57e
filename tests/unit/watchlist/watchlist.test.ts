import * as assert from "assert";
import * as watchlist from "../../../provider/watchlist/provider";
import { diffWatchlist } from "../../../provider/watchlist/diff";
import { validateWatchlistInputs } from "../../../provider/watchlist/validate";
import { WatchlistView } from "../../../provider/watchlist/api";
import { sink } from "../../../provider/shared/log";
import { UNKNOWN } from "../../../provider/shared/validation";

const DOMAIN = "AbCdEfGhIjKlMnOpQrStUv";
const WL = "WaTcHlIsTiDaBcDeFgHiJk";
const WL2 = "ZyXwVuTsRqPoNmLkJiHgFe";
const view = (over: Partial<WatchlistView> = {}): WatchlistView => ({
    watchlistId: WL,
    domainId: DOMAIN,
    name: "known-fraudsters",
    defaultWatchlist: false,
    createdAt: new Date(),
    ...over,
});
const err = (name: string, status: number, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, ...extra });

function fakeApi(handlers: Record<string, (...args: any[]) => any>) {
    const calls: [string, ...any[]][] = [];
    const api: any = {};
    for (const op of ["create", "describe", "update", "delete", "isListed"]) {
        api[op] = async (...args: any[]) => {
            calls.push([op, ...args]);
            if (!handlers[op]) throw new Error(`unexpected call ${op}`);
            return handlers[op](...args);
        };
    }
    return { api, calls };
}

const inputs = () => ({ domainId: DOMAIN, name: "known-fraudsters", description: "secret-desc", scope: { project: "p", stack: "s", name: "wl" } });

/** The comparison part of a diff result (its presentation is tested in shared/detailedDiff). */
const comparison = (d: { changes: boolean; replaces: string[]; deleteBeforeReplace?: boolean }) => ({ changes: d.changes, replaces: d.replaces, ...(d.deleteBeforeReplace ? { deleteBeforeReplace: d.deleteBeforeReplace } : {}) });

describe("Watchlist", () => {
    const saved = { ...watchlist.runtime };
    const savedWrite = sink.write;
    const lines: string[] = [];
    beforeEach(() => {
        lines.length = 0;
        sink.write = (_l, line) => void lines.push(line);
    });
    afterEach(() => {
        Object.assign(watchlist.runtime, saved);
        sink.write = savedWrite;
    });

    describe("validation", () => {
        it("accepts valid inputs and skips unknowns", () => {
            assert.deepStrictEqual(validateWatchlistInputs({ ...inputs(), __provider: "x" }), []);
            assert.deepStrictEqual(validateWatchlistInputs({ ...inputs(), domainId: UNKNOWN, name: UNKNOWN }), []);
        });
        it("names every broken rule", () => {
            const f = validateWatchlistInputs({ domainId: "short", name: "no spaces", description: "", extra: 1 });
            assert.deepStrictEqual(f.map((x) => x.property), ["extra", "domainId", "name", "description"]);
            assert.ok(!f[2].reason.includes("no spaces"), "the name is sensitive");
            assert.deepStrictEqual(validateWatchlistInputs({ name: "x" }).map((x) => x.property), ["domainId"]);
        });
    });

    describe("diff", () => {
        const outs = () => ({ ...inputs(), watchlistId: WL, defaultWatchlist: false });
        it("no changes; __provider and an unset description are ignored", async () => {
            assert.deepStrictEqual(comparison(await watchlist.diff("x", { ...outs(), __provider: "a" }, { ...inputs(), __provider: "b" })), { changes: false, replaces: [] });
            assert.deepStrictEqual(comparison(diffWatchlist(outs(), { ...inputs(), description: undefined })), { changes: false, replaces: [] });
        });
        it("updates name and description in place; replaces on another domain or target", () => {
            assert.deepStrictEqual(comparison(diffWatchlist(outs(), { ...inputs(), name: "renamed" })), { changes: true, replaces: [] });
            assert.deepStrictEqual(comparison(diffWatchlist(outs(), { ...inputs(), description: "new" })), { changes: true, replaces: [] });
            assert.deepStrictEqual(comparison(diffWatchlist(outs(), { ...inputs(), description: UNKNOWN })), { changes: true, replaces: [] });
            assert.deepStrictEqual(diffWatchlist(outs(), { ...inputs(), domainId: WL2 }).replaces, ["domainId"]);
            assert.deepStrictEqual(diffWatchlist(outs(), { ...inputs(), domainId: UNKNOWN }).replaces, ["domainId"]);
            assert.deepStrictEqual(diffWatchlist({ ...outs(), effectiveRegion: "us-east-1" }, { ...inputs(), region: "eu-west-2" }).replaces, ["region"]);
            assert.deepStrictEqual(diffWatchlist({ ...outs(), effectiveRegion: "us-east-1" }, { ...inputs(), region: "us-east-1" }).replaces, []);
        });
    });

    describe("provider", () => {
        it("ids are <domainId>/<watchlistId>", () => {
            assert.strictEqual(watchlist.resourceId(DOMAIN, WL), `${DOMAIN}/${WL}`);
            assert.deepStrictEqual(watchlist.parseResourceId(`${DOMAIN}/${WL}`), { domainId: DOMAIN, watchlistId: WL });
            assert.throws(() => watchlist.parseResourceId(WL), /id must be "<domainId>\/<watchlistId>"/);
        });

        it("creates under a derived token; a token of a deleted watchlist is skipped", async () => {
            let n = 0;
            const { api, calls } = fakeApi({
                create: () => {
                    if (n++ === 0) throw err("ResourceNotFoundException", 404, { ResourceType: "WATCHLIST" });
                    return view({ watchlistId: WL2, description: "secret-desc" });
                },
            });
            watchlist.runtime.api = () => api;
            const r = await watchlist.create(inputs());
            assert.strictEqual(r.id, `${DOMAIN}/${WL2}`);
            assert.deepStrictEqual(calls.map((c) => c[4]), [0, 1].map((g) => watchlist.watchlistClientToken(inputs(), g)));
            assert.strictEqual(r.outs.watchlistId, WL2);
            assert.strictEqual(r.outs.defaultWatchlist, false);
        });

        it("a missing domain or a full domain fails with a clear error", async () => {
            watchlist.runtime.api = () => fakeApi({ create: () => { throw err("ResourceNotFoundException", 404, { ResourceType: "DOMAIN" }); } }).api;
            await assert.rejects(watchlist.create(inputs()), /cannot create the watchlist in domain/);
            watchlist.runtime.api = () => fakeApi({ create: () => { throw err("ServiceQuotaExceededException", 402); } }).api;
            await assert.rejects(watchlist.create(inputs()), /already has as many watchlists as Voice ID allows/);
        });

        it("refuses to delete the default watchlist, with what to do instead", async () => {
            const { api, calls } = fakeApi({ describe: () => view({ defaultWatchlist: true }) });
            watchlist.runtime.api = () => api;
            await assert.rejects(watchlist.delete(`${DOMAIN}/${WL}`, { ...inputs(), watchlistId: WL, defaultWatchlist: true }), (e: Error) => {
                assert.match(e.message, /is the default watchlist of domain .* which Voice ID cannot delete/);
                assert.match(e.message, /retainOnDelete/);
                return true;
            });
            assert.deepStrictEqual(calls.map((c) => c[0]), ["describe"]);
        });

        it("explains a non-empty watchlist", async () => {
            watchlist.runtime.api = () => fakeApi({
                describe: () => view(),
                delete: () => { throw err("ConflictException", 409, { ConflictType: "CANNOT_DELETE_NON_EMPTY_WATCHLIST" }); },
            }).api;
            await assert.rejects(watchlist.delete(`${DOMAIN}/${WL}`, { ...inputs(), watchlistId: WL }), /still has fraudsters.*deleteFraudstersOnDestroy/s);
        });

        it("a watchlist already gone, or in a deleted domain, counts as deleted", async () => {
            watchlist.runtime.api = () => fakeApi({ describe: () => { throw err("ResourceNotFoundException", 404, { ResourceType: "WATCHLIST" }); } }).api;
            await watchlist.delete(`${DOMAIN}/${WL}`, {});
            watchlist.runtime.api = () => fakeApi({ describe: () => view(), delete: () => { throw err("ConflictException", 409, { ConflictType: "DOMAIN_NOT_ACTIVE" }); } }).api;
            watchlist.runtime.domainApi = () => fakeApi({ describe: () => ({ domainId: DOMAIN, status: "SUSPENDED" }), isListed: () => false }).api;
            await watchlist.delete(`${DOMAIN}/${WL}`, {});
            assert.ok(lines.some((l) => /went with it/.test(l)));
        });

        it("read: gone watchlists leave the stack; present ones take the service's values", async () => {
            watchlist.runtime.api = () => fakeApi({ describe: () => { throw err("ResourceNotFoundException", 404, { ResourceType: "WATCHLIST" }); } }).api;
            assert.deepStrictEqual(await watchlist.read(`${DOMAIN}/${WL}`, {}), {});
            watchlist.runtime.api = () => fakeApi({ describe: () => view({ name: "renamed", description: "d" }) }).api;
            watchlist.runtime.domainApi = () => fakeApi({ describe: () => ({ domainId: DOMAIN, status: "ACTIVE" }) }).api;
            const r: any = await watchlist.read(`${DOMAIN}/${WL}`, { __provider: "x" });
            assert.deepStrictEqual([r.id, r.props.domainId, r.props.name, r.props.description, r.props.watchlistId], [`${DOMAIN}/${WL}`, DOMAIN, "renamed", "d", WL]);
        });

        it("update sends the name and, when set, the description", async () => {
            const { api, calls } = fakeApi({ update: () => view() });
            watchlist.runtime.api = () => api;
            await watchlist.update(`${DOMAIN}/${WL}`, { ...inputs(), watchlistId: WL }, { ...inputs(), description: undefined, name: "renamed" });
            assert.deepStrictEqual(calls[0], ["update", DOMAIN, WL, "renamed", undefined]);
            assert.ok(lines.every((l) => !l.includes("secret-desc")));
        });
    });
});
