import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** Requests signed longer ago (or further ahead) than this are refused: a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** Why a request's signature was refused (logged at debug level; the client only gets 401). */
export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'wrong' };

/**
 * Checks Discord's request signatures: Ed25519 over `X-Signature-Timestamp`
 * followed by the raw body, with the application's public key (64 hex
 * characters, Developer Portal > General Information), using Node's own
 * `crypto` (the key imported as an OKP JSON Web Key).
 */
export function discordSignatureVerifier(publicKeyHex: string, now: () => number = Date.now) {
  const key = importPublicKey(publicKeyHex);
  return (signature: string | undefined, timestamp: string | undefined, body: Buffer): SignatureCheck => {
    if (!signature || !timestamp) return { ok: false, reason: 'missing' };
    if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed' };
    if (Math.abs(now() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
    const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
    return verify(null, signed, key, Buffer.from(signature, 'hex')) ? { ok: true } : { ok: false, reason: 'wrong' };
  };
}

/** The 32-byte hex public key as a Node key object; throws naming the setting when it is not 64 hex characters. */
export function importPublicKey(publicKeyHex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(publicKeyHex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hexadecimal characters');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyHex, 'hex').toString('base64url') }, format: 'jwk' });
}
