/**
 * The manifest check before delete-before-replace (its home is `batchJob/manifest.ts`: both job
 * kinds use it).
 * @module
 */
export * from "../batchJob/manifest";
