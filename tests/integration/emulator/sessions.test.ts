/**
 * Sessions: the emulator-only VoiceIDLocal.CreateSession makes a session from audio in S3, and
 * EvaluateSession (the real API, through the JS SDK) decides authentication and known-fraudster
 * risk from the voiceprints of the session, the enrolled speaker and the watchlist's fraudsters.
 * @module
 */
import * as assert from "node:assert/strict";
import {
    CreateDomainCommand,
    CreateWatchlistCommand,
    EvaluateSessionCommand,
    StartSpeakerEnrollmentJobCommand,
    OptOutSpeakerCommand,
    DescribeSpeakerCommand,
    ResourceNotFoundException,
    type EvaluateSessionResponse,
} from "@aws-sdk/client-voice-id";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { jobLocations, startLocalStackForSuite, pythonBin, REPO_ROOT, type LocalStack } from "../../support/localStack";
import { createSession, registerAndWait, waitForEnrollmentJob, rawRequest } from "./helpers";
import { botocoreModel, outputProblems } from "./model";

describe("emulator: sessions and EvaluateSession", function () {
    this.timeout(180_000);
    let stack: LocalStack;
    let domainId: string;
    let defaultWatchlist: string;
    let otherWatchlist: string;
    let bucket: string;
    let roleArn: string;
    const fraudsterIds: Record<string, string> = {};

    const audio = async (name: string, speaker: number, utterance: number, seconds = 4) =>
        stack.putAudio(bucket, `sessions/${name}.wav`, speaker, utterance, { seconds });
    // Decisions are checked at the registration default similarity (70), the level the voiceprint
    // is tuned to separate voices at; the documented defaults (90 / 50) are checked on their own.
    const session = async (input: Record<string, unknown>) => {
        const res = await createSession(stack.voiceIdEndpoint, {
            DomainId: domainId,
            AcceptanceThreshold: 70,
            RiskThreshold: 70,
            ...input,
        });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body;
    };
    const evaluate = async (nameOrId: string): Promise<EvaluateSessionResponse> =>
        stack.voiceId.send(new EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: nameOrId }));

    startLocalStackForSuite((s) => (stack = s));
    before(async () => {
        const { Domain } = await stack.voiceId.send(
            new CreateDomainCommand({
                Name: "sessions",
                ServerSideEncryptionConfiguration: { KmsKeyId: "alias/voiceid" },
            }),
        );
        domainId = Domain!.DomainId!;
        defaultWatchlist = Domain!.WatchlistDetails!.DefaultWatchlistId!;
        otherWatchlist = (await stack.voiceId.send(new CreateWatchlistCommand({ DomainId: domainId, Name: "other" })))
            .Watchlist!.WatchlistId!;

        // Speakers cust-a (voice 0) and cust-b (voice 3); fraudsters voice 5 (default watchlist) and voice 6 (other).
        const enroll = await stack.seedEnrollment("sess", [
            {
                requestId: "a",
                speakerId: "cust-a",
                audio: [
                    { speaker: 0, utterance: 1 },
                    { speaker: 0, utterance: 2 },
                ],
            },
            {
                requestId: "b",
                speakerId: "cust-b",
                audio: [
                    { speaker: 3, utterance: 1 },
                    { speaker: 3, utterance: 2 },
                ],
            },
        ]);
        bucket = enroll.inputBucket;
        roleArn = enroll.roleArn;
        const job = await stack.voiceId.send(
            new StartSpeakerEnrollmentJobCommand({ DomainId: domainId, ...jobLocations(enroll) }),
        );
        assert.equal((await waitForEnrollmentJob(stack.voiceId, domainId, job.Job!.JobId!)).JobStatus, "COMPLETED");
        for (const [voice, watchlist] of [
            [5, defaultWatchlist],
            [6, otherWatchlist],
        ] as const) {
            const reg = await stack.seedRegistration(`sessf${voice}`, [
                { requestId: `f${voice}`, audio: [{ speaker: voice, utterance: 1 }] },
            ]);
            const done = await registerAndWait(stack, domainId, reg, {
                RegistrationConfig: { WatchlistIds: [watchlist] },
            });
            assert.equal(done.JobStatus, "COMPLETED");
            const out = await stack.readJobOutput(reg, done.JobId!);
            fraudsterIds[voice] = out.SuccessfulRegistrations[0].GeneratedFraudsterId;
        }
    });

    it("ACCEPTs the enrolled speaker's own voice and REJECTs another voice", async () => {
        const own = await session({
            SessionName: "call-a",
            SpeakerId: "cust-a",
            AudioSpecifications: [{ S3Uri: await audio("a", 0, 9), ChannelId: 0 }],
        });
        assert.match(own.SessionId, /^id#[a-zA-Z0-9]{22}$/);
        const before = (
            await stack.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-a" }))
        ).Speaker!;
        const accepted = await evaluate("call-a");
        assert.equal(accepted.SessionId, own.SessionId);
        assert.equal(accepted.SessionName, "call-a");
        assert.equal(accepted.StreamingStatus, "ENDED");
        const auth = accepted.AuthenticationResult!;
        assert.equal(auth.Decision, "ACCEPT", `score ${auth.Score}`);
        assert.ok(auth.Score! >= 70);
        assert.equal(auth.Configuration!.AcceptanceThreshold, 70);
        assert.equal(auth.CustomerSpeakerId, "cust-a");
        assert.equal(auth.GeneratedSpeakerId, before.GeneratedSpeakerId);
        assert.match(auth.AuthenticationResultId!, /^[a-zA-Z0-9]{22}$/);
        assert.equal(accepted.FraudDetectionResult!.Decision, "LOW_RISK");
        assert.deepEqual(accepted.FraudDetectionResult!.Reasons, []);
        // By id too, with the same (cached) result id; the evaluation counts as an access.
        const byId = await evaluate(own.SessionId);
        assert.equal(byId.AuthenticationResult!.AuthenticationResultId, auth.AuthenticationResultId);
        const after = (
            await stack.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-a" }))
        ).Speaker!;
        assert.ok(after.LastAccessedAt! >= before.LastAccessedAt!);

        await session({
            SessionName: "impostor",
            SpeakerId: "cust-a",
            AudioSpecifications: [{ S3Uri: await audio("b-as-a", 3, 9), ChannelId: 0 }],
        });
        const rejected = (await evaluate("impostor")).AuthenticationResult!;
        assert.equal(rejected.Decision, "REJECT", `score ${rejected.Score}`);
        assert.ok(rejected.Score! < 70);

        // Without thresholds, the documented defaults apply: AcceptanceThreshold 90, RiskThreshold 50.
        const plain = await createSession(stack.voiceIdEndpoint, {
            DomainId: domainId,
            SessionName: "defaults",
            SpeakerId: "cust-a",
            AudioSpecifications: [{ S3Uri: await audio("a-plain", 0, 11), ChannelId: 0 }],
        });
        assert.equal(plain.status, 200);
        const defaults = await evaluate("defaults");
        assert.equal(defaults.AuthenticationResult!.Configuration!.AcceptanceThreshold, 90);
        assert.deepEqual(defaults.FraudDetectionResult!.Configuration, {
            RiskThreshold: 50,
            WatchlistId: defaultWatchlist,
        });
    });

    it("reads the audio as a data access role when one is given, and honours AcceptanceThreshold", async () => {
        await session({
            SessionName: "with-role",
            SpeakerId: "cust-b",
            DataAccessRoleArn: roleArn,
            AcceptanceThreshold: 100,
            AudioSpecifications: [{ S3Uri: await audio("b", 3, 8), ChannelId: 0 }],
        });
        const auth = (await evaluate("with-role")).AuthenticationResult!;
        assert.equal(auth.Configuration!.AcceptanceThreshold, 100);
        assert.equal(auth.Decision, auth.Score === 100 ? "ACCEPT" : "REJECT");
    });

    it("flags a known fraudster of the session's watchlist as HIGH_RISK", async () => {
        const fraudAudio = await audio("fraud5", 5, 9);
        await session({
            SessionName: "fraud",
            SpeakerId: "cust-b",
            AudioSpecifications: [{ S3Uri: fraudAudio, ChannelId: 0 }],
        });
        const res = await evaluate("fraud");
        assert.equal(res.AuthenticationResult!.Decision, "REJECT");
        const fraud = res.FraudDetectionResult!;
        assert.equal(fraud.Decision, "HIGH_RISK");
        assert.deepEqual(fraud.Reasons, ["KNOWN_FRAUDSTER"]);
        assert.equal(fraud.RiskDetails!.KnownFraudsterRisk!.GeneratedFraudsterId, fraudsterIds[5]);
        assert.ok(fraud.RiskDetails!.KnownFraudsterRisk!.RiskScore! >= 70);
        assert.deepEqual(fraud.Configuration, { RiskThreshold: 70, WatchlistId: defaultWatchlist });

        // Fraudster 6 is only on the other watchlist: low risk against the default one, high against its own.
        const f6 = await audio("fraud6", 6, 9);
        await session({ SessionName: "fraud6-default", AudioSpecifications: [{ S3Uri: f6, ChannelId: 0 }] });
        await session({
            SessionName: "fraud6-other",
            WatchlistId: otherWatchlist,
            AudioSpecifications: [{ S3Uri: f6, ChannelId: 0 }],
        });
        const low = await evaluate("fraud6-default");
        assert.equal(low.FraudDetectionResult!.Decision, "LOW_RISK");
        assert.equal(low.AuthenticationResult!.Decision, "SPEAKER_ID_NOT_PROVIDED");
        const high = (await evaluate("fraud6-other")).FraudDetectionResult!;
        assert.equal(high.Decision, "HIGH_RISK");
        assert.equal(high.RiskDetails!.KnownFraudsterRisk!.GeneratedFraudsterId, fraudsterIds[6]);
        assert.equal(high.Configuration!.WatchlistId, otherWatchlist);
    });

    it("answers NOT_ENOUGH_SPEECH, SPEAKER_NOT_ENROLLED, SPEAKER_OPTED_OUT and SPEAKER_EXPIRED", async () => {
        await session({
            SessionName: "short",
            SpeakerId: "cust-a",
            AudioSpecifications: [{ S3Uri: await audio("short", 0, 3, 0.4), ChannelId: 0 }],
        });
        const short = await evaluate("short");
        assert.equal(short.AuthenticationResult!.Decision, "NOT_ENOUGH_SPEECH");
        assert.equal(short.AuthenticationResult!.Score, undefined);
        assert.equal(short.FraudDetectionResult!.Decision, "NOT_ENOUGH_SPEECH");

        const voice = await audio("someone", 1, 9);
        await session({
            SessionName: "stranger",
            SpeakerId: "cust-unknown",
            AudioSpecifications: [{ S3Uri: voice, ChannelId: 0 }],
        });
        assert.equal((await evaluate("stranger")).AuthenticationResult!.Decision, "SPEAKER_NOT_ENROLLED");

        await session({
            SessionName: "expiring",
            SpeakerId: "cust-a",
            AudioSpecifications: [{ S3Uri: await audio("a2", 0, 10), ChannelId: 0 }],
        });
        stack.emulator!.config.speakerExpiryDays = 0; // every speaker has been idle longer than that
        try {
            assert.equal((await evaluate("expiring")).AuthenticationResult!.Decision, "SPEAKER_EXPIRED");
            assert.equal(
                (await stack.voiceId.send(new DescribeSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-a" })))
                    .Speaker!.Status,
                "EXPIRED",
            );
        } finally {
            stack.emulator!.config.speakerExpiryDays = 1095;
        }
        assert.equal((await evaluate("expiring")).AuthenticationResult!.Decision, "ACCEPT");

        await session({
            SessionName: "opted",
            SpeakerId: "cust-b",
            AudioSpecifications: [{ S3Uri: await audio("b3", 3, 10), ChannelId: 0 }],
        });
        await stack.voiceId.send(new OptOutSpeakerCommand({ DomainId: domainId, SpeakerId: "cust-b" }));
        assert.equal((await evaluate("opted")).AuthenticationResult!.Decision, "SPEAKER_OPTED_OUT");
    });

    it("validates CreateSession like a Voice ID operation and 404s unknown sessions", async () => {
        const missing = await createSession(stack.voiceIdEndpoint, { DomainId: domainId });
        assert.equal(missing.body.__type, "ValidationException");
        assert.match(missing.body.message, /audioSpecifications/);
        const badChannel = await createSession(stack.voiceIdEndpoint, {
            DomainId: domainId,
            AudioSpecifications: [{ S3Uri: `s3://${bucket}/sessions/a.wav`, ChannelId: 2 }],
        });
        assert.equal(badChannel.body.__type, "ValidationException");
        const noObject = await createSession(stack.voiceIdEndpoint, {
            DomainId: domainId,
            AudioSpecifications: [{ S3Uri: `s3://${bucket}/sessions/none.wav`, ChannelId: 0 }],
        });
        assert.equal(noObject.body.__type, "ValidationException");
        assert.match(noObject.body.message, /does not exist/);
        const noDomain = await createSession(stack.voiceIdEndpoint, {
            DomainId: "Z".repeat(22),
            AudioSpecifications: [{ S3Uri: `s3://${bucket}/sessions/a.wav`, ChannelId: 0 }],
        });
        assert.equal(noDomain.body.__type, "ResourceNotFoundException");
        await assert.rejects(
            evaluate("no-such-session"),
            (e: ResourceNotFoundException) => e instanceof ResourceNotFoundException && e.ResourceType === "SESSION",
        );
    });

    it("pulumi-voiceid local-session makes a session the AWS CLI can evaluate", async () => {
        const uri = await audio("cli-a", 0, 12);
        const env = { ...process.env, ...stack.env };
        const cli = path.join(REPO_ROOT, "bin", "cli", "main.js");
        const { stdout } = await promisify(execFile)(
            process.execPath,
            [
                cli,
                "local-session",
                "--domain-id",
                domainId,
                "--audio",
                uri,
                "--name",
                "cli-call",
                "--speaker-id",
                "cust-a",
                "--acceptance-threshold",
                "70",
            ],
            { env },
        );
        const created = JSON.parse(stdout);
        assert.equal(created.SessionName, "cli-call");
        const aws = path.join(await pythonBin(), "aws");
        const evaluated = JSON.parse(
            (
                await promisify(execFile)(
                    aws,
                    [
                        "voice-id",
                        "evaluate-session",
                        "--domain-id",
                        domainId,
                        "--session-name-or-id",
                        "cli-call",
                        "--output",
                        "json",
                    ],
                    { env },
                )
            ).stdout,
        );
        assert.equal(evaluated.SessionId, created.SessionId);
        assert.equal(evaluated.AuthenticationResult.Decision, "ACCEPT");
        // A bad flag is refused with the flag and the rule, before any call.
        await assert.rejects(
            promisify(execFile)(
                process.execPath,
                [cli, "local-session", "--domain-id", domainId, "--audio", uri, "--channel", "2"],
                { env },
            ),
            (e: { code?: number; stderr?: string }) => e.code === 2 && /--channel must be 0 or 1/.test(e.stderr ?? ""),
        );
    });

    it("answers EvaluateSession and the fraudster operations with the model's output shapes", async () => {
        const model = await botocoreModel();
        const problems: string[] = [];
        const call = async (op: string, input: Record<string, unknown>) => {
            const res = await rawRequest(
                stack.voiceIdEndpoint,
                `VoiceID.${op}`,
                JSON.stringify({ DomainId: domainId, ...input }),
            );
            assert.equal(res.status, 200, `${op}: ${JSON.stringify(res.body)}`);
            problems.push(...outputProblems(model, op, res.body));
        };
        await session({
            SessionName: "shape-high",
            SpeakerId: "cust-a",
            AudioSpecifications: [{ S3Uri: await audio("shape-f5", 5, 13), ChannelId: 0 }],
        });
        for (const name of [
            "call-a",
            "impostor",
            "fraud",
            "short",
            "stranger",
            "opted",
            "fraud6-default",
            "shape-high",
        ])
            await call("EvaluateSession", { SessionNameOrId: name });
        const f = fraudsterIds[5];
        await call("DescribeFraudster", { FraudsterId: f });
        await call("AssociateFraudster", { FraudsterId: f, WatchlistId: otherWatchlist });
        await call("DisassociateFraudster", { FraudsterId: f, WatchlistId: otherWatchlist });
        await call("ListFraudsters", { WatchlistId: defaultWatchlist });
        await call("DeleteFraudster", { FraudsterId: fraudsterIds[6] });
        assert.deepEqual(problems, []);
    });
});
