import { gunzipSync, gzipSync } from "node:zlib";

/**
 * The public revocation list: a W3C Bitstring Status List (v1.0). Every certificate has a bit,
 * given when it is issued (its `status_index`); the bit is 1 once the certificate is revoked. The
 * list is published as a signed credential at /credentials/status/revocation, made from the
 * database on every request, so a verifier that holds a badge downloaded before a revocation
 * still learns of it. Pure: the bits are passed in.
 *
 * Encoding (§ 3.2 of the specification): bit 0 is the left-most bit of the first byte; the bytes
 * are GZIP-compressed, base64url-encoded without padding, with the multibase prefix "u". The list
 * is at least 16 KiB (131,072 bits) so that one revocation says little about whom it concerns.
 */

export const STATUS_LIST_MIN_BITS = 131_072;
export const STATUS_LIST_PATH = "/credentials/status/revocation";

/** The list's length in bits for the highest index in use: the minimum, or whole multiples of it. */
export function statusListLength(highestIndex: number): number {
  return Math.max(1, Math.ceil((highestIndex + 1) / STATUS_LIST_MIN_BITS)) * STATUS_LIST_MIN_BITS;
}

export function encodeStatusList(setBits: Iterable<number>, length: number): string {
  if (length % 8 !== 0) throw new Error("a status list is a whole number of bytes");
  const bytes = new Uint8Array(length / 8);
  for (const index of setBits) {
    if (!Number.isInteger(index) || index < 0 || index >= length) throw new Error(`status index ${index} is outside the list`);
    bytes[index >> 3]! |= 0x80 >> (index & 7);
  }
  // mtime 0 (the default) keeps the encoding the same for the same bits.
  return `u${gzipSync(bytes).toString("base64url")}`;
}

export function decodeStatusList(encoded: string): Uint8Array {
  if (!encoded.startsWith("u")) throw new Error("not a multibase base64url string");
  return new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), "base64url")));
}

/** Whether a bit is set (1: revoked). */
export function statusBit(list: Uint8Array, index: number): boolean {
  if (index < 0 || index >= list.length * 8) throw new Error(`status index ${index} is outside the list`);
  return (list[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/** The entry a credential carries to point at its bit (BitstringStatusListEntry). */
export function statusListEntry(origin: string, index: number) {
  const list = `${origin}${STATUS_LIST_PATH}`;
  return {
    id: `${list}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(index),
    statusListCredential: list,
  };
}

/** The list itself, as a credential (BitstringStatusListCredential), for the issuer to sign. */
export function statusListCredential({
  origin,
  issuerId,
  validFrom,
  encodedList,
}: {
  origin: string;
  issuerId: string;
  validFrom: string;
  encodedList: string;
}) {
  const id = `${origin}${STATUS_LIST_PATH}`;
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: issuerId,
    validFrom,
    credentialSubject: { id: `${id}#list`, type: "BitstringStatusList", statusPurpose: "revocation", encodedList },
  };
}
