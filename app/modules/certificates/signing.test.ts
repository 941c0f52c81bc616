import { createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import * as jose from "jose";
import { describe, expect, it } from "vitest";
import { generateCode } from "./code";
import {
  base64url,
  jwkThumbprint,
  publicJwk,
  signCertificate,
  strictBase64url,
  verifyCertificateToken,
  verifyJws,
  type CertificateClaims,
} from "./signing";

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const jwk = publicJwk(publicKey);
  return { privateKey, publicKey, kid: jwk.kid, jwk, keys: new Map([[jwk.kid, publicKey]]) };
}

const claims: CertificateClaims = {
  v: 1,
  c: generateCode(),
  n: "Nguyễn Thị Ánh Tuyết",
  k: "module",
  s: "cashless-payment",
  d: "2026-03-02",
  i: "UBND xã Tân Phú",
};

describe("certificate tokens", () => {
  const key = keyPair();

  it("verify when untouched, and give back exactly what was signed", () => {
    const token = signCertificate(claims, key);
    expect(verifyCertificateToken(token, key.keys)).toEqual({ ok: true, claims, kid: key.kid });
    // Deterministic (Ed25519): the same certificate always gets the same token.
    expect(signCertificate(claims, key)).toBe(token);
  });

  it("are standard EdDSA JWS that an independent JOSE library accepts", async () => {
    const token = signCertificate(claims, key);
    const { payload, protectedHeader } = await jose.compactVerify(token, key.publicKey);
    expect(protectedHeader).toEqual({ alg: "EdDSA", kid: key.kid });
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(claims);
  });

  it("fail with another deployment's key, an unknown key id, or a different algorithm", () => {
    const other = keyPair();
    const token = signCertificate(claims, key);
    expect(verifyCertificateToken(token, other.keys)).toEqual({ ok: false, reason: "unknown-key" });
    // The same kid pointing at another key: the signature does not hold.
    expect(verifyCertificateToken(token, new Map([[key.kid, other.publicKey]]))).toEqual({ ok: false, reason: "bad-signature" });
    // A forger's token with our kid in its header.
    const forged = signCertificate({ ...claims, n: "Kẻ Mạo Danh" }, { privateKey: other.privateKey, kid: key.kid });
    expect(verifyCertificateToken(forged, key.keys)).toEqual({ ok: false, reason: "bad-signature" });
    const [, p, s] = token.split(".");
    expect(verifyJws(`${base64url(JSON.stringify({ alg: "none", kid: key.kid }))}.${p}.${s}`, key.keys)).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(verifyJws(`${base64url(JSON.stringify({ alg: "HS256", kid: key.kid }))}.${p}.${s}`, key.keys)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it("refuse claims that are signed but not a certificate", () => {
    const odd = sign(null, Buffer.from("x"), key.privateKey);
    expect(odd.length).toBe(64);
    const signWith = (payload: unknown) => {
      const h = base64url(JSON.stringify({ alg: "EdDSA", kid: key.kid }));
      const p = base64url(JSON.stringify(payload));
      return `${h}.${p}.${base64url(sign(null, Buffer.from(`${h}.${p}`), key.privateKey))}`;
    };
    expect(verifyCertificateToken(signWith({ ...claims, extra: 1 }), key.keys)).toEqual({ ok: false, reason: "bad-claims" });
    expect(verifyCertificateToken(signWith({ ...claims, c: "ABCDE-FGHJK-MNPQR" }), key.keys)).toEqual({ ok: false, reason: "bad-claims" });
    expect(verifyCertificateToken(signWith({ ...claims, n: claims.n.normalize("NFD") }), key.keys)).toEqual({
      ok: false,
      reason: "bad-claims",
    });
    expect(verifyCertificateToken(signWith([claims]), key.keys)).toEqual({ ok: false, reason: "bad-claims" });
  });

  it("refuse base64url that is not in canonical form (the same bytes written another way)", () => {
    const token = signCertificate(claims, key);
    const [h, p, s] = token.split(".") as [string, string, string];
    // 64 bytes end in a character with 4 unused bits: set one of them.
    const last = s[s.length - 1]!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const twin = alphabet[alphabet.indexOf(last) + 1]!;
    const s2 = s.slice(0, -1) + twin;
    expect(Buffer.from(s2, "base64url")).toEqual(Buffer.from(s, "base64url"));
    expect(verifyCertificateToken(`${h}.${p}.${s2}`, key.keys)).toEqual({ ok: false, reason: "malformed" });
    expect(strictBase64url("QQ")).toEqual(Buffer.from("A"));
    expect(strictBase64url("QR")).toBeNull();
    expect(strictBase64url("QQ==")).toBeNull();
    expect(strictBase64url("Q Q")).toBeNull();
  });
});

describe("keys", () => {
  it("are identified by their RFC 7638 thumbprint", () => {
    // The example key of RFC 8037 §A.3 and its published thumbprint.
    expect(jwkThumbprint("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")).toBe("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  });

  it("must be Ed25519", () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(() => publicJwk(publicKey)).toThrow(/Ed25519/);
  });
});

describe("certificate keys", () => {
  const key = keyPair();

  it("keeps the same key whatever form it is read from", () => {
    const pem = key.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(publicJwk(createPrivateKey(pem))).toEqual(key.jwk);
  });
});
