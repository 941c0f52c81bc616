import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { durationParts, vietnamClock } from "~/modules/contests/rules";

/** "08:20:05, 10/10/2026" in Vietnam time. */
export function ClockTime({ iso }: { iso: string }) {
  const { t } = useTranslation();
  const { time, date } = vietnamClock(iso);
  return <time dateTime={iso}>{t("contests:clock", { time, date })}</time>;
}

export function Duration({ ms }: { ms: number }) {
  const { t } = useTranslation();
  const { minutes, seconds } = durationParts(ms);
  return <>{t("contests:duration", { minutes, seconds: String(seconds).padStart(2, "0") })}</>;
}

/**
 * Time left. Without JavaScript the page says when time is up as a clock time (the server
 * decides anyway); with it, a countdown beside it, announced once a minute is left and at zero.
 */
export function Countdown({ deadline, serverNow }: { deadline: string; serverNow: string }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    // The phone's clock may be wrong: count from the server's time when the page was made.
    const skew = Date.parse(serverNow) - Date.now();
    const tick = () => setLeft(Math.max(0, Date.parse(deadline) - (Date.now() + skew)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [deadline, serverNow]);
  const parts = left === null ? null : durationParts(left);
  return (
    <div className="contest-clock">
      <p>
        {t("contests:take.endsAt")} <strong>{<ClockTime iso={deadline} />}</strong>
      </p>
      {parts ? (
        <p className="contest-countdown" data-testid="countdown">
          {t("contests:take.left", { minutes: parts.minutes, seconds: String(parts.seconds).padStart(2, "0") })}
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {left === 0 ? t("contests:take.timeUp") : left !== null && left < 60_000 ? t("contests:take.lastMinute") : ""}
      </p>
    </div>
  );
}

export interface BoardRowView {
  key: string;
  name: string;
  participants: number;
  participation: number | null;
  averageScore: number;
  bestScore: number;
}

/** One leaderboard (communes, villages or classes) as a table: scrolls inside itself on a phone, never the page. */
export function BoardTable({ caption, rows, population = true }: { caption: string; rows: BoardRowView[]; population?: boolean }) {
  const { t } = useTranslation();
  if (!rows.length) return null;
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="contest-board">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("contests:board.rank")}</th>
            <th scope="col">{t("contests:board.name")}</th>
            <th scope="col">{t("contests:board.participants")}</th>
            {population ? <th scope="col">{t("contests:board.participation")}</th> : null}
            <th scope="col">{t("contests:board.average")}</th>
            <th scope="col">{t("contests:board.best")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.key}>
              <td>{i + 1}</td>
              <th scope="row">{r.name}</th>
              <td>{r.participants}</td>
              {population ? <td>{r.participation === null ? t("contests:board.unknown") : `${r.participation}%`}</td> : null}
              <td>{r.averageScore}</td>
              <td>{r.bestScore}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface TopRow {
  rank: number;
  name: string | null;
  unitName: string | null;
  score: number;
  durationMs: number;
}

/** The best participants: a name only with their consent, otherwise "Người tham gia số 3". */
export function TopList({ rows }: { rows: TopRow[] }) {
  const { t } = useTranslation();
  if (!rows.length) return null;
  return (
    <ol className="contest-top">
      {rows.map((r) => (
        <li key={r.rank}>
          <strong>{r.name ?? t("contests:board.anonymous", { rank: r.rank })}</strong>
          {r.unitName ? ` · ${r.unitName}` : ""} · {t("contests:board.points", { score: r.score })} · <Duration ms={r.durationMs} />
        </li>
      ))}
    </ol>
  );
}
