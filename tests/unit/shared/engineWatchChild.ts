/**
 * A stand-in for a provider host, run as a child process by engineWatch.test.ts: handles uncaught
 * errors the way the Node.js dynamic provider host does (prints them to stderr), optionally arms
 * the engine watch, then stays alive (a ref'd timer, as the host's gRPC server would) and writes
 * a line to stderr every 50 ms, as a provider's progress lines do.
 *
 * argv[2]: JSON `{ arm: boolean, engineAddress?: string, intervalMs?: number }`.
 * @module
 */
import { watchEngine } from "../../../provider/shared/engineWatch";

const opts = JSON.parse(process.argv[2] ?? "{}") as { arm?: boolean; engineAddress?: string; intervalMs?: number };
// As `@pulumi/pulumi/cmd/dynamic-provider/index.js` does.
const uncaught = new Set<unknown>();
const handler = (err: any) => {
    if (!uncaught.has(err)) {
        uncaught.add(err);
        console.error(err?.stack || err?.message || "" + err);
    }
};
process.on("uncaughtException", handler);
process.on("unhandledRejection", handler);
if (opts.arm) watchEngine({ engineAddress: opts.engineAddress, intervalMs: opts.intervalMs });
console.log("ready");
setInterval(() => console.error("[voiceid] job: IN_PROGRESS"), 50);
