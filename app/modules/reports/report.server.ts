import { sql, type RawBuilder } from "kysely";
import type { Database } from "#db/client";
import type { Audience, TargetAudience, UnitLevel } from "#db/schema";
import { ensureMilestonesCurrent } from "~/modules/progress/milestones.server";
import { getUnit } from "~/modules/units/units.server";
import type { CourseShape } from "~/modules/progress/milestones";
import {
  addActivity,
  addLearnerFigures,
  AUDIENCES,
  emptyActivity,
  emptyLearnerFigures,
  LEARNER_FIGURES,
  MENTEE_TARGET,
  targetAudienceOf,
  targetFigures,
  type ActivityFigures,
  type AudienceKey,
  type AudienceRow,
  type LearnerFigures,
  type ModuleRow,
  type Report,
  type UnitRow,
} from "./figures";
import type { Period } from "./period";
import { WITHDRAWN_REASON } from "~/modules/accounts/deletion.server";

/**
 * The report's queries. Every figure is one grouped query over the learners in scope (one row per
 * learner in learner_milestones, kept up to date with each attempt), so a province of 200,000
 * learners is a single pass, whatever the number of attempts (README, decision "Reports").
 *
 * Scope: for a province, every learner whose unit is in it, grouped by commune; for a commune, by
 * village; a village is one row. Learners placed in the unit itself (a commune, the village not
 * known) form their own row. For the whole deployment (unit null, administrators), rows are the
 * provinces, plus every account with no unit: nothing disappears.
 */

interface Scope {
  /** FROM learners `l`, profiles `p`, units `u` (more joins may follow). */
  from: RawBuilder<unknown>;
  /** FROM profiles `p` and units `u`, with learners `l` only where `where` needs them (the deployment). */
  fromProfiles: RawBuilder<unknown>;
  /** The learner's id in `fromProfiles`. */
  learnerId: RawBuilder<unknown>;
  /** The learners in scope. */
  where: RawBuilder<unknown>;
  /** The row key of a learner (or class) in the scope, from `u`. */
  key: RawBuilder<unknown>;
  /** Restricts units `u` (joined to a class or a profile) to the scope; for the deployment, also rows without a unit. */
  unitFilter: RawBuilder<unknown>;
  /** Units `u` joined with LEFT JOIN (the deployment: things without a unit count too). */
  outer: boolean;
}

function scopeOf(unit: { code: string; level: UnitLevel } | null): Scope {
  if (!unit) {
    const from = sql`from learners l left join learner_profiles p on p.learner_id = l.id left join units u on u.code = p.unit_code`;
    return {
      from,
      fromProfiles: from,
      learnerId: sql`l.id`,
      where: sql`(p.unit_code is not null or l.kind in ('account', 'withdrawn'))`,
      key: sql`u.province_code`,
      unitFilter: sql`1 = 1`,
      outer: true,
    };
  }
  const filter =
    unit.level === "province"
      ? sql`u.province_code = ${unit.code}`
      : unit.level === "commune"
        ? sql`u.commune_code = ${unit.code}`
        : sql`u.code = ${unit.code}`;
  const key =
    unit.level === "province"
      ? sql`u.commune_code`
      : unit.level === "commune"
        ? sql`case when u.level = 'village' then u.code end`
        : sql`cast(null as text)`;
  return {
    from: sql`from learner_profiles p join units u on u.code = p.unit_code join learners l on l.id = p.learner_id`,
    fromProfiles: sql`from learner_profiles p join units u on u.code = p.unit_code`,
    learnerId: sql`p.learner_id`,
    where: filter,
    key,
    unitFilter: filter,
    outer: false,
  };
}

const n = (v: unknown) => Number(v ?? 0);

