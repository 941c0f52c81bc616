import { Fragment, type ReactNode } from "react";
import { formatTime } from "~/components/classes/ui";
import { useTranslation } from "~/i18n/react";
import type { MyData } from "~/modules/accounts/my-data.server";

/**
 * Everything the platform holds about a learner, as tables (issue 14). The same view is the data
 * page (with its forms around it), the facilitator's view of a PIN learner, and the readable page
 * downloaded as a file. No forms, no scripts: it must read the same in a saved file.
 */
export function MyDataView({ data, locale, titles }: { data: MyData; locale: string; titles?: Record<string, string> }) {
  const { t } = useTranslation();
  const when = (iso: string | null | undefined) => (iso ? formatTime(iso, locale) : "—");
  const title = (key: string, fallback: string) => titles?.[key] ?? fallback;
  const yesNo = (b: boolean) => (b ? t("accounts:myData.yes") : t("accounts:myData.no"));
  const a = data.account;
  return (
    <>
      <Section id="data-account" title={t("accounts:myData.account")}>
        <dl className="facts">
          <dt>{t("accounts:recovery.name")}</dt>
          <dd>{a.displayName ?? "—"}</dd>
          <dt>{t("signup.login")}</dt>
          <dd className="code">{a.username ?? "—"}</dd>
          <dt>{t("accounts:myData.kind")}</dt>
          <dd>
            {a.kind === "guest"
              ? t("accounts:myData.guest")
              : a.hasPin
                ? t("accounts:myData.pinAccount")
                : t("accounts:myData.passwordAccount")}
          </dd>
          <dt>{t("accounts:myData.createdAt")}</dt>
          <dd>{when(a.createdAt)}</dd>
          {a.roles.length ? (
            <>
              <dt>{t("accounts:myData.roles")}</dt>
              <dd>{a.roles.map((r) => t(`accounts:roles.${r}`)).join(", ")}</dd>
            </>
          ) : null}
          {data.officialOf.length ? (
            <>
              <dt>{t("accounts:myData.officialOf")}</dt>
              <dd>{data.officialOf.join(", ")}</dd>
            </>
          ) : null}
          {data.roleRequests.map((r) => (
            <Fragment key={r.createdAt}>
              <dt>{t("accounts:myData.roleRequest", { role: t(`accounts:roles.${r.role}`) })}</dt>
              <dd>
                {t(`accounts:myData.requestStatus.${r.status}`, { time: when(r.answeredAt ?? r.createdAt) })}
                {r.note ? ` · ${r.note}` : ""}
              </dd>
            </Fragment>
          ))}
        </dl>
      </Section>

      <Section id="data-profile" title={t("accounts:myData.profile")}>
        {data.profile ? (
          <dl className="facts">
            <dt>{t("accounts:myData.unit")}</dt>
            <dd>{data.profile.unitName ? `${data.profile.unitName} (${data.profile.unitCode})` : "—"}</dd>
            <dt>{t("units:audienceFor")}</dt>
            <dd>{data.profile.audience ? t(`units:audiences.${data.profile.audience}`) : "—"}</dd>
            <dt>{t("units:birthYear")}</dt>
            <dd>{data.profile.birthYear ?? "—"}</dd>
            <dt>{t("accounts:myData.place")}</dt>
            <dd>{data.profile.place ?? "—"}</dd>
            {data.profile.createdBy ? (
              <>
                <dt>{t("accounts:myData.createdBy")}</dt>
                <dd>{data.profile.createdBy}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p className="empty">{t("accounts:myData.nothing")}</p>
        )}
      </Section>

      <Section id="data-consents" title={t("accounts:consent.title")}>
        {data.consents.length ? (
          <Table
            head={[t("accounts:consent.what"), t("accounts:consent.version"), t("accounts:consent.given"), t("accounts:consent.withdrawn")]}
          >
            {data.consents.map((c) => (
              <tr key={c.purpose}>
                <td>{t(`accounts:consent.purpose.${c.purpose}`)}</td>
                <td>{c.version}</td>
                <td>
                  {when(c.givenAt)}
                  {c.recordedBy ? <span className="hint"> {t("accounts:consent.recordedBy", { name: c.recordedBy })}</span> : null}
                </td>
                <td>{when(c.withdrawnAt)}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="empty">{t("accounts:consent.noneRecorded")}</p>
        )}
      </Section>

      <Section id="data-classes" title={t("accounts:myData.classes")}>
        {data.classes.length ? (
          <Table
            head={[t("accounts:myData.class"), t("accounts:myData.instructor"), t("accounts:myData.joined"), t("accounts:myData.left")]}
          >
            {data.classes.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.instructor ?? "—"}</td>
                <td>{when(c.joinedAt)}</td>
                <td>{c.leftAt ? `${when(c.leftAt)} (${t(`accounts:myData.leftReason.${c.leftReason ?? "left"}`)})` : "—"}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="empty">{t("accounts:myData.nothing")}</p>
        )}
        {data.attendance.length ? (
          <p>
            {t("accounts:myData.attendance", { count: data.attendance.filter((x) => x.present).length, total: data.attendance.length })}
          </p>
        ) : null}
      </Section>

      <Section id="data-links" title={t("accounts:myData.links")}>
        {data.following.length || data.followedBy.length ? (
          <Table
            head={[t("accounts:myData.linkKind"), t("accounts:myData.person"), t("accounts:myData.since"), t("accounts:myData.ended")]}
          >
            {data.followedBy.map((f, i) => (
              <tr key={`by-${i}`}>
                <td>{t(`accounts:myData.followedBy.${f.kind}`)}</td>
                <td>{f.person ?? "—"}</td>
                <td>{when(f.since)}</td>
                <td>{when(f.endedAt)}</td>
              </tr>
            ))}
            {data.following.map((f, i) => (
              <tr key={`to-${i}`}>
                <td>{t(`accounts:myData.following.${f.kind}`)}</td>
                <td>{f.person ?? t("accounts:myData.invitePending")}</td>
                <td>{when(f.since)}</td>
                <td>{when(f.endedAt)}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="empty">{t("accounts:myData.nothing")}</p>
        )}
      </Section>

      <Section id="data-attempts" title={t("accounts:myData.attempts", { count: data.attempts.length })}>
        {data.attempts.length ? (
          <Table head={[t("accounts:myData.when"), t("accounts:myData.what"), t("accounts:myData.score")]}>
            {data.attempts.map((x) => (
              <tr key={x.id}>
                <td>{when(x.at)}</td>
                <td>
                  {title(`${x.itemKind}:${x.itemId}`, x.itemId)}
                  <span className="meta"> · {title(`module:${x.moduleId}`, x.moduleId)}</span>
                </td>
                <td>
                  {x.score}% ({x.correct}/{x.total}) · {x.passed ? t("accounts:myData.passed") : t("accounts:myData.notPassed")}
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="empty">{t("accounts:myData.nothing")}</p>
        )}
      </Section>

      <Section id="data-certificates" title={t("accounts:myData.certificates")}>
        {data.certificates.length ? (
          <Table
            head={[
              t("certificates:verify.code"),
              t("accounts:myData.what"),
              t("accounts:myData.printedName"),
              t("accounts:myData.issued"),
              t("accounts:myData.revoked"),
            ]}
          >
            {data.certificates.map((c) => (
              <tr key={c.code}>
                <td className="code">{c.code}</td>
                <td>{title(`module:${c.subjectId}`, c.subjectId)}</td>
                <td>{c.printedName}</td>
                <td>{when(c.issuedAt)}</td>
                <td>{c.revokedAt ? `${when(c.revokedAt)}: ${c.revokedReason ?? ""}` : "—"}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="empty">{t("accounts:myData.nothing")}</p>
        )}
      </Section>

      <Section id="data-preferences" title={t("accounts:myData.preferences")}>
        {data.preferences ? (
          <p>
            {t("accounts:myData.preferencesValue", {
              size: data.preferences.textSize,
              contrast: t(`accounts:myData.contrast.${data.preferences.contrast}`),
            })}
          </p>
        ) : (
          <p className="empty">{t("accounts:myData.nothing")}</p>
        )}
      </Section>

      <Section id="data-sessions" title={t("accounts:myData.sessions")}>
        {data.sessions.length ? (
          <Table head={[t("accounts:myData.device"), t("accounts:myData.started"), t("accounts:myData.expires")]}>
            {data.sessions.map((s, i) => (
              <tr key={i}>
                <td>
                  {s.device ?? t("accounts:myData.unknownDevice")}
                  {s.current ? <strong> · {t("accounts:myData.thisDevice")}</strong> : null}
                </td>
                <td>{when(s.startedAt)}</td>
                <td>{when(s.expiresAt)}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="empty">{t("accounts:myData.nothing")}</p>
        )}
      </Section>

      <Section id="data-recovery" title={t("accounts:myData.recovery")}>
        <p>
          {data.recoveryCodes.createdAt
            ? t("accounts:recovery.status", {
                date: when(data.recoveryCodes.createdAt),
                count: data.recoveryCodes.unused,
                total: data.recoveryCodes.total,
              })
            : t("accounts:recovery.none")}
        </p>
        {data.resetCodes.length ? (
          <Table
            head={[t("accounts:myData.issued"), t("accounts:myData.issuedBy"), t("accounts:myData.expires"), t("accounts:myData.used")]}
          >
            {data.resetCodes.map((r, i) => (
              <tr key={i}>
                <td>{when(r.issuedAt)}</td>
                <td>{r.issuedBy ?? "—"}</td>
                <td>{when(r.expiresAt)}</td>
                <td>{r.usedAt ? when(r.usedAt) : yesNo(false)}</td>
              </tr>
            ))}
          </Table>
        ) : null}
      </Section>

      <Section id="data-staff" title={t("accounts:myData.staffActions")}>
        {data.staffActionsAboutYou.length ? (
          <Table head={[t("accounts:myData.when"), t("accounts:myData.what")]}>
            {data.staffActionsAboutYou.map((x, i) => (
              <tr key={i}>
                <td>{when(x.at)}</td>
                <td>{t(`accounts:audit.action.${x.action.replace(".", "-")}`)}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="empty">{t("accounts:myData.nothing")}</p>
        )}
      </Section>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="data-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Table({ head, children }: { head: string[]; children: ReactNode }) {
  return (
    <div className="data-scroll" tabIndex={0} role="region" aria-label={head.join(", ")}>
      <table className="data-table">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
