/**
 * Durable state in SQLite (node:sqlite). Every state change is one transaction, so a kill -9
 * at any point leaves either the old or the new state: the job runner relies on this to make
 * each processed job request exactly-once (the fraudster or speaker row and the request's result
 * row commit together).
 * @module
 */
import "./quietSqlite";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { encodeSearchFeatures, type Voiceprint } from "./voice/voiceprint";
import * as fs from "node:fs";
import * as path from "node:path";

export type DomainStatus = "ACTIVE" | "PENDING" | "SUSPENDED";
export type JobStatus = "SUBMITTED" | "IN_PROGRESS" | "COMPLETED" | "COMPLETED_WITH_ERRORS" | "FAILED";
/** What a batch job does; one module per kind in jobs/kinds/. */
export type JobKindName = "FRAUDSTER_REGISTRATION" | "SPEAKER_ENROLLMENT";
export type SpeakerStatus = "ENROLLED" | "EXPIRED" | "OPTED_OUT" | "PENDING";

/**
 * Where a listing is: every List operation orders rows by (created_at, seq), seq being SQLite's
 * rowid, so rows made in the same millisecond still list in the order they were made.
 */
export type ListPosition = [createdAt: number, seq: number];
/** A row as a List operation reads it: with its position. */
export type Listed<T> = T & { created_at: number; seq: number };

export interface DomainRow {
    id: string;
    arn: string;
    name: string;
    description: string | null;
    kms_key_id: string;
    old_kms_key_id: string | null;
    status: DomainStatus;
    default_watchlist_id: string;
    created_at: number;
    updated_at: number;
    deleted_at: number | null;
}

export interface WatchlistRow {
    id: string;
    domain_id: string;
    name: string;
    description: string | null;
    is_default: number;
    created_at: number;
    updated_at: number;
}

export interface FraudsterRow {
    id: string;
    domain_id: string;
    voiceprint: string;
    created_at: number;
    job_id: string | null;
}

/** What a fraudster search reads of a fraudster (voice/voiceprint.ts, `encodeSearchFeatures`). */
export interface FraudsterFeaturesRow {
    id: string;
    /** Empty when the voiceprint cannot be compared (it scores 0); null only if never filled. */
    search_features: Uint8Array | null;
}

export interface JobRow {
    id: string;
    domain_id: string;
    kind: JobKindName;
    name: string | null;
    status: JobStatus;
    request: string; // normalized Start...Job input (JSON), defaults filled in
    manifest: string | null; // parsed manifest requests (JSON), stored once the job has read it
    percent: number;
    failure_code: number | null;
    failure_message: string | null;
    created_at: number;
    started_at: number | null;
    ended_at: number | null;
}

export interface SpeakerRow {
    id: string; // GeneratedSpeakerId
    domain_id: string;
    customer_id: string; // CustomerSpeakerId
    status: SpeakerStatus;
    voiceprint: string | null; // null once opted out
    created_at: number;
    updated_at: number;
    last_accessed_at: number | null;
    job_id: string | null;
}

/** A session made by the emulator-only CreateSession from audio in S3. */
export interface SessionRow {
    id: string; // id#...
    domain_id: string;
    name: string;
    speaker_id: string | null; // as given: CustomerSpeakerId or GeneratedSpeakerId
    voiceprint: string;
    acceptance_threshold: number;
    risk_threshold: number;
    watchlist_id: string;
    created_at: number;
}

