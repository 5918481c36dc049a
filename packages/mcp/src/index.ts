export { type CliConfig, parseCliArgs, USAGE } from "./args";
export { argumentsKey, CONFIRMATION_TTL_MS, ConfirmationStore } from "./confirm";
export type { ToolContext } from "./context";
export { describeError, writeOutcomeUnknown } from "./errors";
export {
  type GateConfig,
  type GateDecision,
  gate,
  type HttpOptions,
  MCP_PATH,
  type RunningHttpServer,
  startHttpServer,
} from "./http";
export { type Backend, CALL_BUDGET_MS, hasCredentials, openBackend } from "./runtime";
export { createContext, createMcpServer, SERVER_NAME, SERVER_VERSION, type ServerOptions } from "./server";
export type { WritePlan } from "./tools/writes";
