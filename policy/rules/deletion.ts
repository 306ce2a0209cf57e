/**
 * Jobs that delete what they registered or enrolled when they are destroyed or replaced
 * (`deleteFraudstersOnDestroy`, `deleteSpeakersOnDestroy`): a `pulumi destroy`, or a replaced
 * job, then deletes watchlist data. The rule asks that such a job be `protect`ed (destroying it
 * takes a deliberate unprotect first) or acknowledged in the stack's policy config.
 * @module
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { label, read, voiceIdKind } from "../resources";
import { jobListSchema, listed } from "../jobList";

/** Configuration of {@link deleteOnDestroyAcknowledged}. */
export interface DeleteOnDestroyConfig {
    /** Logical names of the jobs whose deletion on destroy is acknowledged; `"*"` acknowledges every job. */
    acknowledgedJobs?: string[];
}

const FLAG = {
    FraudsterRegistrationJob: ["deleteFraudstersOnDestroy", "fraudsters"],
    SpeakerEnrollmentJob: ["deleteSpeakersOnDestroy", "speakers"],
} as const;

export const deleteOnDestroyAcknowledged: ResourceValidationPolicy = {
    name: "voiceid-delete-on-destroy-acknowledged",
    description:
        "Jobs that delete their fraudsters or speakers on destroy are protected or acknowledged in the policy config.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            acknowledgedJobs: jobListSchema(
                "whose deleteFraudstersOnDestroy / deleteSpeakersOnDestroy is acknowledged",
            ),
        },
    },
    validateResource: (args, report) => {
        const kind = voiceIdKind(args.type);
        if (kind !== "FraudsterRegistrationJob" && kind !== "SpeakerEnrollmentJob") return;
        const [flag, what] = FLAG[kind];
        if (read(args.props, flag) !== true || args.opts.protect) return;
        if (listed(args.getConfig<DeleteOnDestroyConfig>().acknowledgedJobs, args.name)) return;
        report(
            `${label(kind, args.name)}: ${flag} is true, so destroying or replacing the job deletes the ${what} it ` +
                `registered, and the resource is not protected. Fix: set the resource option protect: true, or acknowledge it in the ` +
                `stack's policy config ({"voiceid-delete-on-destroy-acknowledged": {"acknowledgedJobs": [${JSON.stringify(args.name)}]}}).`,
        );
    },
};
