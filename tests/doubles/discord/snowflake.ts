const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** Returns a fresh, valid Discord snowflake (timestamp-based, like Discord's own ids). */
export function nextSnowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n | (1n << 17n) | increment).toString();
}

/** Returns a random interaction-token-like string. */
export function randomToken(prefix: string): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return `${prefix}.${Buffer.from(bytes).toString('base64url')}`;
}
