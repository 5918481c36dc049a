export { RedisDedupeStore, type RedisDedupeStoreOptions } from "./dedupe-store";
export { HotmartRedisError } from "./errors";
export { fromNodeRedis, type NodeRedisClient } from "./node-redis";
export { RedisRateLimiter, type RedisRateLimiterOptions } from "./rate-limiter";
export type { RedisClient, RedisCommonOptions } from "./redis";
export { RedisTokenStore, type RedisTokenStoreOptions } from "./token-store";
