/** A loopback port free now, below the kernel's ephemeral range (see stable-port.mjs). */
export function stablePort(host?: string): Promise<number>;
