/**
 * The Voice ID policy pack's own analyzer host: Pulumi's `pulumirpc.Analyzer` gRPC service on the
 * protocol stubs `@pulumi/pulumi` ships (`host/`), serving `@pulumi/policy` policy objects with
 * `@pulumi/policy`'s semantics (tests/unit/policy/equivalence.test.ts holds the two servers to the
 * same answers). It exists for start-up time: `@pulumi/policy`'s server loads `@pulumi/pulumi`'s
 * whole runtime before it can print its port (about 0.35 s of every preview); this host loads
 * `@grpc/grpc-js`, `google-protobuf` and three files of `@pulumi/pulumi/proto`.
 *
 * The RPCs are those `@pulumi/policy` 1.21 implements: GetAnalyzerInfo, GetPluginInfo,
 * Configure, ConfigureStack, Analyze, AnalyzeStack and Remediate. Like it, the host leaves
 * Handshake and Cancel unimplemented: the engine of CLI 3.276 calls both (Handshake first,
 * Cancel before it stops the plugin), logs "not supported" / "does not implement the method" and
 * carries on, as with `@pulumi/policy`.
 * @module
 */
import * as grpc from "@grpc/grpc-js";
import { servePlugin } from "../provider/shared/pluginServer";
import { AnalyzerPack, checkPack, DEFAULT_ENFORCEMENT_LEVEL } from "./host/definition";
import { Analysis, asGrpcError } from "./host/analysis";
import { analyzerInfo } from "./host/info";
import { PackState } from "./host/state";
import { analyzer, analyzerpb, AnalyzerService, pluginpb } from "./host/proto";

export type { AnalyzerPack } from "./host/definition";

/** The version GetPluginInfo reports: that of the `@pulumi/policy` whose semantics the host reproduces. */
export const POLICY_SDK_VERSION = "1.21.0";

type Handler<Req, Res> = (req: Req) => Res | Promise<Res>;

/** A unary gRPC handler from a function of the request; an error is sent as `@pulumi/policy` sends it. */
function unary<Req, Res>(fn: Handler<Req, Res>, wrap: (e: unknown) => Error = (e) => asGrpcError(e)) {
    return (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => {
        Promise.resolve()
            .then(() => fn(call.request))
            .then(
                (res) => callback(null, res),
                (e) => callback(wrap(e) as grpc.ServiceError, null),
            );
    };
}

/** The service's implementation for one pack. */
export function analyzerImplementation(pack: AnalyzerPack): grpc.UntypedServiceImplementation {
    checkPack(pack);
    const state = new PackState(pack.args.enforcementLevel || DEFAULT_ENFORCEMENT_LEVEL);
    const analysis = new Analysis(pack, state);
    // Analyze, AnalyzeStack and Remediate errors already name the policy (asGrpcError in analysis.ts).
    const asIs = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
    return {
        getAnalyzerInfo: unary(() => analyzerInfo(pack)),
        getPluginInfo: unary(() => {
            const info = new pluginpb.PluginInfo();
            info.setVersion(POLICY_SDK_VERSION);
            return info;
        }),
        configure: unary((req: analyzer.ConfigureAnalyzerRequest) => {
            state.configure(req);
            // The Empty class the service's serializer checks with instanceof (that of @pulumi/pulumi's google-protobuf).
            const Empty = (AnalyzerService.configure as unknown as { responseType: new () => object }).responseType;
            return new Empty();
        }),
        configureStack: unary((req: analyzer.AnalyzerStackConfigureRequest) => {
            state.configureStack(req);
            return new analyzerpb.AnalyzerStackConfigureResponse();
        }),
        analyze: unary((req: analyzer.AnalyzeRequest) => analysis.analyze(req), asIs),
        analyzeStack: unary((req: analyzer.AnalyzeStackRequest) => analysis.analyzeStack(req), asIs),
        remediate: unary((req: analyzer.AnalyzeRequest) => analysis.remediate(req), asIs),
    };
}

/**
 * Serves the pack on 127.0.0.1 (a free port) and prints the port on stdout, the line the Pulumi
 * CLI waits for. Resolves with the port; the server keeps the process alive until the engine
 * stops it.
 */
export function serveAnalyzer(pack: AnalyzerPack): Promise<number> {
    return servePlugin(AnalyzerService, analyzerImplementation(pack));
}
