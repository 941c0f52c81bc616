import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-learner-loop";
import * as m0002 from "./0002-certificates";
import * as m0003 from "./0003-classes";
import * as m0004 from "./0004-preferences";
import * as m0005 from "./0005-option-order";
import * as m0006 from "./0006-rate-limits";
import * as m0007 from "./0007-units";
import * as m0009 from "./0009-report-totals";
import * as m0010 from "./0010-certificate-status-keys";
import * as m0011 from "./0011-accounts-for-life";
import * as m0012 from "./0012-hall-class";
import * as m0013 from "./0013-class-management";
import * as m0014 from "./0014-contests";
import * as m0016 from "./0016-consent-recorded-by";
import * as m0017 from "./0017-role-requests";

/** A static list, not a directory scan: the server bundle and the tests see the same migrations. */
export const migrations: Record<string, Migration> = {
  "0001-learner-loop": m0001,
  "0002-certificates": m0002,
  "0003-classes": m0003,
  "0004-preferences": m0004,
  "0005-option-order": m0005,
  "0006-rate-limits": m0006,
  "0007-units": m0007,
  "0009-report-totals": m0009,
  "0010-certificate-status-keys": m0010,
  "0011-accounts-for-life": m0011,
  "0012-hall-class": m0012,
  "0013-class-management": m0013,
  "0014-contests": m0014,
  "0016-consent-recorded-by": m0016,
  "0017-role-requests": m0017,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
