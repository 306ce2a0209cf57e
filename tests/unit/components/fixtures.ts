/**
 * Inputs shared by the component tests (mocks) and the IAM acceptance test (moto), so both
 * check the very same documents, and the exact documents those inputs must produce, written out
 * by hand so the tests do not just repeat the builders.
 * @module
 */
import { MOCK_SCOPE } from "./mocks";

export const SCOPE = MOCK_SCOPE;
export const DOMAIN_ID = "AbCdEfGhIjKlMnOpQrStUv";
export const ROLE_NAME = "voiceid-test-registration";
export const ROLE_ARN = `arn:aws:iam::111122223333:role/${ROLE_NAME}`;
export const MANIFEST_URI = "s3://voiceid-inputs/manifests/fraudsters-0123456789abcdef.json";
export const AUDIO_URIS = [
    "s3://voiceid-audio/calls/b.wav",
    "s3://voiceid-audio/calls/a.wav",
    "s3://voiceid-audio/calls/a.wav",
];
export const AUDIO_FOLDER_URI = "s3://voiceid-audio/extra/";
export const OUTPUT_URI = "s3://voiceid-results/registrations";
export const INPUT_KEY_ARN = "arn:aws:kms:eu-west-2:111122223333:key/11111111-2222-3333-4444-555555555555";
export const OUTPUT_KEY_ARN = "arn:aws:kms:eu-west-2:111122223333:key/66666666-7777-8888-9999-000000000000";

/** Trust policy for SCOPE and DOMAIN_ID. */
export const EXPECTED_TRUST_POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "VoiceIdAssumesRoleForThisAccount",
            Effect: "Allow",
            Principal: { Service: "voiceid.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": "111122223333" },
                ArnEquals: { "aws:SourceArn": "arn:aws:voiceid:eu-west-2:111122223333:domain/AbCdEfGhIjKlMnOpQrStUv" },
            },
        },
    ],
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

/** Every administrative action, written out: no wildcard, no kms:CreateGrant, no cryptographic use. */
export const EXPECTED_ADMIN_ACTIONS = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
];

/** The administrative statement of every key policy; narrowed to `administrators` when named. */
export function expectedAdminStatement(administrators?: string | string[]): object {
    const statement: any = {
        Sid: "AdministratorsManageKey",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111122223333:root" },
        Action: EXPECTED_ADMIN_ACTIONS,
        Resource: "*",
    };
    if (administrators !== undefined) statement.Condition = { ArnLike: { "aws:PrincipalArn": administrators } };
    return statement;
}

/** The results objects of OUTPUT_URI as S3 names them in the encryption context. */
export const EXPECTED_RESULTS_CONTEXT = [
    "arn:aws:s3:::voiceid-results",
    "arn:aws:s3:::voiceid-results/registrations/*",
];

/** Key policy for ROLE_ARN and OUTPUT_URI; readers delegated to IAM unless named. */
export function expectedKeyPolicy(
    roleArn: string,
    readerArns?: string | string[],
    administrators?: string | string[],
): object {
    const throughS3 = () => ({
        StringEquals: { "kms:ViaService": "s3.eu-west-2.amazonaws.com", "kms:CallerAccount": "111122223333" },
        StringLike: { "kms:EncryptionContext:aws:s3:arn": EXPECTED_RESULTS_CONTEXT },
    });
    const readerCondition: any = throughS3();
    if (readerArns !== undefined) readerCondition.ArnLike = { "aws:PrincipalArn": readerArns };
    return {
        Version: "2012-10-17",
        Statement: [
            expectedAdminStatement(administrators),
            {
                Sid: "DataAccessRoleEncryptsResultsThroughS3",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:root" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: "*",
                Condition: { ArnEquals: { "aws:PrincipalArn": roleArn }, ...throughS3() },
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

/** Key policy of a domain key; users delegated to IAM unless named. */
export function expectedDomainKeyPolicy(users?: string | string[], administrators?: string | string[]): object {
    const throughVoiceId = (): any => {
        const c: any = {
            StringEquals: { "kms:ViaService": "voiceid.eu-west-2.amazonaws.com", "kms:CallerAccount": "111122223333" },
        };
        if (users !== undefined) c.ArnLike = { "aws:PrincipalArn": users };
        return c;
    };
    return {
        Version: "2012-10-17",
        Statement: [
            expectedAdminStatement(administrators),
            {
                Sid: "UsersEncryptDomainDataThroughVoiceId",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:root" },
                Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
                Resource: "*",
                Condition: throughVoiceId(),
            },
            {
                Sid: "UsersLetVoiceIdCreateGrants",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:root" },
                Action: "kms:CreateGrant",
                Resource: "*",
                Condition: { ...throughVoiceId(), Bool: { "kms:GrantIsForAWSResource": "true" } },
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
