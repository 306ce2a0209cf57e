/**
 * `pulumi-resource-voiceid`: a native Pulumi resource plugin serving the SAME provider modules
 * as the dynamic classes (`provider/<resource>/provider.ts`, called through
 * `shared/engineView.ts`), for programs in any language.
 *
 * A gRPC ResourceProvider of our own on the protocol stubs `@pulumi/pulumi` ships (deep imports:
 * the SDK version is pinned in package.json), because the SDK's `provider.main()` drops
 * `detailedDiff`, ignores config variables, hands secrets over in wire form and gives the
 * provider code no engine logger (docs/native-plugin.md has the RPC-by-RPC map).
 *
 * What the dynamic resource classes add to the inputs in the program, this host adds in Check:
 * the program scope (`__scope`: project, stack and name from the URN, `voiceid:region` /
 * `voiceid:endpoint` provider config, the URN for log lines) and the default `name`. So the
 * modules, and the state, look the same under both hosts.
 * @module
 */
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { dispatchTo, ProviderModule } from "../shared/engineView";
import { useEngine } from "../shared/engineLog";
import { engineAddressOf } from "../shared/dynamicHost";
import { watchEngine } from "../shared/engineWatch";
import { setHowToStop, stopWaits } from "../shared/stop";
import { defaultName } from "../shared/names";
import { servePlugin } from "../shared/pluginServer";
import type { ResourceScope } from "../shared/scope";
import * as domain from "../domain/provider";
import * as watchlist from "../watchlist/provider";
import * as jobs from "../jobs/provider";
import * as enrollment from "../enrollment/provider";
import { CatalogResource, resourceOf } from "./catalog";
import { invoke } from "./functions";
import { unwrap, wrap } from "./wire";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const plugproto = require("@pulumi/pulumi/proto/plugin_pb");
const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const anyproto = require("google-protobuf/google/protobuf/any_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");

/** The implementation of each type token: the modules the dynamic classes load by name. */
const MODULES: Record<string, ProviderModule> = {
    "voiceid:index:VoiceIdDomain": domain as unknown as ProviderModule,
    "voiceid:index:VoiceIdWatchlist": watchlist as unknown as ProviderModule,
    "voiceid:index:FraudsterRegistrationJob": jobs as unknown as ProviderModule,
    "voiceid:index:SpeakerEnrollmentJob": enrollment as unknown as ProviderModule,
};

/**
 * Marks olds as recorded by a host that can read, update and delete them. The batch-job core
 * treats an entry without `__provider` as one the dynamic host recorded without its provider
 * (0.1.0) and replaces it in place; every entry of this host is complete.
 */
// Compatibility shim (0.1.0 state), may be removed in 1.0.0: docs/compatibility.md
const RECORDED = "pulumi-resource-voiceid";

/** The plugin's version (the package's), reported to the engine. */
export function pluginVersion(): string {
    for (const p of [path.join(__dirname, "package.json"), path.join(__dirname, "..", "..", "..", "package.json")]) {
        if (fs.existsSync(p)) return JSON.parse(fs.readFileSync(p, "utf8")).version;
    }
    return "0.0.0";
}

/** The generated schema (`scripts/native-schema.ts`), written beside this file by the build. */
export function schemaText(): string {
    const file = path.join(__dirname, "schema.json");
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:plugin\``);
    return fs.readFileSync(file, "utf8");
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → its parts. */
export function parseUrn(urn: string): { stack?: string; project?: string; name?: string } {
    // Type tokens hold single colons; only `::` separates the parts, and a name may hold `::` too.
    const parts = (urn ?? "").split("::");
    if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) return {};
    return { stack: parts[0].slice("urn:pulumi:".length), project: parts[1], name: parts.slice(3).join("::") };
}

/** Provider configuration: where calls go when a resource declares nothing. */
export interface NativeConfig {
    region?: string;
    endpoint?: string;
}

/** Reads `region`/`endpoint` from a Configure request (args, else `voiceid:[config:]<key>` variables). */
function configOf(req: any): NativeConfig {
    const args = unwrap(req.getArgs()?.toJavaScript()).plain;
    const vars: Map<string, string> = req.getVariablesMap();
    const fromVars = (key: string) => vars.get(`voiceid:${key}`) ?? vars.get(`voiceid:config:${key}`);
    const pick = (key: string) => {
        const v = args[key] ?? fromVars(key);
        return typeof v === "string" && v !== "" ? v : undefined;
    };
    return { region: pick("region"), endpoint: pick("endpoint") };
}

