import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { requireAnyOfficial } from "~/modules/units/scope.server";
import { childUnits, getUnit } from "~/modules/units/units.server";

/** An official's units (an administrator's: the deployment's root province, or every province). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { units, isAdmin } = await requireAnyOfficial(request);
  const db = await getDb();
  const root = getEnv().ROOT_UNIT;
  const rootUnit = root ? await getUnit(db, root) : undefined;
  const all = isAdmin ? (rootUnit ? [rootUnit] : await childUnits(db, null)) : [];
  const list = (u: { code: string; name: string; level: string }) => ({ code: u.code, name: u.name, level: u.level });
  return { locale, mine: units.map(list), all: all.map(list), title: translate(locale, "units:report.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ReportIndex() {
  const { locale, mine, all } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const item = (u: { code: string; name: string; level: string }) => (
    <li key={u.code}>
      <Link to={`/${locale}/report/units/${u.code}`}>{u.name}</Link> <span className="meta">({u.code})</span>
    </li>
  );
  return (
    <div className="page">
      <h1>{t("units:report.title")}</h1>
      <p className="lead">{t("units:report.lead")}</p>
      {mine.length ? (
        <section aria-labelledby="mine">
          <h2 id="mine">{t("units:report.yourUnits")}</h2>
          <ul>{mine.map(item)}</ul>
        </section>
      ) : null}
      {all.length ? (
        <section aria-labelledby="all">
          <h2 id="all">{t("units:report.allProvinces")}</h2>
          <ul>{all.map(item)}</ul>
        </section>
      ) : null}
      {!mine.length && !all.length ? <p>{t("units:report.noUnitsYet")}</p> : null}
    </div>
  );
}
