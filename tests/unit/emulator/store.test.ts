import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import "../../../emulator/quietSqlite";
import { DatabaseSync } from "node:sqlite";
import { FraudsterSearch } from "../../../emulator/voice/fraudSearch";
import { Store } from "../../../emulator/store";
import {
    computeVoiceprint,
    encodeSearchFeatures,
    similarity,
    type Voiceprint,
} from "../../../emulator/voice/voiceprint";
import { speaker, utterance } from "../../../emulator/voices";

describe("emulator store", () => {
    it("reads back a manifest's RequestId and error message whole, NUL characters included", () => {
        const store = new Store(":memory:");
        try {
            const requestId = "before\u0000after\u0000";
            store.insertJobRequest({
                job_id: "j",
                idx: 0,
                request_id: requestId,
                outcome: "ERROR",
                result_id: null,
                score: null,
                error_code: 400,
                error_message: `RequestId ${requestId} is not unique`,
            });
            store.insertJobRequest({
                job_id: "j",
                idx: 1,
                request_id: "plain",
                outcome: "NEW_REGISTRATION",
                result_id: "id#x",
                score: 12,
                error_code: null,
                error_message: null,
            });
            const [first, second] = store.jobRequests("j");
            assert.equal(first.request_id, requestId);
            assert.equal(first.error_message, `RequestId ${requestId} is not unique`);
            assert.deepEqual(second, {
                job_id: "j",
                idx: 1,
                request_id: "plain",
                outcome: "NEW_REGISTRATION",
                result_id: "id#x",
                score: 12,
                error_code: null,
                error_message: null,
            });
        } finally {
            store.close();
        }
    });

    it("fills the search features of the fraudsters of a database from before them, once", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-store-"));
        try {
            const file = path.join(dir, "voiceid.db");
            const voice = (id: number, take = 0) => computeVoiceprint([utterance(speaker(id), take, { seconds: 2 })]);
            const prints: Voiceprint[] = [voice(1), voice(2), { ...voice(3), v: 4 } as unknown as Voiceprint, voice(3)];
            // The fraudsters table as it was before the search features.
            const old = new DatabaseSync(file);
            old.exec(
                "CREATE TABLE fraudsters (id TEXT PRIMARY KEY, domain_id TEXT NOT NULL, voiceprint TEXT NOT NULL, created_at INTEGER NOT NULL, job_id TEXT)",
            );
            prints.forEach((v, i) =>
                old
                    .prepare("INSERT INTO fraudsters VALUES (?, 'd', ?, ?, NULL)")
                    .run(`id#f${i}`, JSON.stringify(v), 1000 + i),
            );
            old.close();

            const probe = voice(3, 1);
            let store = new Store(file);
            try {
                const rows = store.db.prepare("SELECT id, search_features FROM fraudsters ORDER BY rowid").all() as {
                    id: string;
                    search_features: Uint8Array;
                }[];
                assert.deepEqual(
                    rows.map((r) => Buffer.from(r.search_features)),
                    prints.map((v) => Buffer.from(encodeSearchFeatures(v))),
                );
                assert.equal(rows[2].search_features.length, 0, "a v4 voiceprint scores 0, as before");
                const best = await new FraudsterSearch(store, "d", probe).closest();
                assert.deepEqual(best, { fraudsterId: "id#f3", score: similarity(probe, prints[3]) });
                assert.ok(best!.score >= 70);
            } finally {
                store.close();
            }
            // Opened again: the migration does not run twice (a changed voiceprint keeps its features).
            const edit = new DatabaseSync(file);
            edit.exec("UPDATE fraudsters SET voiceprint = 'not JSON'");
            edit.close();
            store = new Store(file);
            try {
                assert.equal((await new FraudsterSearch(store, "d", probe).closest())!.fraudsterId, "id#f3");
            } finally {
                store.close();
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
