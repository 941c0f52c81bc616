import type { Database } from "#db/client";
import type { Role } from "#db/schema";

/** What an administrator sees of accounts: names, login names and roles, never progress. */
export interface AccountSummary {
  id: string;
  name: string;
  username: string;
  roles: Role[];
  createdAt: string;
}

/**
 * Accounts whose login name or name contains `search` (case-insensitive), or, without a search,
 * the accounts holding any role. At most `limit`.
 */
export async function listAccounts(db: Database, { search, limit = 50 }: { search: string; limit?: number }): Promise<AccountSummary[]> {
  const term = search.normalize("NFC").trim().toLowerCase();
  let query = db
    .selectFrom("learners")
    .select(["id", "display_name", "username", "created_at"])
    .where("kind", "=", "account")
    .orderBy("created_at", "desc")
    .limit(limit);
  if (term) {
    // Wildcards typed by the administrator are dropped: SQLite's LIKE has no default escape character.
    const like = `%${term.replace(/[\\%_]/g, "")}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn("lower", ["username"]), "like", like), eb(eb.fn("lower", ["display_name"]), "like", like)]),
    );
  } else {
    query = query.where("id", "in", (eb) => eb.selectFrom("learner_roles").select("learner_id"));
  }
  const rows = await query.execute();
  if (!rows.length) return [];
  const roles = await db
    .selectFrom("learner_roles")
    .select(["learner_id", "role"])
    .where(
      "learner_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.display_name ?? "",
    username: r.username ?? "",
    roles: roles
      .filter((x) => x.learner_id === r.id)
      .map((x) => x.role)
      .sort(),
    createdAt: r.created_at,
  }));
}

export async function countAdmins(db: Database): Promise<number> {
  const row = await db
    .selectFrom("learner_roles")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("role", "=", "admin")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findAccountByLogin(db: Database, { login }: { login: string }) {
  return (
    (await db.selectFrom("learners").selectAll().where("username", "=", login).where("kind", "=", "account").executeTakeFirst()) ?? null
  );
}
