import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { Contest } from "#db/schema";
import type { TFunction } from "~/i18n/i18n";
import type { Boards, FinishedEntry } from "./contests.server";
import { rankEntries, vietnamClock } from "./rules";

/**
 * A contest's results as XLSX, the way the reports write theirs (exceljs' streaming writer,
 * frozen header row, numbers as numbers): the leaderboards by commune, village and class, then
 * every participant by rank — a name only with their consent — then what the file is.
 */
export async function writeContestXlsx(
  { contest, boards, entries, t }: { contest: Contest; boards: Boards; entries: readonly FinishedEntry[]; t: TFunction },
  stream: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = t("contests:xlsx.creator");
  const sheet = (title: string, header: string[], rows: (string | number | null)[][]) => {
    const ws = workbook.addWorksheet(title.slice(0, 31), { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
    ws.columns = header.map((_, i) => ({ width: i === 1 ? 32 : 14 }));
    const head = ws.addRow(header);
    head.font = { bold: true };
    head.commit();
    for (const row of rows) ws.addRow(row).commit();
    ws.commit();
  };
  const boardHeader = [
    t("contests:board.rank"),
    t("contests:board.name"),
    t("contests:board.participants"),
    t("contests:board.participationShare"),
    t("contests:board.average"),
    t("contests:board.best"),
  ];
  for (const [title, rows] of [
    [t("contests:board.communes"), boards.communes],
    [t("contests:board.villages"), boards.villages],
    [t("contests:board.classes"), boards.classes],
  ] as const)
    sheet(
      title,
      boardHeader,
      rows.map((r, i) => [i + 1, r.name, r.participants, r.participation, r.averageScore, r.bestScore]),
    );
  sheet(
    t("contests:xlsx.participants"),
    [
      t("contests:board.rank"),
      t("contests:board.name"),
      t("contests:xlsx.unit"),
      t("contests:xlsx.class"),
      t("contests:xlsx.score"),
      t("contests:xlsx.correctCount"),
      t("contests:xlsx.seconds"),
      t("contests:xlsx.handedIn"),
      t("contests:xlsx.late"),
    ],
    rankEntries(entries).map((e) => {
      const at = vietnamClock(e.submittedAt);
      return [
        e.rank,
        e.named ? e.name : t("contests:board.anonymous", { rank: e.rank }),
        e.unitName,
        e.className,
        e.score,
        e.correctCount,
        Math.round(e.durationMs / 1000),
        `${at.date} ${at.time}`,
        e.late ? t("contests:xlsx.yes") : t("contests:xlsx.no"),
      ];
    }),
  );
  const opens = vietnamClock(contest.opens_at);
  const closes = vietnamClock(contest.closes_at);
  sheet(
    t("contests:xlsx.about"),
    ["", ""],
    [
      [t("contests:xlsx.title"), contest.title],
      [t("contests:facts.opens"), `${opens.date} ${opens.time}`],
      [t("contests:facts.closes"), `${closes.date} ${closes.time}`],
      [t("contests:board.participants"), boards.participants],
      [t("contests:xlsx.definitions"), t("contests:board.participationNote")],
    ],
  );
  await workbook.commit();
}

export function contestXlsxStream(input: Parameters<typeof writeContestXlsx>[0]): ReadableStream<Uint8Array> {
  const pass = new PassThrough();
  writeContestXlsx(input, pass).catch((error: unknown) => pass.destroy(error as Error));
  return new ReadableStream<Uint8Array>({
    start(controller) {
      pass.on("data", (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      pass.on("end", () => controller.close());
      pass.on("error", (error) => controller.error(error));
    },
    cancel() {
      pass.destroy();
    },
  });
}
