/**
 * The protocol stubs the analyzer host speaks, loaded by path from `@pulumi/pulumi/proto` (the
 * SDK version is pinned exactly, as for the native plugin's host) and from `google-protobuf`.
 * Requiring them does not start `@pulumi/pulumi`'s runtime: they need only `google-protobuf`
 * and, for the service definition, `@grpc/grpc-js`.
 * @module
 */
import type * as grpc from "@grpc/grpc-js";
import type * as analyzerTypes from "@pulumi/pulumi/proto/analyzer_pb";
import type * as pluginTypes from "@pulumi/pulumi/proto/plugin_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";

export type * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";

/** Messages and enums of `pulumirpc.Analyzer` (analyzer.proto). */
export const analyzerpb: typeof analyzerTypes = require("@pulumi/pulumi/proto/analyzer_pb");
/** `PluginInfo` (plugin.proto). */
export const pluginpb: typeof pluginTypes = require("@pulumi/pulumi/proto/plugin_pb");
/** `google.protobuf.Struct`: resource properties and config travel as Structs. */
export const structpb: typeof structTypes = require("google-protobuf/google/protobuf/struct_pb");

/** The service definition (`/pulumirpc.Analyzer/*` paths, serializers) of the generated gRPC stubs. */
export const AnalyzerService: grpc.ServiceDefinition = require("@pulumi/pulumi/proto/analyzer_grpc_pb").AnalyzerService;
