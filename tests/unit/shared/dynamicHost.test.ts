import * as assert from "assert";
import * as diagnostics from "diagnostics_channel";
import * as http2 from "http2";
import * as net from "net";
import {
    CANCEL_PATH,
    armInDynamicHost,
    cancelObservable,
    engineAddressOf,
    inDynamicHost,
    onStreamStart,
} from "../../../provider/shared/dynamicHost";
import { howToStop, resetStop, stopCauseOf, stopSignal } from "../../../provider/shared/stop";

/** One unary-style POST to `path` on `port`, answered by the server's handler. */
function post(port: number, path: string): Promise<void> {
    return new Promise((resolve, reject) => {
        const client = http2.connect(`http://127.0.0.1:${port}`);
        client.on("error", reject);
        const req = client.request({ ":method": "POST", ":path": path, "content-type": "application/grpc" });
        req.on("data", () => undefined);
        req.on("end", () => {
            client.close();
            resolve();
        });
        req.end();
    });
}

describe("shared/dynamicHost", () => {
    afterEach(() => resetStop());

    it("recognises the dynamic provider host and its engine address", () => {
        assert.ok(inDynamicHost("/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"));
        assert.ok(!inDynamicHost("/p/node_modules/mocha/bin/mocha.js"));
        assert.ok(!inDynamicHost(undefined));
        assert.strictEqual(engineAddressOf(["127.0.0.1:44743"]), "127.0.0.1:44743");
        assert.strictEqual(
            engineAddressOf(["--logtostderr", "-v=9", "--tracing", "127.0.0.1:1", "127.0.0.1:2"]),
            "127.0.0.1:2",
        );
        assert.strictEqual(engineAddressOf([]), undefined);
        assert.ok(
            cancelObservable("22.17.0") &&
                cancelObservable("22.23.3") &&
                cancelObservable("24.2.0") &&
                cancelObservable("25.0.0"),
        );
        assert.ok(!cancelObservable("22.16.0") && !cancelObservable("23.11.0") && !cancelObservable("24.1.0"));
    });

    it("outside the host (this test process) arming does nothing", () => {
        const listeners = process.stdout.listenerCount("error") + process.stderr.listenerCount("error");
        armInDynamicHost();
        assert.strictEqual(process.stdout.listenerCount("error") + process.stderr.listenerCount("error"), listeners);
        assert.strictEqual(howToStop(), undefined);
        assert.ok(!stopSignal().aborted);
    });

    it("the engine's Cancel call, seen on Node's HTTP/2 stream channel, stops every wait; other calls do not", async () => {
        assert.ok(cancelObservable(), `the toolchain's Node ${process.versions.node} publishes HTTP/2 streams`);
        // A gRPC server stands in for the host's: it answers every call, Cancel included, itself.
        const server = http2.createServer();
        server.on("stream", (stream) => {
            stream.respond({ ":status": 200, "content-type": "application/grpc" });
            stream.end();
        });
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
        const { port } = server.address() as net.AddressInfo;
        diagnostics.subscribe("http2.server.stream.start", onStreamStart);
        try {
            await post(port, "/pulumirpc.ResourceProvider/Create");
            assert.ok(!stopSignal().aborted, "a Create must not stop waits");
            await post(port, CANCEL_PATH);
            assert.strictEqual(stopCauseOf(stopSignal())?.kind, "cancelled");
        } finally {
            diagnostics.unsubscribe("http2.server.stream.start", onStreamStart);
            await new Promise((r) => server.close(r));
        }
    });
});
