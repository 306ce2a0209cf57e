import * as assert from "assert";
import { UNKNOWN } from "../../../provider/shared/validation";
import { sink } from "../../../provider/shared/log";
import { check, diff } from "../../../provider/enrollment/provider";
import { validateEnrollmentInputs } from "../../../provider/enrollment/validate";
import { parseEnrollmentOutput, emptyEnrollmentResults } from "../../../provider/enrollment/results";
import { PROPERTIES } from "../../../provider/enrollment/properties";
import { deriveEnrollmentToken } from "../../../provider/enrollment/kind";
import { deriveClientToken } from "../../../provider/jobs/token";
import { consequence } from "../../../provider/plan/consequences";
import { ScriptedSdk } from "../shared/sdkSeam";
import { resetPreflightMemo } from "../../../provider/batchJob/preflightCalls";

const WATCHLIST = "WatchlistAAAAAAAAAAAAAA".slice(0, 22);

function validInputs(): Record<string, any> {
    return {
        domainId: "DomainAAAAAAAAAAAAAAAAA".slice(0, 22),
        dataAccessRoleArn: "arn:aws:iam::123456789012:role/VoiceIdDataAccess",
        inputDataConfig: { s3Uri: "s3://voiceid-input/manifests/customers.json" },
        outputDataConfig: { s3Uri: "s3://voiceid-output/results", kmsKeyId: "alias/voiceid-output" },
        enrollmentConfig: {
            existingEnrollmentAction: "SKIP",
            fraudDetectionConfig: { fraudDetectionAction: "FAIL", riskThreshold: 70, watchlistIds: [WATCHLIST] },
        },
        jobName: "customers-1",
        timeoutSeconds: 600,
        deleteSpeakersOnDestroy: false,
        triggers: ["v1"],
    };
}

describe("enrollment/check (the StartSpeakerEnrollmentJob model)", () => {
    it("accepts valid and minimal inputs", async () => {
        assert.deepStrictEqual(validateEnrollmentInputs(validInputs()), []);
        const { domainId, dataAccessRoleArn, inputDataConfig, outputDataConfig } = validInputs();
        assert.deepStrictEqual(
            validateEnrollmentInputs({ domainId, dataAccessRoleArn, inputDataConfig, outputDataConfig }),
            [],
        );
        // The preflight runs with nothing answering (no AWS in unit tests): it passes.
        const sdk = new ScriptedSdk().install();
        resetPreflightMemo();
        try {
            sdk.script({});
            assert.deepStrictEqual((await check({}, validInputs())).failures, []);
        } finally {
            sdk.uninstall();
        }
    });

    const bad: [string, (i: Record<string, any>) => void, string, RegExp][] = [
        [
            "existing enrollment action",
            (i) => (i.enrollmentConfig.existingEnrollmentAction = "REPLACE"),
            "enrollmentConfig.existingEnrollmentAction",
            /SKIP, OVERWRITE/,
        ],
        [
            "fraud detection action",
            (i) => (i.enrollmentConfig.fraudDetectionConfig.fraudDetectionAction = "BLOCK"),
            "enrollmentConfig.fraudDetectionConfig.fraudDetectionAction",
            /IGNORE, FAIL/,
        ],
        [
            "risk threshold above 100",
            (i) => (i.enrollmentConfig.fraudDetectionConfig.riskThreshold = 101),
            "enrollmentConfig.fraudDetectionConfig.riskThreshold",
            /100/,
        ],
        [
            "two watchlists",
            (i) => (i.enrollmentConfig.fraudDetectionConfig.watchlistIds = [WATCHLIST, WATCHLIST]),
            "enrollmentConfig.fraudDetectionConfig.watchlistIds",
            /1/,
        ],
        [
            "short watchlist id",
            (i) => (i.enrollmentConfig.fraudDetectionConfig.watchlistIds = ["abc"]),
            "enrollmentConfig.fraudDetectionConfig.watchlistIds[0]",
            /22/,
        ],
        [
            "unknown config key",
            (i) => (i.enrollmentConfig.duplicateRegistrationAction = "SKIP"),
            "enrollmentConfig.duplicateRegistrationAction",
            /not a known property/,
        ],
        [
            "the registration job's option",
            (i) => (i.deleteFraudstersOnDestroy = true),
            "deleteFraudstersOnDestroy",
            /not a known property/,
        ],
        [
            "deleteSpeakersOnDestroy not boolean",
            (i) => (i.deleteSpeakersOnDestroy = "yes"),
            "deleteSpeakersOnDestroy",
            /true or false/,
        ],
        ["domain id", (i) => (i.domainId = "short"), "domainId", /22/],
    ];
    for (const [name, patch, property, rule] of bad) {
        it(`rejects: ${name}`, async () => {
            const inputs = validInputs();
            patch(inputs);
            const { failures } = await check({}, inputs);
            const f = failures.find((x) => x.property === property);
            assert.ok(f, `no failure for ${property}: ${JSON.stringify(failures)}`);
            assert.match(f!.reason, rule);
        });
    }

    it("lets unknown (preview) values pass", () => {
        const i = validInputs();
        i.enrollmentConfig = {
            existingEnrollmentAction: UNKNOWN,
            fraudDetectionConfig: { riskThreshold: UNKNOWN, watchlistIds: [UNKNOWN] },
        };
        assert.deepStrictEqual(validateEnrollmentInputs(i), []);
    });
});

