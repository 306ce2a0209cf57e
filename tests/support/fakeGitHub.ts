/**
 * A stand-in for the part of the GitHub REST API a PR-comment step calls: list, create and edit
 * the comments of an issue or pull request (`/repos/{owner}/{repo}/issues/...`), with GitHub's
 * paging (`per_page`, `page`), its bearer-token check and its 65,536-character limit on a body.
 * It listens on 127.0.0.1 only and records every call, so a test can tell an edit from a
 * duplicate. It is GitHub's API, not this package's code, that it stands in for.
 * @module
 */
import * as http from "http";
import { AddressInfo } from "net";

/** A stored comment. */
export interface FakeComment {
    id: number;
    issue: number;
    body: string;
    user: { login: string };
}

/** One request the fake answered. */
export interface FakeCall {
    method: string;
    path: string;
    status: number;
}

/** GitHub's limit on a comment body. */
const BODY_LIMIT = 65_536;

/** A running fake: its URL (for $GITHUB_API_URL), its comments and the calls it answered. */
export interface FakeGitHub {
    url: string;
    comments: FakeComment[];
    calls: FakeCall[];
    close(): Promise<void>;
}

/** Starts the fake for repository `repo` (`owner/name`), accepting `token` only. */
export async function startFakeGitHub(repo: string, token: string): Promise<FakeGitHub> {
    const comments: FakeComment[] = [];
    const calls: FakeCall[] = [];
    let nextId = 1000;
    const server = http.createServer((req, res) => {
        let raw = "";
        req.on("data", (c) => (raw += c));
        req.on("end", () => {
            const url = new URL(req.url ?? "/", "http://127.0.0.1");
            const reply = (status: number, body: unknown) => {
                calls.push({ method: req.method ?? "", path: url.pathname + url.search, status });
                res.writeHead(status, { "content-type": "application/json" });
                res.end(JSON.stringify(body));
            };
            if (req.headers.authorization !== `Bearer ${token}`) return reply(401, { message: "Bad credentials" });
            const prefix = `/repos/${repo}/issues/`;
            if (!url.pathname.startsWith(prefix)) return reply(404, { message: "Not Found" });
            const rest = url.pathname.slice(prefix.length);
            const list = /^(\d+)\/comments$/.exec(rest);
            const one = /^comments\/(\d+)$/.exec(rest);
            let body: { body?: unknown } = {};
            if (raw) {
                try {
                    body = JSON.parse(raw);
                } catch {
                    return reply(400, { message: "Problems parsing JSON" });
                }
            }
            const tooLong = typeof body.body === "string" && body.body.length > BODY_LIMIT;
            if (list && req.method === "GET") {
                const perPage = Math.min(100, Number(url.searchParams.get("per_page") ?? 30));
                const page = Number(url.searchParams.get("page") ?? 1);
                const mine = comments.filter((c) => c.issue === Number(list[1]));
                return reply(200, mine.slice((page - 1) * perPage, page * perPage));
            }
            if (list && req.method === "POST") {
                if (typeof body.body !== "string") return reply(422, { message: "body is missing" });
                if (tooLong) return reply(422, { message: `Body is too long (maximum is ${BODY_LIMIT} characters)` });
                const c: FakeComment = {
                    id: nextId++,
                    issue: Number(list[1]),
                    body: body.body,
                    user: { login: "github-actions[bot]" },
                };
                comments.push(c);
                return reply(201, c);
            }
            if (one && req.method === "PATCH") {
                const c = comments.find((x) => x.id === Number(one[1]));
                if (!c) return reply(404, { message: "Not Found" });
                if (typeof body.body !== "string") return reply(422, { message: "body is missing" });
                if (tooLong) return reply(422, { message: `Body is too long (maximum is ${BODY_LIMIT} characters)` });
                c.body = body.body;
                return reply(200, c);
            }
            return reply(404, { message: "Not Found" });
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        comments,
        calls,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
