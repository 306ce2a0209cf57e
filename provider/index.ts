/**
 * pulumi-voiceid: Amazon Connect Voice ID fraudster registration as code.
 *
 * @packageDocumentation
 */
export {};
