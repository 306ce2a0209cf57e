/**
 * Builds a resource's {@link ResourceScope} in the program (where project, stack and stack
 * config are visible). Kept apart from `scope.ts` so provider-side code never loads
 * `@pulumi/pulumi` through it.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceScope } from "./scope";

/**
 * Project, stack, logical name and the stack config that decides where calls go; with `type`
 * (the type token), the resource's URN as the engine will make it, for provider lines on its row.
 */
export function programScope(name: string, type?: string, parent?: pulumi.Resource): ResourceScope {
    const voiceid = new pulumi.Config("voiceid");
    const aws = new pulumi.Config("aws");
    const scope: ResourceScope = {
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        name,
        configRegion: voiceid.get("region") ?? aws.get("region"),
        configEndpoint: voiceid.get("endpoint"),
        // An Output in the program; the provider receives the string.
        urn: type ? (pulumi.createUrn(name, type, parent) as unknown as string) : undefined,
    };
    for (const k of Object.keys(scope) as (keyof ResourceScope)[]) if (scope[k] === undefined) delete scope[k];
    return scope;
}
