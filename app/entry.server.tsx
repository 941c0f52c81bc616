import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getDb } from "./db.server";
import { getCertificateKey } from "./modules/certificates/keys.server";
import { getCourse } from "./modules/content/course-instance.server";

export const streamTimeout = 5_000;

/**
 * Called by the server before it listens: migrates the database and compiles the course, so the
 * first learner never waits for either and a broken setup stops the start with a clear message.
 */
export async function warmup(): Promise<{ lessons: number; problems: number }> {
  await getDb();
  // The certificate signing key is made on first start (or read from CERT_SIGNING_KEY) before anyone claims one.
  getCertificateKey();
  const course = await getCourse();
  const lessons = course.modules("vi").reduce((n, m) => n + m.lessons.length, 0);
  return { lessons, problems: course.problems.length };
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} />, {
      [waitForAll ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
