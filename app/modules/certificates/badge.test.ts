import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import * as jose from "jose";
import { describe, expect, it } from "vitest";
import { jwksOf, keyUrl, openBadgeCredential, signCredentialJwt, signOpenBadge, type BadgeInput } from "./badge";
import { generateCode } from "./code";
import { base64url, publicJwk, verifyJws } from "./signing";
import { decodeStatusList, encodeStatusList, STATUS_LIST_MIN_BITS, statusBit, statusListCredential, statusListLength } from "./status-list";

/**
 * The Open Badges 3.0 credential as a strict, independent verifier sees it: `jose` finds the key
 * only through the published key set named by the header's `kid`, the credential passes 1EdTech's
 * JSON Schema (tests/fixtures/open-badges, its source noted there), and its status entry leads to
 * a bit in the published revocation list.
 */

const origin = "https://hoc.example.vn";

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const jwk = publicJwk(publicKey);
  return { privateKey, publicKey, kid: jwk.kid, jwk };
}

const input: BadgeInput = {
  certificateId: "6f1c1e0a-3b7e-4c55-9a52-2f0c1f6e9d01",
  code: generateCode(),
  kind: "module",
  subjectId: "cashless-payment",
  printedName: "Nguyễn Thị Ánh Tuyết",
  titles: { vi: "Thanh toán không dùng tiền mặt", en: "Cashless payment" },
  image: { url: `${origin}/vi/cards/cashless-payment.png?v=abc`, caption: "Thanh toán không dùng tiền mặt" },
  completedAt: "2026-03-02T03:00:00.456Z",
  issuedAt: "2026-03-05T03:00:00.789Z",
  issuer: { vi: "UBND xã Tân Phú", en: "Tan Phu Commune People's Committee" },
  statusIndex: 42,
  locale: "vi",
};

/** The published schema, with the one rename that data model 2.0 made (fixture README). */
function schemaValidator() {
  const text = fs.readFileSync(
    new URL("../../../tests/fixtures/open-badges/ob_v3p0_achievementcredential_schema.json", import.meta.url),
    "utf8",
  );
  const schema = JSON.parse(text) as { required: string[]; properties: Record<string, unknown> };
  expect(schema.required).toContain("issuanceDate");
  schema.required = schema.required.map((r) => (r === "issuanceDate" ? "validFrom" : r));
  schema.properties.validFrom = schema.properties.issuanceDate;
  schema.properties.validUntil = schema.properties.expirationDate;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe("Open Badges 3.0 credential", () => {
  const key = keyPair();
  const credential = openBadgeCredential(input, { origin });
  const jwt = signOpenBadge(credential, key, { origin });
  const jwks = jwksOf(origin, [{ kid: key.kid, x: key.jwk.x, revoked: null }]);

  it("names the learner, the achievement, its picture and the issuer, with no account id", () => {
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential["@context"][0]).toBe("https://www.w3.org/ns/credentials/v2");
    expect(credential.id).toBe(`${origin}/verify/${input.code}`);
    expect(credential.credentialSubject.id).toBe(`urn:uuid:${input.certificateId}`);
    expect(credential.credentialSubject.identifier[0]).toMatchObject({
      identityType: "name",
      identityHash: "Nguyễn Thị Ánh Tuyết",
      hashed: false,
    });
    expect(credential.credentialSubject.achievement).toMatchObject({
      id: `${origin}/achievements/module/cashless-payment`,
      name: "Thanh toán không dùng tiền mặt",
      image: { id: input.image!.url, type: "Image" },
    });
    expect(credential.image).toEqual(credential.credentialSubject.achievement.image);
    expect(credential.issuer).toEqual({
      id: `${origin}/.well-known/openbadges-issuer.json`,
      type: ["Profile"],
      name: "UBND xã Tân Phú",
      url: origin,
    });
  });

  it("is a VC-JWT whose key a verifier finds only in the published key set, by its kid", async () => {
    const header = jose.decodeProtectedHeader(jwt);
    expect(header).toEqual({ alg: "EdDSA", typ: "JWT", kid: keyUrl(origin, key.kid) });
    expect(header.kid).toBe(`${origin}/.well-known/jwks.json#${key.kid}`);
    // What a wallet does: fetch the key set at the kid's address, take the key with that kid.
    const fetched: string[] = [];
    const remote = async (url: string) => {
      fetched.push(url);
      return jwks;
    };
    const keySet = jose.createLocalJWKSet(await remote(new URL(header.kid!).href.replace(/#.*$/, "")));
    const { payload } = await jose.jwtVerify(jwt, keySet, { issuer: credential.issuer.id, subject: credential.credentialSubject.id });
    expect(fetched).toEqual([`${origin}/.well-known/jwks.json`]);
    expect(payload).toMatchObject({ ...credential, iss: credential.issuer.id, sub: credential.credentialSubject.id, jti: credential.id });
    // nbf is validFrom exactly: no milliseconds left over in either.
    expect(credential.validFrom).toBe("2026-03-05T03:00:00Z");
    expect(payload.nbf).toBe(Date.parse(credential.validFrom) / 1000);
    expect(new Date(payload.nbf! * 1000).toISOString().replace(".000Z", "Z")).toBe(credential.validFrom);
  });

  it("cannot be re-signed by a forger, even one who puts their key in the header", async () => {
    const forger = keyPair();
    const forgedPayload = {
      ...JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()),
      credentialSubject: {
        ...credential.credentialSubject,
        identifier: [{ ...credential.credentialSubject.identifier[0], identityHash: "Lê Văn Giả" }],
      },
    };
    const withOwnKey = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(forgedPayload)))
      .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: keyUrl(origin, key.kid), jwk: { kty: "OKP", crv: "Ed25519", x: forger.jwk.x } })
      .sign(forger.privateKey);
    const keySet = jose.createLocalJWKSet(jwks);
    await expect(jose.jwtVerify(withOwnKey, keySet)).rejects.toThrow();
    // Our own verifier refuses a header that brings a key before looking at anything else.
    expect(verifyJws(withOwnKey, new Map([[key.kid, key.publicKey]]))).toEqual({ ok: false, reason: "malformed" });
    const ownKid = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(forgedPayload)))
      .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid: keyUrl(origin, forger.kid) })
      .sign(forger.privateKey);
    await expect(jose.jwtVerify(ownKid, keySet)).rejects.toThrow(/no applicable key/i);
    const tampered = jwt.replace(
      /\.([^.]+)\./,
      (_m, p: string) => `.${base64url(Buffer.from(p, "base64url").toString().replace("Ánh", "Anh"))}.`,
    );
    await expect(jose.jwtVerify(tampered, keySet)).rejects.toThrow(/signature/i);
  });

  it("passes 1EdTech's Open Badges 3.0 JSON Schema (issuanceDate read as validFrom, data model 2.0)", () => {
    const validate = schemaValidator();
    const payload = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString());
    expect(validate(payload), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
    // The check is real: what the earlier badge lacked, or got wrong, fails it.
    const { validFrom: _v, ...noDate } = credential;
    expect(validate(noDate)).toBe(false);
    expect(
      validate({
        ...credential,
        credentialSubject: {
          ...credential.credentialSubject,
          identifier: [{ type: "IdentityObject", identityType: "nickname", hashed: false, identityHash: "x" }],
        },
      }),
    ).toBe(false);
    expect(validate({ ...credential, image: { id: "x", type: "Image", width: 3 } })).toBe(false);
  });

  it("points at its own bit in the public revocation list", () => {
    expect(credential.credentialStatus).toEqual({
      id: `${origin}/credentials/status/revocation#42`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "42",
      statusListCredential: `${origin}/credentials/status/revocation`,
    });
  });
});

