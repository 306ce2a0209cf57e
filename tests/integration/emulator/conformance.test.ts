/**
 * Conformance against botocore's voice-id service model, read at test time from the venv's
 * botocore (an independent copy of the model): for every operation of the model and every
 * constraint of its input (required, min/max length, pattern, min/max value, enum, list
 * min/max), a request violating exactly that member must get ValidationException naming the
 * member, and a baseline with only the required members must not.
 * @module
 */
import * as assert from "node:assert/strict";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { rawRequest } from "./helpers";
import { botocoreModel, outputProblems, type BotoModel, type BotoShape } from "./model";

/** Every operation of Voice ID: the emulator implements the whole API. */
const OPERATION_COUNT = 29;
let OPERATIONS: string[] = [];

// Valid sample values for pattern-constrained shapes (checked against the model's pattern).
const SAMPLES: Record<string, string> = {
    DomainId: "A".repeat(22),
    WatchlistId: "B".repeat(22),
    JobId: "C".repeat(22),
    FraudsterId: "id#" + "D".repeat(22),
    IamRoleArn: "arn:aws:iam::123456789012:role/voiceid-data-access",
    S3Uri: "s3://my-bucket/path/file.json",
    AmazonResourceName: "arn:aws:voiceid:us-east-1:123456789012:domain/" + "A".repeat(22),
    ClientTokenString: "token-1",
    SpeakerId: "customer-speaker-1",
    SessionNameOrId: "session-1",
};

let model: BotoModel;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function validValue(shapeName: string): unknown {
    const s = model.shapes[shapeName];
    switch (s.type) {
        case "structure": {
            const out: Record<string, unknown> = {};
            for (const r of s.required ?? []) out[r] = validValue(s.members![r].shape);
            return out;
        }
        case "list":
            return Array.from({ length: Math.max(1, s.min ?? 0) }, () => validValue(s.member!.shape));
        case "integer":
        case "long":
            return s.min ?? 1;
        case "boolean":
            return true;
        case "string": {
            if (s.enum) return s.enum[0];
            const v = SAMPLES[shapeName] ?? "a".repeat(Math.max(1, s.min ?? 0));
            if (s.pattern)
                assert.ok(
                    new RegExp(s.pattern, "u").test(v),
                    `add a valid sample for shape ${shapeName} (${s.pattern})`,
                );
            return v;
        }
        default:
            throw new Error(`no sample for ${s.type}`);
    }
}

interface Case {
    name: string;
    path: (string | number)[];
    value: unknown; // undefined = delete
    member: string; // lowerCamel name the message must mention
}

/** Values that break exactly one constraint of a primitive/list shape. */
function violations(shapeName: string): { rule: string; value: unknown }[] {
    const s = model.shapes[shapeName];
    const out: { rule: string; value: unknown }[] = [];
    const base = validValue(shapeName);
    if (s.type === "string") {
        if (s.enum) out.push({ rule: "enum", value: "NOT_A_" + s.enum[0] + "_VALUE" });
        if (s.min !== undefined && s.min > 0)
            out.push({ rule: `min length ${s.min}`, value: (base as string).slice(0, s.min - 1) });
        if (s.max !== undefined)
            out.push({
                rule: `max length ${s.max}`,
                value: (base as string) + "a".repeat(s.max + 1 - (base as string).length),
            });
        if (s.pattern) {
            const re = new RegExp(s.pattern, "u");
            const str = base as string;
            const bad = ["#", "\u00e9", "!", " "].map((c) => c + str.slice(1)).find((v) => !re.test(v));
            assert.ok(bad, `cannot build a pattern violation for ${shapeName}`);
            out.push({ rule: "pattern", value: bad });
        }
    } else if (s.type === "integer" || s.type === "long") {
        if (s.min !== undefined) out.push({ rule: `min ${s.min}`, value: s.min - 1 });
        if (s.max !== undefined) out.push({ rule: `max ${s.max}`, value: s.max + 1 });
    } else if (s.type === "list") {
        const item = validValue(s.member!.shape);
        if (s.min !== undefined && s.min > 0)
            out.push({ rule: `list min ${s.min}`, value: Array.from({ length: s.min - 1 }, () => item) });
        if (s.max !== undefined)
            out.push({ rule: `list max ${s.max}`, value: Array.from({ length: s.max + 1 }, () => item) });
    }
    return out;
}

