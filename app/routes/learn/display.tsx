import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { getDb } from "~/db.server";
import { requireLocale, translate } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/react";
import {
  applyDisplay,
  CONTRASTS,
  currentDisplay,
  DEFAULT_DISPLAY,
  isContrast,
  isTextSize,
  TEXT_SIZES,
  type DisplayPreferences,
} from "~/modules/access/preferences";
import { displayCookie, displayForRequest, displayFromCookie, parseDisplayForm, saveDisplay } from "~/modules/access/preferences.server";
import { getCurrentLearner } from "~/modules/accounts/session.server";
import { loaderHeaders, pageCacheHeaders } from "~/modules/http/cache";
import { readFormData } from "~/modules/http/forms";
import { safeRedirectPath } from "~/modules/http/redirect";
import { publicPageMeta } from "~/modules/seo/meta";

type SavedWhere = "device" | "account" | "cookie";
const isSavedWhere = (v: unknown): v is SavedWhere => v === "device" || v === "account" || v === "cookie";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const url = new URL(request.url);
  const learner = await getCurrentLearner(request);
  const prefs = await displayForRequest(await getDb(), { request, learnerId: learner?.id ?? null });
  const saved = url.searchParams.get("saved");
  return data(
    {
      locale,
      title: translate(locale, "access:display.title"),
      prefs: prefs ?? DEFAULT_DISPLAY,
      isAccount: learner?.kind === "account",
      back: safeRedirectPath(url.searchParams.get("back"), locale),
      saved: isSavedWhere(saved) ? saved : null,
    },
    { headers: pageCacheHeaders(request) },
  );
}

/**
 * Saves the display preferences: in the database for a learner with a session (so they follow an
 * account), nowhere else when the browser keeps them itself (`device=1`, JavaScript on), and in a
 * cookie only for a visitor without JavaScript and without a session.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const parsed = parseDisplayForm((await readFormData(request)).entries());
  if (!parsed.ok) return data({ ok: false as const, fields: parsed.fields }, { status: 400 });
  const learner = await getCurrentLearner(request);
  const headers = new Headers();
  const hadCookie = displayFromCookie(request) !== null;
  let where: SavedWhere;
  if (learner) {
    await saveDisplay(await getDb(), { learnerId: learner.id, prefs: parsed.prefs });
    where = learner.kind === "account" ? "account" : parsed.onDevice ? "device" : "cookie";
    if (hadCookie) headers.append("Set-Cookie", displayCookie(request, null));
  } else if (parsed.onDevice) {
    where = "device";
    if (hadCookie) headers.append("Set-Cookie", displayCookie(request, null));
  } else {
    where = "cookie";
    headers.append("Set-Cookie", displayCookie(request, parsed.prefs));
  }
  if (parsed.onDevice) return data({ ok: true as const, where, prefs: parsed.prefs }, { headers });
  const back = safeRedirectPath(parsed.back, locale);
  const query = new URLSearchParams({ saved: where, ...(back ? { back } : {}) });
  return redirect(`/${locale}/display?${query}`, { headers });
}

export const headers = loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, ...args }) => publicPageMeta(args, data && { title: data.title });

function readForm(form: HTMLFormElement): DisplayPreferences | null {
  const values = new FormData(form);
  const textSize = values.get("textSize");
  const contrast = values.get("contrast");
  return isTextSize(textSize) && isContrast(contrast) ? { textSize: Number(textSize) as DisplayPreferences["textSize"], contrast } : null;
}

export default function DisplayPage() {
  const { prefs: serverPrefs, isAccount, back, saved } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const [enhanced, setEnhanced] = useState(false);
  // Without JavaScript the form shows what the server knows; with it, what this page shows now.
  const [prefs, setPrefs] = useState<DisplayPreferences>(serverPrefs);
  const statusRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setEnhanced(true);
    const shown = currentDisplay(document.documentElement);
    // Nothing chosen yet, and the system asks for more contrast: that is what is in force.
    const chosen = document.documentElement.hasAttribute("data-contrast");
    setPrefs(!chosen && window.matchMedia?.("(prefers-contrast: more)").matches ? { ...shown, contrast: "high" } : shown);
  }, []);

  // A plain post (no JavaScript) that was refused comes back as the page's action data.
  const plainPost = useActionData<typeof action>();
  const posted = fetcher.data ?? plainPost;
  const failed = posted && !posted.ok ? posted : null;
  const savedWhere = fetcher.state === "idle" && fetcher.data?.ok ? fetcher.data.where : fetcher.data ? null : saved;

  useEffect(() => {
    if (failed) statusRef.current?.focus();
  }, [failed]);

  // With JavaScript a change shows at once, is kept on the device and sent to the account.
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const next = readForm(event.currentTarget);
    if (!next) return;
    setPrefs(next);
    applyDisplay(next);
    fetcher.submit(event.currentTarget, { method: "post" });
  };

  return (
    <div className="page narrow">
      <h1>{t("access:display.title")}</h1>
      <p className="lead">{isAccount ? t("access:display.leadAccount") : t("access:display.lead")}</p>
      <fetcher.Form method="post" className="form display-form" noValidate onChange={onChange}>
        {enhanced ? <input type="hidden" name="device" value="1" /> : null}
        {back ? <input type="hidden" name="back" value={back} /> : null}
        <fieldset className="question">
          <legend>
            <span className="question-prompt">{t("access:display.sizeLegend")}</span>
          </legend>
          {TEXT_SIZES.map((size) => (
            <div className="option" key={size}>
              <input
                type="radio"
                id={`text-size-${size}`}
                name="textSize"
                value={String(size)}
                checked={prefs.textSize === size}
                onChange={() => undefined}
              />
              <label htmlFor={`text-size-${size}`}>
                {t(`access:display.size.${size}`)} ({size}%)
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset className="question">
          <legend>
            <span className="question-prompt">{t("access:display.contrastLegend")}</span>
          </legend>
          {CONTRASTS.map((contrast) => (
            <div className="option" key={contrast}>
              <input
                type="radio"
                id={`contrast-${contrast}`}
                name="contrast"
                value={contrast}
                checked={prefs.contrast === contrast}
                onChange={() => undefined}
              />
              <label htmlFor={`contrast-${contrast}`}>{t(`access:display.contrast.${contrast}`)}</label>
            </div>
          ))}
        </fieldset>
        <p className="hint">{t("access:display.systemNote")}</p>
        <button type="submit" className="button button-primary" disabled={fetcher.state !== "idle"}>
          {fetcher.state !== "idle" ? t("access:display.saving") : t("access:display.save")}
        </button>
        {failed ? (
          <div ref={statusRef} tabIndex={-1} role="alert" className="alert alert-error">
            <p>{t("access:display.invalid")}</p>
          </div>
        ) : null}
        <div role="status" className="display-status">
          {savedWhere && !failed ? <p>{t(`access:display.saved.${savedWhere}`)}</p> : null}
        </div>
      </fetcher.Form>
      {back ? (
        <p>
          <Link className="button" to={back}>
            {t("access:display.back")}
          </Link>
        </p>
      ) : null}
      {/* Without JavaScript, say plainly that what follows needs it. */}
      <noscript>
        <p className="alert">{t("access:display.needsJavaScript")}</p>
      </noscript>
      <h2>{t("access:display.listenTitle")}</h2>
      <p>{t("access:display.listenBody")}</p>
      <h2>{t("access:display.offlineTitle")}</h2>
      <p>{t("access:display.offlineBody")}</p>
    </div>
  );
}
