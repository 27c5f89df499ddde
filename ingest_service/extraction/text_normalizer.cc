#include "ingest_service/extraction/text_normalizer.h"

#include <utf8proc.h>

#include "ingest_service/extraction/folding.h"
#include "shared/text/fold.h"
#include "shared/text/utf8.h"

namespace accord::extraction {
namespace {

// One code point of the input with its original byte range.
struct CodePoint {
  char32_t cp;
  uint32_t begin;
  uint32_t end;
};

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes `s` leniently: every invalid byte becomes kInvalid.
std::vector<CodePoint> Decode(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
      out.push_back({lead, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)});
      ++i;
      continue;
    }
    const int len = text::Utf8SequenceLength(lead);
    utf8proc_int32_t cp = -1;
    if (i + len <= s.size()) {
      const utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                                  static_cast<utf8proc_ssize_t>(len), &cp);
      if (n != len) cp = -1;
    }
    if (cp < 0) {
      out.push_back({kInvalid, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)});
      ++i;
    } else {
      out.push_back({static_cast<char32_t>(cp), static_cast<uint32_t>(i), static_cast<uint32_t>(i + len)});
      i += len;
    }
  }
  return out;
}

bool IsCombining(char32_t cp) {
  if (cp == kInvalid || cp < 0x300) return false;
  return utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class != 0;
}

utf8proc_category_t Category(char32_t cp) {
  if (cp == kInvalid) return UTF8PROC_CATEGORY_CN;
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp));
}

bool IsLower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return Category(cp) == UTF8PROC_CATEGORY_LL;
}
bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  const auto c = Category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}
bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsLetterOrDigit(char32_t cp) {
  if (IsDigit(cp)) return true;
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  const auto c = Category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

// NFC per segment (a base character and the combining marks after it). The
// composed code points all map to the segment's original range.
std::vector<CodePoint> ComposeSegments(std::string_view original, const std::vector<CodePoint>& in) {
  std::vector<CodePoint> out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    size_t j = i + 1;
    while (j < in.size() && IsCombining(in[j].cp)) ++j;
    if (j - i == 1 || in[i].cp == kInvalid) {
      for (size_t k = i; k < j; ++k) out.push_back(in[k]);
    } else {
      const uint32_t begin = in[i].begin;
      const uint32_t end = in[j - 1].end;
      const std::string composed = text::NormalizeNfc(original.substr(begin, end - begin));
      for (const CodePoint& c : Decode(composed)) out.push_back({c.cp, begin, end});
    }
    i = j;
  }
  return out;
}

