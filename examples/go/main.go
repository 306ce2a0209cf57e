// The demo's watchlist in Go: a Voice ID domain, a fraud watchlist, a fraudster registration job
// into it and a speaker enrollment job screened against it, the same stack as examples/yaml,
// through the native plugin and the generated SDK (sdk/go).
package main

import (
	"github.com/pulumi-voiceid/pulumi-voiceid/sdk/go/voiceid"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		// A KMS key for the domain's data and the jobs' output files.
		kmsKeyArn := cfg.Require("kmsKeyArn")
		// The IAM role Voice ID assumes to read manifests and audio and write results. Read as a
		// secret, so a value set with `pulumi config set --secret` stays secret in the plugin and the state.
		dataAccessRoleArn := cfg.RequireSecret("dataAccessRoleArn")
		// Where both jobs write their output files (s3://bucket/folder).
		outputS3Uri := cfg.Require("outputS3Uri")
		// The registration and enrollment manifests (s3://bucket/key.json).
		manifestS3Uri := cfg.Require("manifestS3Uri")
		enrollmentManifestS3Uri := cfg.Require("enrollmentManifestS3Uri")
		similarityThreshold := 70
		if v, err := cfg.TryInt("similarityThreshold"); err == nil {
			similarityThreshold = v
		}

		domain, err := voiceid.NewVoiceIdDomain(ctx, "domain", &voiceid.VoiceIdDomainArgs{
			Name:        pulumi.String("fraud-detection"),
			Description: pulumi.String("Demo domain for the support line"),
			ServerSideEncryptionConfiguration: &voiceid.ServerSideEncryptionConfigurationArgs{
				KmsKeyId: pulumi.String(kmsKeyArn),
			},
			Tags: pulumi.StringMap{"project": pulumi.String("pulumi-voiceid-demo")},
		})
		if err != nil {
			return err
		}

		watchlist, err := voiceid.NewVoiceIdWatchlist(ctx, "watchlist", &voiceid.VoiceIdWatchlistArgs{
			DomainId:    domain.DomainId,
			Name:        pulumi.String("known-fraudsters"),
			Description: pulumi.String("Fraudsters confirmed by the investigations team"),
		})
		if err != nil {
			return err
		}

		registration, err := voiceid.NewFraudsterRegistrationJob(ctx, "registration", &voiceid.FraudsterRegistrationJobArgs{
			DomainId:          domain.DomainId,
			DataAccessRoleArn: dataAccessRoleArn,
			InputDataConfig:   &voiceid.InputDataConfigArgs{S3Uri: pulumi.String(manifestS3Uri)},
			OutputDataConfig: &voiceid.OutputDataConfigArgs{
				S3Uri:    pulumi.String(outputS3Uri),
				KmsKeyId: pulumi.String(kmsKeyArn),
			},
			RegistrationConfig: &voiceid.RegistrationConfigArgs{
				DuplicateRegistrationAction:  voiceid.DuplicateRegistrationActionSkip,
				FraudsterSimilarityThreshold: pulumi.Float64(float64(similarityThreshold)),
				WatchlistIds:                 pulumi.StringArray{watchlist.WatchlistId},
			},
			// Destroy removes the fraudsters this job registered, so the watchlist and domain can go too.
			DeleteFraudstersOnDestroy: pulumi.Bool(true),
		})
		if err != nil {
			return err
		}

		enrollment, err := voiceid.NewSpeakerEnrollmentJob(ctx, "enrollment", &voiceid.SpeakerEnrollmentJobArgs{
			DomainId:          domain.DomainId,
			DataAccessRoleArn: dataAccessRoleArn,
			InputDataConfig:   &voiceid.InputDataConfigArgs{S3Uri: pulumi.String(enrollmentManifestS3Uri)},
			OutputDataConfig: &voiceid.OutputDataConfigArgs{
				S3Uri:    pulumi.String(outputS3Uri),
				KmsKeyId: pulumi.String(kmsKeyArn),
			},
			EnrollmentConfig: &voiceid.EnrollmentConfigArgs{
				ExistingEnrollmentAction: voiceid.ExistingEnrollmentActionSkip,
				FraudDetectionConfig: &voiceid.FraudDetectionConfigArgs{
					FraudDetectionAction: voiceid.FraudDetectionActionFail,
					RiskThreshold:        pulumi.Float64(70),
					WatchlistIds:         pulumi.StringArray{watchlist.WatchlistId},
				},
			},
			DeleteSpeakersOnDestroy: pulumi.Bool(true),
		}, pulumi.DependsOn([]pulumi.Resource{registration}))
		if err != nil {
			return err
		}

		// The least-privilege trust policy of the data access role, for a role made with your own AWS provider.
		trustPolicy := voiceid.GetTrustPolicyOutput(ctx, voiceid.GetTrustPolicyOutputArgs{
			Scope: &voiceid.AwsScopeArgs{
				Partition: pulumi.String("aws"),
				AccountId: pulumi.String("123456789012"),
				Region:    pulumi.String("us-east-1"),
			},
			DomainId: domain.DomainId,
		})

		ctx.Export("domainId", domain.DomainId)
		ctx.Export("watchlistId", watchlist.WatchlistId)
		ctx.Export("jobId", registration.JobId)
		ctx.Export("jobStatus", registration.JobStatus)
		ctx.Export("newFraudsters", registration.NewRegistrationCount)
		ctx.Export("enrollmentJobId", enrollment.JobId)
		ctx.Export("enrolled", enrollment.NewEnrollmentCount)
		ctx.Export("refusedAsFraud", enrollment.FraudDetectionFailureCount)
		ctx.Export("roleTrustPolicy", trustPolicy.Json())
		return nil
	})
}
