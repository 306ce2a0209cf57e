import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SEED_REQUEST, compactRecording, isRead, recordingFormat } from "../../../cli/local/motoRecording";

const moto = "http://127.0.0.1:5000";
const line = (method: string, urlPath: string, opts: { target?: string; body?: string; encoded?: boolean } = {}) =>
    JSON.stringify({
        method,
        url: `${moto}${urlPath}`,
        headers: opts.target ? { "X-Amz-Target": opts.target } : {},
        body: opts.encoded ? Buffer.from(opts.body ?? "").toString("base64") : (opts.body ?? ""),
        body_encoded: Boolean(opts.encoded),
    });

describe("local stack: moto recording compaction", () => {
    it("tells reads from state changes for S3, the query protocol (IAM, STS) and KMS", () => {
        const entry = (l: string) => JSON.parse(l);
        assert.equal(isRead(entry(line("GET", "/bucket/audio/1.wav"))), true);
        assert.equal(isRead(entry(line("HEAD", "/bucket/audio/1.wav"))), true);
        assert.equal(isRead(entry(line("PUT", "/bucket/results/x.out"))), false);
        assert.equal(isRead(entry(line("POST", "/bucket?delete"))), false);
        assert.equal(isRead(entry(line("POST", "/", { body: "Action=GetRole&RoleName=r", encoded: true }))), true);
        assert.equal(isRead(entry(line("POST", "/", { body: "Action=ListAttachedRolePolicies&RoleName=r" }))), true);
        assert.equal(
            isRead(entry(line("POST", "/", { body: "Action=AssumeRole&RoleArn=x", encoded: true }))),
            false,
            "AssumeRole draws ids",
        );
        assert.equal(
            isRead(entry(line("POST", "/", { body: "Action=GetSessionToken" }))),
            false,
            "a Get that mints credentials",
        );
        assert.equal(isRead(entry(line("GET", "/?Action=CreateRole&RoleName=r"))), false);
        assert.equal(isRead(entry(line("POST", "/", { target: "TrentService.DescribeKey", body: "{}" }))), true);
        assert.equal(isRead(entry(line("POST", "/", { target: "TrentService.CreateKey", body: "{}" }))), false);
        assert.equal(isRead(entry(line("GET", "/moto-api/"))), true);
        assert.equal(isRead(entry(line("POST", SEED_REQUEST))), false);
    });

    it("compacts only recordings whose reads draw no ids, keeping their order", () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "voiceid-rec-")), "moto-recording.jsonl");
        const state = [
            line("POST", SEED_REQUEST),
            line("PUT", "/b"),
            line("POST", "/", { target: "TrentService.CreateKey" }),
            line("PUT", "/b/k"),
        ];
        const recorded = [
            state[0],
            state[1],
            line("GET", "/b/k"),
            state[2],
            line("HEAD", "/b/k"),
            "not json",
            state[3],
        ];
        fs.writeFileSync(file, recorded.join("\n") + "\n");
        assert.equal(recordingFormat(fs.readFileSync(file, "utf8")), "compactable");
        assert.deepEqual(compactRecording(file), { before: 7, after: 5 });
        assert.deepEqual(fs.readFileSync(file, "utf8").split("\n").filter(Boolean), [
            state[0],
            state[1],
            state[2],
            "not json",
            state[3],
        ]);
        assert.deepEqual(compactRecording(file), { before: 5, after: 5 });

        assert.equal(recordingFormat(`${line("POST", "/moto-api/seed?a=20210927")}\n${line("GET", "/b/k")}\n`), "full");
        assert.equal(recordingFormat(""), "none");
    });
});
