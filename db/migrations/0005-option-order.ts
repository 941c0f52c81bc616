import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Quiz options are shown in an order shuffled per attempt: the seed of that order, so the result
  // page shows the options as the learner saw them. NULL for older attempts (file order) and practices.
  await db.schema.alterTable("attempts").addColumn("shuffle_seed", "integer").execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("attempts").dropColumn("shuffle_seed").execute();
}
