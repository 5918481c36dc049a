/** The CLI's building blocks, for tools that reuse its method table (an MCP server, scripts). */
export { EXIT, EXIT_CODES_HELP, exitCodeOf } from "./exit";
export { columnsOf, flatten, getPath } from "./flatten";
export {
  type ArgSpec,
  commandName,
  METHODS,
  type MethodSpec,
  type ParamSpec,
  type ParamType,
} from "./methods";
export { run, VERSION } from "./program";
export { proxyFor, proxySettings, showProxy, useProxyFromEnv } from "./proxy";
