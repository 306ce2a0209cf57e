/**
 * Inputs shared by the component tests (mocks) and the IAM acceptance test (moto), so both
 * check the very same documents, and the exact documents those inputs must produce, written out
 * by hand so the tests do not just repeat the builders.
 */
import { MOCK_SCOPE } from "./mocks";

export const SCOPE = MOCK_SCOPE;
export const DOMAIN_ID = "AbCdEfGhIjKlMnOpQrStUv";
export const ROLE_NAME = "voiceid-test-registration";
export const ROLE_ARN = `arn:aws:iam::111122223333:role/${ROLE_NAME}`;
export const MANIFEST_URI = "s3://voiceid-inputs/manifests/fraudsters-0123456789abcdef.json";
export const AUDIO_URIS = ["s3://voiceid-audio/calls/b.wav", "s3://voiceid-audio/calls/a.wav", "s3://voiceid-audio/calls/a.wav"];
export const AUDIO_FOLDER_URI = "s3://voiceid-audio/extra/";
export const OUTPUT_URI = "s3://voiceid-results/registrations";
export const INPUT_KEY_ARN = "arn:aws:kms:eu-west-2:111122223333:key/11111111-2222-3333-4444-555555555555";
export const OUTPUT_KEY_ARN = "arn:aws:kms:eu-west-2:111122223333:key/66666666-7777-8888-9999-000000000000";

/** Trust policy for SCOPE and DOMAIN_ID. */
export const EXPECTED_TRUST_POLICY = {
    Version: "2012-10-17",
    Statement: [{
        Sid: "VoiceIdAssumesRoleForThisAccount",
        Effect: "Allow",
        Principal: { Service: "voiceid.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
            StringEquals: { "aws:SourceAccount": "111122223333" },
            ArnEquals: { "aws:SourceArn": "arn:aws:voiceid:eu-west-2:111122223333:domain/AbCdEfGhIjKlMnOpQrStUv" },
        },
    }],
};

/** Permissions policy for the manifest, AUDIO_URIS, AUDIO_FOLDER_URI, OUTPUT_URI and both keys. */
export const EXPECTED_DATA_ACCESS_POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "ReadRegistrationInputs",
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: [
                "arn:aws:s3:::voiceid-audio/calls/a.wav",
                "arn:aws:s3:::voiceid-audio/calls/b.wav",
                "arn:aws:s3:::voiceid-audio/extra/*",
                "arn:aws:s3:::voiceid-inputs/manifests/fraudsters-0123456789abcdef.json",
            ],
        },
        {
            Sid: "WriteRegistrationResults",
            Effect: "Allow",
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::voiceid-results/registrations/*",
        },
        {
            Sid: "DecryptInputsThroughS3",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: INPUT_KEY_ARN,
            Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-2.amazonaws.com" } },
        },
        {
            Sid: "EncryptResultsThroughS3",
            Effect: "Allow",
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: OUTPUT_KEY_ARN,
            Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-2.amazonaws.com" } },
        },
    ],
};

/** The account's administrative statement of every output key policy. */
export const EXPECTED_ADMIN_STATEMENT = {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::111122223333:root" },
    Action: [
        "kms:CancelKeyDeletion", "kms:Create*", "kms:Delete*", "kms:Describe*", "kms:Disable*", "kms:Enable*",
        "kms:Get*", "kms:List*", "kms:Put*", "kms:Revoke*", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion",
        "kms:TagResource", "kms:UntagResource", "kms:Update*",
    ],
    Resource: "*",
};

/** Key policy for ROLE_ARN, readers delegated to IAM (no resultReaderArns). */
export function expectedKeyPolicy(roleArn: string, readerArns?: string | string[]): object {
    const readerCondition: any = {
        StringEquals: { "kms:ViaService": "s3.eu-west-2.amazonaws.com", "kms:CallerAccount": "111122223333" },
    };
    if (readerArns !== undefined) readerCondition.ArnLike = { "aws:PrincipalArn": readerArns };
    return {
        Version: "2012-10-17",
        Statement: [
            EXPECTED_ADMIN_STATEMENT,
            {
                Sid: "DataAccessRoleEncryptsResultsThroughS3",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:root" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: "*",
                Condition: {
                    ArnEquals: { "aws:PrincipalArn": roleArn },
                    StringEquals: { "kms:ViaService": "s3.eu-west-2.amazonaws.com", "kms:CallerAccount": "111122223333" },
                },
            },
            {
                Sid: "ReadersDecryptResultsThroughS3",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:root" },
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: readerCondition,
            },
        ],
    };
}

/** Builder inputs for the data access policy above. */
export const DATA_ACCESS_INPUT = {
    scope: SCOPE,
    inputS3Uris: [MANIFEST_URI, ...AUDIO_URIS, AUDIO_FOLDER_URI],
    outputS3Uri: OUTPUT_URI,
    inputKmsKeyArns: [INPUT_KEY_ARN],
    outputKmsKeyArn: OUTPUT_KEY_ARN,
};
