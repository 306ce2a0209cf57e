/**
 * The one parser of `s3://` URIs in the library: job inputs and outputs, manifests' audio
 * locations and the components' policy resources all split a URI here.
 * @module
 */

/** The parts of an `s3://bucket/key` URI. */
export interface S3Location {
    /** The bucket name. */
    bucket: string;
    /** The object key or folder prefix, without the leading `/`; empty for a bare bucket. */
    key: string;
}

/**
 * Splits `s3://<bucket>[/<key>]` into bucket and key; throws on anything else.
 *
 * The rule: the scheme is `s3://` (lower case), the bucket is everything up to the first `/` and
 * is not empty, the key is everything after that `/` as written, on one line (`s3://b/calls/` keeps its
 * trailing `/`, which marks a folder; `s3://b` and `s3://b/` have the key `""`). Nothing is
 * decoded or normalised. Whether the bucket name is one Voice ID accepts is a validation rule
 * (`S3_URI_PATTERN` in `shared/validation.ts`), checked on the inputs before any URI is parsed.
 */
export function parseS3Uri(uri: string): S3Location {
    const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
    if (!match) throw new Error(`not an S3 URI s3://<bucket>[/<key>]: ${uri}`);
    return { bucket: match[1], key: match[2] ?? "" };
}
