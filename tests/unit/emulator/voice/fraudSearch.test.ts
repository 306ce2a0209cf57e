import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { Store } from "../../../../emulator/store";
import { FraudsterSearch, SEARCH_PAGE } from "../../../../emulator/voice/fraudSearch";
import {
    computeVoiceprint,
    decodeSearchFeatures,
    encodeSearchFeatures,
    searchFeatures,
    similarity,
    similarityOfFeatures,
    type Voiceprint,
} from "../../../../emulator/voice/voiceprint";
import { speaker, utterance } from "../../../../emulator/voices";
import { parseWav } from "../../../../emulator/wav";
import { repoRoot } from "../../../support/repo";

// The fraudster search yields to the event loop between pages and ends inside the caller's
// transaction; its result must be the one a single scan of the domain gives.
describe("emulator fraudster search", () => {
    const voice = (id: number, take = 0) => computeVoiceprint([utterance(speaker(id), take, { seconds: 2 })]);
    // 6 voices, the probe's among them: the rest score low, so ties at 0 are common.
    const voices = [0, 1, 2, 3, 4, 5].map((id) => voice(id));
    const probe = voice(3, 1);
    let store: Store;
    let n = 0;

    const add = (v: Voiceprint, watchlists: string[] = ["w1"], createdAt = 1000) => {
        const id = `id#f${String(++n).padStart(20, "0")}`;
        store.insertFraudster(
            { id, domain_id: "d", voiceprint: JSON.stringify(v), created_at: createdAt, job_id: null },
            watchlists,
        );
        return id;
    };
    /** What the search replaced: one pass over the domain's fraudsters in list order, their whole voiceprints compared. */
    const oneScan = (watchlistIds?: string[]) => {
        assert.ok(!watchlistIds || watchlistIds.length === 1);
        let best: { fraudsterId: string; score: number } | undefined;
        for (const f of store.listFraudsters("d", watchlistIds?.[0], undefined, 1_000_000)) {
            const score = similarity(probe, JSON.parse(f.voiceprint) as Voiceprint);
            if (!best || score > best.score) best = { fraudsterId: f.id, score };
        }
        return best;
    };

    beforeEach(() => {
        store = new Store(":memory:");
    });
    afterEach(() => store.close());

    it("finds what one scan finds, over several pages, for the domain and for a watchlist", async () => {
        for (let i = 0; i < 3 * SEARCH_PAGE + 5; i++) add(voices[i % voices.length], i % 2 ? ["w1"] : ["w2"]);
        assert.ok(oneScan()!.score >= 70, "the probe's voice is among the fraudsters");
        assert.deepEqual(await new FraudsterSearch(store, "d", probe).closest(), oneScan());
        assert.deepEqual(await new FraudsterSearch(store, "d", probe, ["w2"]).closest(), oneScan(["w2"]));
        assert.equal(await new FraudsterSearch(store, "empty", probe).closest(), undefined);
    });

    it("lets the event loop run between pages", async () => {
        for (let i = 0; i < 4 * SEARCH_PAGE; i++) add(voices[i % voices.length]);
        // Counts turns of the event loop (a check-phase callback that schedules itself), not
        // milliseconds: a search that yields between pages lets it run between them, however fast.
        let turns = 0;
        let searching = true;
        const tick = () => {
            turns++;
            if (searching) setImmediate(tick);
        };
        setImmediate(tick);
        try {
            await new FraudsterSearch(store, "d", probe).advance();
        } finally {
            searching = false;
        }
        assert.ok(turns >= 2, `timers ran ${turns} times during a 4-page search`);
    });

    it("ends with the fraudsters added while it yielded, and without a best match deleted meanwhile", async () => {
        for (let i = 0; i < 2 * SEARCH_PAGE; i++) add(voices[(i % 5) + (i % 5 >= 3 ? 1 : 0)]); // every voice but the probe's
        const search = new FraudsterSearch(store, "d", probe);
        await search.advance();
        const late = add(voices[3], ["w1"], 2000);
        assert.deepEqual(search.finish(), oneScan());
        assert.equal(search.finish()!.fraudsterId, late);

        const again = new FraudsterSearch(store, "d", probe);
        await again.advance();
        store.deleteFraudster(late);
        assert.deepEqual(again.finish(), oneScan());
        assert.notEqual(again.finish()!.fraudsterId, late);
    });

    it("sees a fraudster made behind its cursor (a clock set back) while it yielded", async () => {
        for (let i = 0; i < 2 * SEARCH_PAGE; i++) add(voices[0], ["w1"], 5000);
        const search = new FraudsterSearch(store, "d", probe);
        await search.advance();
        const early = add(voices[3], ["w1"], 10);
        assert.equal(search.finish()!.fraudsterId, early);
    });

    it("sees a fraudster made behind its cursor even when another was deleted meanwhile", async () => {
        const ids = Array.from({ length: 2 * SEARCH_PAGE }, () => add(voices[0], ["w1"], 5000));
        const search = new FraudsterSearch(store, "d", probe);
        await search.advance();
        store.deleteFraudster(ids[5]);
        const early = add(voices[3], ["w1"], 10);
        assert.equal(search.finish()!.fraudsterId, early);
    });

    it("stops advancing when told, and finish does the rest", async () => {
        for (let i = 0; i < 3 * SEARCH_PAGE; i++) add(voices[i % voices.length]);
        const search = new FraudsterSearch(store, "d", probe);
        await search.advance(() => true);
        assert.deepEqual(search.finish(), oneScan());
    });

    it("reads only the stored search features, never a fraudster's voiceprint", async () => {
        for (let i = 0; i < 2 * SEARCH_PAGE + 3; i++) add(voices[i % voices.length]);
        const expected = oneScan();
        assert.ok(expected!.score >= 70);
        // A voiceprint the search parsed would throw; one it compared would change the scores.
        store.db.exec("UPDATE fraudsters SET voiceprint = 'not JSON'");
        assert.deepEqual(await new FraudsterSearch(store, "d", probe).closest(), expected);
    });

    it("finds what a scan that compares every fraudster finds, on the espeak-ng fixtures", async function () {
        this.timeout(120_000); // 51 voiceprints and some 5,000 inserts: seconds on a busy machine
        const dir = path.join(repoRoot, "tests", "fixtures", "voices");
        const files = fs
            .readdirSync(dir)
            .filter((f) => f.endsWith(".wav"))
            .sort();
        const prints = files.map((f) => computeVoiceprint([parseWav(fs.readFileSync(path.join(dir, f))).channel(0)]));
        // Each fixture against a domain of all the others, in two orders (the first of the highest
        // score wins): the same fraudster and score as comparing every one.
        for (let p = 0; p < prints.length; p++) {
            for (const order of ["files", "reversed"]) {
                store.close();
                store = new Store(":memory:");
                const others = prints.map((v, i) => ({ v, i })).filter((x) => x.i !== p);
                if (order === "reversed") others.reverse();
                const ids = others.map((x) => add(x.v));
                let full: { fraudsterId: string; score: number } | undefined;
                others.forEach((x, k) => {
                    const score = similarityOfFeatures(
                        searchFeatures(prints[p]),
                        decodeSearchFeatures(encodeSearchFeatures(x.v)),
                    );
                    assert.equal(score, similarity(prints[p], x.v));
                    if (!full || score > full.score) full = { fraudsterId: ids[k], score };
                });
                assert.deepEqual(
                    await new FraudsterSearch(store, "d", prints[p]).closest(),
                    full,
                    `${files[p]}, ${order}`,
                );
            }
        }
    });

    it("scores 0 for a fraudster whose voiceprint cannot be compared, and for a probe that cannot", async () => {
        const old = add({ ...voices[3], v: 4 } as unknown as Voiceprint);
        assert.deepEqual(await new FraudsterSearch(store, "d", probe).closest(), { fraudsterId: old, score: 0 });
        add(voices[3]);
        const silent = computeVoiceprint([new Float32Array(8000 * 2)]);
        assert.deepEqual(await new FraudsterSearch(store, "d", silent).closest(), { fraudsterId: old, score: 0 });
    });
});
