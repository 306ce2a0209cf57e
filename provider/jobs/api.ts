/**
 * The Voice ID and S3 calls a registration job needs, with retries and plain result shapes.
 * SDK modules are loaded lazily: `check` and `diff` never pay for them.
 * @module
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { ClientSettings, RetryOptions, VoiceIdCalls, s3Client, voiceIdSdk, withRetry } from "../shared";
import { FailureDetails, JobInputs, JobStatus } from "./args";

type S3Sdk = typeof import("@aws-sdk/client-s3");
const s3Sdk = (): S3Sdk => require("@aws-sdk/client-s3");

/** A job as the provider sees it. */
export interface JobView {
    jobId: string;
    domainId: string;
    status: JobStatus;
    percentComplete?: number;
    createdAt?: Date;
    endedAt?: Date;
    failureDetails?: FailureDetails;
    jobName?: string;
    dataAccessRoleArn?: string;
    inputDataConfig?: { s3Uri: string };
    outputDataConfig?: { s3Uri: string; kmsKeyId?: string };
    registrationConfig?: { duplicateRegistrationAction?: "SKIP" | "REGISTER_AS_NEW"; fraudsterSimilarityThreshold?: number; watchlistIds?: string[] };
}

/** Converts the SDK's job (or job summary) shape. */
export function toJobView(j: any): JobView {
    return {
        jobId: j.JobId,
        domainId: j.DomainId,
        status: j.JobStatus,
        percentComplete: j.JobProgress?.PercentComplete,
        createdAt: j.CreatedAt ? new Date(j.CreatedAt) : undefined,
        endedAt: j.EndedAt ? new Date(j.EndedAt) : undefined,
        failureDetails: j.FailureDetails ? { statusCode: j.FailureDetails.StatusCode, message: j.FailureDetails.Message } : undefined,
        jobName: j.JobName,
        dataAccessRoleArn: j.DataAccessRoleArn,
        inputDataConfig: j.InputDataConfig ? { s3Uri: j.InputDataConfig.S3Uri } : undefined,
        outputDataConfig: j.OutputDataConfig
            ? { s3Uri: j.OutputDataConfig.S3Uri, ...(j.OutputDataConfig.KmsKeyId ? { kmsKeyId: j.OutputDataConfig.KmsKeyId } : {}) }
            : undefined,
        registrationConfig: j.RegistrationConfig
            ? {
                  duplicateRegistrationAction: j.RegistrationConfig.DuplicateRegistrationAction,
                  fraudsterSimilarityThreshold: j.RegistrationConfig.FraudsterSimilarityThreshold,
                  watchlistIds: j.RegistrationConfig.WatchlistIds,
              }
            : undefined,
    };
}

/** The StartFraudsterRegistrationJob request for the inputs (without ClientToken). */
export function startRequest(inputs: JobInputs): Record<string, unknown> {
    const rc = inputs.registrationConfig;
    const registrationConfig =
        rc && (rc.duplicateRegistrationAction !== undefined || rc.fraudsterSimilarityThreshold !== undefined || rc.watchlistIds !== undefined)
            ? {
                  ...(rc.duplicateRegistrationAction !== undefined ? { DuplicateRegistrationAction: rc.duplicateRegistrationAction } : {}),
                  ...(rc.fraudsterSimilarityThreshold !== undefined ? { FraudsterSimilarityThreshold: rc.fraudsterSimilarityThreshold } : {}),
                  ...(rc.watchlistIds !== undefined ? { WatchlistIds: rc.watchlistIds } : {}),
              }
            : undefined;
    return {
        DomainId: inputs.domainId,
        DataAccessRoleArn: inputs.dataAccessRoleArn,
        InputDataConfig: { S3Uri: inputs.inputDataConfig.s3Uri },
        OutputDataConfig: {
            S3Uri: inputs.outputDataConfig.s3Uri,
            ...(inputs.outputDataConfig.kmsKeyId !== undefined ? { KmsKeyId: inputs.outputDataConfig.kmsKeyId } : {}),
        },
        ...(registrationConfig ? { RegistrationConfig: registrationConfig } : {}),
        ...(inputs.jobName !== undefined ? { JobName: inputs.jobName } : {}),
    };
}

/** Voice ID calls for one target (region + endpoint), each retried per `retry`. */
export class VoiceIdApi extends VoiceIdCalls {
    /** Starts (or, for a known token, finds) a job. Quota errors are thrown to the caller. */
    async start(inputs: JobInputs, clientToken: string): Promise<JobView> {
        const { StartFraudsterRegistrationJobCommand } = voiceIdSdk();
        const out: any = await this.send(new StartFraudsterRegistrationJobCommand({ ...(startRequest(inputs) as any), ClientToken: clientToken }));
        return toJobView(out.Job);
    }

    async describe(domainId: string, jobId: string): Promise<JobView> {
        const { DescribeFraudsterRegistrationJobCommand } = voiceIdSdk();
        const out: any = await this.send(new DescribeFraudsterRegistrationJobCommand({ DomainId: domainId, JobId: jobId }));
        return toJobView(out.Job);
    }

    /** Jobs of the domain that hold a slot (SUBMITTED or IN_PROGRESS). */
    async activeJobs(domainId: string): Promise<JobView[]> {
        const { ListFraudsterRegistrationJobsCommand } = voiceIdSdk();
        const jobs: JobView[] = [];
        for (const status of ["IN_PROGRESS", "SUBMITTED"]) {
            let next: string | undefined;
            do {
                const out: any = await this.send(
                    new ListFraudsterRegistrationJobsCommand({ DomainId: domainId, JobStatus: status as any, MaxResults: 100, NextToken: next }),
                );
                for (const j of out.JobSummaries ?? []) jobs.push(toJobView(j));
                next = out.NextToken;
            } while (next);
        }
        return jobs;
    }

    async describeFraudster(domainId: string, fraudsterId: string): Promise<void> {
        const { DescribeFraudsterCommand } = voiceIdSdk();
        await this.send(new DescribeFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId }));
    }

    async deleteFraudster(domainId: string, fraudsterId: string): Promise<void> {
        const { DeleteFraudsterCommand } = voiceIdSdk();
        await this.send(new DeleteFraudsterCommand({ DomainId: domainId, FraudsterId: fraudsterId }));
    }
}

/** Reads an S3 object as text with the caller's credentials. */
export async function readS3Text(settings: ClientSettings, bucket: string, key: string, retry: RetryOptions): Promise<string> {
    const client: S3Client = s3Client(settings);
    const { GetObjectCommand } = s3Sdk();
    return withRetry(async () => {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return (await out.Body!.transformToString("utf-8")) as string;
    }, retry);
}
