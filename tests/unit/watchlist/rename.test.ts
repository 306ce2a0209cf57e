/**
 * `Watchlist` was renamed `VoiceIdWatchlist`. The type token recorded in every stack's state
 * must stay `pulumi-nodejs:dynamic/voiceid:Watchlist` under both names: a new token would make
 * the engine replace every existing watchlist. (The packaging e2e test also previews the rename
 * through the real engine as no change.)
 * @module
 */
import * as assert from "assert";
import { VoiceIdWatchlist, WATCHLIST_TYPE, Watchlist } from "../../../provider/watchlist/resource";
import { ComponentMocks, installMocksForSuite, urnOf } from "../components/mocks";

const DOMAIN = "AbCdEfGhIjKlMnOpQrStUv";

describe("VoiceIdWatchlist (formerly Watchlist)", () => {
    let mocks: ComponentMocks;
    installMocksForSuite((m) => (mocks = m));

    it("registers the same type token under the new and the deprecated name", async () => {
        assert.strictEqual(WATCHLIST_TYPE, "pulumi-nodejs:dynamic/voiceid:Watchlist");
        const renamed = new VoiceIdWatchlist("renamed", { domainId: DOMAIN });
        const legacy = new Watchlist("legacy", { domainId: DOMAIN });
        assert.match(await urnOf(renamed), /::pulumi-nodejs:dynamic\/voiceid:Watchlist::renamed$/);
        assert.match(await urnOf(legacy), /::pulumi-nodejs:dynamic\/voiceid:Watchlist::legacy$/);
        assert.deepStrictEqual(
            mocks.resources.map((r) => r.type),
            [WATCHLIST_TYPE, WATCHLIST_TYPE],
        );
    });

    it("is one class under two names", () => {
        assert.strictEqual(Watchlist, VoiceIdWatchlist);
        const w = new Watchlist("either", { domainId: DOMAIN });
        assert.ok(w instanceof VoiceIdWatchlist && VoiceIdWatchlist.isInstance(w));
    });
});
