// Benchmark (not a test): throughput of the local Voice ID service.
//  1. A fraudster registration job with a 1,000-request manifest (2 s of 8 kHz audio per
//     request, 100 distinct recordings of 50 synthetic speakers): registration requests per
//     second, from the job's start to EndedAt.
//  2. API requests per second (DescribeFraudsterRegistrationJob, 8 concurrent callers, 3 s).
//  3. Peak RSS of the emulator process (VmHWM) after both.
// Run: node bin/tests/bench/emulator-throughput.js   (after tsc; builds the venv if needed)
import * as fs from "node:fs";
import { CreateDomainCommand, StartFraudsterRegistrationJobCommand, DescribeFraudsterRegistrationJobCommand } from "@aws-sdk/client-voice-id";
import { startLocalStack } from "../support/localStack";
import { waitForJob } from "../integration/emulator/helpers";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const RECORDINGS = 100;

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function main(): Promise<void> {
  const stack = await startLocalStack({ emulatorAsProcess: true, logLevel: "warn" });
  try {
    const pid = stack.emulatorProcess!.pid;
    const bucket = `bench-${process.pid}`;
    await stack.createBucket(bucket);
    await stack.createBucket(`${bucket}-out`);
    const key = await stack.createKmsKey();
    const role = await stack.createDataAccessRole(`${bucket}-role`);
    const uris: string[] = [];
    for (let i = 0; i < RECORDINGS; i++) uris.push(await stack.putAudio(bucket, `audio/${i}.wav`, i % 50, Math.floor(i / 50), { seconds: 2 }));
    const manifest = await stack.putManifest(
      bucket,
      "bench.json",
      Array.from({ length: REQUESTS }, (_, i) => ({ RequestId: `req-${i}`, AudioSpecifications: [{ S3Uri: uris[i % RECORDINGS], ChannelId: 0 }] })),
    );
    const { Domain } = await stack.voiceId.send(new CreateDomainCommand({ Name: "bench", ServerSideEncryptionConfiguration: { KmsKeyId: key.keyId } }));
    const rssBefore = peakRssMb(pid);
    const t0 = Date.now();
    const { Job } = await stack.voiceId.send(
      new StartFraudsterRegistrationJobCommand({
        DomainId: Domain!.DomainId,
        DataAccessRoleArn: role,
        InputDataConfig: { S3Uri: manifest },
        OutputDataConfig: { S3Uri: `s3://${bucket}-out/results`, KmsKeyId: key.keyId },
      }),
    );
    const done = await waitForJob(stack.voiceId, Domain!.DomainId!, Job!.JobId!, 30 * 60_000);
    const wallSeconds = (Date.now() - t0) / 1000;
    if (done.JobStatus !== "COMPLETED") throw new Error(`job ended ${done.JobStatus}: ${JSON.stringify(done.FailureDetails)}`);
    const jobSeconds = (done.EndedAt!.getTime() - done.CreatedAt!.getTime()) / 1000;

    let calls = 0;
    const until = Date.now() + 3000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (Date.now() < until) {
          await stack.voiceId.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: Domain!.DomainId, JobId: Job!.JobId }));
          calls++;
        }
      }),
    );
    const results = {
      manifestRequests: REQUESTS,
      audioSecondsPerRequest: 2,
      jobSeconds: +jobSeconds.toFixed(2),
      wallSeconds: +wallSeconds.toFixed(2),
      registrationRequestsPerSecond: +(REQUESTS / jobSeconds).toFixed(1),
      apiRequestsPerSecond: Math.round(calls / 3),
      emulatorPeakRssMb: peakRssMb(pid),
      emulatorRssBeforeJobMb: rssBefore,
    };
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
