import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { useTranslation } from "~/i18n/react";
import { translate } from "~/i18n/locale.server";
import { requireOwnedClass } from "~/modules/classes/access.server";
import { listMembers } from "~/modules/classes/classes.server";
import { forgetPins, pendingPins } from "~/modules/classes/handouts.server";
import { readFormData } from "~/modules/http/forms";
import classesCss from "~/styles/classes.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: classesCss }];

/**
 * The PINs of learners just created (issue 11): shown here, on Back and on reload, and printed on
 * the login cards, until the facilitator ticks that they are written down (then deleted).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, instructor, klass, db } = await requireOwnedClass(request, params);
  const [pins, members] = await Promise.all([
    pendingPins(db, request, { classId: klass.id, ownerId: instructor.id }),
    listMembers(db, { classId: klass.id }),
  ]);
  const people = members.active
    .filter((m) => pins.has(m.id) && m.username)
    .map((m) => ({ id: m.id, name: m.name, username: m.username!, pin: pins.get(m.id)! }));
  return data(
    { locale, klass: { id: klass.id, name: klass.name }, people, title: translate(locale, "classes:pins.title") },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { locale, instructor, klass, db } = await requireOwnedClass(request, params);
  const form = await readFormData(request);
  if (form.get("written") !== "yes") return data({ error: "writtenRequired" }, { status: 400 });
  const count = (await pendingPins(db, request, { classId: klass.id, ownerId: instructor.id })).size;
  const setCookie = await forgetPins(db, request, { classId: klass.id, ownerId: instructor.id });
  return redirect(`/${locale}/teach/classes/${klass.id}?pinsDone=${count}#members`, { headers: { "Set-Cookie": setCookie } });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function PinsPage() {
  const { locale, klass, people } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const base = `/${locale}/teach/classes/${klass.id}`;
  return (
    <div className="page">
      <nav aria-label={t("nav.breadcrumb")} className="breadcrumb">
        <Link to={base}>{klass.name}</Link>
      </nav>
      <h1>{t("classes:pins.title")}</h1>
      {people.length === 0 ? (
        <>
          <p>{t("classes:pins.none")}</p>
          <Link className="button" to={base}>
            {t("classes:newLearners.backToClass")}
          </Link>
        </>
      ) : (
        <>
          <div className="alert" role="status">
            <p>{t("classes:pins.kept", { count: people.length })}</p>
          </div>
          <div className="cls-scroll" tabIndex={0} role="region" aria-label={t("classes:pins.title")}>
            <table className="cls-table cls-pins">
              <caption className="visually-hidden">{t("classes:pins.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("classes:newLearners.fullName")}</th>
                  <th scope="col">{t("classes:newLearners.username")}</th>
                  <th scope="col">{t("classes:newLearners.pin")}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th>
                    <td className="cls-code" data-username>
                      {c.username}
                    </td>
                    <td className="cls-code" data-pin>
                      {c.pin}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <Link className="button button-primary" to={`${base}/cards?ids=${people.map((p) => p.id).join(",")}`}>
              {t("classes:newLearners.printCards")}
            </Link>
          </p>
          <Form method="post" className="form cls-box" id="done" action="#done" noValidate>
            {failure?.error ? <ErrorSummary items={[{ href: "#written", text: t(`classes:errors.${failure.error}`) }]} /> : null}
            <h2>{t("classes:pins.doneHeading")}</h2>
            <p>{t("classes:pins.doneHint")}</p>
            <div className={`option${failure?.error ? " field-invalid" : ""}`}>
              <input
                type="checkbox"
                id="written"
                name="written"
                value="yes"
                aria-describedby={failure?.error ? "written-error" : undefined}
              />
              <label htmlFor="written">{t("classes:pins.written", { count: people.length })}</label>
              {failure?.error ? (
                <p className="field-error" id="written-error">
                  {t(`classes:errors.${failure.error}`)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button">
              {t("classes:pins.done")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
