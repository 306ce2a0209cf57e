/**
 * Benchmark (not a test): throughput of the local Voice ID service.
 *  1. A fraudster registration job with a 1,000-request manifest (2 s of 8 kHz audio per
 *     request, 100 distinct recordings of 50 synthetic speakers): registration requests per
 *     second, from the job's start to EndedAt.
 *  2. API requests per second (DescribeFraudsterRegistrationJob, 8 concurrent callers, 3 s).
 *  3. Peak RSS of the emulator process (VmHWM) after both.
 * Run: node bin/tests/bench/emulator-throughput.js   (after tsc; builds the venv if needed)
 * @module
 */
import {
    StartFraudsterRegistrationJobCommand,
    DescribeFraudsterRegistrationJobCommand,
} from "@aws-sdk/client-voice-id";
import { waitForJob } from "../integration/emulator/helpers";
import { callsPerSecond, peakRssMb, runEmulatorBench } from "../support/emulatorBench";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const RECORDINGS = 100;

runEmulatorBench("bench", RECORDINGS, async ({ stack, pid, bucket, uris, roleArn, output, domainId }) => {
    const manifest = await stack.putManifest(
        bucket,
        "bench.json",
        Array.from({ length: REQUESTS }, (_, i) => ({
            RequestId: `req-${i}`,
            AudioSpecifications: [{ S3Uri: uris[i % RECORDINGS], ChannelId: 0 }],
        })),
    );
    const rssBefore = peakRssMb(pid);
    const t0 = Date.now();
    const { Job } = await stack.voiceId.send(
        new StartFraudsterRegistrationJobCommand({
            DomainId: domainId,
            DataAccessRoleArn: roleArn,
            InputDataConfig: { S3Uri: manifest },
            OutputDataConfig: output,
        }),
    );
    const done = await waitForJob(stack.voiceId, domainId, Job!.JobId!, 30 * 60_000);
    const wallSeconds = (Date.now() - t0) / 1000;
    if (done.JobStatus !== "COMPLETED")
        throw new Error(`job ended ${done.JobStatus}: ${JSON.stringify(done.FailureDetails)}`);
    const jobSeconds = (done.EndedAt!.getTime() - done.CreatedAt!.getTime()) / 1000;

    const apiRequestsPerSecond = await callsPerSecond(8, 3, () =>
        stack.voiceId.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: Job!.JobId })),
    );
    return {
        manifestRequests: REQUESTS,
        audioSecondsPerRequest: 2,
        jobSeconds: +jobSeconds.toFixed(2),
        wallSeconds: +wallSeconds.toFixed(2),
        registrationRequestsPerSecond: +(REQUESTS / jobSeconds).toFixed(1),
        apiRequestsPerSecond,
        emulatorPeakRssMb: peakRssMb(pid),
        emulatorRssBeforeJobMb: rssBefore,
    };
});
