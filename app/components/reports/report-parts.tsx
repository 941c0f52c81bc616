import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { PeriodError, PeriodInput } from "~/modules/reports/period";
import { formatCell, type ChartRow, type ReportTable } from "~/modules/reports/tables";

/**
 * A breakdown as an accessible table: caption, column headers with scope, each row named by its
 * first cell (a row header, kept in view while the figures scroll sideways on a phone). A unit
 * with units below it links to its own report, keeping the period.
 */
export function ReportTableView({
  table,
  caption,
  locale,
  drillHref,
}: {
  table: ReportTable;
  caption: string;
  locale: string;
  drillHref?: (code: string) => string;
}) {
  const { t } = useTranslation();
  const captionId = `caption-${table.id}`;
  return (
    <div className="rep-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="rep-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th scope="col" key={c.id} className={c.kind === "text" ? undefined : "rep-num"}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r} className={row.total ? "rep-total" : undefined}>
              {row.cells.map((cell, i) => {
                const column = table.columns[i]!;
                const text = formatCell(cell, column.kind, locale, t);
                if (i === 0) {
                  return (
                    <th scope="row" key={column.id}>
                      {row.drillCode && drillHref ? <Link to={drillHref(row.drillCode)}>{text}</Link> : text}
                      {row.overDenominator ? (
                        <span className="rep-warn">
                          {" "}
                          <span aria-hidden="true">⚠</span> {t("reports:overDenominator")}
                        </span>
                      ) : null}
                    </th>
                  );
                }
                return (
                  <td key={column.id} className={column.kind === "text" ? undefined : "rep-num"}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Horizontal bars, one per unit, for the share reached; a vertical mark for each unit's target.
 * Drawn as SVG in the server's HTML (no script), in black and blue with patterns of text, so it
 * prints in black and white; the title and description are its text alternative, and the table
 * above has every figure.
 */
export function ReportChart({ rows, locale, id }: { rows: ChartRow[]; locale: string; id: string }) {
  const { t } = useTranslation();
  const drawn = rows.filter((r) => r.share !== null);
  if (!drawn.length) return <p className="hint">{t("reports:chart.none")}</p>;
  const percent = (v: number | null) =>
    v === null ? "—" : new Intl.NumberFormat(locale === "en" ? "en" : "vi", { style: "percent", maximumFractionDigits: 1 }).format(v);
  const max = Math.max(1, ...rows.map((r) => Math.max(r.share ?? 0, r.target ?? 0)));
  const width = 640;
  const left = 8;
  const barWidth = width - left - 90;
  const rowHeight = 46;
  const top = 30;
  const height = top + rows.length * rowHeight + 10;
  const x = (v: number) => left + (barWidth * v) / max;
  const met = drawn.filter((r) => r.met).length;
  return (
    <figure className="rep-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{t("reports:chart.title")}</title>
        <desc id={`${id}-desc`}>
          {t("reports:chart.desc", { met, count: drawn.length })}{" "}
          {rows
            .map((r) =>
              r.share === null
                ? t("reports:chart.noDenominator", { name: r.name })
                : t("reports:chart.row", { name: r.name, share: percent(r.share), target: percent(r.target) }),
            )
            .join("; ")}
        </desc>
        <g aria-hidden="true">
          <rect x={left} y={6} width={14} height={12} fill="#1d4ed8" />
          <text x={left + 20} y={17} fontSize="14">
            {t("reports:chart.share")}
          </text>
          <line x1={left + 150} x2={left + 150} y1={4} y2={20} stroke="#000" strokeWidth={3} />
          <text x={left + 158} y={17} fontSize="14">
            {t("reports:chart.target")}
          </text>
          {rows.map((r, i) => {
            const y = top + i * rowHeight;
            return (
              <g key={i}>
                <text x={left} y={y + 14} fontSize="15">
                  {r.name.length > 60 ? `${r.name.slice(0, 58)}…` : r.name}
                </text>
                <rect x={left} y={y + 20} width={barWidth} height={16} fill="#f1f5f9" stroke="#94a3b8" strokeWidth={1} />
                {r.share !== null ? <rect x={left} y={y + 20} width={Math.max(1, x(r.share) - left)} height={16} fill="#1d4ed8" /> : null}
                {r.target !== null ? (
                  <line x1={x(r.target)} x2={x(r.target)} y1={y + 16} y2={y + 40} stroke="#000" strokeWidth={3} />
                ) : null}
                <text x={left + barWidth + 6} y={y + 33} fontSize="14">
                  {r.share === null ? "—" : percent(r.share)}
                  {r.met ? " ✓" : ""}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </figure>
  );
}

/** The period form: a plain GET form, so the report's address names its period and works without JavaScript. */
export function PeriodForm({ values, errors, action }: { values: PeriodInput; errors: PeriodError[]; action: string }) {
  const { t } = useTranslation();
  const errorOf = (field: PeriodError["field"]) => errors.find((e) => e.field === field)?.code;
  const kind = values.period || "quarter";
  const fieldError = (field: PeriodError["field"]) => {
    const code = errorOf(field);
    return code ? (
      <p className="field-error" id={`period-${field}-error`}>
        {t(code)}
      </p>
    ) : null;
  };
  const invalid = (field: PeriodError["field"]) =>
    errorOf(field) ? { "aria-invalid": true as const, "aria-describedby": `period-${field}-error` } : {};
  return (
    <form method="get" action={action} className="rep-period no-print">
      {errors.length ? (
        <p className="form-error" role="alert">
          {t("reports:errors.summary")}
        </p>
      ) : null}
      <fieldset>
        <legend>{t("reports:period.legend")}</legend>
        {fieldError("period")}
        <div className="rep-kinds">
          {(["quarter", "year", "range"] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="period" value={k} defaultChecked={kind === k} /> {t(`reports:period.${k}`)}
            </label>
          ))}
        </div>
        <div className="rep-period-fields">
          <div className={`field${errorOf("year") ? " field-invalid" : ""}`}>
            <label htmlFor="period-year">{t("reports:period.yearLabel")}</label>
            <input id="period-year" name="year" inputMode="numeric" defaultValue={values.year ?? ""} size={6} {...invalid("year")} />
            {fieldError("year")}
          </div>
          <div className={`field${errorOf("quarter") ? " field-invalid" : ""}`}>
            <label htmlFor="period-quarter">{t("reports:period.quarterLabel")}</label>
            <select id="period-quarter" name="quarter" defaultValue={values.quarter ?? ""} {...invalid("quarter")}>
              <option value="">—</option>
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={String(q)}>
                  {t("reports:period.quarterOption", { n: q })}
                </option>
              ))}
            </select>
            {fieldError("quarter")}
          </div>
          <div className={`field${errorOf("from") ? " field-invalid" : ""}`}>
            <label htmlFor="period-from">{t("reports:period.from")}</label>
            <input id="period-from" name="from" type="date" defaultValue={values.from ?? ""} {...invalid("from")} />
            {fieldError("from")}
          </div>
          <div className={`field${errorOf("to") ? " field-invalid" : ""}`}>
            <label htmlFor="period-to">{t("reports:period.to")}</label>
            <input id="period-to" name="to" type="date" defaultValue={values.to ?? ""} {...invalid("to")} />
            {fieldError("to")}
          </div>
        </div>
        <p className="hint">{t("reports:period.dayHint")}</p>
        <button type="submit">{t("reports:period.show")}</button>
      </fieldset>
    </form>
  );
}