export interface JobRequestRow {
    job_id: string;
    idx: number;
    request_id: string;
    /** "ERROR" or the kind's status (NEW_REGISTRATION, NEW_ENROLLMENT, OVERWRITTEN, DUPLICATE_SKIPPED). */
    outcome: string;
    /** The fraudster or speaker id the request produced or matched. */
    result_id: string | null;
    score: number | null;
    error_code: number | null;
    error_message: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS domains (
  id TEXT PRIMARY KEY, arn TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
  kms_key_id TEXT NOT NULL, old_kms_key_id TEXT, status TEXT NOT NULL,
  default_watchlist_id TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  deleted_at INTEGER);
CREATE TABLE IF NOT EXISTS watchlists (
  id TEXT PRIMARY KEY, domain_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
  is_default INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS watchlists_listed ON watchlists (domain_id, created_at);
CREATE TABLE IF NOT EXISTS fraudsters (
  id TEXT PRIMARY KEY, domain_id TEXT NOT NULL, voiceprint TEXT NOT NULL,
  created_at INTEGER NOT NULL, job_id TEXT, search_features BLOB);
CREATE INDEX IF NOT EXISTS fraudsters_listed ON fraudsters (domain_id, created_at);
CREATE TABLE IF NOT EXISTS fraudster_watchlists (
  fraudster_id TEXT NOT NULL, watchlist_id TEXT NOT NULL, PRIMARY KEY (fraudster_id, watchlist_id));
CREATE INDEX IF NOT EXISTS fw_watchlist ON fraudster_watchlists (watchlist_id);
CREATE TABLE IF NOT EXISTS tags (
  resource_arn TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (resource_arn, key));
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, domain_id TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'FRAUDSTER_REGISTRATION', name TEXT, status TEXT NOT NULL,
  request TEXT NOT NULL, manifest TEXT, percent INTEGER NOT NULL DEFAULT 0,
  failure_code INTEGER, failure_message TEXT, created_at INTEGER NOT NULL,
  started_at INTEGER, ended_at INTEGER);
CREATE INDEX IF NOT EXISTS jobs_listed ON jobs (domain_id, created_at);
CREATE TABLE IF NOT EXISTS job_requests (
  job_id TEXT NOT NULL, idx INTEGER NOT NULL, request_id TEXT NOT NULL, outcome TEXT NOT NULL,
  result_id TEXT, score INTEGER, error_code INTEGER, error_message TEXT,
  PRIMARY KEY (job_id, idx));
CREATE TABLE IF NOT EXISTS speakers (
  id TEXT PRIMARY KEY, domain_id TEXT NOT NULL, customer_id TEXT NOT NULL, status TEXT NOT NULL,
  voiceprint TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  last_accessed_at INTEGER, job_id TEXT, UNIQUE (domain_id, customer_id));
CREATE INDEX IF NOT EXISTS speakers_listed ON speakers (domain_id, created_at);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY, domain_id TEXT NOT NULL, name TEXT NOT NULL, speaker_id TEXT,
  voiceprint TEXT NOT NULL, acceptance_threshold INTEGER NOT NULL, risk_threshold INTEGER NOT NULL,
  watchlist_id TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_name ON sessions (domain_id, name, created_at);
CREATE TABLE IF NOT EXISTS idempotency (
  operation TEXT NOT NULL, token TEXT NOT NULL, request_hash TEXT NOT NULL,
  resource_id TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (operation, token));
`;

type Row = Record<string, SQLInputValue>;

/** A fraudster's columns but its search features, which only the search reads (fraudsterFeatures). */
const FRAUDSTER_COLUMNS = "id, domain_id, voiceprint, created_at, job_id";

/** The search features stored with a fraudster (voice/fraudSearch.ts reads only these). */
function fraudsterSearchFeatures(voiceprint: string): Uint8Array {
    return encodeSearchFeatures(JSON.parse(voiceprint) as Voiceprint);
}

/** The conditions selecting a domain's fraudsters, or those of some of its watchlists. */
function fraudsterScope(domainId: string, watchlistIds: string[] | undefined): [string[], SQLInputValue[]] {
    if (!watchlistIds) return [["domain_id = ?"], [domainId]];
    const inList = watchlistIds.map(() => "?").join(",");
    return [
        [
            "domain_id = ?",
            `EXISTS (SELECT 1 FROM fraudster_watchlists w WHERE w.fraudster_id = fraudsters.id AND w.watchlist_id IN (${inList}))`,
        ],
        [domainId, ...watchlistIds],
    ];
}

/** SQLite-backed state of one emulator instance. */
export class Store {
    readonly db: DatabaseSync;

    constructor(file: string) {
        if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        this.db = new DatabaseSync(file);
        // WAL + NORMAL survives a killed process (only an OS crash could lose the last commits).
        this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
        this.tx(() => {
            this.db.exec(SCHEMA);
            this.migrate();
        });
    }

    /**
     * Brings a database made by an earlier release up to this schema, in place. Each step is
     * detected from the schema itself, so it runs once and a current database is left alone.
     */
    // Compatibility shim (databases of earlier releases), may be removed in 1.0.0: docs/compatibility.md
    private migrate(): void {
        const columns = (table: string) => this.all<{ name: string }>(`PRAGMA table_info(${table})`).map((c) => c.name);
        // 0.x: jobs were all fraudster registration jobs and their results named fraudsters only.
        if (!columns("jobs").includes("kind"))
            this.db.exec("ALTER TABLE jobs ADD COLUMN kind TEXT NOT NULL DEFAULT 'FRAUDSTER_REGISTRATION'");
        if (columns("job_requests").includes("fraudster_id"))
            this.db.exec("ALTER TABLE job_requests RENAME COLUMN fraudster_id TO result_id");
        // Lists were ordered by (created_at, id); now (created_at, rowid), which the *_listed
        // indexes serve directly (an index's entries end with the rowid).
        for (const table of ["watchlists", "fraudsters", "jobs", "speakers"])
            this.db.exec(`DROP INDEX IF EXISTS ${table}_domain`);
        // 0.x: a search parsed every fraudster's whole voiceprint; now it reads the search features
        // (what a score reads), computed here once from the stored voiceprint (an older version's
        // features are empty: it scores 0, as it did).
        if (!columns("fraudsters").includes("search_features")) {
            this.db.exec("ALTER TABLE fraudsters ADD COLUMN search_features BLOB");
            const fill = this.db.prepare("UPDATE fraudsters SET search_features = ? WHERE rowid = ?");
            for (const f of this.db.prepare("SELECT rowid AS seq, voiceprint FROM fraudsters").iterate() as Iterable<{
                seq: number;
                voiceprint: string;
            }>) {
                fill.run(fraudsterSearchFeatures(f.voiceprint), f.seq);
            }
        }
    }

    close(): void {
        if (this.db.isOpen) this.db.close();
    }

    /** Runs fn in one transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on throw). */
    tx<T>(fn: () => T): T {
        this.db.exec("BEGIN IMMEDIATE");
        try {
            const out = fn();
            this.db.exec("COMMIT");
            return out;
        } catch (e) {
            this.db.exec("ROLLBACK");
            throw e;
        }
    }

    private get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
        return this.db.prepare(sql).get(...params) as T | undefined;
    }
    private all<T>(sql: string, ...params: SQLInputValue[]): T[] {
        return this.db.prepare(sql).all(...params) as T[];
    }
    private run(sql: string, ...params: SQLInputValue[]): number {
        return Number(this.db.prepare(sql).run(...params).changes);
    }
    private insert(table: string, row: Row): void {
        const keys = Object.keys(row);
        this.run(
            `INSERT INTO ${table} (${keys.join(",")}) VALUES (${keys.map(() => "?").join(",")})`,
            ...keys.map((k) => row[k]),
        );
    }
    /** Up to `limit` rows of `table` matching `where`, in (created_at, rowid) order after `after`. */
    private listed<T>(
        table: string,
        where: string[],
        params: SQLInputValue[],
        after: ListPosition | undefined,
        limit: number,
        columns = "*",
    ): Listed<T>[] {
        const conditions = after ? [...where, "(created_at, rowid) > (?, ?)"] : where;
        const values = after ? [...params, after[0], after[1]] : params;
        return this.all(
            `SELECT ${columns}, rowid AS seq FROM ${table} WHERE ${conditions.join(" AND ")} ORDER BY created_at, rowid LIMIT ?`,
            ...values,
            limit,
        );
    }
    private update(table: string, id: string, fields: Row): void {
        const keys = Object.keys(fields);
        if (keys.length === 0) return;
        this.run(
            `UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(", ")} WHERE id = ?`,
            ...keys.map((k) => fields[k]),
            id,
        );
    }

    // Domains
    insertDomain(row: DomainRow): void {
        this.insert("domains", row as unknown as Row);
    }
    getDomain(id: string): DomainRow | undefined {
        return this.get("SELECT * FROM domains WHERE id = ?", id);
    }
    updateDomain(id: string, fields: Partial<DomainRow>): void {
        this.update("domains", id, fields as Row);
    }
    /** Domains visible to ListDomains (not deleted), keyset-paginated by (created_at, rowid). */
    listDomains(after: ListPosition | undefined, limit: number): Listed<DomainRow>[] {
        return this.listed("domains", ["deleted_at IS NULL"], [], after, limit);
    }
    purgeDomain(id: string): void {
        this.run(
            "DELETE FROM fraudster_watchlists WHERE watchlist_id IN (SELECT id FROM watchlists WHERE domain_id = ?)",
            id,
        );
        this.run("DELETE FROM fraudsters WHERE domain_id = ?", id);
        this.run("DELETE FROM watchlists WHERE domain_id = ?", id);
        this.run("DELETE FROM job_requests WHERE job_id IN (SELECT id FROM jobs WHERE domain_id = ?)", id);
        this.run("DELETE FROM jobs WHERE domain_id = ?", id);
        this.run("DELETE FROM speakers WHERE domain_id = ?", id);
        this.run("DELETE FROM sessions WHERE domain_id = ?", id);
        this.run("DELETE FROM domains WHERE id = ?", id);
    }

    // Watchlists
    insertWatchlist(row: WatchlistRow): void {
        this.insert("watchlists", row as unknown as Row);
    }
    getWatchlist(domainId: string, id: string): WatchlistRow | undefined {
        return this.get("SELECT * FROM watchlists WHERE domain_id = ? AND id = ?", domainId, id);
    }
    updateWatchlist(id: string, fields: Partial<WatchlistRow>): void {
        this.update("watchlists", id, fields as Row);
    }
    deleteWatchlist(id: string): void {
        this.run("DELETE FROM watchlists WHERE id = ?", id);
    }
    countWatchlists(domainId: string): number {
        return this.get<{ n: number }>("SELECT COUNT(*) AS n FROM watchlists WHERE domain_id = ?", domainId)!.n;
    }
    listWatchlists(domainId: string, after: ListPosition | undefined, limit: number): Listed<WatchlistRow>[] {
        return this.listed("watchlists", ["domain_id = ?"], [domainId], after, limit);
    }

    // Fraudsters
    insertFraudster(row: FraudsterRow, watchlistIds: string[]): void {
        this.insert("fraudsters", {
            ...(row as unknown as Row),
            search_features: fraudsterSearchFeatures(row.voiceprint),
        });
        for (const w of watchlistIds) this.insert("fraudster_watchlists", { fraudster_id: row.id, watchlist_id: w });
    }
    getFraudster(domainId: string, id: string): FraudsterRow | undefined {
        return this.get(`SELECT ${FRAUDSTER_COLUMNS} FROM fraudsters WHERE domain_id = ? AND id = ?`, domainId, id);
    }
    fraudsterWatchlists(id: string): string[] {
        return this.all<{ watchlist_id: string }>(
            "SELECT watchlist_id FROM fraudster_watchlists WHERE fraudster_id = ? ORDER BY watchlist_id",
            id,
        ).map((r) => r.watchlist_id);
    }
    associate(fraudsterId: string, watchlistId: string): void {
        this.run(
            "INSERT OR IGNORE INTO fraudster_watchlists (fraudster_id, watchlist_id) VALUES (?, ?)",
            fraudsterId,
            watchlistId,
        );
    }
    disassociate(fraudsterId: string, watchlistId: string): void {
        this.run(
            "DELETE FROM fraudster_watchlists WHERE fraudster_id = ? AND watchlist_id = ?",
            fraudsterId,
            watchlistId,
        );
    }
    deleteFraudster(id: string): void {
        this.run("DELETE FROM fraudster_watchlists WHERE fraudster_id = ?", id);
        this.run("DELETE FROM fraudsters WHERE id = ?", id);
    }
    countWatchlistFraudsters(watchlistId: string): number {
        return this.get<{ n: number }>(
            "SELECT COUNT(*) AS n FROM fraudster_watchlists WHERE watchlist_id = ?",
            watchlistId,
        )!.n;
    }
    listFraudsters(
        domainId: string,
        watchlistId: string | undefined,
        after: ListPosition | undefined,
        limit: number,
    ): Listed<FraudsterRow>[] {
        const where = ["domain_id = ?"];
        const params: SQLInputValue[] = [domainId];
        if (watchlistId) {
            where.push(
                "EXISTS (SELECT 1 FROM fraudster_watchlists w WHERE w.fraudster_id = fraudsters.id AND w.watchlist_id = ?)",
            );
            params.push(watchlistId);
        }
        return this.listed("fraudsters", where, params, after, limit, FRAUDSTER_COLUMNS);
    }
    /**
     * A page of the fraudsters of a domain (of one or more of its watchlists when given), in list
     * order after `after`, for duplicate and fraud detection (voice/fraudSearch.ts pages through them): their
     * search features only, not the voiceprint.
     */
    fraudsterFeatures(
        domainId: string,
        watchlistIds: string[] | undefined,
        after: ListPosition | undefined,
        limit: number,
    ): Listed<FraudsterFeaturesRow>[] {
        const [where, params] = fraudsterScope(domainId, watchlistIds);
        return this.listed("fraudsters", where, params, after, limit, "id, created_at, search_features");
    }
    /**
     * How many fraudsters {@link fraudsterFeatures} pages through, and the sum of their rowids
     * (`seq`): a search compares both with what it saw to know it saw exactly these rows.
     */
    fraudstersInScope(domainId: string, watchlistIds: string[] | undefined): { count: number; seqSum: number } {
        const [where, params] = fraudsterScope(domainId, watchlistIds);
        return this.get<{ count: number; seqSum: number }>(
            `SELECT COUNT(*) AS count, TOTAL(rowid) AS seqSum FROM fraudsters WHERE ${where.join(" AND ")}`,
            ...params,
        )!;
    }

    // Speakers
    insertSpeaker(row: SpeakerRow): void {
        this.insert("speakers", row as unknown as Row);
    }
    updateSpeaker(id: string, fields: Partial<SpeakerRow>): void {
        this.update("speakers", id, fields as Row);
    }
    /** A speaker by GeneratedSpeakerId (`id#...`) or CustomerSpeakerId. */
    findSpeaker(domainId: string, speakerId: string): SpeakerRow | undefined {
        return speakerId.startsWith("id#")
            ? this.get("SELECT * FROM speakers WHERE domain_id = ? AND id = ?", domainId, speakerId)
            : this.get("SELECT * FROM speakers WHERE domain_id = ? AND customer_id = ?", domainId, speakerId);
    }
    deleteSpeaker(id: string): void {
        this.run("DELETE FROM speakers WHERE id = ?", id);
    }
    listSpeakers(domainId: string, after: ListPosition | undefined, limit: number): Listed<SpeakerRow>[] {
        return this.listed("speakers", ["domain_id = ?"], [domainId], after, limit);
    }

    // Sessions
    insertSession(row: SessionRow): void {
        this.insert("sessions", row as unknown as Row);
    }
    /** A session by SessionId (`id#...`) or SessionName (the newest of that name). */
    findSession(domainId: string, nameOrId: string): SessionRow | undefined {
        return nameOrId.startsWith("id#")
            ? this.get("SELECT * FROM sessions WHERE domain_id = ? AND id = ?", domainId, nameOrId)
            : this.get(
                  "SELECT * FROM sessions WHERE domain_id = ? AND name = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
                  domainId,
                  nameOrId,
              );
    }

    // Tags
    getTags(arn: string): { key: string; value: string }[] {
        return this.all("SELECT key, value FROM tags WHERE resource_arn = ? ORDER BY key", arn);
    }
    putTag(arn: string, key: string, value: string): void {
        this.run(
            "INSERT INTO tags (resource_arn, key, value) VALUES (?, ?, ?) ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value",
            arn,
            key,
            value,
        );
    }
    deleteTag(arn: string, key: string): void {
        this.run("DELETE FROM tags WHERE resource_arn = ? AND key = ?", arn, key);
    }

    // Jobs
    insertJob(row: JobRow): void {
        this.insert("jobs", row as unknown as Row);
    }
    getJob(domainId: string, kind: JobKindName, id: string): JobRow | undefined {
        return this.get("SELECT * FROM jobs WHERE domain_id = ? AND kind = ? AND id = ?", domainId, kind, id);
    }
    getJobById(id: string): JobRow | undefined {
        return this.get("SELECT * FROM jobs WHERE id = ?", id);
    }
    updateJob(id: string, fields: Partial<JobRow>): void {
        this.update("jobs", id, fields as Row);
    }
    /** SUBMITTED + IN_PROGRESS jobs of every kind: the per-domain quota is shared. */
    countActiveJobs(domainId: string): number {
        return this.get<{ n: number }>(
            "SELECT COUNT(*) AS n FROM jobs WHERE domain_id = ? AND status IN ('SUBMITTED', 'IN_PROGRESS')",
            domainId,
        )!.n;
    }
    /** Jobs that still have work to do, oldest first (used at start-up to resume). */
    unfinishedJobs(): JobRow[] {
        return this.all("SELECT * FROM jobs WHERE status IN ('SUBMITTED', 'IN_PROGRESS') ORDER BY created_at, rowid");
    }
    listJobs(
        domainId: string,
        kind: JobKindName,
        status: string | undefined,
        after: ListPosition | undefined,
        limit: number,
    ): Listed<JobRow>[] {
        const where = ["domain_id = ?", "kind = ?"];
        const params: SQLInputValue[] = [domainId, kind];
        if (status) {
            where.push("status = ?");
            params.push(status);
        }
        return this.listed("jobs", where, params, after, limit);
    }
    /**
     * A job's request results. The RequestId comes from the manifest and may hold any character,
     * NUL included (so may the error message quoting it); node:sqlite reads TEXT only up to the
     * first NUL, so these two are read as bytes.
     */
    jobRequests(jobId: string): JobRequestRow[] {
        type Stored = Omit<JobRequestRow, "request_id" | "error_message"> & {
            request_id: Uint8Array;
            error_message: Uint8Array | null;
        };
        const rows = this.all<Stored>(
            "SELECT job_id, idx, CAST(request_id AS BLOB) AS request_id, outcome, result_id, score, error_code, CAST(error_message AS BLOB) AS error_message FROM job_requests WHERE job_id = ? ORDER BY idx",
            jobId,
        );
        const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");
        return rows.map((r) => ({
            ...r,
            request_id: text(r.request_id),
            error_message: r.error_message === null ? null : text(r.error_message),
        }));
    }
    insertJobRequest(row: JobRequestRow): void {
        this.insert("job_requests", row as unknown as Row);
    }

    // Idempotency tokens
    getToken(
        operation: string,
        token: string,
    ): { request_hash: string; resource_id: string; created_at: number } | undefined {
        return this.get(
            "SELECT request_hash, resource_id, created_at FROM idempotency WHERE operation = ? AND token = ?",
            operation,
            token,
        );
    }
    putToken(operation: string, token: string, hash: string, resourceId: string, now: number): void {
        this.run(
            "INSERT OR REPLACE INTO idempotency (operation, token, request_hash, resource_id, created_at) VALUES (?, ?, ?, ?, ?)",
            operation,
            token,
            hash,
            resourceId,
            now,
        );
    }
}
