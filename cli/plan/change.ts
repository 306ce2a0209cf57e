/**
 * One planned change to a Voice ID resource, the unit the summary, the deletions and the comment
 * share.
 * @module
 */
import type { PlanOp, VoiceIdType } from "../../provider/plan/consequences";
import type { InputChange } from "./values";

/** One planned change to a Voice ID resource. */
export interface PlannedChange {
    type: VoiceIdType;
    name: string;
    urn: string;
    op: PlanOp;
    /** Properties that force the replacement, or that change in place. */
    reasons: string[];
    /** Each changed input, old => new (secrets as `[secret]`), for updates and replacements. */
    inputs: InputChange[];
    consequence: string;
    /** Fraudsters this change deletes (from state), for jobs. */
    fraudstersDeleted: number;
    /** Speakers this change deletes (from state), for enrollment jobs. */
    speakersDeleted?: number;
    /** The job whose fraudsters (or speakers) are deleted. */
    jobId?: string;
}
