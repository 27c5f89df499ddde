// Folding for matching and for ids: "Lương Tam Quang" -> "luong tam quang"
// -> "luong-tam-quang". Backed by utf8proc (Unicode 13 tables).
#ifndef ACCORD_SHARED_TEXT_FOLD_H_
#define ACCORD_SHARED_TEXT_FOLD_H_

#include <string>
#include <string_view>

namespace accord::text {

// True when every byte of `s` is below 0x80. ASCII input takes a fast path in
// the folds below (no utf8proc: NFKD, mark stripping and case folding reduce
// to lower-casing A-Z there), with identical results.
bool IsAscii(std::string_view s);

// Every function below first drops each non-starter (combining mark) beyond
// the 30th of a run, the limit of UAX #15's Stream-Safe Text Format: Unicode
// normalisation sorts each run of marks, in time quadratic in its length, so
// without the cut one letter followed by a megabyte of marks takes minutes.
// Real text never has more than a few marks on one letter; with the cut all
// of these functions are linear in the length of `s`.

// Unicode NFC of valid UTF-8 `s`; `s` unchanged when it is not valid UTF-8.
std::string NormalizeNfc(std::string_view s);

// NFKD, combining marks dropped, đ/Đ -> d, lower case. Keeps everything else
// (spaces, punctuation) so that byte positions stay meaningful per character.
std::string FoldDiacritics(std::string_view s);

// FoldDiacritics, then every run of characters other than [a-z0-9] becomes
// one space, trimmed: "Lương  Tam-Quang!" -> "luong tam quang".
std::string FoldForMatch(std::string_view s);

// FoldForMatch with '-' for spaces: "Lương Tam Quang" -> "luong-tam-quang".
std::string Slugify(std::string_view s);

}  // namespace accord::text

#endif  // ACCORD_SHARED_TEXT_FOLD_H_
