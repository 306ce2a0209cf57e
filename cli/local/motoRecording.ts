/**
 * moto's recording of the local stack (`moto-recording.jsonl`, one request per line, replayed
 * into the fresh moto at each start) kept to what changes moto's state.
 *
 * Jobs read their manifest and audio from S3, and the Voice ID service reads the data access
 * role's policies and the output key: reads are nearly all of a recording (10,237 of 10,571 lines
 * after a few dozen jobs), and replaying them made every start slower than the last. A start
 * drops them before the replay. That is exact only when a read draws nothing from moto's seeded
 * generator, whose sequence makes the ids a replay re-creates; moto draws each response's request
 * id from it, so the stack's moto draws those elsewhere (scripts/moto_server.py). A recording
 * made without that (by an earlier release) is replayed whole and never compacted: its ids depend
 * on every request it holds.
 * @module
 */
import * as fs from "node:fs";

/** The seed of moto's generator in the stack's recordings. */
const SEED = 20210927;

/**
 * The first request of a recording whose reads draw nothing from the seeded generator (the
 * extra query parameter is ignored by moto and marks the format).
 */
export const SEED_REQUEST = `/moto-api/seed?a=${SEED}&requestIds=own`;

/** One line of moto's recording (moto_api/_internal/recorder/models.py). */
interface RecordedRequest {
    method?: string;
    url?: string;
    headers?: Record<string, string>;
    body?: string | null;
    body_encoded?: boolean;
}

/** What a start does with an existing recording. */
export type RecordingFormat = "none" | "compactable" | "full";

// Compatibility shim ("full": recordings of 0.1.0), may be removed in 1.0.0: docs/compatibility.md
export function recordingFormat(text: string): RecordingFormat {
    const first = text.slice(0, text.indexOf("\n") + 1 || text.length);
    if (!text.includes("/moto-api/seed")) return "none";
    return first.includes("requestIds=own") ? "compactable" : "full";
}

/**
 * Actions that read: an AWS query (IAM, STS) or JSON (KMS) action named Get..., List... or
 * Describe..., except the Gets that mint something (credentials, an import token).
 */
const READ_ACTION = /^(Get|List|Describe)/;
const MINTING_GETS = new Set(["GetSessionToken", "GetFederationToken", "GetParametersForImport", "GetRandom"]);
const readAction = (action: string) => READ_ACTION.test(action) && !MINTING_GETS.has(action);

function actionOf(entry: RecordedRequest, url: URL): string | undefined {
    const target = Object.entries(entry.headers ?? {}).find(([k]) => k.toLowerCase() === "x-amz-target")?.[1];
    if (target) return target.slice(target.lastIndexOf(".") + 1);
    const inQuery = url.searchParams.get("Action");
    if (inQuery) return inQuery;
    if (!entry.body) return undefined;
    const body = entry.body_encoded ? Buffer.from(entry.body, "base64").toString("utf8") : entry.body;
    return new URLSearchParams(body).get("Action") ?? undefined;
}

/**
 * Whether replaying `entry` can leave out: a GET or HEAD (S3 reads, moto's dashboard) or a read
 * action.
 */
export function isRead(entry: RecordedRequest): boolean {
    let url: URL;
    try {
        url = new URL(entry.url ?? "");
    } catch {
        return false;
    }
    const method = (entry.method ?? "").toUpperCase();
    const readMethod = method === "GET" || method === "HEAD";
    if (url.pathname.startsWith("/moto-api/")) return readMethod; // the start's health probe; POSTs (the seed) change state
    const action = actionOf(entry, url);
    return action !== undefined ? readAction(action) : readMethod;
}

/**
 * Rewrites a compactable recording without its reads (atomically: a crash leaves the old or the
 * new file). Lines that do not parse are kept, for moto to judge. Returns the line counts.
 */
export function compactRecording(file: string): { before: number; after: number } {
    const lines = fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "");
    const kept = lines.filter((line) => {
        try {
            return !isRead(JSON.parse(line) as RecordedRequest);
        } catch {
            return true;
        }
    });
    if (kept.length < lines.length) {
        const tmp = `${file}.compacting`;
        fs.writeFileSync(tmp, kept.map((l) => `${l}\n`).join(""));
        fs.renameSync(tmp, file);
    }
    return { before: lines.length, after: kept.length };
}
