import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { ENGINE_GONE_EXIT_CODE, parseAddress } from "../../../provider/shared/engineWatch";

const CHILD = path.join(__dirname, "engineWatchChild.js");

interface ChildOptions {
    arm: boolean;
    engineAddress?: string;
    intervalMs?: number;
}

/**
 * Starts the stand-in host and waits for its "ready" line. With stdin "fifo" its stdin is a real
 * pipe, as the engine gives a plugin (Node's own stdio pipes are sockets): `cat` copies ours into
 * it, so ending ours closes the pipe's only writer.
 */
async function startChild(opts: ChildOptions, stdin: "fifo" | "ignore"): Promise<ChildProcess> {
    const args = [CHILD, JSON.stringify(opts)];
    const child =
        stdin === "fifo"
            ? spawn("sh", ["-c", 'cat | "$0" "$@"', process.execPath, ...args], {
                  stdio: ["pipe", "pipe", "pipe"],
                  detached: true,
              })
            : spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
    children.push(child);
    child.stderr!.resume();
    await new Promise<void>((resolve, reject) => {
        child.stdout!.once("data", () => resolve());
        child.once("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    return child;
}

/** The child's exit code within `ms`, or "alive". */
function exitWithin(child: ChildProcess, ms: number): Promise<number | string | null> {
    if (child.exitCode !== null || child.signalCode !== null)
        return Promise.resolve(child.exitCode ?? child.signalCode);
    return new Promise((resolve) => {
        const t = setTimeout(() => resolve("alive"), ms);
        child.once("exit", (code, signal) => {
            clearTimeout(t);
            resolve(code ?? signal);
        });
    });
}

/** Whether `pid` has ended (gone, or a zombie nobody reaped yet). */
function ended(pid: number): boolean {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
    } catch {
        return true;
    }
}

let children: ChildProcess[] = [];
const orphans: number[] = [];

describe("shared/engineWatch (child processes standing in for a provider host)", function () {
    this.timeout(30_000);
    afterEach(() => {
        // Each child leads a process group of its own (detached): kill -9 of the group.
        for (const pid of [...children.map((c) => -c.pid!), ...orphans.splice(0)]) {
            try {
                process.kill(pid, "SIGKILL");
            } catch {
                // already gone
            }
        }
        children = [];
    });

    it("exits within seconds once stdin (the engine's pipe) closes", async () => {
        const child = await startChild({ arm: true, intervalMs: 60_000 }, "fifo");
        assert.strictEqual(await exitWithin(child, 500), "alive");
        child.stdin!.end();
        assert.strictEqual(await exitWithin(child, 5_000), ENGINE_GONE_EXIT_CODE);
    });

    it("exits on EPIPE instead of spinning in the host's uncaught-error handler", async () => {
        // Without the watch: every write fails, the handler prints the failure to the same dead
        // pipe, and the process never ends (the loop of issue 26).
        const bare = await startChild({ arm: false }, "ignore");
        bare.stdout!.destroy();
        bare.stderr!.destroy();
        assert.strictEqual(await exitWithin(bare, 2_000), "alive");
        const child = await startChild({ arm: true, intervalMs: 60_000 }, "ignore");
        child.stdout!.destroy();
        child.stderr!.destroy();
        assert.strictEqual(await exitWithin(child, 5_000), ENGINE_GONE_EXIT_CODE);
    });

    it("exits when its parent dies (reparented)", async () => {
        // parent -> child; kill -9 of the parent leaves the child to init, as a dead engine does.
        const parent = spawn(
            process.execPath,
            [
                "-e",
                `
            const c = require("child_process").spawn(process.execPath, ${JSON.stringify([CHILD, JSON.stringify({ arm: true, intervalMs: 200 })])}, { stdio: ["ignore", "pipe", "ignore"] });
            c.stdout.once("data", () => console.log(c.pid));
            setInterval(() => {}, 1000);
        `,
            ],
            { stdio: ["ignore", "pipe", "ignore"], detached: true },
        );
        children.push(parent);
        const pid = Number(
            await new Promise<string>((resolve) => parent.stdout!.once("data", (d) => resolve(String(d).trim()))),
        );
        orphans.push(pid);
        await new Promise((r) => setTimeout(r, 500));
        assert.ok(!ended(pid), "alive while its parent lives");
        parent.kill("SIGKILL");
        const deadline = Date.now() + 5_000;
        while (!ended(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        assert.ok(ended(pid), "still running 5 s after its parent died");
    });

    it("exits when the engine's address refuses connections, not while it answers", async () => {
        const server = net.createServer((s) => s.destroy());
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
        const { port } = server.address() as net.AddressInfo;
        const child = await startChild({ arm: true, engineAddress: `127.0.0.1:${port}`, intervalMs: 200 }, "ignore");
        assert.strictEqual(await exitWithin(child, 1_500), "alive");
        await new Promise((r) => server.close(r));
        assert.strictEqual(await exitWithin(child, 5_000), ENGINE_GONE_EXIT_CODE);
    });

    it("parses engine addresses", () => {
        assert.deepStrictEqual(parseAddress("127.0.0.1:44743"), { host: "127.0.0.1", port: 44743 });
        assert.deepStrictEqual(parseAddress("[::1]:5"), { host: "::1", port: 5 });
        assert.strictEqual(parseAddress("--logtostderr"), undefined);
        assert.strictEqual(parseAddress(undefined), undefined);
    });
});