describe("the revocation list (W3C Bitstring Status List)", () => {
  it("sets exactly the bits of revoked certificates, left-most bit first, in at least 16 KiB", () => {
    const encoded = encodeStatusList([0, 42, 131_071], STATUS_LIST_MIN_BITS);
    expect(encoded.startsWith("u")).toBe(true);
    const list = decodeStatusList(encoded);
    expect(list.length).toBe(16_384);
    expect(list[0]).toBe(0x80);
    expect([0, 41, 42, 43, 131_071].map((i) => statusBit(list, i))).toEqual([true, false, true, false, true]);
    expect(encodeStatusList([42, 0, 131_071], STATUS_LIST_MIN_BITS)).toBe(encoded);
    expect(() => encodeStatusList([131_072], STATUS_LIST_MIN_BITS)).toThrow();
  });

  it("grows by whole lists as certificates are issued", () => {
    expect(statusListLength(0)).toBe(131_072);
    expect(statusListLength(131_071)).toBe(131_072);
    expect(statusListLength(131_072)).toBe(262_144);
  });

  it("is a signed credential a verifier checks with the same key set", async () => {
    const key = keyPair();
    const credential = statusListCredential({
      origin,
      issuerId: `${origin}/.well-known/openbadges-issuer.json`,
      validFrom: "2026-04-01T00:00:00Z",
      encodedList: encodeStatusList([42], STATUS_LIST_MIN_BITS),
    });
    const jwt = signCredentialJwt(credential, key, { origin });
    const { payload } = await jose.jwtVerify(jwt, jose.createLocalJWKSet(jwksOf(origin, [{ kid: key.kid, x: key.jwk.x, revoked: null }])));
    const subject = payload.credentialSubject as { statusPurpose: string; encodedList: string };
    expect(payload.type).toEqual(["VerifiableCredential", "BitstringStatusListCredential"]);
    expect(subject.statusPurpose).toBe("revocation");
    expect(statusBit(decodeStatusList(subject.encodedList), 42)).toBe(true);
  });

  it("a revoked key leaves the key set that verifiers trust, and is listed as revoked", () => {
    const old = keyPair();
    const current = keyPair();
    const set = jwksOf(origin, [
      { kid: old.kid, x: old.jwk.x, revoked: { at: "2026-05-01T00:00:00.000Z" } },
      { kid: current.kid, x: current.jwk.x, revoked: null },
    ]);
    expect(set.keys.map((k) => k.kid)).toEqual([keyUrl(origin, current.kid)]);
    expect(set.revoked_keys).toEqual([expect.objectContaining({ kid: keyUrl(origin, old.kid), revoked_at: "2026-05-01T00:00:00.000Z" })]);
  });
});
