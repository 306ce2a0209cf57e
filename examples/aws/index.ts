import * as pulumi from "@pulumi/pulumi";
import { AwsExampleConfig, awsExample } from "./program";

const config = new pulumi.Config();
const outputs = awsExample({
    domainId: config.require("domainId"),
    audioBucket: config.require("audioBucket"),
    fraudsters: config.requireObject<Record<string, string[]>>("fraudsters"),
    similarityThreshold: config.getNumber("similarityThreshold"),
    audioKmsKeyArn: config.get("audioKmsKeyArn"),
} satisfies AwsExampleConfig);

export const manifestS3Uri = outputs.manifestS3Uri;
export const dataAccessRoleArn = outputs.dataAccessRoleArn;
export const outputKeyArn = outputs.outputKeyArn;
export const outputKeyAlias = outputs.outputKeyAlias;
export const jobId = outputs.jobId;
export const jobStatus = outputs.jobStatus;
export const outputFileS3Uri = outputs.outputFileS3Uri;
