#include "ingest_service/extraction/phonotactics.h"

#include <array>

#include "ingest_service/extraction/gazetteer.h"

namespace accord::extraction {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Rhymes without a final consonant (after folding diacritics away).
bool IsOpenRhyme(std::string_view r) {
  static constexpr std::array<std::string_view, 40> kOpen = {
      "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia", "iu", "oa", "oe", "oi", "ua",
      "ue", "ui", "uy", "ya", "oai", "oay", "oeo", "uai", "uay", "uoi", "uou", "uya", "uyu", "ieu", "yeu",
      "uu", "uay", "ue", "uo", "ao", "ua", "oo"};
  for (std::string_view o : kOpen) {
    if (r == o) return true;
  }
  return false;
}

// Nuclei that may take a final consonant.
bool IsClosedNucleus(std::string_view n) {
  static constexpr std::array<std::string_view, 16> kClosed = {
      "a", "e", "i", "o", "u", "y", "oa", "oe", "ie", "uo", "uy", "ue", "uye", "ye", "ua", "oo"};
  for (std::string_view c : kClosed) {
    if (n == c) return true;
  }
  return false;
}

bool IsRhyme(std::string_view r) {
  if (r.empty()) return false;
  if (IsOpenRhyme(r)) return true;
  static constexpr std::array<std::string_view, 8> kCodas = {"ng", "nh", "ch", "c", "m", "n", "p", "t"};
  for (std::string_view coda : kCodas) {
    if (EndsWith(r, coda) && r.size() > coda.size()) {
      if (IsClosedNucleus(r.substr(0, r.size() - coda.size()))) return true;
    }
  }
  return false;
}

}  // namespace

bool IsVietnameseSyllable(std::string_view s) {
  if (s.empty() || s.size() > 7) return false;
  for (char c : s) {
    if (c < 'a' || c > 'z') return false;
  }
  // Letters Vietnamese orthography does not use.
  if (s.find_first_of("fjwz") != std::string_view::npos) return false;
  static constexpr std::array<std::string_view, 27> kOnsets = {
      "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h", "k",
      "l", "m", "n", "p", "r", "s", "t", "v", "x", ""};
  for (std::string_view onset : kOnsets) {
    if (!StartsWith(s, onset)) continue;
    const std::string_view rhyme = s.substr(onset.size());
    if (IsRhyme(rhyme)) return true;
    // "gi" + rhyme starting with i is written "gi": "gin" -> g+in handled above.
  }
  return false;
}

NameOrigin ClassifyName(const std::vector<std::string>& words, bool has_diacritics) {
  if (words.empty()) return NameOrigin::kUnknown;
  bool all_syllables = true;
  for (const std::string& w : words) {
    if (!IsVietnameseSyllable(w)) {
      all_syllables = false;
      break;
    }
  }
  if (!all_syllables) return NameOrigin::kNotVietnamese;
  if (has_diacritics || IsVietnameseSurname(words.front())) return NameOrigin::kVietnamese;
  return NameOrigin::kNotVietnamese;
}

NameOrigin ClassifyPlaceName(std::string_view folded) {
  if (folded.empty()) return NameOrigin::kUnknown;
  size_t pos = 0;
  while (pos <= folded.size()) {
    size_t sp = folded.find(' ', pos);
    if (sp == std::string_view::npos) sp = folded.size();
    if (!IsVietnameseSyllable(folded.substr(pos, sp - pos))) return NameOrigin::kNotVietnamese;
    pos = sp + 1;
  }
  return NameOrigin::kVietnamese;
}

}  // namespace accord::extraction
