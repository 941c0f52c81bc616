import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { QrCode } from "~/components/classes/ui";
import { useAutoRefresh } from "~/components/classes/useAutoRefresh";
import { useTranslation } from "~/i18n/react";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { listMembers, progressOfLearners } from "~/modules/classes/classes.server";
import { vietnamDay } from "~/modules/classes/codes";
import { qrSvg } from "~/modules/qr/qr-svg";
import { getSessionOfDay } from "~/modules/classes/sessions.server";
import { clampStep, splitSlides } from "~/modules/classes/slides";
import { getCourse } from "~/modules/content/course-instance.server";
import classesCss from "~/styles/classes.css?url";
import { siteOrigin } from "~/modules/http/public-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/**
 * The lesson shown to a group: one part at a time in large print, then the quiz step with a QR
 * code to the lesson and how many have mastered it so far. Plain links move between steps.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const session = await getSessionOfDay(db, { classId: klass.id, day: vietnamDay(new Date()) });
  const base = `/${locale}/teach/classes/${klass.id}/session`;
  if (!session?.module_id || !session.lesson_id) throw redirect(base);
  const course = await getCourse();
  const lesson = course.lesson(locale, session.module_id, session.lesson_id);
  if (!lesson) throw redirect(base);
  const slides = splitSlides(lesson.html, lesson.title);
  const step = clampStep(new URL(request.url).searchParams.get("step"), slides.length);
  const quizStep = step === slides.length + 1;
  let mastered = 0;
  let total = 0;
  let qr = null;
  const lessonUrl = `${siteOrigin()}/${locale}/modules/${lesson.moduleId}/${lesson.id}`;
  if (quizStep) {
    const { active } = await listMembers(db, { classId: klass.id });
    const progress = await progressOfLearners(db, { learnerIds: active.map((m) => m.id) });
    total = active.length;
    mastered = active.filter((m) => progress.get(m.id)?.lessons.get(lesson.id)?.passed).length;
    qr = qrSvg(lessonUrl, { quiet: 4 });
  }
  return {
    locale,
    title: lesson.title,
    base,
    lesson: { title: lesson.title, textLocale: lesson.locale },
    step,
    count: slides.length,
    slide: quizStep ? null : slides[step - 1]!,
    quiz: quizStep ? { mastered, total, qr: qr!, url: lessonUrl } : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function PresentPage() {
  const { base, lesson, step, count, slide, quiz } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  useAutoRefresh(10, !!quiz);
  return (
    <div className="cls-present" lang={lesson.textLocale}>
      <h1 className="cls-present-step">
        {lesson.title} · {t("classes:present.step", { step, total: count + 1 })}
      </h1>
      {slide ? (
        <div className="cls-present-slide lesson-body" dangerouslySetInnerHTML={{ __html: slide.html }} />
      ) : (
        <div className="cls-present-slide">
          <h2>{t("classes:present.quizTitle")}</h2>
          <p>{t("classes:present.quizLead")}</p>
          <QrCode qr={quiz!.qr} label={t("classes:session.lessonQr", { title: lesson.title })} className="cls-present-qr" />
          <p className="cls-url">{quiz!.url}</p>
          <p className="cls-present-count" aria-live="polite">
            {t("classes:present.mastered", { mastered: quiz!.mastered, total: quiz!.total })}
          </p>
        </div>
      )}
      <nav className="cls-present-nav" aria-label={t("classes:present.steps")}>
        {step > 1 ? (
          <Link className="button" to={`?step=${step - 1}`} rel="prev">
            ← {t("classes:present.previous")}
          </Link>
        ) : (
          <span />
        )}
        {step <= count ? (
          <Link className="button button-primary" to={`?step=${step + 1}`} rel="next">
            {t("classes:present.next")} →
          </Link>
        ) : (
          <Link className="button" to={base}>
            {t("classes:present.end")}
          </Link>
        )}
      </nav>
    </div>
  );
}