type Callback = (err: grpc.ServiceError | Partial<grpc.StatusObject> | null, value?: unknown) => void;

/** An error for the engine; an error carrying `id` and `properties` records partial state. */
function toGrpcError(err: unknown, secretKeys: Iterable<string>, inputs?: unknown): Partial<grpc.StatusObject> {
    const e = err as { message?: string; id?: string; properties?: Record<string, unknown>; reasons?: string[] };
    const message = e?.message ?? String(err);
    const metadata = new grpc.Metadata();
    if (e && typeof e === "object" && e.id && e.properties) {
        // ErrorResourceInitFailed: the engine records the resource with these outputs and fails the step.
        const detail = new provproto.ErrorResourceInitFailed();
        detail.setId(e.id);
        detail.setProperties(structproto.Struct.fromJavaScript(wrap(e.properties, secretKeys)));
        detail.setReasonsList(e.reasons ?? [message]);
        if (inputs) detail.setInputs(inputs);
        const any = new anyproto.Any();
        any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
        const status = new statusproto.Status();
        status.setCode(grpc.status.UNKNOWN);
        status.setMessage(message);
        status.addDetails(any);
        metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    }
    return { code: grpc.status.UNKNOWN, details: message, metadata };
}

const DIFF_KIND: Record<string, number> = {
    add: 0,
    addReplace: 1,
    delete: 2,
    deleteReplace: 3,
    update: 4,
    updateReplace: 5,
};

/** The ResourceProvider service: one method per RPC. */
export class NativeProvider {
    config: NativeConfig = {};
    private readonly inputNames: Record<string, string[]>;

    constructor(private readonly schema: string = schemaText()) {
        const s = JSON.parse(schema);
        this.inputNames = Object.fromEntries(
            Object.entries(s.resources as Record<string, { inputProperties: object }>).map(([t, r]) => [
                t,
                Object.keys(r.inputProperties),
            ]),
        );
    }

    private resource(urnOrToken: string): { entry: CatalogResource; mod: ProviderModule } {
        const token = urnOrToken.startsWith("urn:") ? urnOrToken.split("::")[2].split("$").pop()! : urnOrToken;
        const entry = resourceOf(token);
        const mod = MODULES[token];
        if (!entry || !mod) throw new Error(`pulumi-resource-voiceid does not serve ${token}`);
        return { entry, mod };
    }

    /** The scope the dynamic classes record, made from the URN and the provider config. */
    scopeOf(urn: string): ResourceScope {
        const u = parseUrn(urn);
        const scope: ResourceScope = {
            project: u.project,
            stack: u.stack,
            name: u.name,
            configRegion: this.config.region,
            configEndpoint: this.config.endpoint,
            urn,
        };
        for (const k of Object.keys(scope) as (keyof ResourceScope)[]) if (scope[k] === undefined) delete scope[k];
        return scope;
    }

    /** Runs one RPC: the answer, or the error as the engine expects it. */
    private serve(
        callback: Callback,
        body: () => Promise<unknown>,
        secretKeys: () => Iterable<string> = () => [],
        inputs?: () => unknown,
    ): void {
        body().then(
            (r) => callback(null, r),
            (err) => callback(toGrpcError(err, secretKeys(), inputs?.()) as grpc.ServiceError),
        );
    }

    private struct(v: Record<string, unknown>): unknown {
        return structproto.Struct.fromJavaScript(v);
    }

    getPluginInfo(_call: unknown, callback: Callback): void {
        const info = new plugproto.PluginInfo();
        info.setVersion(pluginVersion());
        callback(null, info);
    }

    getSchema(_call: unknown, callback: Callback): void {
        const resp = new provproto.GetSchemaResponse();
        resp.setSchema(this.schema);
        callback(null, resp);
    }

    checkConfig(call: any, callback: Callback): void {
        // Config is plain strings: nothing to normalize, nothing to reject.
        const resp = new provproto.CheckResponse();
        resp.setInputs(call.request.getNews());
        callback(null, resp);
    }

    diffConfig(call: any, callback: Callback): void {
        // A changed region/endpoint is judged per resource (its Diff compares where it lives).
        const o = unwrap(call.request.getOlds()?.toJavaScript()).plain;
        const n = unwrap(call.request.getNews()?.toJavaScript()).plain;
        const diffs = ["region", "endpoint"].filter((k) => (o[k] ?? "") !== (n[k] ?? ""));
        const resp = new provproto.DiffResponse();
        resp.setChanges(
            diffs.length ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE,
        );
        resp.setDiffsList(diffs);
        callback(null, resp);
    }

