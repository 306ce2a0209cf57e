/**
 * The Voice ID calls every batch job makes (start, describe, list active) by the command names a
 * kind gives, the SDK's job shape converted once, and reading the output file from S3.
 * @module
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { s3Client } from "../shared/clients";
import { RetryOptions, withRetry } from "../shared/retry";
import { ClientSettings } from "../shared/settings";
import { VoiceIdCalls, voiceIdSdk } from "../shared/voiceIdCalls";
import type { BaseJobInputs, FailureDetails } from "./args";
import type { JobStatus } from "./status";

type S3Sdk = typeof import("@aws-sdk/client-s3");
const s3Sdk = (): S3Sdk => require("@aws-sdk/client-s3");

/** A job as the provider sees it; `config` is the kind's own configuration block as described. */
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
    /** The kind's configuration block (`registrationConfig`, `enrollmentConfig`) in input shape. */
    config?: Record<string, unknown>;
}

/** The SDK command names of one batch-job kind, and its configuration block. */
export interface JobCommands {
    start: string;
    describe: string;
    list: string;
    /** The request's configuration member (`RegistrationConfig`) built from the inputs. */
    configRequest(inputs: BaseJobInputs): Record<string, unknown> | undefined;
    /** The job's configuration member converted to input shape. */
    configView(sdkConfig: any): Record<string, unknown> | undefined;
    /** Request member name of the configuration (`RegistrationConfig`, `EnrollmentConfig`). */
    configMember: string;
}

/**
 * The start/describe/list command names of a kind's operation name, as the SDK spells them:
 * `FraudsterRegistration` -> `StartFraudsterRegistrationJobCommand`, ..., `ListFraudsterRegistrationJobsCommand`.
 */
export function jobCommandNames(operation: string): Pick<JobCommands, "start" | "describe" | "list"> {
    return {
        start: `Start${operation}JobCommand`,
        describe: `Describe${operation}JobCommand`,
        list: `List${operation}JobsCommand`,
    };
}

/** Converts the SDK's job (or job summary) shape. */
export function toJobView(j: any, commands: Pick<JobCommands, "configView" | "configMember">): JobView {
    const config = j[commands.configMember] ? commands.configView(j[commands.configMember]) : undefined;
    return {
        jobId: j.JobId,
        domainId: j.DomainId,
        status: j.JobStatus,
        percentComplete: j.JobProgress?.PercentComplete,
        createdAt: j.CreatedAt ? new Date(j.CreatedAt) : undefined,
        endedAt: j.EndedAt ? new Date(j.EndedAt) : undefined,
        failureDetails: j.FailureDetails
            ? { statusCode: j.FailureDetails.StatusCode, message: j.FailureDetails.Message }
            : undefined,
        jobName: j.JobName,
        dataAccessRoleArn: j.DataAccessRoleArn,
        inputDataConfig: j.InputDataConfig ? { s3Uri: j.InputDataConfig.S3Uri } : undefined,
        outputDataConfig: j.OutputDataConfig
            ? {
                  s3Uri: j.OutputDataConfig.S3Uri,
                  ...(j.OutputDataConfig.KmsKeyId ? { kmsKeyId: j.OutputDataConfig.KmsKeyId } : {}),
              }
            : undefined,
        ...(config ? { config } : {}),
    };
}

/** The start request for the inputs (without ClientToken). */
export function startRequest(
    inputs: BaseJobInputs,
    commands: Pick<JobCommands, "configRequest" | "configMember">,
): Record<string, unknown> {
    const config = commands.configRequest(inputs);
    return {
        DomainId: inputs.domainId,
        DataAccessRoleArn: inputs.dataAccessRoleArn,
        InputDataConfig: { S3Uri: inputs.inputDataConfig.s3Uri },
        OutputDataConfig: {
            S3Uri: inputs.outputDataConfig.s3Uri,
            ...(inputs.outputDataConfig.kmsKeyId !== undefined ? { KmsKeyId: inputs.outputDataConfig.kmsKeyId } : {}),
        },
        ...(config ? { [commands.configMember]: config } : {}),
        ...(inputs.jobName !== undefined ? { JobName: inputs.jobName } : {}),
    };
}

/** Only the members that are set; undefined when none is. */
export function definedMembers(members: Record<string, unknown>): Record<string, unknown> | undefined {
    const set = Object.entries(members).filter(([, v]) => v !== undefined);
    return set.length ? Object.fromEntries(set) : undefined;
}

/** Batch-job calls for one target (region + endpoint), each retried per `retry`. */
export class BatchJobApi extends VoiceIdCalls {
    constructor(
        settings: ClientSettings,
        retry: () => RetryOptions,
        private readonly commands: JobCommands,
    ) {
        super(settings, retry);
    }

    private command(name: string, input: unknown): unknown {
        const Command = (voiceIdSdk() as unknown as Record<string, new (input: unknown) => unknown>)[name];
        return new Command(input);
    }

    /** Starts (or, for a known token, finds) a job. Quota errors are thrown to the caller. */
    async start(inputs: BaseJobInputs, clientToken: string): Promise<JobView> {
        const out: any = await this.send(
            this.command(this.commands.start, { ...startRequest(inputs, this.commands), ClientToken: clientToken }),
        );
        return toJobView(out.Job, this.commands);
    }

    async describe(domainId: string, jobId: string): Promise<JobView> {
        const out: any = await this.send(this.command(this.commands.describe, { DomainId: domainId, JobId: jobId }));
        return toJobView(out.Job, this.commands);
    }

    /** Jobs of the domain that hold a slot (SUBMITTED or IN_PROGRESS). */
    async activeJobs(domainId: string): Promise<JobView[]> {
        return [
            ...(await this.jobsWithStatus(domainId, "IN_PROGRESS")),
            ...(await this.jobsWithStatus(domainId, "SUBMITTED")),
        ];
    }

    /** Every job of the domain in `status`, as listed (summaries: no input or output config). */
    async jobsWithStatus(domainId: string, status: string): Promise<JobView[]> {
        const jobs: JobView[] = [];
        let next: string | undefined;
        do {
            const out: any = await this.send(
                this.command(this.commands.list, {
                    DomainId: domainId,
                    JobStatus: status,
                    MaxResults: 100,
                    NextToken: next,
                }),
            );
            for (const j of out.JobSummaries ?? []) jobs.push(toJobView(j, this.commands));
            next = out.NextToken;
        } while (next);
        return jobs;
    }

    /** Any other Voice ID command by name (the kind's delete hook). */
    call<T>(name: string, input: unknown): Promise<T> {
        return this.send<T>(this.command(name, input));
    }
}

/** Reads an S3 object as text with the caller's credentials. */
export async function readS3Text(
    settings: ClientSettings,
    bucket: string,
    key: string,
    retry: RetryOptions,
): Promise<string> {
    return (await readS3Object(settings, bucket, key, retry)).text;
}

/** An S3 object's text and, when it is SSE-KMS encrypted, the key (the job's role must decrypt it). */
export async function readS3Object(
    settings: ClientSettings,
    bucket: string,
    key: string,
    retry: RetryOptions,
): Promise<{ text: string; kmsKeyId?: string }> {
    const client: S3Client = s3Client(settings);
    const { GetObjectCommand } = s3Sdk();
    return withRetry(async () => {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const text = (await out.Body!.transformToString("utf-8")) as string;
        return out.ServerSideEncryption === "aws:kms" && out.SSEKMSKeyId
            ? { text, kmsKeyId: out.SSEKMSKeyId }
            : { text };
    }, retry);
}
