/** The audit log's vocabulary (pure, shared with the admin page). */
export const auditActions = [
  "role.grant",
  "role.revoke",
  "official.grant",
  "official.revoke",
  "pin.reset",
  "pin.fromGuest",
  "role.request",
  "role.decline",
  "password.resetCode",
  "class.remove",
  "class.addBack",
  "class.unassign",
  "class.newCode",
  "class.archive",
  "class.reopen",
  "certificate.revoke",
  "data.export",
  "account.delete",
] as const;
export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (auditActions as readonly string[]).includes(value);
}

/** Non-personal details only: a role, a unit code, a certificate code, a revocation reason. */
export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  actor: { kind: "account"; name: string; username: string } | { kind: "commandLine" } | { kind: "deleted" };
  subject: { kind: "account"; name: string; username: string } | { kind: "none" } | { kind: "deleted" };
  className: string | null;
  detail: AuditDetail;
}
