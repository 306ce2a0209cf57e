/**
 * Benchmark (not a test): speaker enrollment and session evaluation on the local Voice ID service.
 *  1. 50 fraudsters registered first, so every enrollment request is screened against them.
 *  2. A speaker enrollment job enrolling 1,000 speakers (distinct CustomerSpeakerIds; 2 s of
 *     8 kHz audio each, 100 distinct recordings of 50 synthetic voices; FraudDetectionAction
 *     IGNORE so every request is screened and enrolled): enrollment requests per second, from
 *     the job's start to EndedAt.
 *  3. VoiceIDLocal.CreateSession latency (reads 4 s of audio from S3, computes the voiceprint).
 *  4. EvaluateSession latency, one caller (p50/p95/p99 over 500 calls) and 8 concurrent callers
 *     (requests per second over 3 s), against 1,000 speakers and 50 fraudsters.
 * Run: node bin/tests/bench/speakers-sessions.js   (after tsc; BENCH_SPEAKERS=200 for a quick run)
 * @module
 */
import {
    StartFraudsterRegistrationJobCommand,
    StartSpeakerEnrollmentJobCommand,
    EvaluateSessionCommand,
} from "@aws-sdk/client-voice-id";
import { waitForJob, waitForEnrollmentJob, createSession } from "../integration/emulator/helpers";
import { callsPerSecond, peakRssMb, percentile, runEmulatorBench } from "../support/emulatorBench";

const SPEAKERS = Number(process.env.BENCH_SPEAKERS ?? 1000);
const RECORDINGS = 100;
const FRAUDSTERS = 50;
const SESSIONS = 20;
const EVALUATIONS = 500;

runEmulatorBench("bench-spk", RECORDINGS, async ({ stack, pid, bucket, uris, roleArn, output, domainId }) => {
    const fraudManifest = await stack.putManifest(
        bucket,
        "fraudsters.json",
        Array.from({ length: FRAUDSTERS }, (_, i) => ({
            RequestId: `f-${i}`,
            AudioSpecifications: [{ S3Uri: uris[(i * 7) % RECORDINGS], ChannelId: 0 }],
        })),
    );
    const reg = await stack.voiceId.send(
        new StartFraudsterRegistrationJobCommand({
            DomainId: domainId,
            DataAccessRoleArn: roleArn,
            InputDataConfig: { S3Uri: fraudManifest },
            OutputDataConfig: output,
            RegistrationConfig: { DuplicateRegistrationAction: "REGISTER_AS_NEW" },
        }),
    );
    const regDone = await waitForJob(stack.voiceId, domainId, reg.Job!.JobId!, 10 * 60_000);
    if (regDone.JobStatus !== "COMPLETED") throw new Error(`registration ended ${regDone.JobStatus}`);

    const manifest = await stack.putManifest(
        bucket,
        "speakers.json",
        Array.from({ length: SPEAKERS }, (_, i) => ({
            RequestId: `req-${i}`,
            SpeakerId: `customer-${i}`,
            AudioSpecifications: [{ S3Uri: uris[i % RECORDINGS], ChannelId: 0 }],
        })),
        "1.0",
        "SpeakerEnrollmentRequests",
    );
    const rssBefore = peakRssMb(pid);
    const { Job } = await stack.voiceId.send(
        new StartSpeakerEnrollmentJobCommand({
            DomainId: domainId,
            DataAccessRoleArn: roleArn,
            InputDataConfig: { S3Uri: manifest },
            OutputDataConfig: output,
            EnrollmentConfig: { FraudDetectionConfig: { FraudDetectionAction: "IGNORE" } },
        }),
    );
    const done = await waitForEnrollmentJob(stack.voiceId, domainId, Job!.JobId!, 30 * 60_000);
    if (done.JobStatus !== "COMPLETED")
        throw new Error(`enrollment ended ${done.JobStatus}: ${JSON.stringify(done.FailureDetails)}`);
    const jobSeconds = (done.EndedAt!.getTime() - done.CreatedAt!.getTime()) / 1000;

    const sessionAudio: string[] = [];
    for (let i = 0; i < SESSIONS; i++)
        sessionAudio.push(await stack.putAudio(bucket, `sessions/${i}.wav`, i % 50, 9, { seconds: 4 }));
    const createMs: number[] = [];
    for (let i = 0; i < SESSIONS; i++) {
        const t = process.hrtime.bigint();
        const res = await createSession(stack.voiceIdEndpoint, {
            DomainId: domainId,
            SessionName: `s-${i}`,
            SpeakerId: `customer-${i}`,
            AudioSpecifications: [{ S3Uri: sessionAudio[i], ChannelId: 0 }],
        });
        createMs.push(Number(process.hrtime.bigint() - t) / 1e6);
        if (res.status !== 200) throw new Error(`CreateSession: ${JSON.stringify(res.body)}`);
    }
    const evalMs: number[] = [];
    for (let i = 0; i < EVALUATIONS; i++) {
        const t = process.hrtime.bigint();
        await stack.voiceId.send(
            new EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: `s-${i % SESSIONS}` }),
        );
        evalMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    evalMs.sort((a, b) => a - b);
    createMs.sort((a, b) => a - b);
    const evaluateSessionPerSecond8Callers = await callsPerSecond(8, 3, (i) =>
        stack.voiceId.send(new EvaluateSessionCommand({ DomainId: domainId, SessionNameOrId: `s-${i % SESSIONS}` })),
    );
    return {
        speakers: SPEAKERS,
        fraudstersScreenedPerRequest: FRAUDSTERS,
        audioSecondsPerRequest: 2,
        enrollmentJobSeconds: +jobSeconds.toFixed(2),
        enrollmentRequestsPerSecond: +(SPEAKERS / jobSeconds).toFixed(1),
        createSessionMs: { p50: +percentile(createMs, 50).toFixed(1), max: +createMs[createMs.length - 1].toFixed(1) },
        evaluateSessionMs: {
            p50: +percentile(evalMs, 50).toFixed(2),
            p95: +percentile(evalMs, 95).toFixed(2),
            p99: +percentile(evalMs, 99).toFixed(2),
        },
        evaluateSessionPerSecond8Callers,
        emulatorPeakRssMb: peakRssMb(pid),
        emulatorRssBeforeEnrollmentMb: rssBefore,
    };
});
