/**
 * The demo stack (`npm run demo`, stack `local`): a Voice ID domain, a fraud watchlist, a batch
 * registration of a handful of known fraudsters into it (one of them recorded twice), then a
 * batch enrollment of a few customers, screened against the watchlist: one of them speaks with
 * a known fraudster's voice and is refused.
 *
 * `scripts/seed-demo.ts` puts the recordings, the manifest, the data access role and the KMS
 * key into the local stack's moto and passes them in as stack config; the Voice ID endpoint
 * comes from the environment (`.local/stack.env`), like any AWS SDK setting, so nothing
 * machine-specific lands in the stack's state.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { FraudsterRegistrationJob, SpeakerEnrollmentJob, VoiceIdDomain, VoiceIdWatchlist } from "pulumi-voiceid";

const config = new pulumi.Config();
/** KMS key for the domain's data and the job's output file. */
const kmsKeyArn = config.require("kmsKeyArn");

const domain = new VoiceIdDomain("fraud-detection", {
    description: "Demo domain for the support line",
    serverSideEncryptionConfiguration: { kmsKeyId: kmsKeyArn },
    tags: { project: "pulumi-voiceid-demo" },
});

const watchlist = new VoiceIdWatchlist("known-fraudsters", {
    domainId: domain.domainId,
    description: "Fraudsters confirmed by the investigations team",
});

/** What both batch jobs share: the domain, the role Voice ID assumes, and where results go. */
const batchJob = {
    domainId: domain.domainId,
    dataAccessRoleArn: config.require("dataAccessRoleArn"),
    outputDataConfig: { s3Uri: config.require("outputS3Uri"), kmsKeyId: kmsKeyArn },
};

const registration = new FraudsterRegistrationJob("register-known-fraudsters", {
    ...batchJob,
    inputDataConfig: { s3Uri: config.require("manifestS3Uri") },
    registrationConfig: {
        duplicateRegistrationAction: "SKIP",
        fraudsterSimilarityThreshold: config.getNumber("similarityThreshold") ?? 70,
        watchlistIds: [watchlist.watchlistId],
    },
    // Destroying the stack removes the fraudsters this job registered, which lets the
    // watchlist (Voice ID deletes only empty ones) and then the domain go too.
    deleteFraudstersOnDestroy: true,
});

const enrollment = new SpeakerEnrollmentJob(
    "enroll-customers",
    {
        ...batchJob,
        inputDataConfig: { s3Uri: config.require("enrollmentManifestS3Uri") },
        enrollmentConfig: {
            existingEnrollmentAction: "SKIP",
            // A customer whose voice matches a known fraudster of the watchlist is not enrolled.
            fraudDetectionConfig: {
                fraudDetectionAction: "FAIL",
                riskThreshold: 70,
                watchlistIds: [watchlist.watchlistId],
            },
        },
        deleteSpeakersOnDestroy: true,
    },
    { dependsOn: [registration] },
);

/** What a summary says when the job's output file could not be read. */
const NO_RESULTS = "no results (the output file could not be read)";
/** `1 error`, `2 errors`. */
const plural = (n: number | undefined, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

export const domainId = domain.domainId;
export const watchlistId = watchlist.watchlistId;
export const jobId = registration.jobId;
export const jobStatus = registration.jobStatus;
export const outputFileUri = registration.outputFileS3Uri;
export const summary = pulumi
    .all([
        registration.totalRequests,
        registration.newRegistrationCount,
        registration.duplicateCount,
        registration.errorCount,
    ])
    .apply(([total, created, duplicates, errors]) =>
        total === undefined
            ? NO_RESULTS
            : `${total} requests: ${created} new fraudsters registered, ${plural(duplicates, "duplicate")} skipped, ${plural(errors, "error")}`,
    );
export const enrollmentJobId = enrollment.jobId;
export const enrollmentSummary = pulumi
    .all([
        enrollment.totalRequests,
        enrollment.newEnrollmentCount,
        enrollment.duplicateCount,
        enrollment.fraudDetectionFailureCount,
    ])
    .apply(([total, enrolled, skipped, flagged]) =>
        total === undefined
            ? NO_RESULTS
            : `${total} customers: ${enrolled} enrolled, ${skipped} already enrolled, ${plural(flagged, "refused as known fraudster")}`,
    );