function cases(shapeName: string, prefix: (string | number)[] = [], depth = 0): Case[] {
    const s = model.shapes[shapeName];
    const out: Case[] = [];
    if (depth > 4) return out;
    for (const [name, m] of Object.entries(s.members ?? {})) {
        const p = [...prefix, name];
        if (s.required?.includes(name))
            out.push({ name: `${p.join(".")} required`, path: p, value: undefined, member: lowerFirst(name) });
        for (const v of violations(m.shape))
            out.push({ name: `${p.join(".")} ${v.rule}`, path: p, value: v.value, member: lowerFirst(name) });
        const ms = model.shapes[m.shape];
        if (ms.type === "structure") out.push(...cases(m.shape, p, depth + 1));
        if (ms.type === "list" && model.shapes[ms.member!.shape].type === "structure")
            out.push(...cases(ms.member!.shape, [...p, 0], depth + 1));
        if (ms.type === "list" && model.shapes[ms.member!.shape].type === "string") {
            for (const v of violations(ms.member!.shape))
                out.push({
                    name: `${p.join(".")}[0] ${v.rule}`,
                    path: [...p, 0],
                    value: v.value,
                    member: lowerFirst(name),
                });
        }
    }
    return out;
}

function apply(opInput: string, c: Case): Record<string, unknown> {
    const input = validValue(opInput) as Record<string, unknown>;
    let node: Record<string | number, unknown> = input;
    let shape = model.shapes[opInput];
    for (let i = 0; i < c.path.length - 1; i++) {
        const key = c.path[i];
        let childShape: BotoShape;
        if (typeof key === "number") {
            childShape = model.shapes[shape.member!.shape];
        } else {
            childShape = model.shapes[shape.members![key].shape];
        }
        if (node[key] === undefined)
            node[key] = validValue(typeof key === "number" ? shape.member!.shape : shape.members![key].shape);
        node = node[key] as Record<string | number, unknown>;
        shape = childShape;
    }
    const last = c.path[c.path.length - 1];
    if (c.value === undefined) delete node[last];
    else node[last] = c.value;
    return input;
}

