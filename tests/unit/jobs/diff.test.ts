import * as assert from "assert";
import { UNKNOWN } from "../../../provider/shared/validation";
import { diff } from "../../../provider/jobs/provider";
import { diffBatchJob } from "../../../provider/batchJob/diff";
import { PROPERTIES } from "../../../provider/jobs/properties";
import { validInputs } from "./corpus";
import { sink } from "../../../provider/shared/log";

/** The registration job's comparison (the core's rules with its declared properties). */
const diffJob = (olds: Record<string, any>, news: Record<string, any>, ambient = {}) =>
    diffBatchJob(PROPERTIES, olds, news, ambient);

/** Outputs as recorded after a successful create with `validInputs()`. */
function recorded(extra: Record<string, any> = {}): Record<string, any> {
    return {
        ...validInputs(),
        scope: { project: "p", stack: "s", name: "job" },
        __provider: "old provider text",
        jobId: "J".repeat(22),
        jobStatus: "COMPLETED",
        newRegistrationCount: 3,
        effectiveRegion: "us-east-1",
        ...extra,
    };
}
function news(patch: (i: Record<string, any>) => void = () => {}) {
    const i: Record<string, any> = {
        ...validInputs(),
        scope: { project: "p", stack: "s", name: "job" },
        __provider: "new provider text",
    };
    patch(i);
    return i;
}

/** The comparison part of a diff result (its presentation is tested in shared/detailedDiff). */
const comparison = (d: { changes: boolean; replaces: string[]; deleteBeforeReplace?: boolean }) => ({
    changes: d.changes,
    replaces: d.replaces,
    ...(d.deleteBeforeReplace ? { deleteBeforeReplace: d.deleteBeforeReplace } : {}),
});

