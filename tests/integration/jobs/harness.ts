/**
 * Runs the FraudsterRegistrationJob provider in-process against the local stack (moto + an
 * isolated Voice ID emulator): the provider reads the standard AWS environment, exactly as it
 * does under `pulumi up`.
 * @module
 */
import {
    CreateDomainCommand,
    ListFraudstersCommand,
    ListFraudsterRegistrationJobsCommand,
} from "@aws-sdk/client-voice-id";
import { LocalStack, LocalStackOptions, SeedRequest, startLocalStack } from "../../support/localStack";
import { observeClients, resetClients } from "../../../provider/shared/clients";
import { sink } from "../../../provider/shared/log";
import { runtime } from "../../../provider/jobs/provider";

export interface Harness {
    stack: LocalStack;
    domainId: string;
    /** Log lines the provider printed. */
    lines: string[];
    /** Calls the provider made, by command name. */
    calls: Record<string, number>;
    /** Inputs for a job over a freshly seeded manifest. */
    seed(prefix: string, requests: SeedRequest[]): Promise<Record<string, any>>;
    fraudsterIds(): Promise<string[]>;
    jobCount(): Promise<number>;
    stop(): Promise<void>;
}

const savedEnv = { ...process.env };
const savedRuntime = { ...runtime };

/** Distinct synthetic speakers, one request each. */
export function speakers(...ids: number[]): SeedRequest[] {
    return ids.map((s, i) => ({ requestId: `req-${i}-speaker-${s}`, audio: [{ speaker: s, utterance: 1 }] }));
}

export async function startHarness(opts: LocalStackOptions = {}): Promise<Harness> {
    const stack = await startLocalStack({ jobDurationMs: 0, ...opts });
    Object.assign(process.env, stack.env);
    resetClients();
    // Faster backoff than production so fault tests stay short; same code paths.
    runtime.retryBaseDelayMs = 100;
    runtime.slotWaitMinMs = 200;
    const lines: string[] = [];
    const calls: Record<string, number> = {};
    const savedWrite = sink.write;
    sink.write = (_l, line) => void lines.push(line);
    const detach = observeClients((client) => {
        client.middlewareStack.add(
            (next: any, ctx: any) => async (args: any) => {
                calls[ctx.commandName] = (calls[ctx.commandName] ?? 0) + 1;
                return next(args);
            },
            { step: "initialize", name: "countCalls" },
        );
    });
    const key = await stack.createKmsKey();
    const domain = await stack.voiceId.send(
        new CreateDomainCommand({ Name: "jobs-test", ServerSideEncryptionConfiguration: { KmsKeyId: key.keyId } }),
    );
    const domainId = domain.Domain!.DomainId!;
    return {
        stack,
        domainId,
        lines,
        calls,
        async seed(prefix, requests) {
            const s = await stack.seedRegistration(prefix, requests);
            return {
                domainId,
                dataAccessRoleArn: s.roleArn,
                inputDataConfig: { s3Uri: s.manifestUri },
                outputDataConfig: { s3Uri: s.outputUri, kmsKeyId: s.kmsKeyId },
                scope: { project: "it", stack: "jobs", name: prefix },
            };
        },
        async fraudsterIds() {
            const ids: string[] = [];
            let next: string | undefined;
            do {
                const out = await stack.voiceId.send(
                    new ListFraudstersCommand({ DomainId: domainId, NextToken: next }),
                );
                ids.push(...(out.FraudsterSummaries ?? []).map((f) => f.GeneratedFraudsterId!));
                next = out.NextToken;
            } while (next);
            return ids;
        },
        async jobCount() {
            let n = 0;
            let next: string | undefined;
            do {
                const out = await stack.voiceId.send(
                    new ListFraudsterRegistrationJobsCommand({ DomainId: domainId, NextToken: next }),
                );
                n += out.JobSummaries?.length ?? 0;
                next = out.NextToken;
            } while (next);
            return n;
        },
        async stop() {
            detach();
            sink.write = savedWrite;
            resetClients();
            Object.assign(runtime, savedRuntime);
            for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
            Object.assign(process.env, savedEnv);
            await stack.stop();
        },
    };
}
