import * as assert from "assert";
import * as watchlist from "../../../provider/watchlist/provider";
import { diffWatchlist } from "../../../provider/watchlist/diff";
import { validateWatchlistInputs } from "../../../provider/watchlist/validate";
import { WatchlistView } from "../../../provider/watchlist/api";
import { ScriptedSdk, sdkError } from "../shared/sdkSeam";
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
    sdkError(name, status, `${name} happened`, extra);

/** The SDK's answer with a watchlist view. */
const answer = (over: Partial<WatchlistView> = {}) => {
    const w = view(over);
    return {
        Watchlist: {
            WatchlistId: w.watchlistId,
            DomainId: w.domainId,
            Name: w.name,
            Description: w.description,
            DefaultWatchlist: w.defaultWatchlist,
            CreatedAt: w.createdAt,
        },
    };
};
const domainAnswer = (status: string) => ({ Domain: { DomainId: DOMAIN, DomainStatus: status } });

const inputs = () => ({
    domainId: DOMAIN,
    name: "known-fraudsters",
    description: "secret-desc",
    scope: { project: "p", stack: "s", name: "wl" },
});

/** The comparison part of a diff result (its presentation is tested in shared/detailedDiff). */
const comparison = (d: { changes: boolean; replaces: string[]; deleteBeforeReplace?: boolean }) => ({
    changes: d.changes,
    replaces: d.replaces,
    ...(d.deleteBeforeReplace ? { deleteBeforeReplace: d.deleteBeforeReplace } : {}),
});

