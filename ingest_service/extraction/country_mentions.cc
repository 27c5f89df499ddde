#include "ingest_service/extraction/country_mentions.h"

#include <algorithm>

#include "ingest_service/extraction/gazetteer.h"

namespace accord::extraction {

CountryMatch CountryAt(const std::vector<Token>& t, size_t i) {
  CountryMatch best;
  if (i >= t.size() || t[i].kind != TokenKind::kWord || !t[i].capitalized) return best;
  std::string key;
  for (size_t n = 1; n <= static_cast<size_t>(kMaxCountryWords) && i + n <= t.size(); ++n) {
    const Token& w = t[i + n - 1];
    if (w.kind != TokenKind::kWord) break;
    if (n > 1) {
      // Inner words must follow directly; a possessive ends the name.
      if (t[i + n - 2].possessive) break;
      key += ' ';
    }
    key += w.folded;
    std::string_view code = CountryForName(key);
    CountryForm form = CountryForm::kName;
    if (code.empty()) {
      code = CountryForDemonym(key);
      form = CountryForm::kDemonym;
    }
    if (code.empty()) {
      code = CountryForCapital(key);
      form = CountryForm::kCapital;
    }
    // "US" must be written in capitals to be a country, not the pronoun.
    if (!code.empty() && key == "us" && !w.all_caps) code = {};
    if (!code.empty()) best = CountryMatch{code, form, n};
  }
  return best;
}

std::vector<std::string> CountriesIn(const std::vector<Token>& t) {
  std::vector<std::string> out;
  for (size_t i = 0; i < t.size(); ++i) {
    const CountryMatch m = CountryAt(t, i);
    if (m.code.empty()) continue;
    if (std::find(out.begin(), out.end(), m.code) == out.end()) out.emplace_back(m.code);
    i += m.length - 1;
  }
  return out;
}

void CountryTally::Add(const std::vector<Token>& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    const CountryMatch m = CountryAt(t, i);
    if (m.code.empty()) continue;
    ++counts_[std::string(m.code)];
    i += m.length - 1;
  }
}

int CountryTally::Count(std::string_view code) const {
  auto it = counts_.find(std::string(code));
  return it == counts_.end() ? 0 : it->second;
}

std::vector<std::string> CountryTally::Top(size_t n, int min_count) const {
  std::vector<std::pair<std::string, int>> v(counts_.begin(), counts_.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  for (const auto& [code, count] : v) {
    if (out.size() >= n || count < min_count) break;
    out.push_back(code);
  }
  return out;
}

}  // namespace accord::extraction