describe("enrollment/diff", () => {
    const write = sink.write;
    before(() => (sink.write = () => undefined));
    after(() => (sink.write = write));
    const scope = { project: "p", stack: "s", name: "customers" };
    const recorded = (extra: Record<string, any> = {}) => ({
        ...validInputs(),
        scope,
        __provider: "p",
        jobId: "J".repeat(22),
        jobStatus: "COMPLETED",
        newEnrollmentCount: 2,
        effectiveRegion: "us-east-1",
        ...extra,
    });
    const news = (patch: (i: Record<string, any>) => void = () => undefined) => {
        const i: Record<string, any> = { ...validInputs(), scope, __provider: "q" };
        patch(i);
        return i;
    };

    it("declares its properties once: replace, update and output lists", () => {
        assert.deepStrictEqual(
            [...PROPERTIES.replaceKeys],
            [
                "domainId",
                "dataAccessRoleArn",
                "inputDataConfig",
                "outputDataConfig",
                "enrollmentConfig",
                "jobName",
                "clientToken",
                "triggers",
            ],
        );
        assert.deepStrictEqual(Object.keys(PROPERTIES.updateKeys), [
            "waitForCompletion",
            "timeoutSeconds",
            "failOnErrors",
            "deleteSpeakersOnDestroy",
        ]);
        for (const o of [
            "enrollments",
            "fraudDetectionFailureCount",
            "newEnrollmentCount",
            "jobStatus",
            "effectiveRegion",
            "enrollmentConfig",
        ])
            assert.ok(PROPERTIES.outputNames.includes(o), o);
    });

    it("no change; knobs update in place; the enrollment config and triggers replace", async () => {
        assert.strictEqual((await diff("id", recorded(), news())).changes, false);
        const knob = await diff(
            "id",
            recorded(),
            news((i) => (i.deleteSpeakersOnDestroy = true)),
        );
        assert.deepStrictEqual([knob.changes, knob.replaces], [true, []]);
        const action = await diff(
            "id",
            recorded(),
            news((i) => (i.enrollmentConfig.existingEnrollmentAction = "OVERWRITE")),
        );
        assert.deepStrictEqual(action.replaces, ["enrollmentConfig"]);
        assert.ok(Object.keys(action.detailedDiff ?? {}).includes("enrollmentConfig.existingEnrollmentAction"));
        assert.deepStrictEqual(
            (
                await diff(
                    "id",
                    recorded(),
                    news((i) => (i.triggers = ["v2"])),
                )
            ).replaces,
            ["triggers"],
        );
    });

    it("a FAILED job is replaced by a new run; a running one resumes", async () => {
        assert.deepStrictEqual((await diff("id", recorded({ jobStatus: "FAILED" }), news())).replaces, ["jobStatus"]);
        const running = await diff("id", recorded({ jobStatus: "IN_PROGRESS" }), news());
        assert.deepStrictEqual([running.changes, running.replaces], [true, []]);
    });

    it("derives its own ClientTokens: another kind with the same inputs never shares one", () => {
        const i = { ...validInputs(), scope } as any;
        assert.match(deriveEnrollmentToken(i, 0), /^pvid-g0-[0-9a-f]{48}$/);
        assert.strictEqual(deriveEnrollmentToken(i, 0), deriveEnrollmentToken({ ...i }, 0));
        assert.notStrictEqual(deriveEnrollmentToken(i, 0), deriveEnrollmentToken(i, 1));
        assert.notStrictEqual(deriveEnrollmentToken(i, 0), deriveClientToken(i, 0));
        assert.notStrictEqual(
            deriveEnrollmentToken(i, 0),
            deriveEnrollmentToken({ ...i, enrollmentConfig: { existingEnrollmentAction: "OVERWRITE" } }, 0),
        );
    });

    it("says what a plan does to enrolled speakers", () => {
        assert.match(consequence("SpeakerEnrollmentJob", "create"), /enroll the manifest's speakers/);
        assert.match(
            consequence("SpeakerEnrollmentJob", "delete", {
                jobId: "J1",
                jobStatus: "COMPLETED",
                newEnrollmentCount: 2,
            }),
            /forgotten.*2 speakers it enrolled stay/,
        );
        assert.match(
            consequence("SpeakerEnrollmentJob", "delete", {
                jobId: "J1",
                jobStatus: "COMPLETED",
                newEnrollmentCount: 1,
                deleteSpeakersOnDestroy: true,
            }),
            /the 1 speaker job J1 enrolled will be deleted/,
        );
    });
});

describe("enrollment/results", () => {
    const file = JSON.stringify({
        Version: "1.0",
        SuccessfulEnrollments: [
            { RequestId: "r1", GeneratedSpeakerId: "S1", EnrollmentStatus: "NEW_ENROLLMENT" },
            { RequestId: "r2", GeneratedSpeakerId: "S2", EnrollmentStatus: "OVERWRITTEN" },
            { RequestId: "r3", GeneratedSpeakerId: "S3", EnrollmentStatus: "DUPLICATE_SKIPPED", Extra: 1 },
            {
                RequestId: "r4",
                GeneratedSpeakerId: "S4",
                EnrollmentStatus: "NEW_ENROLLMENT",
                FraudDetectionResult: { FraudDetectionResult: "FAIL" },
            },
        ],
        Errors: [
            {
                RequestId: "r5",
                ErrorCode: 400,
                ErrorMessage:
                    "The speaker was flagged by fraud detection as a known fraudster (risk score 97, threshold 70) and was not enrolled",
            },
            { RequestId: "r6", ErrorCode: 400, ErrorMessage: "audio too short" },
        ],
    });

    it("parses enrollments with their generated ids and statuses, fraud-detection outcomes, errors and counts", () => {
        const r = parseEnrollmentOutput(file);
        assert.deepStrictEqual(r.enrollments[0], {
            requestId: "r1",
            speakerId: "S1",
            enrollmentStatus: "NEW_ENROLLMENT",
        });
        assert.strictEqual(r.enrollments[3].fraudDetectionResult, "FAIL");
        assert.deepStrictEqual(
            [
                r.totalRequests,
                r.newEnrollmentCount,
                r.overwrittenCount,
                r.duplicateCount,
                r.errorCount,
                r.fraudDetectionFailureCount,
                r.resultsTruncated,
            ],
            [6, 2, 1, 1, 2, 2, false],
        );
        assert.deepStrictEqual(r.newSpeakerIds, ["S1", "S4"]);
        // Speakers enrolled before (overwritten or skipped) are what the job relies on.
        assert.deepStrictEqual(
            r.existingSpeakerIds,
            r.enrollments.filter((e) => e.enrollmentStatus !== "NEW_ENROLLMENT").map((e) => e.speakerId),
        );
        assert.strictEqual(r.existingSpeakerIds.length, 2);
    });

    it("caps lists but counts everything; tolerates missing lists; rejects what is not JSON", () => {
        const many = JSON.stringify({
            SuccessfulEnrollments: Array.from({ length: 5 }, (_, i) => ({
                RequestId: `r${i}`,
                GeneratedSpeakerId: `S${i}`,
                EnrollmentStatus: "NEW_ENROLLMENT",
            })),
        });
        const r = parseEnrollmentOutput(many, 2);
        assert.deepStrictEqual(
            [r.enrollments.length, r.newEnrollmentCount, r.resultsTruncated, r.newSpeakerIds.length],
            [2, 5, true, 5],
        );
        const { newSpeakerIds, existingSpeakerIds, ...empty } = parseEnrollmentOutput("{}");
        assert.deepStrictEqual([empty, newSpeakerIds, existingSpeakerIds], [emptyEnrollmentResults(), [], []]);
        assert.throws(() => parseEnrollmentOutput("not json"), /not valid JSON/);
    });
});

describe("enrollment in plan-summary", () => {
    it("counts enrollment jobs that run and the speakers a replacement deletes", async () => {
        const { planOf } = await import("../../../cli/plan/summary");
        const { renderMarkdown } = await import("../../../cli/plan/markdown");
        const urn = "urn:pulumi:dev::demo::pulumi-nodejs:dynamic/voiceid:SpeakerEnrollmentJob::customers";
        const olds = {
            jobId: "J".repeat(22),
            jobStatus: "COMPLETED",
            newEnrollmentCount: 3,
            deleteSpeakersOnDestroy: true,
        };
        const plan = planOf({
            steps: [
                {
                    op: "replace",
                    urn,
                    oldState: { type: "pulumi-nodejs:dynamic/voiceid:SpeakerEnrollmentJob", outputs: olds, inputs: {} },
                    newState: { type: "pulumi-nodejs:dynamic/voiceid:SpeakerEnrollmentJob", inputs: {} },
                    replaceReasons: ["enrollmentConfig"],
                },
            ],
            diagnostics: [],
        } as any);
        assert.deepStrictEqual(
            [plan.speakersDeleted, plan.destructive, plan.changes[0].type],
            [3, true, "SpeakerEnrollmentJob"],
        );
        const md = renderMarkdown(plan);
        assert.match(md, /1 enrollment job will run/);
        assert.match(md, /\*\*Destructive: this plan deletes up to 3 speakers\.\*\*/);
        assert.match(
            md,
            /### Deleted by this plan\n\n- \*\*up to 3 speakers\*\* enrolled by job J{22}: `customers`, replaced \(`enrollmentConfig`\)\n/,
        );
        assert.match(
            md,
            /### Enrollment jobs: 1 to replace\n\n- `customers` \(`enrollmentConfig`\): a new enrollment job will run .*; only if it succeeds, the 3 speakers job J+ enrolled will be deleted \(deleteSpeakersOnDestroy\), except those the new job finds again/,
        );
    });
});
