/**
 * Valid job inputs and a bad-input corpus: at least one case per constraint of the
 * StartFraudsterRegistrationJob model (and per provider knob). Used by the unit tests of `check` and by the e2e test that
 * runs each case through `pulumi preview` against a service that must receive zero calls.
 * @module
 */

export const VALID_DOMAIN = "DomainAAAAAAAAAAAAAAAAA";
export const VALID_WATCHLIST = "WatchlistAAAAAAAAAAAAAA";

/** Inputs that pass every rule (the provider's view: plain values). */
export function validInputs(): Record<string, any> {
    return {
        domainId: VALID_DOMAIN.slice(0, 22),
        dataAccessRoleArn: "arn:aws:iam::123456789012:role/VoiceIdDataAccess",
        inputDataConfig: { s3Uri: "s3://voiceid-input/manifests/batch-1.json" },
        outputDataConfig: { s3Uri: "s3://voiceid-output/results", kmsKeyId: "alias/voiceid-output" },
        registrationConfig: {
            duplicateRegistrationAction: "SKIP",
            fraudsterSimilarityThreshold: 80,
            watchlistIds: [VALID_WATCHLIST.slice(0, 22)],
        },
        jobName: "nightly-batch_1",
        waitForCompletion: true,
        timeoutSeconds: 600,
        failOnErrors: false,
        deleteFraudstersOnDestroy: false,
        triggers: ["v1"],
    };
}

/**
 * The smallest valid job arguments, what the serialized-provider size is measured on (the unit
 * test's bound and the jobs-serialized benchmark).
 */
export function minimalJobArgs() {
    return {
        domainId: "D".repeat(22),
        dataAccessRoleArn: "arn:aws:iam::123456789012:role/R",
        inputDataConfig: { s3Uri: "s3://bucket/in.json" },
        outputDataConfig: { s3Uri: "s3://bucket/out" },
    };
}

/** One invalid case: `patch` is applied to valid inputs; `property` must be named in the failure. */
export interface BadCase {
    name: string;
    patch: (i: Record<string, any>) => void;
    property: string;
    /** A fragment of the rule text expected in the reason. */
    rule: RegExp;
}

