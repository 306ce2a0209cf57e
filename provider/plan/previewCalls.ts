/**
 * The preview half of a resource provider whose `check` and `diff` need nothing but its rules:
 * validate, compare against the target in effect, present the diff and print the plan line.
 * Domains and watchlists use it; the batch jobs add their preflight (`batchJob/preflight.ts`).
 * @module
 */
import { ambientTarget } from "../shared/clients";
import { withoutProvider } from "../shared/data";
import { PresentedDiff, presentDiff } from "../shared/detailedDiff";
import { ResourceDiff } from "../shared/resourceDiff";
import { AmbientTarget } from "../shared/scope";
import { Failure } from "../shared/validation";
import { VoiceIdType } from "./consequences";
import { noteCheck, noteDiff } from "./notes";

/** `check` and `diff` of a resource from its validation and its comparison. */
export function previewCalls(
    type: VoiceIdType,
    validate: (inputs: Record<string, unknown>) => Failure[],
    compare: (olds: Record<string, unknown>, news: Record<string, unknown>, ambient: AmbientTarget) => ResourceDiff,
) {
    return { check: checkWith(type, validate), diff: diffWith(type, compare) };
}

/** `check`: every constraint before any API call (unknown preview values pass), then the import line. */
export function checkWith(type: VoiceIdType, validate: (inputs: Record<string, unknown>) => Failure[]) {
    return async (olds: Record<string, unknown>, news: Record<string, unknown>) => {
        const failures = validate(news);
        if (!failures.length) noteCheck(type, olds, news);
        return { inputs: news, failures };
    };
}

/** `diff`: the resource's comparison, with its presentation and a plan line for a replacement. */
export function diffWith(
    type: VoiceIdType,
    compare: (olds: Record<string, unknown>, news: Record<string, unknown>, ambient: AmbientTarget) => ResourceDiff,
) {
    return async (
        id: string,
        olds: Record<string, unknown>,
        news: Record<string, unknown>,
    ): Promise<ResourceDiff & PresentedDiff> => {
        const o = withoutProvider<Record<string, unknown>>(olds);
        const n = withoutProvider<Record<string, unknown>>(news);
        const presented = presentDiff(o, n, compare(o, n, await ambientTarget()));
        noteDiff(type, id, o, n, presented);
        return presented;
    };
}
