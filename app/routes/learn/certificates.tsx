import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { myCertificates } from "~/modules/certificates/certificates.server";
import { loaderHeaders, pageCacheHeaders } from "~/modules/http/cache";
import { AccountLinks, CertificateDownloads } from "~/components/certificates/links";
import { siteOrigin } from "~/modules/http/public-url.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  const overview = await myCertificates(learner, locale, siteOrigin());
  return data(
    { locale, isAccount: learner?.kind === "account", ...overview, title: translate(locale, "certificates:title") },
    { headers: pageCacheHeaders(request) },
  );
}

export const headers = loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function MyCertificatesPage() {
  const { locale, isAccount, certificates, ready, revokedBlocked, inProgress, programme } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const here = `/${locale}/certificates`;
  const programmeReady = programme && (programme.decision === "issue" || programme.decision === "needs-account");
  return (
    <div className="page">
      <h1>{t("certificates:title")}</h1>
      <p className="lead">{t("certificates:lead")}</p>

      {!isAccount && ready.length ? (
        <section className="alert" aria-labelledby="guest-title">
          <h2 id="guest-title">{t("certificates:guest.title")}</h2>
          <p>{t("certificates:guest.body", { count: ready.length })}</p>
          <ul className="plain-list">
            {ready.map((m) => (
              <li key={m.id}>{t("certificates:ready.module", { title: m.title })}</li>
            ))}
          </ul>
          <AccountLinks locale={locale} here={here} />
        </section>
      ) : null}

      {isAccount && (ready.length || programmeReady) ? (
        <section aria-labelledby="ready-title">
          <h2 id="ready-title">{t("certificates:ready.title")}</h2>
          <ul className="lesson-list">
            {programme && programmeReady ? (
              <li>
                <p>{t("certificates:ready.programme")}</p>
                <Link className="button button-primary" to={`/${locale}/certificates/claim/${programme.id}`}>
                  {t("certificates:ready.claim", { title: programme.title })}
                </Link>
              </li>
            ) : null}
            {ready.map((m) => (
              <li key={m.id}>
                <p>{t("certificates:ready.module", { title: m.title })}</p>
                <Link className="button button-primary" to={`/${locale}/certificates/claim/${m.id}`}>
                  {t("certificates:ready.claim", { title: m.title })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {revokedBlocked.map((m) => (
        <p key={m.id} className="alert">
          {t("certificates:revokedBlocked", { title: m.title })}
        </p>
      ))}

      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{t("certificates:mine.title")}</h2>
        {certificates.length === 0 && ready.length ? (
          // Nothing held yet, but a topic is finished: the way to it is above, not "go and learn".
          <p className="empty">{t(`certificates:emptyReady.${isAccount ? "account" : "guest"}`, { count: ready.length })}</p>
        ) : certificates.length === 0 ? (
          <div className="empty">
            <p>{t("certificates:empty")}</p>
            <Link className="button button-primary" to={`/${locale}`}>
              {t("certificates:startLearning")}
            </Link>
          </div>
        ) : (
          <ul className="certificate-list">
            {certificates.map((c) => {
              const base = `/${locale}/certificates/${c.code}`;
              return (
                <li key={c.code} className={`certificate-card${c.revokedOn ? " is-revoked" : ""}`}>
                  <h3>{c.title}</h3>
                  <p className="meta">{t("certificates:card.completedOn", { date: c.completedOn })}</p>
                  <p className="meta">{t("certificates:card.code", { code: c.code })}</p>
                  {c.revokedOn ? (
                    <p className="alert alert-error">{t("certificates:card.revoked", { date: c.revokedOn })}</p>
                  ) : (
                    <>
                      <CertificateDownloads base={base} shareUrl={c.shareUrl} badge={c.kind !== "contest"}>
                        <Link className="button button-primary" to={base}>
                          {t("certificates:card.view")}
                        </Link>
                      </CertificateDownloads>
                      <p className="hint">{t("certificates:card.shareHint")}</p>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {programme && !programmeReady && programme.decision !== "held" ? (
        <section aria-labelledby="programme-title">
          <h2 id="programme-title">{t("certificates:programme.title")}</h2>
          <p>
            <strong>{programme.title}</strong>
          </p>
          <p>{t("certificates:programme.progress", { done: programme.done, total: programme.total })}</p>
          {programme.modulesLeft.length ? (
            <>
              <p>{t("certificates:programme.left")}</p>
              <ul className="lesson-list compact">
                {programme.modulesLeft.map((m) => (
                  <li key={m.id}>
                    <Link to={`/${locale}/modules/${m.id}`}>{m.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {inProgress.length ? (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">{t("certificates:inProgress.title")}</h2>
          <ul className="lesson-list compact">
            {inProgress.map((m) => (
              <li key={m.id}>
                <Link to={`/${locale}/modules/${m.id}`}>{m.title}</Link>
                <span className="meta">{t("certificates:inProgress.item", { done: m.done, total: m.total })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
