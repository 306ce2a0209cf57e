"""The demo's watchlist in Python: a Voice ID domain, a fraud watchlist, a fraudster
registration job into it and a speaker enrollment job screened against it, the same stack as
examples/yaml, through the native plugin and the generated SDK `pulumi_voiceid`."""
import pulumi
import pulumi_voiceid as voiceid

config = pulumi.Config()
# A KMS key for the domain's data and the jobs' output files.
kms_key_arn = config.require("kmsKeyArn")
# The IAM role Voice ID assumes to read manifests and audio and write results. Read as a secret,
# so a value set with `pulumi config set --secret` stays secret in the plugin and the state.
data_access_role_arn = config.require_secret("dataAccessRoleArn")
# Where both jobs write their output files (s3://bucket/folder).
output_s3_uri = config.require("outputS3Uri")
# The registration and enrollment manifests (s3://bucket/key.json).
manifest_s3_uri = config.require("manifestS3Uri")
enrollment_manifest_s3_uri = config.require("enrollmentManifestS3Uri")
similarity_threshold = config.get_int("similarityThreshold", 70)

domain = voiceid.VoiceIdDomain(
    "domain",
    name="fraud-detection",
    description="Demo domain for the support line",
    server_side_encryption_configuration={"kms_key_id": kms_key_arn},
    tags={"project": "pulumi-voiceid-demo"},
)

watchlist = voiceid.VoiceIdWatchlist(
    "watchlist",
    domain_id=domain.domain_id,
    name="known-fraudsters",
    description="Fraudsters confirmed by the investigations team",
)

# Nested inputs take either the generated Args classes or plain dicts (checked as TypedDicts).
registration = voiceid.FraudsterRegistrationJob(
    "registration",
    domain_id=domain.domain_id,
    data_access_role_arn=data_access_role_arn,
    input_data_config=voiceid.InputDataConfigArgs(s3_uri=manifest_s3_uri),
    output_data_config={"s3_uri": output_s3_uri, "kms_key_id": kms_key_arn},
    registration_config={
        "duplicate_registration_action": voiceid.DuplicateRegistrationAction.SKIP,
        "fraudster_similarity_threshold": similarity_threshold,
        "watchlist_ids": [watchlist.watchlist_id],
    },
    # Destroy removes the fraudsters this job registered, so the watchlist and domain can go too.
    delete_fraudsters_on_destroy=True,
)

enrollment = voiceid.SpeakerEnrollmentJob(
    "enrollment",
    domain_id=domain.domain_id,
    data_access_role_arn=data_access_role_arn,
    input_data_config={"s3_uri": enrollment_manifest_s3_uri},
    output_data_config={"s3_uri": output_s3_uri, "kms_key_id": kms_key_arn},
    enrollment_config={
        "existing_enrollment_action": voiceid.ExistingEnrollmentAction.SKIP,
        "fraud_detection_config": {
            "fraud_detection_action": voiceid.FraudDetectionAction.FAIL,
            "risk_threshold": 70,
            "watchlist_ids": [watchlist.watchlist_id],
        },
    },
    delete_speakers_on_destroy=True,
    opts=pulumi.ResourceOptions(depends_on=[registration]),
)

# The least-privilege trust policy of the data access role, for a role made with your own AWS provider.
# (Function arguments take the generated classes: Pulumi's Python SDK sends dict keys of
# function arguments as written, `account_id`, which the plugin refuses by name.)
role_trust_policy = voiceid.get_trust_policy_output(
    scope=voiceid.AwsScope(partition="aws", account_id="123456789012", region="us-east-1"),
    domain_id=domain.domain_id,
)

pulumi.export("domainId", domain.domain_id)
pulumi.export("watchlistId", watchlist.watchlist_id)
pulumi.export("jobId", registration.job_id)
pulumi.export("jobStatus", registration.job_status)
pulumi.export("newFraudsters", registration.new_registration_count)
pulumi.export("enrollmentJobId", enrollment.job_id)
pulumi.export("enrolled", enrollment.new_enrollment_count)
pulumi.export("refusedAsFraud", enrollment.fraud_detection_failure_count)
pulumi.export("roleTrustPolicy", role_trust_policy.json)
