/**
 * Seeds shared by the native plugin's example tests (YAML, Python, Go) on the local stack.
 * @module
 */
import { LocalStack, RegistrationSeed, SeedRequest } from "./localStack";

/** One manifest request per synthetic speaker, each with one utterance. */
export const speakers = (...ids: number[]): SeedRequest[] =>
    ids.map((s, i) => ({ requestId: `r${i}-s${s}`, audio: [{ speaker: s, utterance: 2 }] }));

/** A speaker enrollment manifest in the registration seed's bucket (readable by its role). */
export async function enrollmentManifest(stack: LocalStack, seed: RegistrationSeed): Promise<string> {
    const entries = [];
    for (const [i, s] of [31, 32].entries()) {
        const uri = await stack.putAudio(seed.inputBucket, `audio/customer-${i}.wav`, s, 1);
        entries.push({
            RequestId: `c${i}`,
            SpeakerId: `customer-${i}`,
            AudioSpecifications: [{ S3Uri: uri, ChannelId: 0 }],
        });
    }
    return stack.putManifest(
        seed.inputBucket,
        "manifests/enrollment.json",
        entries,
        "1.0",
        "SpeakerEnrollmentRequests",
    );
}

/** The stack config of the watchlist examples (YAML, Python, Go) on a seed; set `dataAccessRoleArn` as a secret. */
export function exampleConfig(
    stack: LocalStack,
    seed: RegistrationSeed,
    enrollmentManifestS3Uri: string,
): Record<string, string> {
    return {
        "voiceid:region": stack.region,
        kmsKeyArn: seed.kmsKeyArn,
        dataAccessRoleArn: seed.roleArn,
        outputS3Uri: seed.outputUri,
        manifestS3Uri: seed.manifestUri,
        enrollmentManifestS3Uri,
    };
}
