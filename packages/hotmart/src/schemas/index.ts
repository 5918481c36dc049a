/**
 * `hotmart/schemas`: zod schemas of every response and webhook. zod is an optional peer dependency;
 * only this entry point imports it.
 */
export * from "./registry";
export * from "./resources";
export * from "./webhooks";
