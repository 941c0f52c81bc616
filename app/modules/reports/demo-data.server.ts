import type { Insertable } from "kysely";
import type { Database } from "#db/client";
import type { Audience, DB } from "#db/schema";
import { ensureMilestonesCurrent, milestonesFromRows, writeShapeState } from "~/modules/progress/milestones.server";
import type { CourseShape } from "~/modules/progress/milestones";

/**
 * A generated province for demos, benchmarks and the report's brute-force test: communes ×
 * villages, learners with a unit, an audience group and realistic progress (attempts, progress
 * summaries and the maintained milestones, consistent with each other as recordAttempt would
 * leave them), programme certificates, classes with weekly sessions and attendance, mentors and
 * family links, and denominators. Deterministic for a given seed. Everything is fictional.
 */
export interface GenerateOptions {
  provinceCode?: string;
  provinceName?: string;
  communes: number;
  villagesPerCommune: number;
  learners: number;
  seed?: number;
  now?: Date;
  /** How far back sign-ups go (days before now). */
  historyDays?: number;
  shape: CourseShape;
  /** Learners per transaction. */
  batchSize?: number;
  onProgress?: (done: number) => void;
}

export interface GenerateResult {
  provinceCode: string;
  learners: number;
  attempts: number;
  progressRows: number;
  certificates: number;
  sessions: number;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu", "Xuân", "Quốc"];
const GIVEN = [
  "An",
  "Bình",
  "Chi",
  "Dũng",
  "Giang",
  "Hà",
  "Hạnh",
  "Hùng",
  "Lan",
  "Linh",
  "Mai",
  "Nam",
  "Phúc",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Tuấn",
  "Vy",
  "Yến",
];
const PLACE = ["Tân", "Phú", "Hòa", "Bình", "An", "Thạnh", "Lộc", "Phước", "Long", "Hưng", "Thuận", "Mỹ", "Đông", "Tây", "Nam", "Bắc"];

type Row<T extends keyof DB> = Insertable<DB[T]>;

const CHUNK = 800;

async function insertMany<T extends keyof DB>(db: Pick<Database, "insertInto">, table: T, rows: Row<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // Kysely cannot relate a generic table to its row type; the rows are typed by the caller.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

export async function generateProvince(db: Database, options: GenerateOptions): Promise<GenerateResult> {
  const rand = prng(options.seed ?? 9);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const now = options.now ?? new Date();
  const nowMs = now.getTime();
  const historyMs = (options.historyDays ?? 540) * 86_400_000;
  const iso = (ms: number) => new Date(Math.min(ms, nowMs - 1000)).toISOString();
  const province = options.provinceCode ?? "90";
  const tag = `${province}-${(options.seed ?? 9).toString(36)}`;
  const shape = options.shape;
  const stamp = now.toISOString();
  // Whatever the database already holds is brought up to date first, so the state written at the end is true.
  await ensureMilestonesCurrent(db, shape);

  // Units.
  const units: Row<"units">[] = [
    {
      code: province,
      name: options.provinceName ?? "Tỉnh Thử Nghiệm",
      level: "province",
      parent_code: null,
      province_code: province,
      commune_code: null,
      merged_into: null,
      created_at: stamp,
      updated_at: stamp,
    },
  ];
  const communes: string[] = [];
  const villages: { code: string; commune: string }[] = [];
  for (let c = 1; c <= options.communes; c++) {
    const code = `${province}${String(c).padStart(3, "0")}`;
    communes.push(code);
    const kind = c % 7 === 0 ? "Phường" : "Xã";
    units.push({
      code,
      name: `${kind} ${pick(PLACE)} ${pick(PLACE)} ${c}`,
      level: "commune",
      parent_code: province,
      province_code: province,
      commune_code: code,
      merged_into: null,
      created_at: stamp,
      updated_at: stamp,
    });
    for (let v = 1; v <= options.villagesPerCommune; v++) {
      const vcode = `${code}-T${String(v).padStart(2, "0")}`;
      villages.push({ code: vcode, commune: code });
      units.push({
        code: vcode,
        name: `${v % 4 === 0 ? "Tổ dân phố" : "Thôn"} ${v}`,
        level: "village",
        parent_code: code,
        province_code: province,
        commune_code: code,
        merged_into: null,
        created_at: stamp,
        updated_at: stamp,
      });
    }
  }
  await db.transaction().execute(async (trx) => insertMany(trx, "units", units));

  // Learners, in batches, each batch in one transaction.
  const audiences: (Audience | null)[] = [
    "public-sector",
    "student",
    "student",
    "worker",
    "worker",
    "other",
    "other",
    "other",
    "other",
    null,
  ];
  const result: GenerateResult = { provinceCode: province, learners: 0, attempts: 0, progressRows: 0, certificates: 0, sessions: 0 };
  const learnerUnit: (string | null)[] = [];
  const learnerIds: string[] = [];
  const batchSize = options.batchSize ?? 5000;
  let attemptSeq = 0;
  for (let start = 0; start < options.learners; start += batchSize) {
    const learners: Row<"learners">[] = [];
    const profiles: Row<"learner_profiles">[] = [];
    const attempts: Row<"attempts">[] = [];
    const progress: Row<"progress">[] = [];
    const firsts: { learner_id: string; module_id: string; first: string }[] = [];
    const certs: Row<"certificates">[] = [];
    for (let i = start; i < Math.min(options.learners, start + batchSize); i++) {
      const id = `${tag}-l${i}`;
      // Sign-ups grow over time: more recent days are more likely.
      const createdMs = nowMs - historyMs * (1 - Math.sqrt(rand()));
      const created = iso(createdMs);
      const kind = rand() < 0.88 ? "account" : "guest";
      learners.push({
        id,
        kind,
        display_name: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
        username: kind === "account" ? `${tag}-u${i}` : null,
        password_hash: null,
        created_at: created,
        updated_at: created,
      });
      const r = rand();
      const village = pick(villages);
      const unit = r < 0.9 ? village.code : r < 0.97 ? village.commune : null;
      learnerUnit.push(unit);
      learnerIds.push(id);
      if (unit || rand() < 0.5) {
        profiles.push({
          learner_id: id,
          birth_year: rand() < 0.7 ? 1945 + Math.floor(rand() * 62) : null,
          place: null,
          created_by: null,
          created_at: created,
          unit_code: unit,
          audience: pick(audiences),
          profile_updated_at: created,
        });
      }
      // Progress: an engagement level decides how far a learner goes, module by module.
      if (rand() > 0.78) continue;
      const engagement = rand();
      let t = createdMs + rand() * 3 * 86_400_000;
      const passedAt = new Map<string, string>();
      for (const mod of shape.modules) {
        if (rand() > 0.35 + 0.6 * engagement) break;
        const items = [...mod.lessonIds.map((id) => ["lesson", id] as const), ...mod.practiceIds.map((id) => ["practice", id] as const)];
        let moduleFirst: string | null = null;
        for (const [itemKind, itemId] of items) {
          if (t >= nowMs - 60_000) break;
          if (rand() < 0.12 * (1 - engagement)) break;
          const tries = rand() < 0.7 ? 1 : rand() < 0.8 ? 2 : 3;
          const passes = rand() < 0.93 + 0.07 * engagement;
          let best = 0;
          let firstPass: string | null = null;
          let last = "";
          let tried = 0;
          for (let k = 0; k < tries && t < nowMs - 60_000; k++) {
            tried++;
            const pass = passes && k === tries - 1;
            const score = pass ? 80 + 5 * Math.floor(rand() * 5) : 25 * Math.floor(rand() * 3);
            const at = iso(t);
            attempts.push({
              id: `${tag}-a${attemptSeq++}`,
              learner_id: id,
              module_id: mod.id,
              item_kind: itemKind,
              item_id: itemId,
              locale: "vi",
              answers: "{}",
              correct_count: Math.round(score / 25),
              total_count: 4,
              score,
              passed: pass ? 1 : 0,
              created_at: at,
              idempotency_key: null,
            });
            moduleFirst ??= at;
            best = Math.max(best, score);
            if (pass) firstPass ??= at;
            last = at;
            t += (5 + rand() * 20) * 60_000;
          }
          if (!last) break;
          progress.push({
            learner_id: id,
            item_kind: itemKind,
            item_id: itemId,
            module_id: mod.id,
            attempt_count: tried,
            best_score: best,
            passed: firstPass ? 1 : 0,
            passed_at: firstPass,
            last_attempt_at: last,
            updated_at: last,
          });
          if (firstPass) passedAt.set(`${itemKind}:${itemId}`, firstPass);
          // The next sitting: hours or days later.
          t += rand() < 0.6 ? rand() * 6 * 3_600_000 : rand() * 10 * 86_400_000;
        }
        if (moduleFirst) firsts.push({ learner_id: id, module_id: mod.id, first: moduleFirst });
      }
      // A programme certificate for most who completed every core module (a few revoked).
      const core = shape.coreModuleIds;
      if (core.length && kind === "account") {
        const doneAll = core.every((m) => {
          const mod = shape.modules.find((x) => x.id === m)!;
          return [...mod.lessonIds.map((l) => `lesson:${l}`), ...mod.practiceIds.map((p) => `practice:${p}`)].every((k) => passedAt.has(k));
        });
        if (doneAll && rand() < 0.7) {
          const latest = Math.max(...[...passedAt.values()].map((v) => Date.parse(v)));
          const issuedMs = latest + rand() * 7 * 86_400_000;
          if (issuedMs < nowMs) {
            const revoked = rand() < 0.03;
            certs.push({
              id: `${tag}-c${i}`,
              code: `G${tag}-${i}`.toUpperCase(),
              learner_id: id,
              kind: "programme",
              subject_id: "basic-digital-skills",
              printed_name: "—",
              titles: "{}",
              locale: "vi",
              completed_at: new Date(latest).toISOString(),
              issued_at: iso(issuedMs),
              issuer_name: "Tỉnh Thử Nghiệm",
              issuer_name_en: "Test Province",
              token: "generated",
              key_id: "generated",
              revoked_at: revoked ? iso(issuedMs + 86_400_000) : null,
              revoked_reason: revoked ? "Sai tên" : null,
              revoked_by: null,
              reissue_allowed: 0,
            });
          }
        }
      }
    }
    const milestones = milestonesFromRows(
      shape,
      firsts,
      progress.map((p) => ({ ...p, passed: Number(p.passed), passed_at: p.passed_at ?? null })),
    );
    await db.transaction().execute(async (trx) => {
      await insertMany(trx, "learners", learners);
      await insertMany(trx, "learner_profiles", profiles);
      await insertMany(trx, "attempts", attempts);
      await insertMany(trx, "progress", progress);
      await insertMany(
        trx,
        "module_progress",
        milestones.modules.map((m) => ({ ...m, updated_at: stamp })),
      );
      await insertMany(
        trx,
        "learner_milestones",
        [...milestones.learners].map(([learner_id, m]) => ({ learner_id, ...m, updated_at: stamp })),
      );
      await insertMany(trx, "certificates", certs);
    });
    result.learners += learners.length;
    result.attempts += attempts.length;
    result.progressRows += progress.length;
    result.certificates += certs.length;
    options.onProgress?.(result.learners);
  }

  await db.transaction().execute(async (trx) => {
    // Classes: two per commune, run by a learner of the commune, with a weekly session since they began.
    const byCommune = new Map<string, string[]>();
    learnerIds.forEach((id, i) => {
      const u = learnerUnit[i];
      if (!u) return;
      const commune = u.split("-")[0]!;
      const list = byCommune.get(commune) ?? [];
      list.push(id);
      byCommune.set(commune, list);
    });
    const classes: Row<"classes">[] = [];
    const members: Row<"class_members">[] = [];
    const sessions: Row<"class_sessions">[] = [];
    const attendance: Row<"class_attendance">[] = [];
    const roles: Row<"learner_roles">[] = [];
    const links: Row<"follow_links">[] = [];
    let linkSeq = 0;
    for (const [ci, commune] of communes.entries()) {
      const people = byCommune.get(commune) ?? [];
      if (people.length < 3) continue;
      for (let k = 0; k < 2; k++) {
        const classId = `${tag}-k${ci}-${k}`;
        const owner = pick(people);
        const beganMs = nowMs - historyMs * (0.2 + 0.6 * rand());
        classes.push({
          id: classId,
          owner_id: owner,
          name: `Lớp kỹ năng số ${k + 1}`,
          place: "Nhà văn hóa",
          schedule: "Tối thứ Năm",
          join_code: `${tag}${ci}${k}`.toUpperCase(),
          created_at: iso(beganMs),
          updated_at: iso(beganMs),
          unit_code: k === 0 ? commune : `${commune}-T01`,
        });
        const roster = Array.from({ length: Math.min(people.length, 20) }, () => pick(people)).filter((v, i, a) => a.indexOf(v) === i);
        for (const learner of roster)
          members.push({ class_id: classId, learner_id: learner, joined_at: iso(beganMs), left_at: null, left_reason: null });
        for (let day = beganMs; day < nowMs; day += 7 * 86_400_000) {
          if (rand() < 0.15) continue;
          const sessionId = `${tag}-s${result.sessions++}`;
          const dayText = new Date(day + 7 * 3_600_000).toISOString().slice(0, 10);
          sessions.push({ id: sessionId, class_id: classId, day: dayText, started_at: iso(day), module_id: null, lesson_id: null });
          for (const learner of roster) {
            attendance.push({ session_id: sessionId, learner_id: learner, present: rand() < 0.7 ? 1 : 0, marked_at: iso(day) });
          }
        }
      }
      // Mentors: about 1 in 100 people, each following a few neighbours; families for 1 in 30.
      const mentorCount = Math.max(1, Math.round(people.length / 100));
      for (let m = 0; m < mentorCount; m++) {
        const mentor = pick(people);
        if (roles.some((r) => r.learner_id === mentor)) continue;
        roles.push({ learner_id: mentor, role: "mentor", granted_at: iso(nowMs - historyMs / 2), granted_by: null });
        const mentees = Math.floor(rand() * 9);
        const chosen = new Set<string>();
        for (let j = 0; j < mentees; j++) {
          const followed = pick(people);
          if (followed === mentor || chosen.has(followed)) continue;
          chosen.add(followed);
          const acceptedMs = nowMs - historyMs * rand() * 0.5;
          const ended = rand() < 0.15;
          links.push({
            id: `${tag}-f${linkSeq++}`,
            kind: "mentor",
            follower_id: mentor,
            followed_id: followed,
            invite_code: `${tag}F${linkSeq}`.toUpperCase(),
            created_at: iso(acceptedMs - 3_600_000),
            expires_at: iso(acceptedMs + 14 * 86_400_000),
            accepted_at: iso(acceptedMs),
            ended_at: ended ? iso(acceptedMs + rand() * (nowMs - acceptedMs)) : null,
            ended_by: ended ? mentor : null,
          });
        }
      }
      for (let f = 0; f < Math.round(people.length / 30); f++) {
        const [follower, followed] = [pick(people), pick(people)];
        if (follower === followed) continue;
        const acceptedMs = nowMs - historyMs * rand() * 0.6;
        const accepted = rand() < 0.85;
        links.push({
          id: `${tag}-f${linkSeq++}`,
          kind: "family",
          follower_id: follower,
          followed_id: accepted ? followed : null,
          invite_code: `${tag}F${linkSeq}`.toUpperCase(),
          created_at: iso(acceptedMs - 3_600_000),
          expires_at: iso(acceptedMs + 14 * 86_400_000),
          accepted_at: accepted ? iso(acceptedMs) : null,
          ended_at: null,
          ended_by: null,
        });
      }
    }
    await insertMany(trx, "classes", classes);
    await insertMany(trx, "class_members", members);
    await insertMany(trx, "class_sessions", sessions);
    await insertMany(trx, "class_attendance", attendance);
    await insertMany(trx, "learner_roles", roles);
    await insertMany(trx, "follow_links", links);

    // Denominators for this year: a little above the learners placed in each commune.
    const year = Number(new Date(nowMs + 7 * 3_600_000).toISOString().slice(0, 4));
    const targets: Row<"unit_targets">[] = [];
    let provinceAdults = 0;
    for (const commune of communes) {
      const adults = Math.round((byCommune.get(commune)?.length ?? 0) * (1.3 + rand()));
      provinceAdults += adults;
      if (adults > 0)
        targets.push({
          unit_code: commune,
          year,
          audience: "adult",
          denominator: adults,
          target_percent: year >= 2026 ? 100 : 70,
          updated_at: stamp,
          updated_by: null,
        });
    }
    for (const [audience, share] of [
      ["adult", 1],
      ["public-sector", 0.08],
      ["student", 0.2],
      ["worker", 0.18],
    ] as const) {
      targets.push({
        unit_code: province,
        year,
        audience,
        denominator: Math.max(1, Math.round(provinceAdults * share)),
        target_percent: year >= 2026 ? 100 : audience === "adult" ? 70 : audience === "student" ? 100 : 80,
        updated_at: stamp,
        updated_by: null,
      });
    }
    await insertMany(trx, "unit_targets", targets);
    await writeShapeState(trx, shape, now);
  });
  return result;
}
