import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { formatTime } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import { requireLocale, translate } from "~/i18n/locale.server";
import { getDb } from "~/db.server";
import { withNotice } from "~/modules/accounts/auth.server";
import { clearOfferHeader, readOffer, recentGuestWork, takeGuestWork } from "~/modules/accounts/guest-work.server";
import { refuse } from "~/modules/accounts/refuse.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { getCourse } from "~/modules/content/course-instance.server";
import { readFormData } from "~/modules/http/forms";
import { safeRedirect } from "~/modules/http/redirect";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/**
 * Right after a PIN log-in on a phone where a guest did something in the last hours: "was this
 * you?", with what was done; one tap takes it into the account, another leaves it (issue 18).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  if (!learner) refuse(request, { signedIn: false });
  const target = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), locale, `/${locale}`);
  const offer = await readOffer(request, learner.id);
  const db = await getDb();
  const work = offer ? await recentGuestWork(db, { guestId: offer.guestId }) : [];
  if (!work.length) throw redirect(target, { headers: { "Set-Cookie": await clearOfferHeader(request) } });
  const course = await getCourse();
  return {
    locale,
    title: translate(locale, "classes:claim.title"),
    name: learner.display_name ?? learner.username ?? "",
    target,
    work: work.map((a) => ({
      id: a.id,
      title:
        (a.item_kind === "lesson"
          ? course.lesson(locale, a.module_id, a.item_id)?.title
          : course.practice(locale, a.module_id, a.item_id)?.title) ?? a.item_id,
      correct: a.correct_count,
      total: a.total_count,
      passed: a.passed === 1,
      at: a.created_at,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const learner = await getCurrentLearner(request);
  if (!learner) refuse(request, { signedIn: false });
  const form = await readFormData(request);
  const target = safeRedirect(form.get("redirectTo"), locale, `/${locale}`);
  const offer = await readOffer(request, learner.id);
  const headers = { "Set-Cookie": await clearOfferHeader(request) };
  if (offer && form.get("answer") === "mine") {
    await takeGuestWork(await getDb(), offer);
    return redirect(withNotice(target, "loggedInMerged"), { headers });
  }
  return redirect(withNotice(target, "loggedIn"), { headers });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ClaimGuestWorkPage() {
  const { locale, name, target, work } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <p className="meta">{t("classes:claim.signedIn", { name })}</p>
      <h1>{t("classes:claim.title")}</h1>
      <p className="lead">{t("classes:claim.lead")}</p>
      <ul className="cls-rows" aria-label={t("classes:claim.listLabel")}>
        {work.map((w) => (
          <li key={w.id}>
            <span>
              <strong>{w.title}</strong>
              <br />
              <span className="meta">{formatTime(w.at, locale)}</span>
            </span>
            <span className={`badge badge-${w.passed ? "mastered" : "started"}`}>
              {t(w.passed ? "classes:claim.passed" : "classes:claim.notPassed", { correct: w.correct, total: w.total })}
            </span>
          </li>
        ))}
      </ul>
      <Form method="post" className="form">
        <input type="hidden" name="redirectTo" value={target} />
        <div className="actions">
          <button type="submit" name="answer" value="mine" className="button button-primary">
            {t("classes:claim.mine")}
          </button>
          <button type="submit" name="answer" value="notMine" className="button">
            {t("classes:claim.notMine")}
          </button>
        </div>
      </Form>
      <p className="hint">{t("classes:claim.hint")}</p>
    </div>
  );
}
