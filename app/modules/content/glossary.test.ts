import { describe, expect, it } from "vitest";
import { buildGlossary, extractTerms, shownText, sortGlossary, termAnchor, usesWord, type GlossaryLesson } from "./glossary";

const lesson = (moduleId: string, id: string, body: string): GlossaryLesson => ({
  moduleId,
  id,
  title: `Bài ${id}`,
  file: `vi/${moduleId}/${id}.mdx`,
  terms: extractTerms(body),
  text: shownText(body),
});

describe("extractTerms", () => {
  it("reads each Term's word, aliases and definition", () => {
    const body = 'Một <Term word="mã OTP" aliases="OTP, mã xác nhận">mã số **ngắn**,\n dùng một lần</Term> và <Term word="ứng dụng">chương trình</Term>.';
    expect(extractTerms(body)).toEqual([
      { word: "mã OTP", aliases: ["OTP", "mã xác nhận"], definition: "mã số ngắn, dùng một lần" },
      { word: "ứng dụng", aliases: [], definition: "chương trình" },
    ]);
  });
});

describe("usesWord", () => {
  it("matches whole words, ignoring case", () => {
    expect(usesWord("Mở Tài khoản ngân hàng.", "tài khoản")).toBe(true);
    expect(usesWord("Mở tài\nkhoản.", "tài khoản")).toBe(true);
    expect(usesWord("Đăng nhập lại", "nhập")).toBe(true);
    expect(usesWord("tài khoảnx", "tài khoản")).toBe(false);
    expect(usesWord("ứng dụngs", "ứng dụng")).toBe(false);
    expect(usesWord("gửi e-mail cho con", "e-mail")).toBe(true);
  });
  it("matches words in capitals exactly: AI is not the Vietnamese ai", () => {
    expect(usesWord("Ai cũng cần biết.", "AI")).toBe(false);
    expect(usesWord("Hỏi AI một câu.", "AI")).toBe(true);
    expect(usesWord("gửi sms", "SMS")).toBe(false);
  });
  it("does not match inside a longer word with Vietnamese marks", () => {
    expect(usesWord("mãi mãi", "mã")).toBe(false);
  });
});

describe("termAnchor", () => {
  it("is ASCII, from the Vietnamese word", () => {
    expect(termAnchor("mã OTP")).toBe("term-ma-otp");
    expect(termAnchor("Đường link")).toBe("term-duong-link");
    expect(termAnchor("Tổ công nghệ số cộng đồng")).toBe("term-to-cong-nghe-so-cong-dong");
  });
});

describe("buildGlossary", () => {
  it("keeps one entry per word, from the first lesson that defines it", () => {
    const { entries, problems } = buildGlossary([
      lesson("devices", "one", 'Mở <Term word="ứng dụng">chương trình trên điện thoại</Term>.'),
      lesson("devices", "two", 'Lại là <Term word="Ứng dụng">chương trình trên điện thoại.</Term>'),
    ]);
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ word: "ứng dụng", anchor: "term-ung-dung", lesson: { moduleId: "devices", id: "one" } });
  });

  it("reports a word defined in two ways, naming both lessons", () => {
    const { problems } = buildGlossary([
      lesson("devices", "one", '<Term word="ứng dụng">chương trình trên điện thoại</Term>'),
      lesson("safety", "two", '<Term word="ứng dụng">phần mềm</Term>'),
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe("vi/safety/two.mdx");
    expect(problems[0]!.message).toMatch(/defined as "phần mềm" but as "chương trình trên điện thoại" in vi\/devices\/one\.mdx/);
  });

  it("reports a term used in a lesson before the lesson that explains it", () => {
    const { problems } = buildGlossary([
      lesson("devices", "one", "Mở tài khoản ngân hàng."),
      lesson("devices", "two", "Không có gì ở đây."),
      lesson("money", "three", 'Một <Term word="tài khoản">chỗ giữ tiền của bạn ở ngân hàng</Term>.'),
      lesson("money", "four", "Tài khoản của bạn."),
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe("vi/devices/one.mdx");
    expect(problems[0]!.message).toMatch(/uses "tài khoản" before it is explained/);
    expect(problems[0]!.message).toMatch(/vi\/money\/three\.mdx/);
    expect(problems[0]!.message).toMatch(/devices\/one comes before money\/three/);
  });

  it("counts aliases as uses, and words in shown attributes (a mock screen's title)", () => {
    const { problems } = buildGlossary([
      lesson("devices", "one", 'Nhận mã OTP.\n\n<PhoneScreen app="Ngân hàng" title="Đăng nhập">x</PhoneScreen>'),
      lesson("money", "two", '<Term word="mã OTP" aliases="OTP">mã số dùng một lần</Term> <Term word="đăng nhập">vào tài khoản</Term>'),
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/uses "mã OTP"/),
      expect.stringMatching(/uses "đăng nhập"/),
    ]);
  });

  it("does not count the Vietnamese ai as AI", () => {
    const { problems } = buildGlossary([
      lesson("devices", "one", "Ai gọi cho bạn?"),
      lesson("ai", "two", '<Term word="AI">trí tuệ nhân tạo</Term>'),
    ]);
    expect(problems).toEqual([]);
  });

  it("reports one alias claimed by two terms", () => {
    const { problems } = buildGlossary([
      lesson("a", "one", '<Term word="tệp" aliases="file">một tài liệu trong máy</Term>'),
      lesson("a", "two", '<Term word="tập tin" aliases="file">một tài liệu trong máy</Term>'),
    ]);
    expect(problems.some((p) => /alias "file"/.test(p.message))).toBe(true);
  });
});

describe("sortGlossary", () => {
  it("sorts in Vietnamese alphabetical order", () => {
    const entry = (word: string) => ({ word, anchor: termAnchor(word), aliases: [], definition: "x", lesson: { moduleId: "m", id: "l", title: "t" } });
    const words = sortGlossary(["đường link", "ứng dụng", "dữ liệu", "an toàn", "âm lượng", "OTP", "ảnh"].map(entry), "vi").map((e) => e.word);
    expect(words).toEqual(["an toàn", "ảnh", "âm lượng", "dữ liệu", "đường link", "OTP", "ứng dụng"]);
  });
});
