import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { closeDb, getDb, pingDatabase } from "./db.server";
export { databaseStats } from "./db.server";
import { getEnv } from "./env.server";
import { loadSampleUnitsIfEmpty } from "./modules/units/sample.server";
import { getCertificateKey } from "./modules/certificates/keys.server";
import { getCourse } from "./modules/content/course-instance.server";
import { HtmlOnceProvider } from "./modules/http/html-once";
import { NonceProvider } from "./modules/http/nonce";
import { supportedLocales } from "./i18n/locale.server";
import { buildStringAssets } from "./i18n/strings.server";
import { reactHtmlStream } from "./modules/http/react-stream.server";
import { prepareCards } from "./modules/seo/card.server";
import { scheduleMaintenance, stopMaintenance } from "./modules/accounts/maintenance-timer.server";
import { sessionSecret } from "./modules/accounts/session.server";
import { missingSecretsMessage, missingSharedSecrets } from "./modules/ops/shared-secrets";

// For the Express server (server/index.mjs): refusal pages and the body ceiling, from the app's one source.
export { renderRefusal } from "./modules/http/refusal.server";
export { REQUEST_BODY_CEILING } from "./modules/http/forms";
// For the server's page templates (server/page-templates.mjs): what a signed-in page is made of.
export { templateKey } from "./modules/http/root-data.server";

export const streamTimeout = 5_000;

/** Thrown when the deployment cannot start as configured; the server prints the message alone and exits 1. */
export class StartRefusal extends Error {
  override name = "StartRefusal";
}

/**
 * What happens once per deployment start, before any process serves (`npm start`'s primary runs it
 * before forking workers; a single server runs it in warmup): refuses PostgreSQL without the
 * shared secrets, migrates the database, loads the sample units into an empty one, and makes the
 * session secret and certificate key on SQLite if there are none.
 */
export async function prepare(): Promise<void> {
  const env = getEnv();
  const missing = missingSharedSecrets(env);
  if (missing.length) throw new StartRefusal(missingSecretsMessage(missing));
  const db = await getDb();
  // A newcomer's empty database gets the fictional sample province (db/seed/sample-units.csv).
  const sample = await loadSampleUnitsIfEmpty(db, { rootUnit: env.ROOT_UNIT, sampleUnits: env.SAMPLE_UNITS });
  if (sample)
    console.log(
      `sample units loaded: ${sample} fictional units (Tỉnh Mẫu, codes MAU…); load the real list with npm run units -- import <file>`,
    );
  // The session secret and the certificate signing key are made on first start (or read from the
  // environment) before anyone signs in or claims a certificate.
  sessionSecret();
  getCertificateKey();
}

/**
 * Called by the server before it listens: migrates the database and compiles the course, so the
 * first learner never waits for either and a broken setup stops the start with a clear message.
 */
export async function warmup(): Promise<{ lessons: number; problems: number; cards: number }> {
  await prepare();
  // Retention (issue 14): inactive guests, expired sessions and invitations, on a timer.
  scheduleMaintenance();
  // Every locale's i18next instance and string files built once: a page whose root loader did not
  // run (an action refused before any loader) still finds its strings, and every server of a
  // deployment answers for every string file's name.
  buildStringAssets(supportedLocales());
  const course = await getCourse();
  const lessons = course.modules("vi").reduce((n, m) => n + m.lessons.length, 0);
  // Link-preview cards (og:image), so the first preview bot never waits for one to be drawn.
  const cards = prepareCards(course, supportedLocales());
  return { lessons, problems: course.problems.length, cards };
}

/** Readiness (GET /readyz): the database answers. */
export const ready = pingDatabase;

/** Graceful shutdown, after the server has stopped taking requests and finished those in flight. */
export async function shutdown(): Promise<void> {
  stopMaintenance();
  await closeDb();
}

function sameForEveryLearner(handle: unknown): boolean {
  return typeof handle === "object" && handle !== null && (handle as { sameForEveryLearner?: unknown }).sameForEveryLearner === true;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  // A page may become a template for every signed-in learner when each of its routes says it is
  // the same for every learner but for the root's part (server/page-templates.mjs).
  if (loadContext.pageTemplate)
    loadContext.pageTemplate.eligible = remixContext.staticHandlerContext.matches.every(
      (match) => match.route.id === "root" || sameForEveryLearner(remixContext.routeModules[match.route.id]?.handle),
    );
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // The abort timer holds the whole render (the page's data included) until it fires: cleared
    // once everything is rendered, so a burst of large pages is not kept in memory for 6 s each.
    const start = () => {
      shellRendered = true;
      // Not a plain PassThrough: React 18 pads some chunks with NUL bytes (react-stream.server.ts).
      const body = reactHtmlStream();
      const stream = createReadableStreamFromReadable(body);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const app = (
      <NonceProvider value={nonce}>
        <HtmlOnceProvider value={loadContext.htmlOnce ?? null}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce || undefined} />
        </HtmlOnceProvider>
      </NonceProvider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce: nonce || undefined,
      onShellReady() {
        if (!waitForAll) start();
      },
      onAllReady() {
        clearTimeout(timer);
        if (waitForAll) start();
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    const timer = setTimeout(abort, streamTimeout + 1000);
  });
}
