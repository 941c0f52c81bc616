import { pingDatabase } from "~/db.server";

export async function loader() {
  const ok = await pingDatabase();
  return new Response(ok ? "ok" : "database unreachable", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
