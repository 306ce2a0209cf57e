/**
 * A Voice ID domain with two watchlists, and the same batch of recordings registered into each,
 * one after the other. The second job shows that Voice ID looks for duplicates across the whole
 * domain, not per watchlist: with `SKIP`, every recording the first job registered is skipped
 * as a duplicate of that fraudster, and nothing new lands in the second watchlist.
 *
 * Runs against the local Voice ID service (see README.md); the same program runs on a real
 * account with real ARNs in the config.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { FraudsterRegistrationJob, VoiceIdDomain, VoiceIdWatchlist } from "pulumi-voiceid";

const config = new pulumi.Config();
const kmsKeyArn = config.require("kmsKeyArn");
const dataAccessRoleArn = config.require("dataAccessRoleArn");
const manifestS3Uri = config.require("manifestS3Uri");
const outputS3Uri = config.require("outputS3Uri");
const threshold = config.getNumber("similarityThreshold") ?? 70;

const domain = new VoiceIdDomain("contact-center", {
    description: "Local example: two watchlists",
    serverSideEncryptionConfiguration: { kmsKeyId: kmsKeyArn },
    tags: { environment: pulumi.getStack() },
});

const confirmed = new VoiceIdWatchlist("confirmed-fraudsters", {
    domainId: domain.domainId,
    description: "Confirmed by investigations",
});
const suspected = new VoiceIdWatchlist("suspected-fraudsters", {
    domainId: domain.domainId,
    description: "Reported by agents - not yet confirmed",
});

// Both jobs register the same recordings in the same domain, with the same role and results folder.
const batch = {
    domainId: domain.domainId,
    dataAccessRoleArn,
    inputDataConfig: { s3Uri: manifestS3Uri },
    outputDataConfig: { s3Uri: outputS3Uri, kmsKeyId: kmsKeyArn },
};

const registerConfirmed = new FraudsterRegistrationJob("register-confirmed", {
    ...batch,
    registrationConfig: {
        duplicateRegistrationAction: "SKIP",
        fraudsterSimilarityThreshold: threshold,
        watchlistIds: [confirmed.watchlistId],
    },
    // A request that fails (bad audio, too short) fails the update instead of only warning.
    failOnErrors: true,
    timeoutSeconds: 1800,
    deleteFraudstersOnDestroy: true,
});

// The same recordings again, into the other watchlist, after the first job has finished.
const registerSuspected = new FraudsterRegistrationJob(
    "register-suspected",
    {
        ...batch,
        registrationConfig: {
            duplicateRegistrationAction: "SKIP",
            fraudsterSimilarityThreshold: threshold,
            watchlistIds: [suspected.watchlistId],
        },
        deleteFraudstersOnDestroy: true,
    },
    { dependsOn: [registerConfirmed] },
);

const summarize = (job: FraudsterRegistrationJob) =>
    pulumi.interpolate`${job.jobStatus}: ${job.newRegistrationCount} new, ${job.duplicateCount} duplicates skipped, ${job.errorCount} errors`;

export const domainId = domain.domainId;
export const confirmedWatchlistId = confirmed.watchlistId;
export const suspectedWatchlistId = suspected.watchlistId;
export const confirmedJob = summarize(registerConfirmed);
export const suspectedJob = summarize(registerSuspected);
export const confirmedResults = registerConfirmed.outputFileS3Uri;