void AppendUtf8(char32_t cp, std::string* out) {
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

// What one input code point becomes: a replacement string, or nothing.
// Returns false when the code point is kept as is.
bool Replacement(char32_t cp, std::string_view* repl) {
  switch (cp) {
    case kInvalid: *repl = "?"; return true;
    case U'\t': case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    case 0x000B: case 0x000C:
      *repl = " "; return true;
    case U'\r': case 0x2028: case 0x2029: case 0x0085:
      *repl = "\n"; return true;
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
      *repl = ""; return true;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0x0060: case 0x00B4:
      *repl = "'"; return true;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
      *repl = "\""; return true;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0xFE58:
    case 0xFE63: case 0xFF0D:
      *repl = "-"; return true;
    case 0x2026:
      *repl = "..."; return true;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) {
    *repl = " ";
    return true;
  }
  return false;
}

// Whether a space should be inserted before in[i] to undo a scrape's glue.
bool GluedBefore(const std::vector<CodePoint>& in, size_t i) {
  if (i < 2) return false;
  const char32_t prev = in[i - 1].cp;
  const char32_t prev2 = in[i - 2].cp;
  const char32_t cur = in[i].cp;
  const char32_t next = i + 1 < in.size() ? in[i + 1].cp : 0;
  // "MinisterTea", "theCooperation": two lower-case letters, then Upper+lower.
  if (IsUpper(cur) && IsLower(next) && IsLower(prev) && IsLower(prev2)) return true;
  // "1Vietnamese": a digit directly before a capitalised word.
  if (IsUpper(cur) && IsLower(next) && IsDigit(prev) && !IsLetterOrDigit(prev2)) return true;
  // "the2020 Plan": two lower-case letters, then a year-like number.
  if (IsDigit(cur) && IsLower(prev) && IsLower(prev2) && i + 3 < in.size()) {
    const bool four_digits = IsDigit(in[i + 1].cp) && IsDigit(in[i + 2].cp) && IsDigit(in[i + 3].cp);
    const bool ends = i + 4 >= in.size() || !IsLetterOrDigit(in[i + 4].cp);
    const bool year_like = (cur == '1' && in[i + 1].cp == '9') || (cur == '2' && in[i + 1].cp == '0');
    return four_digits && ends && year_like;
  }
  return false;
}

bool AsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool AsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool AsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool AsciiAlnum(char c) { return AsciiLower(c) || AsciiUpper(c) || AsciiDigit(c); }

// GluedBefore for ASCII text, where code points are bytes.
bool GluedBeforeAscii(std::string_view in, size_t i) {
  if (i < 2) return false;
  const char prev = in[i - 1];
  const char prev2 = in[i - 2];
  const char cur = in[i];
  const char next = i + 1 < in.size() ? in[i + 1] : '\0';
  if (AsciiUpper(cur) && AsciiLower(next) && AsciiLower(prev) && AsciiLower(prev2)) return true;
  if (AsciiUpper(cur) && AsciiLower(next) && AsciiDigit(prev) && !AsciiAlnum(prev2)) return true;
  if (AsciiDigit(cur) && AsciiLower(prev) && AsciiLower(prev2) && i + 3 < in.size()) {
    const bool four_digits = AsciiDigit(in[i + 1]) && AsciiDigit(in[i + 2]) && AsciiDigit(in[i + 3]);
    const bool ends = i + 4 >= in.size() || !AsciiAlnum(in[i + 4]);
    const bool year_like = (cur == '1' && in[i + 1] == '9') || (cur == '2' && in[i + 1] == '0');
    return four_digits && ends && year_like;
  }
  return false;
}

// NormalizeText of ASCII `original`: the same steps byte by byte.
NormalizedText NormalizeAscii(std::string_view original) {
  NormalizedText out;
  out.text.reserve(original.size() + 16);
  out.origin.reserve(original.size() + 17);
  for (size_t i = 0; i < original.size(); ++i) {
    const char c = original[i];
    const uint32_t at = static_cast<uint32_t>(i);
    if (c == '\n' && i > 0 && original[i - 1] == '\r') continue;
    if (GluedBeforeAscii(original, i)) {
      out.text.push_back(' ');
      out.origin.push_back(at);
    }
    char r = c;
    if (c == '\t' || c == 0x0B || c == 0x0C) {
      r = ' ';
    } else if (c == '\r') {
      r = '\n';
    } else if (c == 0x60) {
      r = '\'';
    }
    out.text.push_back(r);
    out.origin.push_back(at);
  }
  out.origin.push_back(static_cast<uint32_t>(original.size()));
  return out;
}

}  // namespace

NormalizedText NormalizeText(std::string_view original) {
  if (IsAscii(original)) return NormalizeAscii(original);
  NormalizedText out;
  const std::vector<CodePoint> cps = ComposeSegments(original, Decode(original));
  out.text.reserve(original.size() + 16);
  out.origin.reserve(original.size() + 17);
  auto emit = [&out](std::string_view bytes, uint32_t origin) {
    for (char c : bytes) {
      out.text.push_back(c);
      out.origin.push_back(origin);
    }
  };
  for (size_t i = 0; i < cps.size(); ++i) {
    const CodePoint& c = cps[i];
    // CRLF becomes one newline.
    if (c.cp == U'\n' && i > 0 && cps[i - 1].cp == U'\r') continue;
    if (GluedBefore(cps, i)) emit(" ", c.begin);
    std::string_view repl;
    if (c.cp < 0x80 && c.cp != U'\t' && c.cp != U'\r' && c.cp != 0x0B && c.cp != 0x0C && c.cp != 0x60) {
      out.text.push_back(static_cast<char>(c.cp));
      out.origin.push_back(c.begin);
    } else if (Replacement(c.cp, &repl)) {
      emit(repl, c.begin);
    } else {
      std::string bytes;
      AppendUtf8(c.cp, &bytes);
      emit(bytes, c.begin);
    }
  }
  out.origin.push_back(static_cast<uint32_t>(original.size()));
  return out;
}

}  // namespace accord::extraction
