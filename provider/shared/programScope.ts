/**
 * Builds a resource's {@link ResourceScope} in the program (where project, stack and stack
 * config are visible). Kept apart from `scope.ts` so provider-side code never loads
 * `@pulumi/pulumi` through it.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceScope } from "./scope";

/** Project, stack, logical name and the stack config that decides where calls go. */
export function programScope(name: string): ResourceScope {
    const voiceid = new pulumi.Config("voiceid");
    const aws = new pulumi.Config("aws");
    const scope: ResourceScope = {
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        name,
        configRegion: voiceid.get("region") ?? aws.get("region"),
        configEndpoint: voiceid.get("endpoint"),
    };
    for (const k of Object.keys(scope) as (keyof ResourceScope)[]) if (scope[k] === undefined) delete scope[k];
    return scope;
}