/** Sum of learners whose milestone falls in the period, and before its end. */
function milestoneSums(column: RawBuilder<unknown>, name: string, period: Period) {
  return sql`sum(case when ${column} >= ${period.start} and ${column} < ${period.end} then 1 else 0 end) as ${sql.ref(`${name}_period`)},
    sum(case when ${column} < ${period.end} then 1 else 0 end) as ${sql.ref(`${name}_total`)}`;
}

/**
 * Per learner with a programme certificate: whether one was in force (issued before, not revoked
 * by then) at the period's end and at its start. A grouped join over the certificates, not a
 * subquery per learner: PostgreSQL's estimate for those made it compile the query (JIT, ~0.5 s).
 * A certificate revoked because its holder deleted the account still counts: they did reach the
 * standard, and the figures already reported stay (withdrawn.server.ts).
 */
function programmeHolders(period: Period) {
  const heldAt = (at: string) =>
    sql`max(case when c.issued_at < ${at} and (c.revoked_at is null or c.revoked_at >= ${at} or c.revoked_reason = ${WITHDRAWN_REASON}) then 1 else 0 end)`;
  return sql`(select c.learner_id, ${heldAt(period.end)} as at_end, ${heldAt(period.start)} as at_start
    from certificates c where c.kind = 'programme' group by c.learner_id)`;
}

type LearnerGroup = { key: string | null; audience: Audience | null; figures: LearnerFigures };

