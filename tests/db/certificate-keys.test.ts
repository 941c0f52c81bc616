import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client";
import { migrateToLatest, openDatabase } from "#db/client";
import { jwksOf } from "~/modules/certificates/badge";
import { generateCode } from "~/modules/certificates/code";
import { loadCertificateKey, publishedKeys, revokeKey, rotateKey, trustedKeysOf } from "~/modules/certificates/keys.server";
import { signCertificate, verifyCertificateToken, type CertificateClaims } from "~/modules/certificates/signing";
import { dialects, useFreshDatabase } from "./databases";

/**
 * Key rotation (issue 13): a new key becomes current, every earlier public key stays published
 * by its id so that everything it signed still verifies offline, and a key can be revoked.
 */

const claims: CertificateClaims = {
  v: 1,
  c: generateCode(),
  n: "Nguyễn Thị Lan",
  k: "module",
  s: "cashless-payment",
  d: "2026-03-02",
  i: "UBND xã Tân Phú",
};
const run = promisify(execFile);

describe.each(dialects)("certificate keys on %s", (dialect) => {
  let db: Database;
  useFreshDatabase(dialect, (fresh) => (db = fresh));

  it("rotates: the new key signs, the old key still verifies what it signed, and can be revoked", async () => {
    const env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "cert-keys-")) };
    const first = loadCertificateKey(env);
    const oldToken = signCertificate(claims, first);
    expect((await publishedKeys(db, first)).map((k) => [k.kid, k.current])).toEqual([[first.kid, true]]);

    const rotatedAt = new Date(Date.now() + 60_000);
    const rotated = await rotateKey(db, env, rotatedAt);
    expect(rotated).toMatchObject({ ok: true, previous: first.kid });
    const second = loadCertificateKey(env);
    expect(rotated.ok && rotated.current).toBe(second.kid);
    expect(second.kid).not.toBe(first.kid);
    // The private key file was replaced (mode 0600), not added to.
    expect(fs.readdirSync(env.DATA_DIR)).toEqual(["certificate-signing-key.pem"]);
    expect(fs.statSync(path.join(env.DATA_DIR, "certificate-signing-key.pem")).mode & 0o777).toBe(0o600);

    const keys = await publishedKeys(db, second);
    expect(keys.map((k) => ({ kid: k.kid, current: k.current, retired: k.retiredAt }))).toEqual([
      { kid: first.kid, current: false, retired: rotatedAt.toISOString() },
      { kid: second.kid, current: true, retired: null },
    ]);
    const trusted = trustedKeysOf(keys);
    expect(verifyCertificateToken(oldToken, trusted)).toMatchObject({ ok: true, kid: first.kid });
    expect(verifyCertificateToken(signCertificate(claims, second), trusted)).toMatchObject({ ok: true, kid: second.kid });
    expect(jwksOf("https://hoc.example.vn", keys).keys).toHaveLength(2);

    expect(await revokeKey(db, { kid: second.kid, reason: "rotate first" }, second)).toEqual({ ok: false, reason: "current" });
    expect(await revokeKey(db, { kid: "nope", reason: "unknown" }, second)).toEqual({ ok: false, reason: "unknown" });
    expect(await revokeKey(db, { kid: first.kid, reason: "Khóa cũ bị lộ", now: new Date("2026-07-01T00:00:00.000Z") }, second)).toEqual({
      ok: true,
    });
    expect(await revokeKey(db, { kid: first.kid, reason: "again" }, second)).toEqual({ ok: false, reason: "already-revoked" });
    const after = await publishedKeys(db, second);
    expect(after[0]!.revoked).toEqual({ at: "2026-07-01T00:00:00.000Z", reason: "Khóa cũ bị lộ" });
    expect(verifyCertificateToken(oldToken, trustedKeysOf(after))).toEqual({ ok: false, reason: "unknown-key" });
    const set = jwksOf("https://hoc.example.vn", after);
    expect(set.keys).toHaveLength(1);
    expect(set.revoked_keys).toHaveLength(1);
  });

  it("with CERT_SIGNING_KEY set, records the key and hands the operator a new one", async () => {
    const env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "cert-keys-")) };
    const own = loadCertificateKey(env);
    const pem = own.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const result = await rotateKey(db, { ...env, CERT_SIGNING_KEY: pem });
    expect(result).toMatchObject({ ok: false, reason: "env", previous: own.kid });
    expect(!result.ok && result.newKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect((await publishedKeys(db, own)).some((k) => k.kid === own.kid)).toBe(true);
  });
});

describe("npm run certificates -- rotate-key", () => {
  it("makes a new key current and lists every key", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cert-cli-"));
    const env = { ...process.env, DATA_DIR: dir, SQLITE_PATH: path.join(dir, "app.sqlite"), DATABASE_URL: "" };
    const first = loadCertificateKey({ DATA_DIR: dir });
    const { stdout } = await run("npx", ["tsx", "scripts/certificates.ts", "rotate-key"], { env });
    const second = loadCertificateKey({ DATA_DIR: dir });
    expect(stdout).toContain(`New signing key ${second.kid} is current; ${first.kid} is retired.`);
    const { stdout: list } = await run("npx", ["tsx", "scripts/certificates.ts", "keys"], { env });
    expect(list).toMatch(new RegExp(`${first.kid}.*retired`));
    expect(list).toMatch(new RegExp(`${second.kid}.*current`));
    const { db } = await openDatabase({ sqlitePath: env.SQLITE_PATH });
    await migrateToLatest(db);
    expect((await publishedKeys(db, second)).map((k) => k.kid)).toEqual([first.kid, second.kid]);
    await db.destroy();
  }, 60_000);
});
