import { generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, generateCode, parseCode } from "./code";
import { base64url, publicJwk, signCertificate, signJws, verifyCertificateToken, type CertificateClaims } from "./signing";
import { verdict, type PublicCertificate } from "./verify";

/**
 * The promise behind "anyone can verify": no code or QR payload that was not issued verifies.
 * 10,000 cases: random strings, issued codes with typos, issued tokens with any byte changed,
 * payloads altered and re-encoded, and payloads signed with a forger's key under our key id.
 */

const ours = generateKeyPairSync("ed25519");
const forger = generateKeyPairSync("ed25519");
const kid = publicJwk(ours.publicKey).kid;
const keys = new Map([[kid, ours.publicKey]]);

const names = ["Nguyễn Thị Ánh Tuyết", "Trần Văn Bảy", "Lê Thị Hồng Nhung", "Y Bhiăm Niê Kđăm", "Phạm Đức Mạnh"];
const issued: { cert: PublicCertificate; token: string }[] = Array.from({ length: 20 }, (_, i) => {
  const claims: CertificateClaims = {
    v: 1,
    c: generateCode(),
    n: names[i % names.length]!,
    k: i % 7 === 0 ? "programme" : "module",
    s: i % 7 === 0 ? "basic-digital-skills" : "cashless-payment",
    d: `2026-03-${String((i % 28) + 1).padStart(2, "0")}`,
    i: "UBND xã Tân Phú",
  };
  const cert: PublicCertificate = {
    code: claims.c,
    kind: claims.k,
    subjectId: claims.s,
    printedName: claims.n,
    titles: { vi: "Thanh toán không dùng tiền mặt" },
    completedAt: `${claims.d}T03:00:00.000Z`,
    issuedAt: `${claims.d}T04:00:00.000Z`,
    issuer: { vi: claims.i, en: claims.i },
    revokedAt: i % 5 === 0 ? "2026-04-01T00:00:00.000Z" : null,
    claims,
  };
  return { cert, token: signCertificate(claims, { privateKey: ours.privateKey, kid }) };
});
const byCode = new Map(issued.map((x) => [x.cert.code, x.cert]));
const lookup = (code: string) => byCode.get(code) ?? null;

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

type Case = { code: string; token?: string; issuedIndex?: number };

const anIssued = fc.nat({ max: issued.length - 1 });

/** Any text at all, and code-shaped text from the code alphabet. */
const randomCode: fc.Arbitrary<Case> = fc.oneof(
  fc.string({ maxLength: 40 }).map((code) => ({ code })),
  fc.string({ unit: fc.constantFrom(...CODE_ALPHABET, "-"), minLength: 15, maxLength: 17 }).map((code) => ({ code })),
);

/** An issued code with one or two symbols changed, neighbours swapped, or a symbol lost or added. */
const mutatedCode: fc.Arbitrary<Case> = fc
  .tuple(anIssued, fc.nat(14), fc.nat(14), fc.constantFrom(...CODE_ALPHABET), fc.constantFrom(...CODE_ALPHABET), fc.nat(4))
  .map(([i, p, q, a, b, kind]) => {
    const compact = issued[i]!.cert.code.replace(/-/g, "");
    const put = (s: string, at: number, ch: string) => s.slice(0, at) + ch + s.slice(at + 1);
    let out = compact;
    if (kind === 0) out = put(compact, p, a);
    else if (kind === 1) out = put(put(compact, p, a), q, b);
    else if (kind === 2 && p < 14) out = compact.slice(0, p) + compact[p + 1] + compact[p] + compact.slice(p + 2);
    else if (kind === 3) out = compact.slice(0, p) + compact.slice(p + 1);
    else out = compact.slice(0, p) + a + compact.slice(p);
    return { code: out, issuedIndex: i };
  })
  .filter(({ code, issuedIndex }) => {
    const parsed = parseCode(code);
    // Only real changes: a mutation that reads back as the same code is the same code.
    return !parsed.ok || parsed.code !== issued[issuedIndex!]!.cert.code;
  });