describe("VoiceIdWatchlist", () => {
    let sdk: ScriptedSdk;
    beforeEach(() => (sdk = new ScriptedSdk().install()));
    afterEach(() => sdk.uninstall());

    describe("validation", () => {
        it("accepts valid inputs and skips unknowns", () => {
            assert.deepStrictEqual(validateWatchlistInputs({ ...inputs(), __provider: "x" }), []);
            assert.deepStrictEqual(validateWatchlistInputs({ ...inputs(), domainId: UNKNOWN, name: UNKNOWN }), []);
        });
        it("names every broken rule", () => {
            const f = validateWatchlistInputs({ domainId: "short", name: "no spaces", description: "", extra: 1 });
            assert.deepStrictEqual(
                f.map((x) => x.property),
                ["extra", "domainId", "name", "description"],
            );
            assert.ok(!f[2].reason.includes("no spaces"), "the name is sensitive");
            assert.deepStrictEqual(
                validateWatchlistInputs({ name: "x" }).map((x) => x.property),
                ["domainId"],
            );
        });
    });

    describe("diff", () => {
        const outs = () => ({ ...inputs(), watchlistId: WL, defaultWatchlist: false });
        it("no changes; __provider and an unset description are ignored", async () => {
            assert.deepStrictEqual(
                comparison(await watchlist.diff("x", { ...outs(), __provider: "a" }, { ...inputs(), __provider: "b" })),
                { changes: false, replaces: [] },
            );
            assert.deepStrictEqual(comparison(diffWatchlist(outs(), { ...inputs(), description: undefined })), {
                changes: false,
                replaces: [],
            });
        });
        it("updates name and description in place; replaces on another domain or target", () => {
            assert.deepStrictEqual(comparison(diffWatchlist(outs(), { ...inputs(), name: "renamed" })), {
                changes: true,
                replaces: [],
            });
            assert.deepStrictEqual(comparison(diffWatchlist(outs(), { ...inputs(), description: "new" })), {
                changes: true,
                replaces: [],
            });
            assert.deepStrictEqual(comparison(diffWatchlist(outs(), { ...inputs(), description: UNKNOWN })), {
                changes: true,
                replaces: [],
            });
            assert.deepStrictEqual(diffWatchlist(outs(), { ...inputs(), domainId: WL2 }).replaces, ["domainId"]);
            assert.deepStrictEqual(diffWatchlist(outs(), { ...inputs(), domainId: UNKNOWN }).replaces, ["domainId"]);
            assert.deepStrictEqual(
                diffWatchlist({ ...outs(), effectiveRegion: "us-east-1" }, { ...inputs(), region: "eu-west-2" })
                    .replaces,
                ["region"],
            );
            assert.deepStrictEqual(
                diffWatchlist({ ...outs(), effectiveRegion: "us-east-1" }, { ...inputs(), region: "us-east-1" })
                    .replaces,
                [],
            );
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
            const calls = sdk.script({
                CreateWatchlistCommand: () => {
                    if (n++ === 0) throw err("ResourceNotFoundException", 404, { ResourceType: "WATCHLIST" });
                    return answer({ watchlistId: WL2, description: "secret-desc" });
                },
            });
            const r = await watchlist.create(inputs());
            assert.strictEqual(r.id, `${DOMAIN}/${WL2}`);
            assert.deepStrictEqual(
                calls.map((c) => c[1].ClientToken),
                [0, 1].map((g) => watchlist.watchlistClientToken(inputs(), g)),
            );
            assert.strictEqual(r.outs.watchlistId, WL2);
            assert.strictEqual(r.outs.defaultWatchlist, false);
        });

        it("a missing domain or a full domain fails with a clear error", async () => {
            sdk.script({
                CreateWatchlistCommand: () => {
                    throw err("ResourceNotFoundException", 404, { ResourceType: "DOMAIN" });
                },
            });
            await assert.rejects(watchlist.create(inputs()), /cannot create the watchlist in domain/);
            sdk.script({
                CreateWatchlistCommand: () => {
                    throw err("ServiceQuotaExceededException", 402);
                },
            });
            await assert.rejects(watchlist.create(inputs()), /already has as many watchlists as Voice ID allows/);
        });

        it("refuses to delete the default watchlist, with what to do instead", async () => {
            const calls = sdk.script({ DescribeWatchlistCommand: () => answer({ defaultWatchlist: true }) });
            await assert.rejects(
                watchlist.delete(`${DOMAIN}/${WL}`, { ...inputs(), watchlistId: WL, defaultWatchlist: true }),
                (e: Error) => {
                    assert.match(e.message, /is the default watchlist of domain .* which Voice ID cannot delete/);
                    assert.match(e.message, /retainOnDelete/);
                    return true;
                },
            );
            assert.deepStrictEqual(
                calls.map((c) => c[0]),
                ["DescribeWatchlistCommand"],
            );
        });

        it("explains a non-empty watchlist", async () => {
            sdk.script({
                DescribeWatchlistCommand: () => answer(),
                DeleteWatchlistCommand: () => {
                    throw err("ConflictException", 409, { ConflictType: "CANNOT_DELETE_NON_EMPTY_WATCHLIST" });
                },
                ListFraudstersCommand: (input: any) =>
                    input.NextToken
                        ? { FraudsterSummaries: [{ FraudsterId: "id#" + "b".repeat(22) }] }
                        : {
                              FraudsterSummaries: [
                                  { FraudsterId: "id#" + "a".repeat(22) },
                                  { FraudsterId: "id#" + "c".repeat(22) },
                              ],
                              NextToken: "p2",
                          },
            });
            await assert.rejects(watchlist.delete(`${DOMAIN}/${WL}`, { ...inputs(), watchlistId: WL }), (e: Error) => {
                // How many (every page counted), how to list them, and the three ways out.
                assert.match(
                    e.message,
                    /holds 3 fraudsters that this stack did not delete, and Voice ID deletes only empty watchlists/,
                );
                assert.match(
                    e.message,
                    new RegExp(`aws voice-id list-fraudsters --domain-id ${DOMAIN} --watchlist-id ${WL}`),
                );
                assert.match(e.message, /deleteFraudstersOnDestroy.*disassociate-fraudster.*retainOnDelete/s);
                return true;
            });
        });

        it("a watchlist already gone, or in a deleted domain, counts as deleted", async () => {
            sdk.script({
                DescribeWatchlistCommand: () => {
                    throw err("ResourceNotFoundException", 404, { ResourceType: "WATCHLIST" });
                },
            });
            await watchlist.delete(`${DOMAIN}/${WL}`, {});
            sdk.script({
                DescribeWatchlistCommand: () => answer(),
                DeleteWatchlistCommand: () => {
                    throw err("ConflictException", 409, { ConflictType: "DOMAIN_NOT_ACTIVE" });
                },
                DescribeDomainCommand: () => domainAnswer("SUSPENDED"),
                ListDomainsCommand: () => ({ DomainSummaries: [] }),
            });
            await watchlist.delete(`${DOMAIN}/${WL}`, {});
            assert.ok(sdk.lines.some((l) => /went with it/.test(l)));
        });

        it("read: gone watchlists leave the stack; present ones take the service's values", async () => {
            sdk.script({
                DescribeWatchlistCommand: () => {
                    throw err("ResourceNotFoundException", 404, { ResourceType: "WATCHLIST" });
                },
            });
            assert.deepStrictEqual(await watchlist.read(`${DOMAIN}/${WL}`, {}), {});
            sdk.script({
                DescribeWatchlistCommand: () => answer({ name: "renamed", description: "d" }),
                DescribeDomainCommand: () => domainAnswer("ACTIVE"),
            });
            const r: any = await watchlist.read(`${DOMAIN}/${WL}`, { __provider: "x" });
            assert.deepStrictEqual(
                [r.id, r.props.domainId, r.props.name, r.props.description, r.props.watchlistId],
                [`${DOMAIN}/${WL}`, DOMAIN, "renamed", "d", WL],
            );
        });

        it("update sends the name and, when set, the description", async () => {
            const calls = sdk.script({ UpdateWatchlistCommand: () => answer() });
            await watchlist.update(
                `${DOMAIN}/${WL}`,
                { ...inputs(), watchlistId: WL },
                { ...inputs(), description: undefined, name: "renamed" },
            );
            assert.deepStrictEqual(calls[0], [
                "UpdateWatchlistCommand",
                { DomainId: DOMAIN, WatchlistId: WL, Name: "renamed" },
            ]);
            assert.ok(sdk.lines.every((l) => !l.includes("secret-desc")));
        });
    });
});
