/**
 * zod schemas of every REST response, one `<Name>Schema` per public type of `src/resources` (page bodies,
 * their items and nested objects, bare arrays, single objects), plus the open enums and shared shapes.
 */
export * from "./club";
export * from "./enums";
export * from "./events";
export * from "./negotiation";
export * from "./products";
export * from "./sales";
export { MoneySchema, PageInfoSchema, type PageSchema, ProductRefSchema } from "./shared";
export * from "./subscriptions";
