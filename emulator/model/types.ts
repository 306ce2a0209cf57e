/**
 * The types of the service model the protocol layer validates against (botocore's vocabulary).
 * @module
 */
/** A shape of the service model, reduced to what validation needs (botocore's vocabulary). */
export interface Shape {
    type:
        | "structure"
        | "list"
        | "map"
        | "string"
        | "integer"
        | "long"
        | "boolean"
        | "timestamp"
        | "blob"
        | "double"
        | "float";
    required?: string[];
    members?: Record<string, { shape: string; idempotencyToken?: boolean }>;
    member?: string;
    key?: string;
    value?: string;
    min?: number;
    max?: number;
    pattern?: string;
    enum?: string[];
    sensitive?: boolean;
}

export type ShapeTable = Record<string, Shape>;

/** Operation name -> input shape and the error shapes the model declares for it. */
export type OperationTable = Record<string, { input: string; errors: string[] }>;
