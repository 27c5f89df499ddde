// Recognises countries named in a token sequence: country names ("Viet Nam",
// "Kingdom of Cambodia"), demonyms ("Cambodian", "Khmer") and capitals
// ("Phnom Penh"), and counts them per article to find the article's main
// countries.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_COUNTRY_MENTIONS_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_COUNTRY_MENTIONS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ingest_service/extraction/tokens.h"

namespace accord::extraction {

enum class CountryForm { kNone, kName, kDemonym, kCapital };

struct CountryMatch {
  std::string_view code;  // ISO alpha-2, empty when none
  CountryForm form = CountryForm::kNone;
  size_t length = 0;      // tokens covered
};

// The country named at tokens[i] (capitalised words only), longest match.
CountryMatch CountryAt(const std::vector<Token>& tokens, size_t i);

// Codes named in `tokens`, each once, in order of first mention.
std::vector<std::string> CountriesIn(const std::vector<Token>& tokens);

// Counts of country mentions over many sentences.
class CountryTally {
 public:
  void Add(const std::vector<Token>& tokens);
  int Count(std::string_view code) const;
  // Up to `n` codes, most mentioned first (ties: alphabetical); only codes
  // mentioned at least `min_count` times.
  std::vector<std::string> Top(size_t n, int min_count) const;

 private:
  std::map<std::string, int> counts_;
};

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_COUNTRY_MENTIONS_H_
