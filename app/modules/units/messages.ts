import type { TFunction } from "~/i18n/i18n";
import type { TargetFileError } from "./targets";
import type { UnitFileError } from "./tree";

/** Why a file was refused, in the reader's language: the encoding and how to re-save it, or each error with its line. */
export function describeFileRefusal(
  t: TFunction,
  refusal: { encoding: string; line?: number } | { errors: readonly (UnitFileError | TargetFileError)[] },
  { max = 20 }: { max?: number } = {},
): string[] {
  if ("encoding" in refusal) return [t(`units:file.encoding.${refusal.encoding}`, { line: refusal.line ?? 1 })];
  const lines = refusal.errors
    .slice(0, max)
    .map((e) => t("units:file.line", { line: e.line, message: t(`units:file.problems.${e.problem}`, e.detail ?? {}) }));
  if (refusal.errors.length > max) lines.push(`… (+${refusal.errors.length - max})`);
  return lines;
}
