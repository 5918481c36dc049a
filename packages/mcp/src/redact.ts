/**
 * Secrets the server knows about (credentials, the HTTP bearer token): any text that leaves the process
 * (tool results, errors, logs) passes through `redact`. The SDK already redacts its own errors; this is
 * the second belt for everything the MCP layer writes.
 */
const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[redacted]");
  return out.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 [redacted]");
}
