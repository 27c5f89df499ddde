#include "ingest_service/extraction/tokens.h"

#include <utf8proc.h>

#include <unordered_set>

#include "ingest_service/extraction/folding.h"
#include "shared/text/utf8.h"

namespace accord::extraction {
namespace {

struct Decoded {
  int32_t cp;
  int len;
};

Decoded DecodeAt(std::string_view s, size_t i) {
  const unsigned char lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return {lead, 1};
  const int len = text::Utf8SequenceLength(static_cast<unsigned char>(s[i]));
  if (i + len > s.size()) return {-1, 1};
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i), len, &cp);
  if (n != len || cp < 0) return {-1, 1};
  return {cp, len};
}

bool IsWordChar(int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  const auto c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) || c == UTF8PROC_CATEGORY_ND;
}

bool IsUpperCp(int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  const auto c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool IsLetterCp(int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  const auto c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool IsSpaceByte(char c) { return c == ' ' || c == '\n' || c == '\t'; }

}  // namespace

bool IsAbbreviation(std::string_view w) {
  static const auto* const kAbbrev = new std::unordered_set<std::string_view>{
      "gen", "lt", "maj", "col", "brig", "adm", "capt", "cpt", "sgt", "cpl", "sr", "jr", "snr", "pol", "dr",
      "mr", "mrs", "ms", "prof", "st", "no", "gov", "sen", "rep", "dep", "vice", "co", "inc", "ltd", "corp",
      "dept", "min", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "vs", "etc", "approx", "hon", "excl", "amb", "comdr", "cmdr", "lieut", "mon", "tue", "wed", "thu", "fri",
      "sat", "sun"};
  return kAbbrev->count(w) > 0;
}

std::vector<Token> Tokenize(std::string_view s, uint32_t base) {
  std::vector<Token> out;
  size_t i = 0;
  bool space = true;
  while (i < s.size()) {
    if (IsSpaceByte(s[i])) {
      space = true;
      ++i;
      continue;
    }
    const Decoded d = DecodeAt(s, i);
    if (!IsWordChar(d.cp)) {
      Token t;
      t.kind = TokenKind::kPunct;
      t.begin = static_cast<uint32_t>(base + i);
      t.end = static_cast<uint32_t>(base + i + d.len);
      t.text = s.substr(i, d.len);
      t.punct = s[i];
      t.space_before = space;
      out.push_back(std::move(t));
      space = false;
      i += d.len;
      continue;
    }
    // A word: word characters, with inner apostrophes ("People's", "O'Neil").
    const size_t start = i;
    size_t j = i;
    bool has_digit = false, has_letter = false, all_digits = true;
    bool first_upper = IsUpperCp(d.cp);
    int letters = 0, uppers = 0;
    bool non_ascii = false;
    while (j < s.size()) {
      Decoded e = DecodeAt(s, j);
      if (IsWordChar(e.cp)) {
        if (e.cp >= '0' && e.cp <= '9') {
          has_digit = true;
        } else {
          all_digits = false;
          if (IsLetterCp(e.cp)) {
            has_letter = true;
            ++letters;
            if (IsUpperCp(e.cp)) ++uppers;
            if (e.cp >= 0x80) non_ascii = true;
          } else if (e.cp >= 0x80) {
            non_ascii = true;
          }
        }
        j += e.len;
        continue;
      }
      if (s[j] == '\'' && j + 1 < s.size()) {
        Decoded f = DecodeAt(s, j + 1);
        if (IsWordChar(f.cp) && j > start) {
          j += 1;
          continue;
        }
      }
      break;
    }
    Token t;
    t.kind = (all_digits && has_digit && !has_letter) ? TokenKind::kNumber : TokenKind::kWord;
    t.begin = static_cast<uint32_t>(base + start);
    t.space_before = space;
    std::string_view word = s.substr(start, j - start);
    size_t end = j;
    // Possessive "'s" / "s'".
    if (word.size() > 2 && (word.substr(word.size() - 2) == "'s" || word.substr(word.size() - 2) == "'S")) {
      t.possessive = true;
      word = word.substr(0, word.size() - 2);
    } else if (end < s.size() && s[end] == '\'' && !word.empty() && (word.back() == 's') &&
               (end + 1 >= s.size() || IsSpaceByte(s[end + 1]))) {
      t.possessive = true;
      end += 1;
    }
    t.text = word;
    t.folded = FoldForMatch(word);
    t.capitalized = first_upper;
    t.all_caps = letters >= 2 && uppers == letters;
    t.non_ascii = non_ascii;
    // Initials chain "H.E." / "U.S.": single letters joined by periods.
    if (letters == 1 && word.size() <= 4 && end + 1 < s.size() && s[end] == '.' && !t.possessive) {
      size_t k = end;
      while (k + 2 < s.size() + 1 && k < s.size() && s[k] == '.') {
        if (k + 2 < s.size() && IsLetterCp(DecodeAt(s, k + 1).cp) && s[k + 2] == '.' &&
            DecodeAt(s, k + 1).len == 1) {
          k += 2;
        } else {
          break;
        }
      }
      if (k > end) {
        t.text = s.substr(start, k - start);
        t.folded = FoldForMatch(t.text);
        t.abbrev_dot = true;
        end = k + 1;
        t.all_caps = false;
      }
    }
    if (!t.abbrev_dot && !t.possessive && end < s.size() && s[end] == '.' && t.kind == TokenKind::kWord &&
        (IsAbbreviation(t.folded) || (letters == 1 && first_upper))) {
      t.abbrev_dot = true;
      end += 1;
    }
    t.end = static_cast<uint32_t>(base + end);
    out.push_back(std::move(t));
    space = false;
    i = end;
  }
  return out;
}

}  // namespace accord::extraction