/** An issued token, with the code it was issued for, changed in any single place. */
const mutatedToken: fc.Arbitrary<Case> = fc
  .tuple(anIssued, fc.nat(), fc.constantFrom(...B64, ".", "=", " ", "ễ"), fc.nat(6))
  .map(([i, at, ch, kind]) => {
    const { token, cert } = issued[i]!;
    const p = at % token.length;
    let out: string;
    if (kind === 0) out = token.slice(0, p) + ch + token.slice(p + 1);
    else if (kind === 1) out = token.slice(0, p) + ch + token.slice(p);
    else if (kind === 2) out = token.slice(0, p) + token.slice(p + 1);
    else if (kind === 3) out = token.slice(0, p);
    else if (kind === 4) {
      const [h, , s] = token.split(".");
      out = `${h}.${issued[(i + 1) % issued.length]!.token.split(".")[1]}.${s}`;
    } else if (kind === 5) {
      // The same bytes spelled differently: change only the unused low bits of a part's last character.
      const parts = token.split(".");
      const part = at % 3;
      const text = parts[part]!;
      const unused = text.length % 4 === 2 ? 4 : text.length % 4 === 3 ? 2 : 0;
      const last = B64.indexOf(text[text.length - 1]!);
      const twin = unused ? B64[(last & ~((1 << unused) - 1)) | (1 + (at % ((1 << unused) - 1)))]! : ch;
      parts[part] = text.slice(0, -1) + twin;
      out = parts.join(".");
    } else out = token + ch;
    return { code: cert.code, token: out };
  })
  .filter(({ code, token }) => token !== issued.find((x) => x.cert.code === code)!.token);

/** The payload's bytes changed (any bit) and re-encoded properly, the signature kept. */
const alteredPayload: fc.Arbitrary<Case> = fc.tuple(anIssued, fc.nat(), fc.nat(7)).map(([i, at, bit]) => {
  const { token, cert } = issued[i]!;
  const [h, p, s] = token.split(".") as [string, string, string];
  const bytes = Buffer.from(p, "base64url");
  bytes[at % bytes.length]! ^= 1 << bit;
  return { code: cert.code, token: `${h}.${base64url(bytes)}.${s}` };
});

/** What a forger can make: any claims they like, signed with their own key but our key id. */
const forged: fc.Arbitrary<Case> = fc.tuple(anIssued, fc.constantFrom(...names), fc.boolean()).map(([i, name, sameClaims]) => {
  const { cert } = issued[i]!;
  const claims = sameClaims ? cert.claims : { ...cert.claims, n: name === cert.printedName ? `${name} Giả` : name };
  return { code: cert.code, token: signJws(claims, { privateKey: forger.privateKey, kid }) };
});

describe("verification never accepts what was not issued", () => {
  it("10,000 random and mutated codes and payloads: none verifies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomCode, mutatedCode, mutatedToken, alteredPayload, forged), async (c) => {
        const result = await verdict(c, lookup, keys);
        if (c.token === undefined) {
          // A code alone: never a certificate unless it is an issued code.
          if (result.status === "valid" || result.status === "revoked") expect(byCode.has(result.code)).toBe(true);
          expect(result.status === "valid" || result.status === "revoked").toBe(false);
        } else {
          // A payload presented with a real code: the page still shows the record, but never says it matches.
          expect(result.status === "valid" || result.status === "revoked" ? result.signature : "invalid").not.toBe("matches");
          expect(verifyCertificateToken(c.token, keys).ok).toBe(false);
        }
      }),
      { numRuns: 10_000 },
    );
  }, 60_000);

  it("while every issued code and token does verify (the property above is not vacuous)", async () => {
    for (const { cert, token } of issued) {
      const result = await verdict({ code: cert.code.toLowerCase().replace(/-/g, " "), token }, lookup, keys);
      expect(result).toMatchObject({ status: cert.revokedAt ? "revoked" : "valid", code: cert.code, signature: "matches" });
    }
  });

  it("a token cut short anywhere reads as copied incompletely; one changed and re-encoded, or forged, as altered", async () => {
    await fc.assert(
      fc.asyncProperty(anIssued, fc.nat(), async (i, at) => {
        const { token, cert } = issued[i]!;
        const cut = token.slice(0, 1 + (at % (token.length - 1)));
        expect(await verdict({ code: cert.code, token: cut }, lookup, keys)).toMatchObject({ signature: "incomplete" });
      }),
      { numRuns: 1_000 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(alteredPayload, forged), async (c) => {
        expect(await verdict(c, lookup, keys)).toMatchObject({ signature: "altered" });
      }),
      { numRuns: 1_000 },
    );
  });

  it("a genuine token shown with another certificate's code is called a mismatch", async () => {
    const [a, b] = [issued[1]!, issued[2]!];
    expect(await verdict({ code: b.cert.code, token: a.token }, lookup, keys)).toMatchObject({
      status: "valid",
      code: b.cert.code,
      signature: "mismatch",
    });
  });
});
