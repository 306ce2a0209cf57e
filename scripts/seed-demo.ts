/**
 * Seeds the local stack's moto (S3, IAM, KMS) with what the demo program needs, idempotently:
 * a bucket, generated WAV recordings of a few synthetic speakers (one of them twice, so the job
 * has a duplicate to find), the registration manifest, recordings and the enrollment manifest of
 * a few customers (one of them speaking with a fraudster's voice), the data access role Voice ID
 * assumes and a KMS key. Prints the stack config the program reads, as JSON, on stdout.
 *
 * Run by scripts/demo.sh after `source .local/stack.env` (endpoints and credentials come from
 * the standard AWS_* variables). Nothing is written twice: a second run makes no change to
 * moto, so its replay recording does not grow and the printed config stays identical.
 *
 *   node bin/scripts/seed-demo.js
 * @module
 */
import {
    CreateBucketCommand,
    HeadBucketCommand,
    HeadObjectCommand,
    PutObjectCommand,
    S3Client,
} from "@aws-sdk/client-s3";
import {
    CreateRoleCommand,
    GetRoleCommand,
    GetRolePolicyCommand,
    IAMClient,
    PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { speakerWav as utteranceWav } from "../emulator/voices";
import { buildDataAccessPolicy, buildTrustPolicy, dnsSuffixForPartition } from "../provider/components/policies";

/** Names of what the demo owns in moto. */
export const DEMO = {
    bucket: "voiceid-demo",
    roleName: "voiceid-demo-data-access",
    keyAlias: "alias/voiceid-demo",
    manifestKey: "manifests/known-fraudsters.json",
    enrollmentManifestKey: "manifests/customers.json",
    resultsPrefix: "results",
};

/**
 * The fraudsters to register: request id -> (synthetic speaker, utterance). `fraudster-1-again`
 * is another recording of fraudster 1's voice: Voice ID should skip it as a duplicate.
 */
export const FRAUDSTERS: { requestId: string; speaker: number; utterance: number }[] = [
    { requestId: "fraudster-1", speaker: 0, utterance: 1 },
    { requestId: "fraudster-2", speaker: 3, utterance: 1 },
    { requestId: "fraudster-3", speaker: 5, utterance: 1 },
    { requestId: "fraudster-4", speaker: 10, utterance: 1 },
    { requestId: "fraudster-1-again", speaker: 0, utterance: 7 },
];

/**
 * The customers to enroll after the fraudsters are registered: request id = customer speaker id
 * -> (synthetic speaker, utterance). `customer-mallory` calls with fraudster-2's voice: fraud
 * detection refuses to enroll her.
 */
export const CUSTOMERS: { speakerId: string; speaker: number; utterance: number }[] = [
    { speakerId: "customer-alice", speaker: 1, utterance: 1 },
    { speakerId: "customer-bob", speaker: 7, utterance: 1 },
    { speakerId: "customer-carol", speaker: 12, utterance: 1 },
    { speakerId: "customer-mallory", speaker: 3, utterance: 4 },
];

/** What the program needs, as stack config (namespace of the root project). */
export interface DemoConfig {
    manifestS3Uri: string;
    enrollmentManifestS3Uri: string;
    outputS3Uri: string;
    dataAccessRoleArn: string;
    kmsKeyArn: string;
}

const env = process.env;
const region = env.AWS_REGION ?? "us-east-1";

function need(name: string): string {
    const v = env[name];
    if (!v)
        throw new Error(`${name} is not set: source .local/stack.env first (scripts/local-stack.sh start writes it)`);
    return v;
}

let s3: S3Client;
let iam: IAMClient;
let kms: KMSClient;
const errName = (e: unknown) => (e as { name?: string }).name ?? "";

async function ensureBucket(): Promise<void> {
    try {
        await s3.send(new HeadBucketCommand({ Bucket: DEMO.bucket }));
    } catch {
        await s3.send(new CreateBucketCommand({ Bucket: DEMO.bucket }));
        log(`created bucket ${DEMO.bucket}`);
    }
}

/** Puts an object unless one of the same size is there (generated content is deterministic). */
async function ensureObject(key: string, body: Buffer | string): Promise<void> {
    const size = Buffer.byteLength(body);
    try {
        const head = await s3.send(new HeadObjectCommand({ Bucket: DEMO.bucket, Key: key }));
        if (head.ContentLength === size) return;
    } catch (e) {
        if (!["NotFound", "NoSuchKey"].includes(errName(e))) throw e;
    }
    await s3.send(new PutObjectCommand({ Bucket: DEMO.bucket, Key: key, Body: body }));
    log(`uploaded s3://${DEMO.bucket}/${key}`);
}

async function ensureKey(): Promise<string> {
    try {
        const d = await kms.send(new DescribeKeyCommand({ KeyId: DEMO.keyAlias }));
        return d.KeyMetadata!.Arn!;
    } catch (e) {
        if (errName(e) !== "NotFoundException") throw e;
    }
    const key = await kms.send(
        new CreateKeyCommand({ Description: "pulumi-voiceid demo: domain data and registration results" }),
    );
    await kms.send(new CreateAliasCommand({ AliasName: DEMO.keyAlias, TargetKeyId: key.KeyMetadata!.KeyId! }));
    log(`created KMS key ${DEMO.keyAlias}`);
    return key.KeyMetadata!.Arn!;
}

/**
 * The data access role, with the policies the components would give it (the same builders as
 * `VoiceIdDataAccessRole`): Voice ID may assume it only for a domain of this account, and it may
 * read the manifests and recordings, write the results and use the key for them through S3.
 */
async function ensureRole(accountId: string, keyArn: string): Promise<string> {
    const scope = { partition: "aws", accountId, region, dnsSuffix: dnsSuffixForPartition("aws") };
    const trust = buildTrustPolicy({ scope });
    const policy = JSON.stringify(
        buildDataAccessPolicy({
            scope,
            inputS3Uris: [`s3://${DEMO.bucket}/manifests/`, `s3://${DEMO.bucket}/audio/`],
            outputS3Uri: `s3://${DEMO.bucket}/${DEMO.resultsPrefix}`,
            outputKmsKeyArn: keyArn,
        }),
    );
    let arn: string;
    try {
        arn = (await iam.send(new GetRoleCommand({ RoleName: DEMO.roleName }))).Role!.Arn!;
    } catch (e) {
        if (errName(e) !== "NoSuchEntityException" && errName(e) !== "NoSuchEntity") throw e;
        arn = (
            await iam.send(
                new CreateRoleCommand({ RoleName: DEMO.roleName, AssumeRolePolicyDocument: JSON.stringify(trust) }),
            )
        ).Role!.Arn!;
        log(`created role ${DEMO.roleName}`);
    }
    let current: string | undefined;
    try {
        current = decodeURIComponent(
            (await iam.send(new GetRolePolicyCommand({ RoleName: DEMO.roleName, PolicyName: "voiceid-data-access" })))
                .PolicyDocument ?? "",
        );
    } catch (e) {
        if (errName(e) !== "NoSuchEntityException" && errName(e) !== "NoSuchEntity") throw e;
    }
    if (!current || JSON.stringify(JSON.parse(current)) !== policy) {
        await iam.send(
            new PutRolePolicyCommand({
                RoleName: DEMO.roleName,
                PolicyName: "voiceid-data-access",
                PolicyDocument: policy,
            }),
        );
        log(`set the data access policy of ${DEMO.roleName}`);
    }
    return arn;
}

function log(line: string): void {
    console.error(`[seed] ${line}`);
}

/** Seeds everything; returns the program's config. */
export async function seedDemo(): Promise<DemoConfig> {
    s3 = new S3Client({ region, endpoint: need("AWS_ENDPOINT_URL_S3"), forcePathStyle: true });
    iam = new IAMClient({ region, endpoint: need("AWS_ENDPOINT_URL_IAM") });
    kms = new KMSClient({ region, endpoint: need("AWS_ENDPOINT_URL_KMS") });
    try {
        return await seed();
    } finally {
        for (const c of [s3, iam, kms]) c.destroy();
    }
}

async function seed(): Promise<DemoConfig> {
    const accountId = env.VOICEID_LOCAL_ACCOUNT_ID ?? "123456789012";
    await ensureBucket();
    const requests = [];
    for (const f of FRAUDSTERS) {
        const key = `audio/${f.requestId}.wav`;
        await ensureObject(key, utteranceWav(f.speaker, f.utterance, { seconds: 4 }));
        requests.push({
            RequestId: f.requestId,
            AudioSpecifications: [{ S3Uri: `s3://${DEMO.bucket}/${key}`, ChannelId: 0 }],
        });
    }
    await ensureObject(
        DEMO.manifestKey,
        JSON.stringify({ Version: "1.0", FraudsterRegistrationRequests: requests }, null, 2),
    );
    const enrollments = [];
    for (const c of CUSTOMERS) {
        const key = `audio/${c.speakerId}.wav`;
        await ensureObject(key, utteranceWav(c.speaker, c.utterance, { seconds: 4 }));
        enrollments.push({
            RequestId: c.speakerId,
            SpeakerId: c.speakerId,
            AudioSpecifications: [{ S3Uri: `s3://${DEMO.bucket}/${key}`, ChannelId: 0 }],
        });
    }
    await ensureObject(
        DEMO.enrollmentManifestKey,
        JSON.stringify({ Version: "1.0", SpeakerEnrollmentRequests: enrollments }, null, 2),
    );
    const kmsKeyArn = await ensureKey();
    const dataAccessRoleArn = await ensureRole(accountId, kmsKeyArn);
    return {
        manifestS3Uri: `s3://${DEMO.bucket}/${DEMO.manifestKey}`,
        enrollmentManifestS3Uri: `s3://${DEMO.bucket}/${DEMO.enrollmentManifestKey}`,
        outputS3Uri: `s3://${DEMO.bucket}/${DEMO.resultsPrefix}`,
        dataAccessRoleArn,
        kmsKeyArn,
    };
}

if (require.main === module) {
    seedDemo()
        .then((config) => {
            process.stdout.write(`${JSON.stringify(config)}\n`);
        })
        .catch((err) => {
            console.error(`[seed] failed: ${err?.name ?? ""} ${err?.message ?? err}`);
            process.exit(1);
        });
}
