import type { Kysely } from "kysely";

/**
 * Issue 13: certificates any verifier trusts.
 * - certificates.status_index: the certificate's bit in the public revocation list (a W3C
 *   Bitstring Status List at /credentials/status/revocation), given in order of issue; existing
 *   certificates get theirs here, oldest first.
 * - certificate_keys: every public key that has ever signed certificates, so the published key
 *   set keeps the earlier ones after a rotation (`npm run certificates -- rotate-key`); a key
 *   that was revoked keeps its row, marked, and is no longer trusted.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("certificates").addColumn("status_index", "integer").execute();
  const rows = await db.selectFrom("certificates").select("id").orderBy("issued_at").orderBy("id").execute();
  for (const [index, row] of (rows as { id: string }[]).entries()) {
    await db.updateTable("certificates").set({ status_index: index }).where("id", "=", row.id).execute();
  }
  await db.schema.createIndex("certificates_status_index_idx").on("certificates").column("status_index").unique().execute();

  await db.schema
    .createTable("certificate_keys")
    .addColumn("kid", "text", (c) => c.primaryKey())
    .addColumn("x", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("revoked_reason", "text")
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("certificate_keys").execute();
  await db.schema.dropIndex("certificates_status_index_idx").execute();
  await db.schema.alterTable("certificates").dropColumn("status_index").execute();
}