describe("jobs/diff", () => {
    // A replacement prints its plan line (tested in shared/detailedDiff); keep the report quiet.
    const write = sink.write;
    const lines: string[] = [];
    before(() => (sink.write = (_l, line) => void lines.push(line)));
    after(() => (sink.write = write));

    it("reports no changes when nothing changed, ignoring __provider and the scope's identity", async () => {
        assert.deepStrictEqual(comparison(await diff("id", recorded(), news())), { changes: false, replaces: [] });
        assert.deepStrictEqual(
            comparison(
                await diff(
                    "id",
                    recorded(),
                    news((i) => (i.scope = { project: "p2", stack: "s2", name: "renamed" })),
                ),
            ),
            { changes: false, replaces: [] },
        );
    });

    it("ignores importId (inert once the job is adopted)", async () => {
        assert.deepStrictEqual(comparison(await diff("id", recorded({ importId: "x/y" }), news())), {
            changes: false,
            replaces: [],
        });
        assert.deepStrictEqual(
            comparison(
                await diff(
                    "id",
                    recorded(),
                    news((i) => (i.importId = "a/b")),
                ),
            ),
            { changes: false, replaces: [] },
        );
    });

    const replacing: [string, (i: Record<string, any>) => void][] = [
        ["domainId", (i) => (i.domainId = "B".repeat(22))],
        ["dataAccessRoleArn", (i) => (i.dataAccessRoleArn = "arn:aws:iam::123456789012:role/Other")],
        ["inputDataConfig", (i) => (i.inputDataConfig = { s3Uri: "s3://voiceid-input/other.json" })],
        ["outputDataConfig", (i) => (i.outputDataConfig = { s3Uri: "s3://voiceid-output/results" })],
        [
            "registrationConfig",
            (i) => (i.registrationConfig = { ...i.registrationConfig, fraudsterSimilarityThreshold: 81 }),
        ],
        ["jobName", (i) => (i.jobName = "other")],
        ["clientToken", (i) => (i.clientToken = "pinned")],
        ["triggers", (i) => (i.triggers = ["v2"])],
        ["region", (i) => (i.region = "eu-west-1")],
        ["region", (i) => (i.scope = { ...i.scope, configRegion: "eu-west-1" })],
        ["endpoint", (i) => (i.endpoint = "http://127.0.0.1:1")],
    ];
    for (const [key, patch] of replacing) {
        it(`replaces on a change to ${key}`, async () => {
            const d = await diff("id", recorded(), news(patch));
            assert.deepStrictEqual(d.replaces, [key]);
            assert.strictEqual(d.changes, true);
        });
    }

    it("replaces when a job-defining input is unknown in preview", async () => {
        const d = await diff(
            "id",
            recorded(),
            news((i) => (i.domainId = UNKNOWN)),
        );
        assert.deepStrictEqual(d.replaces, ["domainId"]);
    });

    for (const [key, value] of [
        ["waitForCompletion", false],
        ["timeoutSeconds", 60],
        ["failOnErrors", true],
        ["deleteFraudstersOnDestroy", true],
    ] as const) {
        it(`updates ${key} in place`, async () => {
            const d = await diff(
                "id",
                recorded(),
                news((i) => (i[key] = value)),
            );
            assert.deepStrictEqual(comparison(d), { changes: true, replaces: [] });
        });
    }

    it("treats an absent knob as its default", async () => {
        const d = await diff(
            "id",
            recorded(),
            news((i) => {
                delete i.waitForCompletion;
                delete i.failOnErrors;
                delete i.deleteFraudstersOnDestroy;
            }),
        );
        assert.deepStrictEqual(comparison(d), { changes: false, replaces: [] });
    });

    it("replaces a FAILED job, updates (resumes) a running one", async () => {
        assert.deepStrictEqual(comparison(await diff("id", recorded({ jobStatus: "FAILED" }), news())), {
            changes: true,
            replaces: ["jobStatus"],
        });
        assert.deepStrictEqual(comparison(await diff("id", recorded({ jobStatus: "IN_PROGRESS" }), news())), {
            changes: true,
            replaces: [],
        });
        assert.deepStrictEqual(
            comparison(
                await diff(
                    "id",
                    recorded({ jobStatus: "IN_PROGRESS", waitForCompletion: false }),
                    news((i) => (i.waitForCompletion = false)),
                ),
            ),
            { changes: false, replaces: [] },
        );
    });

    it("keeps failing a COMPLETED_WITH_ERRORS job under failOnErrors", async () => {
        assert.deepStrictEqual(
            comparison(
                await diff(
                    "id",
                    recorded({ jobStatus: "COMPLETED_WITH_ERRORS", failOnErrors: true }),
                    news((i) => (i.failOnErrors = true)),
                ),
            ),
            { changes: true, replaces: [] },
        );
        assert.deepStrictEqual(comparison(await diff("id", recorded({ jobStatus: "COMPLETED_WITH_ERRORS" }), news())), {
            changes: false,
            replaces: [],
        });
    });

    it("replaces the new job first even when fraudsters are deleted on destroy (never delete-before-replace)", () => {
        const d = diffJob(
            recorded({ deleteFraudstersOnDestroy: true }),
            news((i) => {
                i.deleteFraudstersOnDestroy = true;
                i.triggers = ["v2"];
            }),
        );
        assert.deepStrictEqual(comparison(d), { changes: true, replaces: ["triggers"] });
        assert.strictEqual((d as { deleteBeforeReplace?: boolean }).deleteBeforeReplace, undefined);
    });

    it("compares the effective region, and only declared endpoints", () => {
        const ambient = { region: "us-east-1", endpoint: "http://127.0.0.1:4000" };
        const same = { changes: false, replaces: [], updates: [] };
        assert.deepStrictEqual(
            diffJob(
                recorded(),
                news((i) => (i.region = "us-east-1")),
                ambient,
            ),
            same,
        );
        assert.deepStrictEqual(
            diffJob(
                recorded(),
                news((i) => (i.scope = { ...i.scope, configRegion: "us-east-1" })),
                ambient,
            ),
            same,
        );
        assert.deepStrictEqual(diffJob(recorded(), news(), { ...ambient, region: "us-west-2" }).replaces, ["region"]);
        assert.deepStrictEqual(diffJob(recorded(), news(), { ...ambient, endpoint: "http://127.0.0.1:5000" }), same);
        assert.deepStrictEqual(
            diffJob(
                recorded(),
                news((i) => (i.endpoint = "http://127.0.0.1:4000")),
                ambient,
            ),
            same,
        );
        // States written by 0.1.0 hold no effective region: the declared one, else the ambient one.
        assert.deepStrictEqual(
            diffJob(
                recorded({ effectiveRegion: undefined }),
                news((i) => (i.region = "us-east-1")),
                ambient,
            ),
            same,
        );
        assert.deepStrictEqual(
            diffJob(recorded({ effectiveRegion: undefined, region: "eu-west-1" }), news(), ambient).replaces,
            ["region"],
        );
    });

    it("plans an entry recorded without __provider (0.1.0 partial state) as an update, never a replace", async () => {
        const d = await diff("id", recorded({ __provider: undefined, jobStatus: "FAILED" }), news());
        assert.deepStrictEqual(comparison(d), { changes: true, replaces: [] });
        assert.deepStrictEqual(d.detailedDiff, {}, "a recorded status is a reason, not a property of the program");
    });
});
