import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { rotateIfLarge, openLogForAppend } from "../../../cli/local/logFiles";
import { choosePort, portIsFree, portHolder } from "../../../cli/local/ports";
import { keptServiceNote, parseArgs } from "../../../cli/local";
import { emulatorNodeProblem, readEnvFile, envFileText, stackFiles } from "../../../cli/local/stack";

describe("pulumi-voiceid local: log files", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-logs-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("appends across starts below the size cap", () => {
        const file = path.join(dir, "x.log");
        for (const line of ["first\n", "second\n"]) {
            const fd = openLogForAppend(file, { maxBytes: 1000, keep: 2 });
            fs.writeSync(fd, line);
            fs.closeSync(fd);
        }
        assert.equal(fs.readFileSync(file, "utf8"), "first\nsecond\n");
        assert.equal(fs.existsSync(`${file}.1`), false);
    });

    it("rotates at the cap and keeps only `keep` old files", () => {
        const file = path.join(dir, "x.log");
        const policy = { maxBytes: 4, keep: 2 };
        for (const content of ["aaaa", "bbbb", "cccc", "dd"]) {
            rotateIfLarge(file, policy);
            fs.appendFileSync(file, content);
        }
        assert.equal(fs.readFileSync(file, "utf8"), "dd");
        assert.equal(fs.readFileSync(`${file}.1`, "utf8"), "cccc");
        assert.equal(fs.readFileSync(`${file}.2`, "utf8"), "bbbb");
        assert.equal(fs.existsSync(`${file}.3`), false, "the oldest beyond keep is deleted");
        assert.equal(rotateIfLarge(file, policy), false, "below the cap: no rotation");
        assert.equal(rotateIfLarge(path.join(dir, "missing.log"), policy), false);
    });
});

describe("pulumi-voiceid local: ports", () => {
    /** A server of this process listening on a free loopback port. */
    const listening = async () => {
        const srv = net.createServer();
        await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
        return { srv, port: (srv.address() as net.AddressInfo).port };
    };

    it("keeps a recorded port that is free", async () => {
        const { srv, port } = await listening();
        assert.equal(await portIsFree(port), false);
        await new Promise((r) => srv.close(r));
        assert.deepEqual(await choosePort("svc", port), { port });
    });

    it("picks another port when a process listens on the recorded one, with a message naming both", async () => {
        const { srv, port } = await listening();
        try {
            const choice = await choosePort("svc", port);
            assert.notEqual(choice.port, port);
            assert.match(
                choice.moved!,
                new RegExp(
                    `^svc: port ${port} .*held by another process \\(pid ${process.pid}: .*\\); using port ${choice.port} `,
                ),
            );
        } finally {
            await new Promise((r) => srv.close(r));
        }
    });

    it("keeps a recorded port its old holder releases within the grace period (a process still exiting)", async () => {
        const { srv, port } = await listening();
        setTimeout(() => srv.close(), 300);
        assert.deepEqual(await choosePort("svc", port), { port });
    });

    it("names the process that holds a port", async () => {
        const { srv, port } = await listening();
        try {
            assert.equal(portHolder(port)?.pid, process.pid);
        } finally {
            await new Promise((r) => srv.close(r));
        }
        assert.equal(portHolder(port), undefined);
    });

    it("never gives a port reserved for another component", async () => {
        const choice = await choosePort("svc", 1, [1]);
        assert.notEqual(choice.port, 1);
        assert.match(choice.moved!, /taken by another component/);
    });
});

describe("pulumi-voiceid local: arguments and env file", () => {
    it("takes the directory from --dir, then PULUMI_VOICEID_LOCAL_DIR, then .local of the current project", () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-project-"));
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: p\n");
        fs.mkdirSync(path.join(project, "src", "deep"), { recursive: true });
        assert.equal(parseArgs(["start"], {}, path.join(project, "src", "deep")).dir, path.join(project, ".local"));
        fs.rmSync(project, { recursive: true, force: true });
        assert.deepEqual(
            parseArgs(["start"], {}, "/p"),
            { command: "start", dir: "/p/.local", help: false },
            "no project: the current directory",
        );
        assert.equal(parseArgs(["start"], { PULUMI_VOICEID_LOCAL_DIR: "state" }, "/p").dir, "/p/state");
        assert.equal(parseArgs(["start", "--dir", "/s"], { PULUMI_VOICEID_LOCAL_DIR: "x" }, "/p").dir, "/s");
        assert.equal(parseArgs(["--dir=rel", "stop"], {}, "/p").dir, "/p/rel");
        assert.throws(() => parseArgs(["start", "--dir"], {}, "/p"), /--dir needs a directory/);
        assert.throws(() => parseArgs(["start", "--port", "1"], {}, "/p"), /unknown option --port/);
        assert.throws(() => parseArgs(["start", "stop"], {}, "/p"), /unexpected argument stop/);
    });

    it("writes an env file that reads back", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-env-"));
        const files = stackFiles(dir);
        fs.writeFileSync(
            files.envFile,
            envFileText(files, { moto: "http://127.0.0.1:1", voiceId: "http://127.0.0.1:2" }),
        );
        const env = readEnvFile(files.envFile);
        assert.equal(env.AWS_ENDPOINT_URL_VOICE_ID, "http://127.0.0.1:2");
        assert.equal(env.AWS_ENDPOINT_URL_S3, "http://127.0.0.1:1");
        assert.equal(env.AWS_REGION, "us-east-1");
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("a start that keeps a running service says its VOICEID_EMULATOR_* settings need a restart, naming those given", () => {
        const none = keptServiceNote(42, { PATH: "/bin" });
        assert.match(none, /already running \(pid 42\)/);
        assert.match(
            none,
            /new VOICEID_EMULATOR_\* settings are not applied until a restart \(pulumi-voiceid local stop, then start\)/,
        );
        const given = keptServiceNote(42, {
            VOICEID_EMULATOR_THROTTLE_RATE: "0.3",
            VOICEID_EMULATOR_JOB_DURATION_MS: "1",
            OTHER: "x",
        });
        assert.match(
            given,
            /VOICEID_EMULATOR_JOB_DURATION_MS, VOICEID_EMULATOR_THROTTLE_RATE are not applied until a restart/,
        );
        assert.match(
            keptServiceNote(7, { VOICEID_EMULATOR_REGION: "eu-west-1" }),
            /VOICEID_EMULATOR_REGION is not applied/,
        );
    });
});

describe("pulumi-voiceid local: the Node it needs", () => {
    it("refuses a Node without node:sqlite, naming the version it needs and the one it has", () => {
        for (const old of ["20.20.2", "22.12.0", "18.19.1"]) {
            const problem = emulatorNodeProblem(old);
            assert.ok(problem?.includes("Node 22.13 or later") && problem.includes(old), problem);
        }
        for (const ok of ["22.13.0", "22.23.3", "24.1.0"]) assert.equal(emulatorNodeProblem(ok), undefined, ok);
        assert.equal(emulatorNodeProblem(), undefined, "the Node this suite runs on");
    });
});
