import { describe, expect, it } from "vitest";
import { missingSharedSecrets, missingSecretsMessage } from "./shared-secrets";

describe("shared secrets", () => {
  const pg = "postgres://app@db.example.vn:5432/hoc";
  it("asks for nothing on SQLite: one machine generates and shares them", () => {
    expect(missingSharedSecrets({})).toEqual([]);
    expect(missingSharedSecrets({ DATABASE_URL: "data/app.sqlite" })).toEqual([]);
  });

  it("asks for both on PostgreSQL, and for none once both are set", () => {
    expect(missingSharedSecrets({ DATABASE_URL: pg })).toEqual(["SESSION_SECRET", "CERT_SIGNING_KEY"]);
    expect(missingSharedSecrets({ DATABASE_URL: pg, SESSION_SECRET: "x".repeat(32) })).toEqual(["CERT_SIGNING_KEY"]);
    expect(missingSharedSecrets({ DATABASE_URL: pg, SESSION_SECRET: "x".repeat(32), CERT_SIGNING_KEY: "pem" })).toEqual([]);
  });

  it("says what to set and how to make it", () => {
    const message = missingSecretsMessage(["SESSION_SECRET", "CERT_SIGNING_KEY"]);
    expect(message).toContain("SESSION_SECRET: 32 or more random characters");
    expect(message).toContain("openssl genpkey -algorithm ed25519");
  });
});
