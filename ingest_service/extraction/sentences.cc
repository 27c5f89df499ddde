#include "ingest_service/extraction/sentences.h"

#include <cctype>
#include <string>

#include "ingest_service/extraction/folding.h"
#include "ingest_service/extraction/tokens.h"

namespace accord::extraction {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t'; }
bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The word that ends right before position `dot` (exclusive), folded.
std::string WordBefore(std::string_view s, size_t dot, size_t floor, size_t* word_len) {
  size_t b = dot;
  // Letters only: "Maj.-Gen." ends in the word "Gen".
  while (b > floor && (std::isalpha(static_cast<unsigned char>(s[b - 1])) ||
                       static_cast<unsigned char>(s[b - 1]) >= 0x80)) {
    --b;
  }
  *word_len = dot - b;
  return FoldForMatch(s.substr(b, dot - b));
}

// Whether the period at `dot` ends a sentence.
bool PeriodEnds(std::string_view s, size_t dot, size_t floor) {
  size_t len = 0;
  const std::string w = WordBefore(s, dot, floor, &len);
  if (w.empty()) return true;
  if (IsAbbreviation(w)) return false;
  // Initials "A." and chains "H.E.", "U.S." (single letters between periods).
  if (len == 1 && IsUpperAscii(s[dot - 1])) return false;
  if (len == 1 && dot >= 2 && s[dot - 2] == '.') return false;
  return true;
}

void AddSentence(std::string_view s, uint32_t b, uint32_t e, std::vector<SentenceSpan>* out) {
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  if (b >= e) return;
  // Cut overlong runs at whitespace (or anywhere, for text with no spaces),
  // keeping UTF-8 sequences whole.
  while (e - b > kMaxSentenceBytes) {
    uint32_t cut = b + static_cast<uint32_t>(kMaxSentenceBytes);
    uint32_t c = cut;
    while (c > b + kMaxSentenceBytes / 2 && !IsSpace(s[c])) --c;
    if (c <= b + kMaxSentenceBytes / 2) {
      c = cut;
      while (c > b && (static_cast<unsigned char>(s[c]) & 0xC0) == 0x80) --c;
    }
    uint32_t pe = c;
    while (pe > b && IsSpace(s[pe - 1])) --pe;
    if (pe > b) out->push_back({b, pe});
    b = c;
    while (b < e && IsSpace(s[b])) ++b;
  }
  if (b < e) out->push_back({b, e});
}

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view s, const std::vector<LineSpan>& lines) {
  std::vector<SentenceSpan> out;
  for (const LineSpan& line : lines) {
    uint32_t start = line.begin;
    for (uint32_t i = line.begin; i < line.end; ++i) {
      const char c = s[i];
      if (c != '.' && c != '!' && c != '?') continue;
      // Swallow runs of terminal punctuation and closing quotes/brackets: "./.", "?\"", ".)".
      uint32_t j = i + 1;
      while (j < line.end && (s[j] == '.' || s[j] == '!' || s[j] == '?' || s[j] == '"' || s[j] == '\'' ||
                              s[j] == ')' || s[j] == '/')) {
        ++j;
      }
      if (j < line.end && !IsSpace(s[j])) {
        i = j - 1;
        continue;
      }
      uint32_t k = j;
      while (k < line.end && IsSpace(s[k])) ++k;
      if (k >= line.end) break;
      const char next = s[k];
      const bool next_starts = IsUpperAscii(next) || IsDigit(next) || next == '"' || next == '\'' ||
                               next == '(' || static_cast<unsigned char>(next) >= 0xC0;
      if (!next_starts) {
        i = j - 1;
        continue;
      }
      if (c == '.' && j == i + 1 && !PeriodEnds(s, i, start)) {
        i = j - 1;
        continue;
      }
      AddSentence(s, start, j, &out);
      start = k;
      i = k - 1;
    }
    AddSentence(s, start, line.end, &out);
  }
  return out;
}

}  // namespace accord::extraction
