/**
 * Analyzer servers for tests: `@pulumi/policy`'s (the pack folder's `PolicyPack`) and the pack's
 * own host (`policy/server.ts`, through the executable for the Voice ID pack), each started as
 * the engine starts one (a process that prints its port), with a gRPC client that returns every
 * answer as plain data (`toObject()`), or the gRPC error's code and details.
 * @module
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { repoRoot } from "./repo";

const AnalyzerService: grpc.ServiceDefinition = require("@pulumi/pulumi/proto/analyzer_grpc_pb").AnalyzerService;
const Client = grpc.makeGenericClientConstructor(AnalyzerService, "Analyzer");

/** Which host serves, and which pack. */
export type AnalyzerHost = "sdk" | "ours";
export type ServedPack = "voiceid" | "probe";

/** An answer: the response as plain data, or the error. */
export type Answer = { ok: unknown } | { error: { code: number; details: string } };

/** A running analyzer and a client of it. */
export interface RunningAnalyzer {
    readonly port: number;
    /** Sends one request (`method` as in the service definition, e.g. `analyze`). */
    call(method: string, request: unknown): Promise<Answer>;
    /** Closes the client and kills the process. */
    stop(): void;
}

const policyDir = path.join(repoRoot, "policy");
const probeModule = path.join(repoRoot, "bin", "tests", "support", "policyProbe.js");
const serverModule = path.join(repoRoot, "bin", "policy", "server.js");

function command(host: AnalyzerHost, pack: ServedPack): [string, string[]] {
    if (pack === "voiceid") {
        // The two forms of the pack: the folder (its package.json's main, @pulumi/policy) and the executable.
        return host === "sdk"
            ? [process.execPath, ["-e", "require(process.cwd())"]]
            : [path.join(policyDir, "pulumi-analyzer-voiceid"), ["127.0.0.1:1"]];
    }
    const probe = `const p = require(${JSON.stringify(probeModule)});`;
    return host === "sdk"
        ? [
              process.execPath,
              [
                  "-e",
                  `${probe} new (require("@pulumi/policy").PolicyPack)("probe", p.PROBE_ARGS, p.PROBE_INITIAL_CONFIG);`,
              ],
          ]
        : [
              process.execPath,
              [
                  "-e",
                  `${probe} require(${JSON.stringify(serverModule)}).serveAnalyzer({ name: "probe", ` +
                      `version: require("./package.json").version, args: p.PROBE_ARGS, initialConfig: p.PROBE_INITIAL_CONFIG });`,
              ],
          ];
}

/** Starts a host serving a pack in the pack's folder (where `@pulumi/policy` reads the version) and waits for its port. */
export function startAnalyzer(host: AnalyzerHost, pack: ServedPack): Promise<RunningAnalyzer> {
    const [cmd, args] = command(host, pack);
    const child: ChildProcess = spawn(cmd, args, {
        cwd: policyDir,
        env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}` },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    return new Promise((resolve, reject) => {
        child.on("error", reject);
        child.on("exit", (code) =>
            reject(new Error(`${host} analyzer (${pack}) exited ${code} before its port:\n${stderr}`)),
        );
        child.stdout!.on("data", (d) => {
            stdout += d;
            const m = /^(\d+)\n/.exec(stdout);
            if (!m) return;
            const port = Number(m[1]);
            const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            resolve({
                port,
                call: (method, request) =>
                    new Promise((done) => {
                        (client as any)[method](request, (err: grpc.ServiceError | null, resp: any) =>
                            done(err ? { error: { code: err.code, details: err.details } } : { ok: resp.toObject() }),
                        );
                    }),
                stop: () => {
                    client.close();
                    child.removeAllListeners("exit");
                    child.kill("SIGKILL");
                },
            });
        });
    });
}
