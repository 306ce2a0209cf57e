import * as assert from "assert";
import { changedPaths, presentDiff, replacementReasons } from "../../../provider/shared/detailedDiff";
import { fromEngine, toEngine } from "../../../provider/shared/engineView";
import { consequence, parsePlanLine, planLine } from "../../../provider/plan/consequences";
import { diff as jobDiff } from "../../../provider/jobs/provider";
import { diffBatchJob } from "../../../provider/batchJob/diff";
import { PROPERTIES } from "../../../provider/jobs/properties";
import { noteDiff } from "../../../provider/plan/notes";
import { diff as watchlistDiff } from "../../../provider/watchlist/provider";
import { sink } from "../../../provider/shared/log";

/** The registration job's comparison (the core's rules with its declared properties). */
const diffJob = (olds: Record<string, any>, news: Record<string, any>, ambient = {}) =>
    diffBatchJob(PROPERTIES, olds, news, ambient);

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const D = "D".repeat(22);

describe("shared/detailedDiff", () => {
    it("names leaf paths of nested changes, and nothing for absent-vs-empty", () => {
        assert.deepStrictEqual(changedPaths({ a: 1, b: { c: 70, d: "x" } }, { a: 1, b: { c: 85, d: "x" } }, "r"), [
            "r.b.c",
        ]);
        assert.deepStrictEqual(changedPaths(undefined, {}, "tags"), []);
        assert.deepStrictEqual(changedPaths(["a"], ["a", "b"], "ids"), ["ids"]);
        assert.deepStrictEqual(changedPaths({ c: 1 }, { c: UNKNOWN }, "r"), ["r"]);
    });

    it("turns the comparison's keys into paths with update/replace kinds; internal inputs never appear", () => {
        const olds = {
            name: "a",
            registrationConfig: { fraudsterSimilarityThreshold: 70 },
            scope: { name: "x" },
            importId: "i",
        };
        const news = {
            name: "b",
            registrationConfig: { fraudsterSimilarityThreshold: 85 },
            scope: { name: "y" },
            tags: { t: "1" },
        };
        const d = presentDiff(olds, news, {
            changes: true,
            replaces: ["registrationConfig", "scope", "jobStatus"],
            updates: ["name", "tags", "importId"],
        });
        assert.deepStrictEqual(d.detailedDiff, {
            "registrationConfig.fraudsterSimilarityThreshold": { kind: "updateReplace", inputDiff: true },
            name: { kind: "update", inputDiff: true },
            tags: { kind: "add", inputDiff: true },
        });
        assert.deepStrictEqual(d.diffs, ["registrationConfig", "name", "tags"]);
        assert.deepStrictEqual(replacementReasons(d), ["registrationConfig.fraudsterSimilarityThreshold", "jobStatus"]);
    });

    it("a recorded status that forces a replacement is a reason, not a property", () => {
        const d = presentDiff(
            { jobStatus: "FAILED", domainId: D },
            { domainId: D },
            { changes: true, replaces: ["jobStatus"] },
            ["domainId"],
        );
        assert.deepStrictEqual([d.detailedDiff, d.diffs, replacementReasons(d)], [{}, [], ["jobStatus"]]);
    });

    it("a region set through stack config only is its own reason", () => {
        const d = presentDiff(
            { scope: { configRegion: "us-east-1" } },
            { scope: { configRegion: "eu-west-2" } },
            { changes: true, replaces: ["region"] },
        );
        assert.deepStrictEqual(d.detailedDiff, { region: { kind: "updateReplace", inputDiff: true } });
    });

    it("provider diffs carry it and print the plan line of a replacement", async () => {
        const lines: string[] = [];
        const write = sink.write;
        sink.write = (_l, line) => void lines.push(line);
        try {
            const base = {
                domainId: D,
                dataAccessRoleArn: "arn:aws:iam::123456789012:role/r",
                inputDataConfig: { s3Uri: "s3://b/m.json" },
                outputDataConfig: { s3Uri: "s3://b/o" },
                registrationConfig: { fraudsterSimilarityThreshold: 70 },
                scope: { name: "q3" },
            };
            const recorded = {
                ...base,
                jobId: "J".repeat(22),
                jobStatus: "COMPLETED" as const,
                newRegistrationCount: 4,
                deleteFraudstersOnDestroy: true,
            };
            const next = {
                ...base,
                registrationConfig: { fraudsterSimilarityThreshold: 85 },
                deleteFraudstersOnDestroy: true,
            };
            const d = presentDiff(recorded, next, diffJob(recorded, next));
            noteDiff("FraudsterRegistrationJob", `${D}/${"J".repeat(22)}`, recorded, next, d);
            assert.deepStrictEqual(d.detailedDiff, {
                "registrationConfig.fraudsterSimilarityThreshold": { kind: "updateReplace", inputDiff: true },
            });
            assert.deepStrictEqual(lines, [
                `[voiceid] plan: FraudsterRegistrationJob "q3" will be replaced (registrationConfig.fraudsterSimilarityThreshold): a new registration job will run and register the manifest's fraudsters again; only if it succeeds, the 4 fraudsters job ${"J".repeat(22)} registered will be deleted (deleteFraudstersOnDestroy), except those the new job finds again (they are kept)`,
            ]);
            lines.length = 0;
            // A FAILED job retried on unchanged inputs says it will likely fail again.
            const failed = {
                ...recorded,
                jobStatus: "FAILED" as const,
                newRegistrationCount: 0,
                deleteFraudstersOnDestroy: false,
            };
            const same = { ...base };
            noteDiff(
                "FraudsterRegistrationJob",
                `${D}/${"J".repeat(22)}`,
                failed,
                same,
                presentDiff(failed, same, diffJob(failed, same)),
            );
            assert.deepStrictEqual(lines, [
                `[voiceid] plan: FraudsterRegistrationJob "q3" will be replaced (jobStatus): job ${"J".repeat(22)} FAILED and no input changed: a new registration job will run on the same inputs and will likely fail the same way (fix what failed it, e.g. the manifest or the role, or change triggers)`,
            ]);
            lines.length = 0;
            // A job still running (a timed-out wait) is updated: the update resumes waiting.
            const running = { ...recorded, jobStatus: "IN_PROGRESS" as const, deleteFraudstersOnDestroy: false };
            noteDiff(
                "FraudsterRegistrationJob",
                `${D}/${"J".repeat(22)}`,
                running,
                same,
                presentDiff(running, same, diffJob(running, same)),
            );
            assert.deepStrictEqual(lines, [
                `[voiceid] plan: FraudsterRegistrationJob "q3" will update: resumes waiting for job ${"J".repeat(22)}, still IN_PROGRESS (the job is not started again)`,
            ]);
            lines.length = 0;
            const j = await jobDiff(
                `${D}/${"J".repeat(22)}`,
                { ...recorded, deleteFraudstersOnDestroy: false, __provider: "p" },
                { ...next, deleteFraudstersOnDestroy: false },
            );
            assert.deepStrictEqual(j.detailedDiff, d.detailedDiff, "the provider diff carries the same presentation");
            lines.length = 0;
            const w = await watchlistDiff(
                "x",
                { domainId: D, name: "a", scope: { name: "wl" } },
                { domainId: D, name: "b", scope: { name: "wl" } },
            );
            assert.deepStrictEqual(w.detailedDiff, { name: { kind: "update", inputDiff: true } });
            assert.deepStrictEqual(lines, [], "an in-place update prints no consequence line");
        } finally {
            sink.write = write;
        }
    });
});

