import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/react";
import { achievementFor } from "~/modules/certificates/certificates.server";
import { issuerNames } from "~/modules/certificates/config.server";
import { siteOrigin } from "~/modules/http/public-url.server";
import { publicPageMeta } from "~/modules/seo/meta";

/**
 * Public: what a certificate for a module or for the whole programme means (the Achievement of
 * every badge for it, whose `id` leads here): its name, what must be done, who issues it. No
 * learner is named here.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const kind = params.kind === "module" || params.kind === "programme" ? params.kind : null;
  const achievement = kind ? await achievementFor(kind, params.id ?? "", { locale, origin: siteOrigin() }) : null;
  if (!kind || !achievement) throw new Response(null, { status: 404 });
  const names = issuerNames();
  return data(
    {
      locale,
      kind,
      subjectId: params.id!,
      title: achievement.name,
      description: achievement.description,
      image: achievement.image?.id ?? null,
      issuer: locale === "en" ? names.en : names.vi,
      preview: {
        title: translate(locale, "certificates:achievement.preview", { title: achievement.name }),
        description: achievement.description,
      },
    },
    { headers: { "Cache-Control": "public, max-age=300" } },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) => publicPageMeta(args, data && { ...data.preview, indexable: true });

export default function AchievementPage() {
  const { locale, kind, subjectId, title, description, issuer } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <p className="kicker">{t(`certificates:achievement.kind.${kind}`)}</p>
      <h1>{title}</h1>
      <h2>{t("certificates:achievement.criteria")}</h2>
      <p>{description}</p>
      <dl className="facts">
        <dt>{t("certificates:verify.issuer")}</dt>
        <dd>{issuer}</dd>
      </dl>
      <p>{t("certificates:verify.what")}</p>
      <p className="actions">
        {kind === "module" ? (
          <Link className="button button-primary" to={`/${locale}/modules/${subjectId}`}>
            {t("certificates:achievement.learn")}
          </Link>
        ) : (
          <Link className="button button-primary" to={`/${locale}`}>
            {t("certificates:achievement.learn")}
          </Link>
        )}
        <Link className="button" to={`/${locale}/verify`}>
          {t("certificates:verify.title")}
        </Link>
      </p>
    </div>
  );
}