async function learnerGroups(db: Database, scope: Scope, period: Period): Promise<LearnerGroup[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select ${scope.key} as k, p.audience as audience,
      ${milestoneSums(sql`l.created_at`, "registered", period)},
      ${milestoneSums(sql`m.started_at`, "started", period)},
      ${milestoneSums(sql`m.first_module_at`, "completedOne", period)},
      ${milestoneSums(sql`m.core_completed_at`, "completedCore", period)},
      sum(case when cert.at_end = 1 and cert.at_start = 0 then 1 else 0 end) as certified_period,
      sum(case when cert.at_end = 1 then 1 else 0 end) as certified_total
    ${scope.from} left join learner_milestones m on m.learner_id = l.id
    left join ${programmeHolders(period)} cert on cert.learner_id = l.id
    where ${scope.where}
    group by ${scope.key}, p.audience`.execute(db);
  return rows.map((r) => {
    const figures = emptyLearnerFigures();
    for (const f of LEARNER_FIGURES) figures[f] = { period: n(r[`${f}_period`]), total: n(r[`${f}_total`]) };
    return { key: (r.k as string | null) ?? null, audience: (r.audience as Audience | null) ?? null, figures };
  });
}

async function activityGroups(db: Database, scope: Scope, period: Period): Promise<Map<string | null, ActivityFigures>> {
  const join = scope.outer ? sql`left join` : sql`join`;
  const sessionsQuery = sql<{ k: string | null; classes: unknown; sessions: unknown }>`
    select ${scope.key} as k, count(distinct s.class_id) as classes, count(*) as sessions
    from class_sessions s join classes c on c.id = s.class_id ${join} units u on u.code = c.unit_code
    where s.day >= ${period.startDay} and s.day < ${period.endDay} and ${scope.unitFilter}
    group by ${scope.key}`;
  const attendanceQuery = sql<{ k: string | null; present: unknown }>`
    select ${scope.key} as k, count(*) as present
    from class_attendance a join class_sessions s on s.id = a.session_id join classes c on c.id = s.class_id
      ${join} units u on u.code = c.unit_code
    where a.present = 1 and s.day >= ${period.startDay} and s.day < ${period.endDay} and ${scope.unitFilter}
    group by ${scope.key}`;
  const activeAt = sql`f.accepted_at < ${period.end} and (f.ended_at is null or f.ended_at >= ${period.end}) and f.followed_id is not null`;
  // A mentor counts in their own unit; the deployment's row without a unit takes mentors without one.
  const mentorsQuery = sql<{ k: string | null; mentors: unknown; mentees: unknown; at_target: unknown }>`
    select ${scope.key} as k, count(*) as mentors, sum(t.n) as mentees, sum(case when t.n >= ${MENTEE_TARGET} then 1 else 0 end) as at_target
    from (select f.follower_id, count(distinct f.followed_id) as n from follow_links f
          where f.kind = 'mentor' and ${activeAt} group by f.follower_id) t
    join learner_roles r on r.learner_id = t.follower_id and r.role = 'mentor'
    ${join} learner_profiles p on p.learner_id = t.follower_id
    ${join} units u on u.code = p.unit_code
    where ${scope.unitFilter}
    group by ${scope.key}`;
  // A family link counts where the person helped lives.
  const familiesQuery = sql<{ k: string | null; families: unknown }>`
    select ${scope.key} as k, count(*) as families
    from follow_links f ${join} learner_profiles p on p.learner_id = f.followed_id ${join} units u on u.code = p.unit_code
    where f.kind = 'family' and ${activeAt} and ${scope.unitFilter}
    group by ${scope.key}`;

  const [sessions, attendance, mentors, families] = await Promise.all([
    sessionsQuery.execute(db),
    attendanceQuery.execute(db),
    mentorsQuery.execute(db),
    familiesQuery.execute(db),
  ]);
  const out = new Map<string | null, ActivityFigures>();
  const get = (k: string | null) => {
    let a = out.get(k ?? null);
    if (!a) out.set(k ?? null, (a = emptyActivity()));
    return a;
  };
  for (const r of sessions.rows) Object.assign(get(r.k), { classes: n(r.classes), sessions: n(r.sessions) });
  for (const r of attendance.rows) get(r.k).attendance = n(r.present);
  for (const r of mentors.rows) Object.assign(get(r.k), { mentors: n(r.mentors), mentees: n(r.mentees), mentorsAtTarget: n(r.at_target) });
  for (const r of families.rows) get(r.k).families = n(r.families);
  return out;
}

async function moduleRows(db: Database, scope: Scope, period: Period, shape: CourseShape): Promise<ModuleRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select mp.module_id as module_id,
      ${milestoneSums(sql`mp.started_at`, "started", period)},
      ${milestoneSums(sql`mp.completed_at`, "completed", period)}
    ${scope.fromProfiles} join module_progress mp on mp.learner_id = ${scope.learnerId}
    where ${scope.where}
    group by mp.module_id`.execute(db);
  const byId = new Map(rows.map((r) => [String(r.module_id), r]));
  return shape.modules.map((m) => {
    const r = byId.get(m.id);
    return {
      moduleId: m.id,
      core: shape.coreModuleIds.includes(m.id),
      started: { period: n(r?.started_period), total: n(r?.started_total) },
      completed: { period: n(r?.completed_period), total: n(r?.completed_total) },
    };
  });
}

/**
 * The report for a unit (or the whole deployment) and a period. Returns null for an unknown unit.
 * Access is the caller's business (routes check the official's scope first).
 */