describe("shared/engineView", () => {
    it("maps the hidden engine keys to the provider's fields and back; 0.1.0 state reads the same", () => {
        assert.deepStrictEqual(fromEngine({ name: "a", __scope: { name: "x" }, __importId: "i", __provider: "p" }), {
            name: "a",
            scope: { name: "x" },
            importId: "i",
            __provider: "p",
        });
        assert.deepStrictEqual(fromEngine({ name: "a", scope: { name: "old" } }), {
            name: "a",
            scope: { name: "old" },
        });
        assert.deepStrictEqual(toEngine({ name: "a", scope: { name: "x" }, importId: undefined }), {
            name: "a",
            __scope: { name: "x" },
        });
    });
});

describe("plan/consequences", () => {
    it("plan lines round-trip through the parser", () => {
        const line = planLine("VoiceIdDomain", "fraud", "replace", ["region"], consequence("VoiceIdDomain", "replace"));
        assert.deepStrictEqual(parsePlanLine(`prefix ${line}\n`), {
            type: "VoiceIdDomain",
            name: "fraud",
            op: "replace",
            reasons: ["region"],
            consequence: consequence("VoiceIdDomain", "replace"),
        });
        assert.match(consequence("VoiceIdDomain", "delete"), /fraudsters, speakers and watchlists it holds go with it/);
        assert.strictEqual(
            consequence("FraudsterRegistrationJob", "delete", { jobId: "j", newRegistrationCount: 2 }),
            "job j is forgotten (Voice ID cannot delete jobs); the 2 fraudsters it registered stay",
        );
        assert.strictEqual(parsePlanLine("[voiceid] started job x"), undefined);
    });
});