export const BAD_CASES: BadCase[] = [
    { name: "domainId missing", patch: (i) => delete i.domainId, property: "domainId", rule: /required/ },
    {
        name: "domainId too short",
        patch: (i) => (i.domainId = "abc"),
        property: "domainId",
        rule: /exactly 22 characters/,
    },
    {
        name: "domainId bad characters",
        patch: (i) => (i.domainId = "AAAAAAAAAAAAAAAAAAAA-_"),
        property: "domainId",
        rule: /22 letters or digits/,
    },
    {
        name: "dataAccessRoleArn missing",
        patch: (i) => delete i.dataAccessRoleArn,
        property: "dataAccessRoleArn",
        rule: /required/,
    },
    {
        name: "dataAccessRoleArn too short",
        patch: (i) => (i.dataAccessRoleArn = "arn:aws:iam::1:r"),
        property: "dataAccessRoleArn",
        rule: /20 to 2048/,
    },
    {
        name: "dataAccessRoleArn not a role",
        patch: (i) => (i.dataAccessRoleArn = "arn:aws:iam::123456789012:user/alice"),
        property: "dataAccessRoleArn",
        rule: /IAM role ARN/,
    },
    {
        name: "dataAccessRoleArn too long",
        patch: (i) => (i.dataAccessRoleArn = "arn:aws:iam::123456789012:role/" + "r".repeat(2048)),
        property: "dataAccessRoleArn",
        rule: /20 to 2048/,
    },
    {
        name: "inputDataConfig missing",
        patch: (i) => delete i.inputDataConfig,
        property: "inputDataConfig",
        rule: /required/,
    },
    {
        name: "inputDataConfig.s3Uri missing",
        patch: (i) => (i.inputDataConfig = {}),
        property: "inputDataConfig.s3Uri",
        rule: /required/,
    },
    {
        name: "inputDataConfig.s3Uri not s3",
        patch: (i) => (i.inputDataConfig.s3Uri = "https://bucket/x.json"),
        property: "inputDataConfig.s3Uri",
        rule: /S3 URI/,
    },
    {
        name: "inputDataConfig.s3Uri uppercase bucket",
        patch: (i) => (i.inputDataConfig.s3Uri = "s3://Bucket/x.json"),
        property: "inputDataConfig.s3Uri",
        rule: /S3 URI/,
    },
    {
        name: "inputDataConfig.s3Uri a folder",
        patch: (i) => (i.inputDataConfig.s3Uri = "s3://voiceid-input/manifests/"),
        property: "inputDataConfig.s3Uri",
        rule: /manifest object .*not a bucket or a folder/,
    },
    {
        name: "inputDataConfig.s3Uri a bucket",
        patch: (i) => (i.inputDataConfig.s3Uri = "s3://voiceid-input"),
        property: "inputDataConfig.s3Uri",
        rule: /manifest object/,
    },
    {
        name: "inputDataConfig.s3Uri too long",
        patch: (i) => (i.inputDataConfig.s3Uri = "s3://bucket/" + "k".repeat(1020)),
        property: "inputDataConfig.s3Uri",
        rule: /1 to 1024/,
    },
    {
        name: "outputDataConfig missing",
        patch: (i) => delete i.outputDataConfig,
        property: "outputDataConfig",
        rule: /required/,
    },
    {
        name: "outputDataConfig.s3Uri missing",
        patch: (i) => delete i.outputDataConfig.s3Uri,
        property: "outputDataConfig.s3Uri",
        rule: /required/,
    },
    {
        name: "outputDataConfig.s3Uri bad bucket",
        patch: (i) => (i.outputDataConfig.s3Uri = "s3://a/out"),
        property: "outputDataConfig.s3Uri",
        rule: /S3 URI/,
    },
    {
        name: "outputDataConfig.kmsKeyId empty",
        patch: (i) => (i.outputDataConfig.kmsKeyId = ""),
        property: "outputDataConfig.kmsKeyId",
        rule: /1 to 2048/,
    },
    {
        name: "outputDataConfig.kmsKeyId too long",
        patch: (i) => (i.outputDataConfig.kmsKeyId = "k".repeat(2049)),
        property: "outputDataConfig.kmsKeyId",
        rule: /1 to 2048/,
    },
    {
        name: "duplicateRegistrationAction unknown",
        patch: (i) => (i.registrationConfig.duplicateRegistrationAction = "OVERWRITE"),
        property: "registrationConfig.duplicateRegistrationAction",
        rule: /one of SKIP, REGISTER_AS_NEW/,
    },
    {
        name: "fraudsterSimilarityThreshold above 100",
        patch: (i) => (i.registrationConfig.fraudsterSimilarityThreshold = 101),
        property: "registrationConfig.fraudsterSimilarityThreshold",
        rule: /integer from 0 to 100 \(got 101\)/,
    },
    {
        name: "fraudsterSimilarityThreshold negative",
        patch: (i) => (i.registrationConfig.fraudsterSimilarityThreshold = -1),
        property: "registrationConfig.fraudsterSimilarityThreshold",
        rule: /integer from 0 to 100/,
    },
    {
        name: "fraudsterSimilarityThreshold fractional",
        patch: (i) => (i.registrationConfig.fraudsterSimilarityThreshold = 50.5),
        property: "registrationConfig.fraudsterSimilarityThreshold",
        rule: /integer/,
    },
    {
        name: "watchlistIds empty",
        patch: (i) => (i.registrationConfig.watchlistIds = []),
        property: "registrationConfig.watchlistIds",
        rule: /exactly 1 item/,
    },
    {
        name: "watchlistIds two items",
        patch: (i) => (i.registrationConfig.watchlistIds = ["A".repeat(22), "B".repeat(22)]),
        property: "registrationConfig.watchlistIds",
        rule: /exactly 1 item/,
    },
    {
        name: "watchlistIds bad id",
        patch: (i) => (i.registrationConfig.watchlistIds = ["short"]),
        property: "registrationConfig.watchlistIds[0]",
        rule: /exactly 22/,
    },
    {
        name: "watchlistIds bad characters",
        patch: (i) => (i.registrationConfig.watchlistIds = ["A".repeat(21) + "!"]),
        property: "registrationConfig.watchlistIds[0]",
        rule: /22 letters or digits/,
    },
    { name: "jobName empty", patch: (i) => (i.jobName = ""), property: "jobName", rule: /1 to 256/ },
    { name: "jobName too long", patch: (i) => (i.jobName = "j".repeat(257)), property: "jobName", rule: /1 to 256/ },
    {
        name: "jobName bad start",
        patch: (i) => (i.jobName = "-nightly"),
        property: "jobName",
        rule: /start with a letter or digit/,
    },
    {
        name: "jobName bad characters",
        patch: (i) => (i.jobName = "night ly"),
        property: "jobName",
        rule: /only letters, digits/,
    },
    { name: "clientToken empty", patch: (i) => (i.clientToken = ""), property: "clientToken", rule: /1 to 64/ },
    {
        name: "clientToken too long",
        patch: (i) => (i.clientToken = "t".repeat(65)),
        property: "clientToken",
        rule: /1 to 64/,
    },
    {
        name: "clientToken bad characters",
        patch: (i) => (i.clientToken = "tok en"),
        property: "clientToken",
        rule: /only letters, digits/,
    },
    {
        name: "timeoutSeconds zero",
        patch: (i) => (i.timeoutSeconds = 0),
        property: "timeoutSeconds",
        rule: /integer from 1 to 604800/,
    },
    {
        name: "timeoutSeconds too large",
        patch: (i) => (i.timeoutSeconds = 604801),
        property: "timeoutSeconds",
        rule: /integer from 1 to 604800/,
    },
    {
        name: "waitForCompletion not boolean",
        patch: (i) => (i.waitForCompletion = "yes"),
        property: "waitForCompletion",
        rule: /true or false/,
    },
    {
        name: "failOnErrors not boolean",
        patch: (i) => (i.failOnErrors = 1),
        property: "failOnErrors",
        rule: /true or false/,
    },
    {
        name: "deleteFraudstersOnDestroy not boolean",
        patch: (i) => (i.deleteFraudstersOnDestroy = "no"),
        property: "deleteFraudstersOnDestroy",
        rule: /true or false/,
    },
    { name: "triggers not a list", patch: (i) => (i.triggers = "v2"), property: "triggers", rule: /must be a list/ },
    { name: "region malformed", patch: (i) => (i.region = "mars"), property: "region", rule: /AWS region name/ },
    { name: "endpoint not a URL", patch: (i) => (i.endpoint = "localhost:4566"), property: "endpoint", rule: /http/ },
    {
        name: "import id malformed",
        patch: (i) => (i.importId = "not-an-id"),
        property: "import",
        rule: /<domainId>\/<jobId>/,
    },
    {
        name: "unknown property (typo)",
        patch: (i) => (i.registrationConfig.threshold = 80),
        property: "registrationConfig.threshold",
        rule: /not a known property/,
    },
];

/** Applies a case to fresh valid inputs. */
export function badInputs(c: BadCase): Record<string, any> {
    const i = validInputs();
    c.patch(i);
    return i;
}