describe("emulator: conformance with botocore's voice-id model", function () {
    this.timeout(120_000);
    let emu: RunningEmulator;

    before(async () => {
        model = await botocoreModel();
        OPERATIONS = Object.keys(model.operations).sort();
        emu = await startEmulator({ logLevel: "silent" });
    });
    after(async () => emu?.stop());

    it("covers all 29 operations of the model: none answers UnknownOperationException", async () => {
        assert.equal(OPERATIONS.length, OPERATION_COUNT, `botocore's model has ${OPERATIONS.length} operations`);
        for (const op of OPERATIONS) {
            const res = await rawRequest(emu.endpoint, `VoiceID.${op}`, "{}");
            assert.notEqual(res.body.__type, "UnknownOperationException", `${op} is not implemented`);
        }
    });

    it("accepts a baseline request of each operation (no ValidationException)", async () => {
        for (const op of OPERATIONS) {
            const input = validValue(model.operations[op].input.shape);
            const res = await rawRequest(emu.endpoint, `VoiceID.${op}`, JSON.stringify(input));
            assert.notEqual(res.body.__type, "ValidationException", `${op} baseline rejected: ${res.body.message}`);
            assert.notEqual(res.body.__type, "SerializationException", `${op} baseline rejected: ${res.body.message}`);
        }
    });

    it("rejects every constraint violation with ValidationException naming the member", async () => {
        let checked = 0;
        const failures: string[] = [];
        for (const op of OPERATIONS) {
            const inputShape = model.operations[op].input.shape;
            for (const c of cases(inputShape)) {
                const input = apply(inputShape, c);
                const res = await rawRequest(emu.endpoint, `VoiceID.${op}`, JSON.stringify(input));
                checked++;
                if (res.status !== 400 || res.body.__type !== "ValidationException")
                    failures.push(`${op} ${c.name}: ${res.status} ${res.body.__type}`);
                else if (!res.body.message.includes(c.member))
                    failures.push(`${op} ${c.name}: message does not name ${c.member}: ${res.body.message}`);
            }
        }
        assert.deepEqual(failures, []);
        console.log(`      ${checked} constraint cases over ${OPERATIONS.length} operations`);
        assert.ok(checked > 300, `only ${checked} cases`);
    });

    it("answers with the model's output shapes (every member known, enums, required members)", async () => {
        const problems: string[] = [];
        const checked = new Set<string>();
        const call = async (op: string, input: Record<string, unknown>) => {
            const res = await rawRequest(emu.endpoint, `VoiceID.${op}`, JSON.stringify(input));
            assert.equal(res.status, 200, `${op}: ${JSON.stringify(res.body)}`);
            problems.push(...outputProblems(model, op, res.body));
            checked.add(op);
            return res.body as unknown as Record<string, Record<string, string> & { [k: string]: unknown }>;
        };
        const sse = { KmsKeyId: "alias/k" };
        const { Domain } = await call("CreateDomain", {
            Name: "out",
            Description: "d",
            ServerSideEncryptionConfiguration: sse,
            Tags: [{ Key: "a", Value: "b" }],
        });
        const DomainId = Domain.DomainId;
        await call("DescribeDomain", { DomainId });
        await call("ListDomains", {});
        await call("UpdateDomain", {
            DomainId,
            Name: "out2",
            ServerSideEncryptionConfiguration: { KmsKeyId: "alias/other" },
        });
        const { Watchlist } = await call("CreateWatchlist", { DomainId, Name: "w", Description: "w" });
        await call("DescribeWatchlist", { DomainId, WatchlistId: Watchlist.WatchlistId });
        await call("ListWatchlists", { DomainId });
        await call("UpdateWatchlist", { DomainId, WatchlistId: Watchlist.WatchlistId, Name: "w2" });
        await call("OptOutSpeaker", { DomainId, SpeakerId: "customer-1" });
        await call("DescribeSpeaker", { DomainId, SpeakerId: "customer-1" });
        await call("ListSpeakers", { DomainId });
        await call("ListFraudsters", { DomainId });
        const job = {
            DomainId,
            DataAccessRoleArn: SAMPLES.IamRoleArn,
            InputDataConfig: { S3Uri: "s3://in-bucket/m.json" },
            OutputDataConfig: { S3Uri: "s3://out-bucket/r", KmsKeyId: "k" },
        };
        // No AWS endpoint: both jobs end FAILED, so FailureDetails is checked too.
        const enrollment = (
            await call("StartSpeakerEnrollmentJob", {
                ...job,
                JobName: "e",
                EnrollmentConfig: { FraudDetectionConfig: { RiskThreshold: 10 } },
            })
        ).Job;
        const registration = (await call("StartFraudsterRegistrationJob", { ...job, JobName: "r" })).Job;
        for (const [op, id] of [
            ["DescribeSpeakerEnrollmentJob", enrollment.JobId],
            ["DescribeFraudsterRegistrationJob", registration.JobId],
        ]) {
            for (let i = 0; ; i++) {
                const body = await call(op, { DomainId, JobId: id });
                if (body.Job.JobStatus === "FAILED") break;
                assert.ok(i < 200, `${op} never ended`);
                await new Promise((r) => setTimeout(r, 25));
            }
        }
        await call("ListSpeakerEnrollmentJobs", { DomainId });
        await call("ListFraudsterRegistrationJobs", { DomainId });
        await call("TagResource", { ResourceArn: Domain.Arn, Tags: [{ Key: "c", Value: "d" }] });
        await call("ListTagsForResource", { ResourceArn: Domain.Arn });
        await call("UntagResource", { ResourceArn: Domain.Arn, TagKeys: ["c"] });
        await call("DeleteSpeaker", { DomainId, SpeakerId: "customer-1" });
        await call("DeleteWatchlist", { DomainId, WatchlistId: Watchlist.WatchlistId });
        await call("DeleteDomain", { DomainId });
        assert.deepEqual(problems, []);
        // The rest (fraudster and session operations) need a moto-backed stack: sessions.test.ts.
        console.log(`      ${checked.size} operations' outputs checked here`);
        assert.ok(checked.size >= 24);
    });
});