    configure(call: any, callback: Callback): void {
        this.config = configOf(call.request);
        const resp = new provproto.ConfigureResponse();
        resp.setAcceptsecrets(true);
        resp.setSupportspreview(true);
        resp.setAcceptresources(false);
        resp.setAcceptoutputs(false);
        callback(null, resp);
    }

    check(call: any, callback: Callback): void {
        const req = call.request;
        const news = unwrap(req.getNews()?.toJavaScript());
        this.serve(callback, async () => {
            const { entry, mod } = this.resource(req.getUrn());
            const olds = unwrap(req.getOlds()?.toJavaScript()).plain;
            const inputs: Record<string, any> = { ...news.plain, __scope: this.scopeOf(req.getUrn()) };
            if (entry.defaultsName && inputs.name === undefined)
                inputs.name = defaultName(parseUrn(req.getUrn()).name ?? "");
            const r = await dispatchTo(mod, entry.token, "check", [olds, inputs]);
            const resp = new provproto.CheckResponse();
            resp.setInputs(this.struct(wrap(r.inputs, news.secretKeys)));
            resp.setFailuresList(
                (r.failures ?? []).map((f: { property: string; reason: string }) => {
                    const failure = new provproto.CheckFailure();
                    failure.setProperty(f.property);
                    failure.setReason(f.reason);
                    return failure;
                }),
            );
            return resp;
        });
    }

    diff(call: any, callback: Callback): void {
        const req = call.request;
        this.serve(callback, async () => {
            const { entry, mod } = this.resource(req.getUrn());
            const olds = { ...unwrap(req.getOlds()?.toJavaScript()).plain, __provider: RECORDED };
            const news = unwrap(req.getNews()?.toJavaScript()).plain;
            const d = await dispatchTo(mod, entry.token, "diff", [req.getId(), olds, news]);
            const resp = new provproto.DiffResponse();
            resp.setChanges(
                d.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE,
            );
            resp.setReplacesList(d.replaces ?? []);
            resp.setStablesList(d.stables ?? []);
            resp.setDeletebeforereplace(!!d.deleteBeforeReplace);
            resp.setDiffsList(d.diffs ?? []);
            const detailed = resp.getDetaileddiffMap();
            for (const [p, pd] of Object.entries(
                (d.detailedDiff ?? {}) as Record<string, { kind: string; inputDiff: boolean }>,
            )) {
                const x = new provproto.PropertyDiff();
                x.setKind(DIFF_KIND[pd.kind] ?? DIFF_KIND.update);
                x.setInputdiff(pd.inputDiff);
                detailed.set(p, x);
            }
            resp.setHasdetaileddiff(true);
            return resp;
        });
    }

    create(call: any, callback: Callback): void {
        const req = call.request;
        const inputs = unwrap(req.getProperties()?.toJavaScript());
        let secrets: string[] = [];
        this.serve(
            callback,
            async () => {
                const { entry, mod } = this.resource(req.getUrn());
                secrets = [...inputs.secretKeys, ...entry.secretOutputs];
                const resp = new provproto.CreateResponse();
                if (req.getPreview()) {
                    // What the outputs will hold of the inputs is known now; the rest stays unknown.
                    resp.setProperties(this.struct(wrap(inputs.plain, secrets)));
                    return resp;
                }
                const r = await dispatchTo(mod, entry.token, "create", [inputs.plain]);
                resp.setId(r.id);
                resp.setProperties(this.struct(wrap(r.outs, secrets)));
                return resp;
            },
            () => secrets,
            () => req.getProperties(),
        );
    }

    read(call: any, callback: Callback): void {
        const req = call.request;
        this.serve(callback, async () => {
            const { entry, mod } = this.resource(req.getUrn());
            const props = unwrap(req.getProperties()?.toJavaScript());
            const oldInputs = unwrap(req.getInputs()?.toJavaScript());
            // An import (no recorded properties) reads through the provider config, like a create.
            const plain = { __scope: this.scopeOf(req.getUrn()), ...props.plain };
            const r = await dispatchTo(mod, entry.token, "read", [req.getId(), plain]);
            const resp = new provproto.ReadResponse();
            if (!r?.id || !r.props) return resp; // gone: the engine removes it from the stack
            const secrets = [...props.secretKeys, ...oldInputs.secretKeys, ...entry.secretOutputs];
            resp.setId(r.id);
            resp.setProperties(this.struct(wrap(r.props, secrets)));
            if (Object.keys(oldInputs.plain).length) {
                resp.setInputs(req.getInputs());
            } else {
                // Import: the inputs are what the program would declare (the schema's input properties).
                const names = this.inputNames[entry.token] ?? [];
                const inputs = Object.fromEntries(
                    names.filter((k) => r.props[k] !== undefined).map((k) => [k, r.props[k]]),
                );
                resp.setInputs(this.struct(wrap(inputs, secrets)));
            }
            return resp;
        });
    }

