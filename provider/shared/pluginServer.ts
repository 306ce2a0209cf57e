/**
 * Serving a Pulumi plugin: a gRPC server on a free loopback port, whose number goes to stdout as
 * the line the Pulumi CLI waits for. One home for the native resource plugin (`native/host.ts`)
 * and the policy pack's analyzer host (`policy/server.ts`); it loads only `@grpc/grpc-js`.
 * @module
 */
import * as grpc from "@grpc/grpc-js";

/** The largest request accepted (400 MB), as Pulumi's SDKs set it: a stack's whole state may come in one. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/**
 * Serves `implementation` of `service` on 127.0.0.1 (a free port) and prints the port. Resolves
 * with the port; the server keeps the process alive until the engine stops it.
 */
export async function servePlugin(
    service: grpc.ServiceDefinition,
    implementation: grpc.UntypedServiceImplementation,
): Promise<number> {
    const server = new grpc.Server({ "grpc.max_receive_message_length": MAX_MESSAGE_BYTES });
    server.addService(service, implementation);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
            err ? reject(err) : resolve(p),
        ),
    );
    process.stdout.write(`${port}\n`);
    return port;
}