export async function buildReport(
  db: Database,
  { unitCode, period, shape, now = new Date() }: { unitCode: string | null; period: Period; shape: CourseShape; now?: Date },
): Promise<Report | null> {
  const unit = (unitCode ? await getUnit(db, unitCode) : null) ?? null;
  if (unitCode && !unit) return null;
  await ensureMilestonesCurrent(db, shape);
  const scope = scopeOf(unit ? { code: unit.code, level: unit.level } : null);

  const children = await db
    .selectFrom("units")
    .select(["code", "name", "level"])
    .$call((q) => (unit ? q.where("parent_code", "=", unit.code) : q.where("parent_code", "is", null).where("level", "=", "province")))
    .where("merged_into", "is", null)
    .orderBy("name")
    .orderBy("code")
    .execute();
  // Independent reads: on PostgreSQL each runs on its own pooled connection at the same time (on
  // SQLite they queue on the one connection, as before).
  const [groups, activity, modules] = await Promise.all([
    learnerGroups(db, scope, period),
    activityGroups(db, scope, period),
    moduleRows(db, scope, period, shape),
  ]);

  // Rows: the children, then any other key met (a merged village still holding learners), then
  // the unit itself ("direct") or, for the deployment, no unit at all.
  const rowsByKey = new Map<string | null, UnitRow>();
  const blank = (kind: UnitRow["kind"], u: { code: string; name: string; level: UnitLevel } | null): UnitRow => ({
    kind,
    code: u?.code ?? null,
    name: u?.name ?? null,
    level: u?.level ?? null,
    drillable: kind === "unit" && u?.level !== "village",
    learners: emptyLearnerFigures(),
    activity: emptyActivity(),
    target: null,
  });
  for (const c of children) rowsByKey.set(c.code, blank("unit", c));
  const keys = new Set<string | null>([...groups.map((g) => g.key), ...activity.keys()]);
  for (const key of keys) {
    if (rowsByKey.has(key)) continue;
    if (key === null) rowsByKey.set(null, blank(unit ? "direct" : "none", unit));
    else {
      const other = await getUnit(db, key);
      rowsByKey.set(
        key,
        blank("unit", other ? { code: other.code, name: other.name, level: other.level } : { code: key, name: key, level: "village" }),
      );
    }
  }
  const audiences = new Map<AudienceKey, AudienceRow>(
    [...AUDIENCES, "none" as const].map((a) => [a, { audience: a, learners: emptyLearnerFigures(), target: null }]),
  );
  for (const g of groups) {
    addLearnerFigures(rowsByKey.get(g.key)!.learners, g.figures);
    addLearnerFigures(audiences.get(g.audience ?? "none")!.learners, g.figures);
  }
  for (const [key, a] of activity) addActivity(rowsByKey.get(key)!.activity, a);

  const unitTotal = blank("total", unit);
  unitTotal.drillable = false;
  for (const row of rowsByKey.values()) {
    addLearnerFigures(unitTotal.learners, row.learners);
    addActivity(unitTotal.activity, row.activity);
  }

  // Targets of the period's year: each child unit's "adult" target, the unit's own per group.
  const codes = [...rowsByKey.values()].map((r) => r.code).filter((c): c is string => !!c);
  if (unit) codes.push(unit.code);
  const stored = codes.length
    ? await db
        .selectFrom("unit_targets")
        .select(["unit_code", "audience", "denominator", "target_percent"])
        .where("year", "=", period.year)
        .where("unit_code", "in", [...new Set(codes)])
        .execute()
    : [];
  const storedOf = (code: string | null, audience: TargetAudience) => {
    const r = stored.find((s) => s.unit_code === code && s.audience === audience);
    return r ? { denominator: r.denominator === null ? null : Number(r.denominator), target_percent: Number(r.target_percent) } : undefined;
  };
  const target = (code: string | null, audience: TargetAudience, learners: LearnerFigures) =>
    targetFigures({ audience, year: period.year, stored: storedOf(code, audience), learners });
  for (const row of rowsByKey.values()) if (row.kind === "unit") row.target = target(row.code, "adult", row.learners);
  if (unit) unitTotal.target = target(unit.code, "adult", unitTotal.learners);

  const audienceTotal: AudienceRow = { audience: "total", learners: unitTotal.learners, target: unitTotal.target };
  for (const row of audiences.values()) {
    const group = targetAudienceOf(row.audience);
    if (unit && group) row.target = target(unit.code, group, row.learners);
  }

  const ordered = [
    ...[...rowsByKey.values()].filter((r) => r.kind === "unit"),
    ...[...rowsByKey.values()].filter((r) => r.kind !== "unit"),
  ];
  return {
    unit: unit ? { code: unit.code, name: unit.name, level: unit.level } : null,
    period,
    generatedAt: now.toISOString(),
    units: ordered,
    unitTotal,
    audiences: [...audiences.values()],
    audienceTotal,
    modules,
  };
}
