/**
 * Adopts a fraudster registration job that was started outside Pulumi, so that its results
 * become stack outputs and later changes go through `pulumi preview` / `pulumi up`.
 *
 * The program declares the job as it was started; `{ import: "<domainId>/<jobId>" }` records
 * the existing job instead of starting a new one. If the declaration differs from the job, the
 * import is refused and names the properties that differ. A job still running is waited for.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { FraudsterRegistrationJob } from "pulumi-voiceid";

const config = new pulumi.Config();
const domainId = config.require("domainId");
const jobId = config.require("jobId");

const job = new FraudsterRegistrationJob(
    "imported-registration",
    {
        domainId,
        dataAccessRoleArn: config.require("dataAccessRoleArn"),
        inputDataConfig: { s3Uri: config.require("manifestS3Uri") },
        outputDataConfig: { s3Uri: config.require("outputS3Uri"), kmsKeyId: config.get("kmsKeyArn") },
    },
    {
        import: `${domainId}/${jobId}`,
        // The job was not Pulumi's to begin with: `pulumi destroy` forgets it (the default for
        // jobs anyway: Voice ID cannot delete jobs) and never touches its fraudsters.
        retainOnDelete: true,
    },
);

export const importedJobId = job.jobId;
export const jobStatus = job.jobStatus;
export const outputFileUri = job.outputFileS3Uri;
export const results = pulumi.interpolate`${job.newRegistrationCount} new, ${job.duplicateCount} duplicates skipped, ${job.errorCount} errors`;
