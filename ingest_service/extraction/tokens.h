// Splits one sentence of normalised text into word, number and punctuation
// tokens with byte offsets, the folded (ASCII, lower-case) form of each word,
// and the flags the finders need (capitalised, possessive, abbreviation dot).
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_TOKENS_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_TOKENS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accord::extraction {

enum class TokenKind { kWord, kNumber, kPunct };

struct Token {
  TokenKind kind = TokenKind::kPunct;
  // Offsets into the normalised text. For words, [begin, end) covers the word
  // including a possessive "'s" and an abbreviation's final dot.
  uint32_t begin = 0;
  uint32_t end = 0;
  // The word as written without possessive and abbreviation dot ("Cambodia",
  // "Gen", "H.E"); for punctuation the character itself.
  std::string_view text;
  // FoldForMatch(text): "luong", "h e", "gen".
  std::string folded;
  bool capitalized = false;   // first letter is upper case
  bool all_caps = false;      // two or more letters, all upper case
  bool non_ascii = false;     // has letters beyond ASCII (diacritics)
  bool possessive = false;    // ended in 's
  bool abbrev_dot = false;    // a period belonging to an abbreviation was absorbed
  bool space_before = false;  // whitespace precedes the token
  char punct = 0;             // for kPunct: the first byte
};

// Tokenises `text`, a slice of the normalised text starting at `base` bytes.
// Periods are absorbed into a word only when the word is a known abbreviation
// (titles, ranks, months) or a single letter (initials: "H.E.", "U.S.").
std::vector<Token> Tokenize(std::string_view text, uint32_t base);

// True for words that keep a following period ("Gen", "Lt", "Dr", "Jan").
bool IsAbbreviation(std::string_view folded_word);

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_TOKENS_H_
