import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ProgressBar, StateBadge } from "~/components/progress";
import { ClassLinksSection } from "~/components/classes/ClassLinksSection";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { getCatalogue } from "~/modules/progress/catalogue.server";
import { loaderHeaders, pageCacheHeaders } from "~/modules/http/cache";
import { getDb } from "~/db.server";
import { recoveryStatus } from "~/modules/accounts/recovery.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  const modules = await getCatalogue({ locale, learnerId: learner?.id ?? null });
  const started = modules.some((m) => m.progress.started > 0);
  // An account with a password and no recovery codes is asked to make them (issue 14).
  const needsRecovery =
    learner?.kind === "account" && !!learner.password_hash && (await recoveryStatus(await getDb(), { learnerId: learner.id })).unused === 0;
  return data(
    {
      locale,
      isGuest: learner?.kind !== "account",
      hasSession: !!learner,
      needsRecovery,
      started,
      modules,
      title: translate(locale, "progress.title"),
    },
    { headers: pageCacheHeaders(request) },
  );
}

export const headers = loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ProgressPage() {
  const { locale, isGuest, hasSession, needsRecovery, started, modules } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const mastered = modules.reduce((n, m) => n + m.progress.mastered, 0);
  const total = modules.reduce((n, m) => n + m.progress.total, 0);
  return (
    <div className="page">
      <h1>{t("progress.title")}</h1>
      {isGuest ? (
        <p className="alert">
          {t("progress.guestNotice")} <Link to={`/${locale}/signup`}>{t("nav.signup")}</Link>
        </p>
      ) : null}
      {needsRecovery ? (
        <p className="alert">
          {t("accounts:recovery.progressBox")} <Link to={`/${locale}/recovery-codes`}>{t("accounts:recovery.create")}</Link>
        </p>
      ) : null}
      {!started ? (
        <div className="empty">
          <p>{t("progress.empty")}</p>
          <Link className="button button-primary" to={`/${locale}`}>
            {t("progress.startLearning")}
          </Link>
        </div>
      ) : (
        <>
          <p className="lead">{t("progress.overall", { mastered, total })}</p>
          {modules.map((m) => (
            <section key={m.id} className="progress-module" aria-labelledby={`pm-${m.id}`}>
              <h2 id={`pm-${m.id}`}>
                <Link to={`/${locale}/modules/${m.id}`}>{m.title}</Link>
              </h2>
              <ProgressBar summary={m.progress} label={t("progress.ofModule", { title: m.title })} />
              <ul className="lesson-list compact">
                {m.lessons.map((l) => (
                  <li key={l.id}>
                    <Link to={`/${locale}/modules/${m.id}/${l.id}`}>{l.title}</Link>
                    <span className="meta">
                      {l.bestScore !== null
                        ? `${t("progress.bestScore", { score: l.bestScore })} · ${t("progress.attempts", { count: l.attempts })}`
                        : ""}
                    </span>
                    <StateBadge state={l.state} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
      {hasSession ? (
        <p>
          <Link to={`/${locale}/profile`}>{t("units:profile.link")}</Link> · {t("units:place.why")} ·{" "}
          <Link to={`/${locale}/my-data`}>{t("nav.myData")}</Link>
        </p>
      ) : null}
      <ClassLinksSection locale={locale} isGuest={isGuest} />
    </div>
  );
}
