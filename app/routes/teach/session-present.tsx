import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { QrCode } from "~/components/classes/ui";
import { useAutoRefresh } from "~/components/classes/useAutoRefresh";
import { useTranslation } from "~/i18n/react";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { listMembers, progressOfLearners } from "~/modules/classes/classes.server";
import { vietnamDay } from "~/modules/classes/codes";
import { qrSvg } from "~/modules/qr/qr-svg";
import { attendanceOf, getSessionOfDay } from "~/modules/classes/sessions.server";
import { clampStep, fitSlides, splitSlides } from "~/modules/classes/slides";
import { getCourse } from "~/modules/content/course-instance.server";
import classesCss from "~/styles/classes.css?url";
import { siteOrigin } from "~/modules/http/public-url.server";
import { HtmlOnce, htmlOnce } from "~/modules/http/html-once";

const PRESENT_SLIDE = "present-slide";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/**
 * The lesson shown to a group: one part at a time in large print, then the quiz step with a QR
 * code to the lesson and how many have mastered it so far. Plain links move between steps.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { locale, klass, db } = await requireOwnedClass(request, params);
  const session = await getSessionOfDay(db, { classId: klass.id, day: vietnamDay(new Date()) });
  const base = `/${locale}/teach/classes/${klass.id}/session`;
  if (!session) throw redirect(base);
  // The lesson is in the address: the projector moves only when the facilitator moves it, not when
  // the session's lesson changes on the facilitator's phone (issue 18).
  const url = new URL(request.url);
  const [moduleId = "", lessonId = ""] = (url.searchParams.get("lesson") ?? "").split("/");
  if (!moduleId || !lessonId) {
    if (!session.module_id || !session.lesson_id) throw redirect(base);
    const keep = new URLSearchParams({ lesson: `${session.module_id}/${session.lesson_id}` });
    if (url.searchParams.get("step")) keep.set("step", url.searchParams.get("step")!);
    throw redirect(`${base}/present?${keep}`);
  }
  const course = await getCourse();
  const lesson = course.lesson(locale, moduleId, lessonId);
  if (!lesson) throw redirect(base);
  const slides = fitSlides(splitSlides(lesson.html, lesson.title));
  const step = clampStep(url.searchParams.get("step"), slides.length);
  const quizStep = step === slides.length + 1;
  let mastered = 0;
  let total = 0;
  let presentOnly = false;
  let qr = null;
  const lessonUrl = `${siteOrigin()}/${locale}/modules/${lesson.moduleId}/${lesson.id}?from=class`;
  if (quizStep) {
    const { active } = await listMembers(db, { classId: klass.id });
    // Those present, once attendance is taken (issue 18); before that, the whole class.
    const present = await attendanceOf(db, { sessionId: session.id });
    presentOnly = active.some((m) => present.has(m.id));
    const counted = presentOnly ? active.filter((m) => present.has(m.id)) : active;
    const progress = await progressOfLearners(db, { learnerIds: counted.map((m) => m.id) });
    total = counted.length;
    mastered = counted.filter((m) => progress.get(m.id)?.lessons.get(lesson.id)?.passed).length;
    qr = qrSvg(lessonUrl, { quiet: 4 });
  }
  return {
    locale,
    title: lesson.title,
    base,
    lesson: { title: lesson.title, textLocale: lesson.locale, key: `${lesson.moduleId}/${lesson.id}` },
    step,
    count: slides.length,
    // A page sends the slide's HTML once: in the page, not again in its data (html-once.tsx).
    slide: quizStep ? null : { html: htmlOnce(context, PRESENT_SLIDE, slides[step - 1]!.html) },
    quiz: quizStep ? { mastered, total, presentOnly, qr: qr!, url: lessonUrl } : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function PresentPage() {
  const { base, lesson, step, count, slide, quiz } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  useAutoRefresh(10, !!quiz);
  const stepUrl = (n: number) => `?${new URLSearchParams({ lesson: lesson.key, step: String(n) })}`;
  usePresenterKeys(step > 1 ? stepUrl(step - 1) : null, step <= count ? stepUrl(step + 1) : null);
  return (
    <div className="cls-present" lang={lesson.textLocale}>
      {/* Without JavaScript the quiz step still shows the count as it grows. */}
      {quiz ? (
        <noscript>
          <meta httpEquiv="refresh" content="15" />
        </noscript>
      ) : null}
      <h1 className="cls-present-step">
        {lesson.title} · {t("classes:present.step", { step, total: count + 1 })}
      </h1>
      {slide ? (
        <HtmlOnce id={PRESENT_SLIDE} className="cls-present-slide lesson-body" html={slide.html} />
      ) : (
        <div className="cls-present-slide cls-present-quiz">
          <QrCode qr={quiz!.qr} label={t("classes:session.lessonQr", { title: lesson.title })} className="cls-present-qr" />
          <div>
            <h2>{t("classes:present.quizTitle")}</h2>
            <p>{t("classes:present.quizLead")}</p>
            <p className="cls-url">{quiz!.url}</p>
            <p className="cls-present-count" aria-live="polite">
              {t(quiz!.presentOnly ? "classes:present.masteredPresent" : "classes:present.mastered", {
                mastered: quiz!.mastered,
                total: quiz!.total,
              })}
            </p>
          </div>
        </div>
      )}
      <nav className="cls-present-nav" aria-label={t("classes:present.steps")}>
        {step > 1 ? (
          <Link className="button" to={stepUrl(step - 1)} rel="prev">
            ← {t("classes:present.previous")}
          </Link>
        ) : (
          <span />
        )}
        {step <= count ? (
          <Link className="button button-primary" to={stepUrl(step + 1)} rel="next">
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

/**
 * A presenter's clicker sends arrow keys or PageUp/PageDown (some send a period or B to blank the
 * screen, left alone): they move between parts as the links do. Keys typed into a field, or with a
 * modifier held, are the browser's.
 */
function usePresenterKeys(previous: string | null, next: string | null) {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const to = ["ArrowRight", "ArrowDown", "PageDown", " "].includes(event.key)
        ? next
        : ["ArrowLeft", "ArrowUp", "PageUp"].includes(event.key)
          ? previous
          : null;
      if (!to) return;
      event.preventDefault();
      navigate(to);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate, next, previous]);
}
