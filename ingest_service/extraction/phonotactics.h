// A rule about languages, not a list of people: decides whether a romanised
// personal name can be Vietnamese. Vietnamese names are sequences of
// monosyllables, each an (onset)(rhyme) with a closed set of onsets, vowel
// nuclei and codas (c, ch, m, n, ng, nh, p, t), and they usually start with
// one of the language's few family names. Khmer and Lao romanisations break
// these rules ("Sokha", "Socheat", "Siek", "Sar", "Mengdavid").
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_PHONOTACTICS_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_PHONOTACTICS_H_

#include <string>
#include <string_view>
#include <vector>

namespace accord::extraction {

// Whether folded `syllable` ("nguyen", "quang", "luong") is a possible
// Vietnamese syllable.
bool IsVietnameseSyllable(std::string_view syllable);

enum class NameOrigin { kUnknown, kVietnamese, kNotVietnamese };

// Classifies a person's name given its folded words; `has_diacritics` is true
// when the name was written with Vietnamese diacritics.
NameOrigin ClassifyName(const std::vector<std::string>& folded_words, bool has_diacritics);

// Classifies a place name (checkpoint side): all words Vietnamese syllables
// -> kVietnamese, any word that cannot be -> kNotVietnamese.
NameOrigin ClassifyPlaceName(std::string_view folded_name);

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_PHONOTACTICS_H_