    update(call: any, callback: Callback): void {
        const req = call.request;
        const news = unwrap(req.getNews()?.toJavaScript());
        let secrets: string[] = [];
        this.serve(
            callback,
            async () => {
                const { entry, mod } = this.resource(req.getUrn());
                const olds = unwrap(req.getOlds()?.toJavaScript());
                secrets = [...news.secretKeys, ...entry.secretOutputs];
                const resp = new provproto.UpdateResponse();
                if (req.getPreview()) {
                    // Known outputs at preview: what the resource produced stays, the inputs are the new
                    // ones. Without this every output is unknown to YAML expressions (`${domain.domainId}`)
                    // and whatever depends on them previews a replacement.
                    const kept = { ...olds.plain };
                    for (const k of [...(this.inputNames[entry.token] ?? []), "__scope"]) delete kept[k];
                    const keptSecret = [...olds.secretKeys].filter((k) => k in kept);
                    resp.setProperties(this.struct(wrap({ ...kept, ...news.plain }, [...secrets, ...keptSecret])));
                    return resp;
                }
                const r = await dispatchTo(mod, entry.token, "update", [
                    req.getId(),
                    { ...olds.plain, __provider: RECORDED },
                    news.plain,
                ]);
                resp.setProperties(this.struct(wrap(r.outs, secrets)));
                return resp;
            },
            () => secrets,
            () => req.getNews(),
        );
    }

    delete(call: any, callback: Callback): void {
        const req = call.request;
        this.serve(callback, async () => {
            const { entry, mod } = this.resource(req.getUrn());
            const props = { __scope: this.scopeOf(req.getUrn()), ...unwrap(req.getProperties()?.toJavaScript()).plain };
            await dispatchTo(mod, entry.token, "delete", [req.getId(), props]);
            return new emptyproto.Empty();
        });
    }

    invoke(call: any, callback: Callback): void {
        const req = call.request;
        this.serve(callback, async () => {
            const result = invoke(req.getTok(), unwrap(req.getArgs()?.toJavaScript()).plain);
            const resp = new provproto.InvokeResponse();
            resp.setReturn(this.struct(result as unknown as Record<string, unknown>));
            return resp;
        });
    }

    cancel(_call: unknown, callback: Callback): void {
        // The engine cancels the deployment (one Ctrl-C or SIGTERM of `pulumi up`): every wait of
        // every operation ends at once, and a started job is recorded with its id (`shared/stop.ts`).
        stopWaits({
            kind: "cancelled",
            detail: "the engine asked to cancel the update (Ctrl-C or SIGTERM of `pulumi up`)",
        });
        callback(null, new emptyproto.Empty());
    }
}

/**
 * Starts the plugin: serves on a free local port, prints it (the engine reads it from stdout),
 * sends every log line to the engine, and exits when the engine is gone (`shared/engineWatch.ts`:
 * stdin closed, reparented, or the engine's address refusing, as after a kill -9 of `pulumi up`).
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
    const provider = new NativeProvider();
    const address = engineAddressOf(argv);
    watchEngine({ engineAddress: address });
    setHowToStop("one Ctrl-C (or SIGTERM) of `pulumi up` stops waiting");
    if (address) {
        const client = new engrpc.EngineClient(address, grpc.credentials.createInsecure());
        useEngine(
            client,
            (severity, message, urn) => {
                const req = new engproto.LogRequest();
                req.setSeverity(severity === "warn" ? engproto.LogSeverity.WARNING : engproto.LogSeverity.INFO);
                req.setMessage(message);
                if (urn) req.setUrn(urn);
                return req;
            },
            () => new grpc.Metadata(),
        );
    }
    const service: Record<string, unknown> = {};
    for (const name of Object.getOwnPropertyNames(NativeProvider.prototype)) {
        if (name !== "constructor" && typeof (provider as any)[name] === "function")
            service[name] = (provider as any)[name].bind(provider);
    }
    await servePlugin(provrpc.ResourceProviderService, service as grpc.UntypedServiceImplementation);
}
