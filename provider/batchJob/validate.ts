/**
 * The constraints every Voice ID batch-job start request shares (the service model's
 * StartFraudsterRegistrationJob and StartSpeakerEnrollmentJob agree on them), plus the provider's
 * own knobs; a kind adds the rules of its configuration block.
 * @module
 */
import {
    CLIENT_TOKEN_PATTERN,
    Failure,
    JOB_NAME_PATTERN,
    ROLE_ARN_PATTERN,
    VOICE_ID_PATTERN,
    Validator,
} from "../shared/validation";
import { validateTarget } from "../shared/scope";

/** Longest `timeoutSeconds`: a week. */
export const MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

/** Validates batch-job inputs; `config` checks the kind's own block. One failure per broken rule. */
export function validateBatchJobInputs(
    inputs: Record<string, unknown>,
    knownInputs: readonly string[],
    deleteInput: string,
    config: (v: Validator) => void,
): Failure[] {
    const v = new Validator();
    const { __provider: _ignored, ...rest } = inputs;
    v.noUnknownKeys("", rest, knownInputs);

    if (v.required("domainId", inputs.domainId)) {
        if (v.length("domainId", inputs.domainId, 22, 22))
            v.pattern("domainId", inputs.domainId, VOICE_ID_PATTERN, "must be 22 letters or digits");
    }
    if (v.required("dataAccessRoleArn", inputs.dataAccessRoleArn)) {
        if (v.length("dataAccessRoleArn", inputs.dataAccessRoleArn, 20, 2048))
            v.pattern(
                "dataAccessRoleArn",
                inputs.dataAccessRoleArn,
                ROLE_ARN_PATTERN,
                "must be an IAM role ARN arn:aws[-partition]:iam::<12-digit account>:role/<name>",
            );
    }

    if (v.required("inputDataConfig", inputs.inputDataConfig)) {
        const input = v.object("inputDataConfig", inputs.inputDataConfig);
        if (input) {
            v.noUnknownKeys("inputDataConfig", input, ["s3Uri"]);
            if (
                v.required("inputDataConfig.s3Uri", input.s3Uri) &&
                v.s3Uri("inputDataConfig.s3Uri", input.s3Uri) &&
                typeof input.s3Uri === "string"
            ) {
                // A folder (or a bare bucket) is no manifest: the job could only FAIL on it.
                if (!/^s3:\/\/[^/]+\/.*[^/]$/.test(input.s3Uri)) {
                    v.fail(
                        "inputDataConfig.s3Uri",
                        "must name the manifest object (s3://<bucket>/<key>), not a bucket or a folder ending in /",
                    );
                }
            }
        }
    }
    if (v.required("outputDataConfig", inputs.outputDataConfig)) {
        const output = v.object("outputDataConfig", inputs.outputDataConfig);
        if (output) {
            v.noUnknownKeys("outputDataConfig", output, ["s3Uri", "kmsKeyId"]);
            if (v.required("outputDataConfig.s3Uri", output.s3Uri)) v.s3Uri("outputDataConfig.s3Uri", output.s3Uri);
            if (output.kmsKeyId !== undefined) v.length("outputDataConfig.kmsKeyId", output.kmsKeyId, 1, 2048);
        }
    }

    config(v);

    // JobName is sensitive: rules are reported without echoing the value.
    if (inputs.jobName !== undefined) {
        if (v.length("jobName", inputs.jobName, 1, 256, true))
            v.pattern(
                "jobName",
                inputs.jobName,
                JOB_NAME_PATTERN,
                "must start with a letter or digit and contain only letters, digits, '_' and '-'",
                true,
            );
    }
    if (inputs.clientToken !== undefined) {
        if (v.length("clientToken", inputs.clientToken, 1, 64))
            v.pattern(
                "clientToken",
                inputs.clientToken,
                CLIENT_TOKEN_PATTERN,
                "must contain only letters, digits, '-' and '_'",
            );
    }

    v.boolean("waitForCompletion", inputs.waitForCompletion);
    v.intRange("timeoutSeconds", inputs.timeoutSeconds, 1, MAX_TIMEOUT_SECONDS);
    v.boolean("failOnErrors", inputs.failOnErrors);
    v.boolean(deleteInput, inputs[deleteInput]);
    v.array("triggers", inputs.triggers);

    validateTarget(v, inputs);
    if (inputs.importId !== undefined) {
        const ok = v.pattern(
            "import",
            inputs.importId,
            /^[a-zA-Z0-9]{22}\/[a-zA-Z0-9]{22}$/,
            'must be "<domainId>/<jobId>" (two ids of 22 letters or digits)',
        );
        if (
            ok &&
            typeof inputs.importId === "string" &&
            typeof inputs.domainId === "string" &&
            !inputs.importId.startsWith(`${inputs.domainId}/`)
        ) {
            v.fail("import", `must name a job of domainId ${inputs.domainId}`);
        }
    }
    return v.failures;
}
