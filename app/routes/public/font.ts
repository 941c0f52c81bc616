import fs from "node:fs";
import { createRequire } from "node:module";
import type { LoaderFunctionArgs } from "@remix-run/node";

/**
 * The certificate's font for the printable page: Be Vietnam Pro, the same as in the PDF, as
 * subset web fonts (@fontsource: Latin and Vietnamese, 400 and 700, ~10–20 KB each). Browsers
 * fetch only the subsets a page's text needs (unicode-range in app/styles/certificate-fonts.css), and only on the
 * certificate page, the one place that uses the family.
 */
const require = createRequire(import.meta.url);
const FILES = new Set(
  ["latin", "latin-ext", "vietnamese"].flatMap((range) => ["400", "700"].map((weight) => `be-vietnam-pro-${range}-${weight}-normal.woff2`)),
);

/** Six small files, read once. */
const readFont = (file: string) => fs.readFileSync(require.resolve(`@fontsource/be-vietnam-pro/files/${file}`));
const read = new Map<string, ReturnType<typeof readFont>>();

export function loader({ params }: LoaderFunctionArgs) {
  const file = params.file ?? "";
  if (!FILES.has(file)) throw new Response(null, { status: 404 });
  let bytes = read.get(file);
  if (!bytes) read.set(file, (bytes = readFont(file)));
  return new Response(bytes, {
    headers: { "Content-Type": "font/woff2", "Cache-Control": "public, max-age=31536000, immutable", "Access-Control-Allow-Origin": "*" },
  });
}
