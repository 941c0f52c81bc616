/**
 * `npm run content:coverage`: for every locale, which lessons, practices and UI strings are not
 * translated yet (and so are shown in Vietnamese). Set EXTRA_LOCALES / EXTRA_LOCALES_DIR /
 * CONTENT_DIR as the server would.
 */
import { getEnv } from "~/env.server";
import { builtInLocales, defaultLocale } from "~/i18n/config";
import { namespaces, ownStrings } from "~/i18n/strings.server";
import { readContentTree } from "~/modules/content/load.server";

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree | undefined, prefix = ""): string[] =>
  Object.entries(tree ?? {}).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

const env = getEnv();
const tree = await readContentTree(env.CONTENT_DIR);
const reference = tree.locales.get(defaultLocale) ?? [];
const locales = [...new Set([...builtInLocales, ...tree.locales.keys(), ...env.EXTRA_LOCALES])];
let gaps = 0;

for (const locale of locales.filter((l) => l !== defaultLocale)) {
  const modules = tree.locales.get(locale) ?? [];
  const missingContent: string[] = [];
  let items = 0;
  for (const refModule of reference) {
    const mod = modules.find((m) => m.id === refModule.id);
    if (!mod) missingContent.push(`${refModule.id}/ (module title and summary)`);
    for (const l of refModule.lessons) {
      items += 1;
      if (!mod?.lessons.some((x) => x.id === l.id)) missingContent.push(`${refModule.id}/${l.id}`);
    }
    for (const p of refModule.practices) {
      items += 1;
      if (!mod?.practices.some((x) => x.id === p.id)) missingContent.push(`${refModule.id}/practice/${p.id}`);
    }
  }
  const missingStrings: string[] = [];
  let stringCount = 0;
  for (const ns of namespaces) {
    const own = new Set(keys(ownStrings(locale)[ns] as Tree | undefined));
    for (const key of keys(ownStrings(defaultLocale)[ns] as Tree | undefined)) {
      stringCount += 1;
      if (!own.has(key)) missingStrings.push(`${ns}:${key}`);
    }
  }
  const lessonsDone = items - missingContent.filter((m) => !m.endsWith(")")).length;
  console.log(
    `\n${locale}: ${lessonsDone}/${items} lessons and practices, ${stringCount - missingStrings.length}/${stringCount} UI strings translated`,
  );
  if (missingContent.length) console.log(`  not translated (shown in Vietnamese):\n${missingContent.map((m) => `    ${m}`).join("\n")}`);
  if (missingStrings.length)
    console.log(`  UI strings missing (shown in Vietnamese):\n${missingStrings.map((m) => `    ${m}`).join("\n")}`);
  gaps += missingContent.length + missingStrings.length;
}
console.log(`\ncontent coverage: ${gaps === 0 ? "every locale is complete" : `${gaps} gaps, all shown in Vietnamese until translated`}`);
