/**
 * What `pulumi-voiceid local` says when there is nothing to do: `start` while the service runs
 * (new VOICEID_EMULATOR_* settings need a restart), `status` (the directory it checked), `stop`
 * with nothing running; and the state directory is ignored by git from the first start, inside
 * any repository.
 * @module
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ListDomainsCommand, VoiceIDClient } from "@aws-sdk/client-voice-id";
import { REPO_ROOT } from "../../support/localStack";
import { run, type RunResult } from "../../support/process";

describe("pulumi-voiceid local: start, status and stop say what they found", function () {
    this.timeout(600_000);
    let project: string;
    let dir: string;
    const local = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> =>
        run(process.execPath, [path.join(REPO_ROOT, "bin", "cli", "main.js"), "local", ...args], {
            cwd: project,
            env: { ...process.env, ...env },
            timeoutMs: 540_000,
        });

    before(() => {
        // A user's repository: the state directory is the default one, .local in the project.
        project = fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-user-repo-"));
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "user-program", private: true }));
        execFileSync("git", ["init", "-q", project]);
        dir = path.join(project, ".local");
    });
    after(async () => {
        await local(["stop"]);
        fs.rmSync(project, { recursive: true, force: true });
    });

    it("status before any start names the directory it checked", async () => {
        const status = await local(["status"]);
        assert.equal(status.code, 3, status.stdout + status.stderr);
        assert.match(
            status.stdout,
            new RegExp(
                `^state directory: ${dir} \\(does not exist: no local stack was started there\\)\\nmoto: stopped\\nvoiceid: stopped\\n`,
            ),
        );
    });

    it("stop with nothing started says so", async () => {
        const stop = await local(["stop"]);
        assert.equal(stop.code, 0, stop.stderr);
        assert.match(stop.stderr, new RegExp(`nothing to stop: ${dir} does not exist`));
    });

    it("the first start makes the state directory ignored by git", async () => {
        const start = await local(["start"]);
        assert.equal(start.code, 0, start.stderr);
        assert.ok(!/already running/.test(start.stderr), start.stderr);
        assert.ok(fs.existsSync(path.join(dir, "voiceid.db")));
        // Nothing of .local shows as untracked, and git says why for each file.
        assert.equal(
            execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: project, encoding: "utf8" }),
            "?? package.json\n",
        );
        const ignored = execFileSync("git", ["check-ignore", "-v", ".local/stack.env", ".local/voiceid.db"], {
            cwd: project,
            encoding: "utf8",
        });
        assert.match(ignored, /^\.local\/\.gitignore:\d+:\*\t\.local\/stack\.env$/m);
    });

    it("start while running says new VOICEID_EMULATOR_* settings need a restart, and applies none", async () => {
        const before = fs.readFileSync(path.join(dir, "emulator.pid"), "utf8");
        const again = await local(["start"], { VOICEID_EMULATOR_THROTTLE_RATE: "1" });
        assert.equal(again.code, 0, again.stderr);
        assert.match(
            again.stderr,
            /the Voice ID service was already running \(pid \d+\) and keeps the settings it started with: VOICEID_EMULATOR_THROTTLE_RATE is not applied until a restart \(pulumi-voiceid local stop, then start\)/,
        );
        assert.equal(fs.readFileSync(path.join(dir, "emulator.pid"), "utf8"), before, "the service was not restarted");
        const env = Object.fromEntries(
            [...fs.readFileSync(path.join(dir, "stack.env"), "utf8").matchAll(/^export (\w+)="(.*)"$/gm)].map((m) => [
                m[1],
                m[2],
            ]),
        );
        const voiceId = new VoiceIDClient({
            endpoint: env.AWS_ENDPOINT_URL_VOICE_ID,
            region: env.AWS_REGION,
            maxAttempts: 1,
            credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
        });
        // A throttle rate of 1 would refuse every call: the running service kept its settings.
        for (let i = 0; i < 5; i++) await voiceId.send(new ListDomainsCommand({}));
    });

    it("status names the directory; stop, then stop again says nothing was running", async () => {
        const status = await local(["status"]);
        assert.equal(status.code, 0, status.stderr);
        assert.match(
            status.stdout,
            new RegExp(`^state directory: ${dir}\\nmoto: running \\(pid \\d+\\)\\nvoiceid: running \\(pid \\d+\\)\\n`),
        );
        const stop = await local(["stop"]);
        assert.match(stop.stderr, /stopped the Voice ID service/);
        const again = await local(["stop"]);
        assert.equal(again.code, 0, again.stderr);
        assert.match(
            again.stderr,
            new RegExp(`nothing to stop: neither moto nor the Voice ID service was running for ${dir}`),
        );
    });
});
