/**
 * The one seam of every provider unit test: the provider builds its real SDK clients and
 * commands, and a test answers each command at the client's `initialize` step (through
 * `observeClients`), so nothing is sent. Installing a seam also puts a fake clock and fixed
 * randomness in the process-wide runtime (retries and waits take no time) and captures log lines.
 * @module
 */
import { FakeClock } from "../../../provider/shared/clock";
import { observeClients, resetClients } from "../../../provider/shared/clients";
import { runtime } from "../../../provider/shared/callContext";
import { sink } from "../../../provider/shared/log";

/** An SDK-shaped service error (`name`, HTTP status, extra members such as `ResourceType`). */
export function sdkError(name: string, status: number, message = name, extra: Record<string, unknown> = {}): Error {
    return Object.assign(new Error(message), {
        name,
        $metadata: { httpStatusCode: status },
        $fault: status >= 500 ? "server" : "client",
        ...extra,
    });
}

/** Answers the commands of every client the provider creates; see the module. */
export abstract class SdkSeam {
    readonly clock = new FakeClock(1_700_000_000_000);
    /** Log lines written while installed. */
    readonly lines: string[] = [];
    private detach?: () => void;
    private readonly saved = { ...runtime };
    private readonly savedWrite = sink.write;

    /** The SDK output for a command (by its class name, e.g. `CreateDomainCommand`), or a thrown error. */
    protected abstract answer(command: string, input: any): Promise<unknown>;

    install(): this {
        resetClients();
        runtime.clock = this.clock;
        runtime.random = () => 0.5;
        this.detach = observeClients((client) => {
            client.middlewareStack.add(
                (_next: any, context: any) => async (args: any) => ({
                    output: await this.answer(context.commandName, args.input),
                }),
                {
                    step: "initialize",
                    name: "sdkSeam",
                },
            );
        });
        sink.write = (_level, line) => void this.lines.push(line);
        return this;
    }

    uninstall(): void {
        this.detach?.();
        resetClients();
        Object.assign(runtime, this.saved);
        sink.write = this.savedWrite;
    }
}

/** Handlers by command name: each returns the SDK output or throws. */
export type CommandHandlers = Record<string, (input: any) => unknown>;

/** A seam answering from handlers a test gives, recording every command and its input. */
export class ScriptedSdk extends SdkSeam {
    private handlers: CommandHandlers = {};
    private calls: [string, any][] = [];

    /** Answers by `handlers` from now on; returns the commands recorded from now on. */
    script(handlers: CommandHandlers): [string, any][] {
        this.handlers = handlers;
        this.calls = [];
        return this.calls;
    }

    protected async answer(command: string, input: any): Promise<unknown> {
        this.calls.push([command, input]);
        const handler = this.handlers[command];
        if (!handler) throw new Error(`unexpected call ${command}`);
        return handler(input);
    }
}
