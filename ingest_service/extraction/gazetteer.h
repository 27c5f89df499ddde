// Closed-class vocabularies the rules rely on: countries (names, ISO codes,
// demonyms, capitals), organisations that imply a country, words of official
// titles, military and police ranks, honorifics, provinces of Vietnam,
// Cambodia, Laos and Thailand, and Vietnamese surnames (a property of the
// language's naming system, used by the name phonotactics). No people, plans
// or checkpoints are listed here. All lookups take FoldForMatch() forms.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_GAZETTEER_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_GAZETTEER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accord::extraction {

// Classes of single folded words; a word may be in several.
enum WordClass : uint32_t {
  kTitleHead = 1u << 0,         // minister, president, chief, head, commander, governor
  kTitleModifier = 1u << 1,     // deputy, vice, prime, senior, acting, permanent
  kOrgWord = 1u << 2,           // interior, defence, ministry, army, forces, police
  kConnector = 1u << 3,         // of, and, for, the, on, in
  kHonorific = 1u << 4,         // samdech, dr, mr, excellency, h e
  kFunctionWord = 1u << 5,      // the, during, according, last: cannot start a name
  kPlaceNoun = 1u << 6,         // city, province, institute, expressway: follows a place, not a person
  kNonOfficialRole = 1u << 7,   // analyst, researcher, fellow, expert, journalist
  kMonth = 1u << 8,             // january, jan
  kClauseWord = 1u << 9,        // said, told, who, which: ends a title phrase
  kCounterpart = 1u << 10,      // counterpart(s)
  kWeekday = 1u << 11,
  kRankWord = 1u << 12,         // general, colonel, lieutenant, major, brigadier, admiral
};

uint32_t WordClasses(std::string_view folded_word);
inline bool HasClass(std::string_view folded_word, uint32_t mask) { return (WordClasses(folded_word) & mask) != 0; }

// ISO 3166-1 alpha-2 code, or "" when unknown. Names may be several words
// ("viet nam", "lao pdr", "kingdom of cambodia").
std::string_view CountryForName(std::string_view folded);
std::string_view CountryForDemonym(std::string_view folded);   // "vietnamese", "khmer", "lao"
std::string_view CountryForCapital(std::string_view folded);   // "hanoi", "ha noi", "phnom penh"
// Longest number of words any country name, demonym or capital has.
inline constexpr int kMaxCountryWords = 3;

// A country implied by an organisation named inside `folded_phrase`
// ("ministry of public security" -> VN, "royal cambodian armed forces" -> KH).
std::string_view CountryForOrganization(std::string_view folded_phrase);

// A province (or provincial-level city) of VN, KH, LA or TH.
struct Province {
  std::string_view country;
  std::string_view name;  // canonical spelling, "Prey Veng"
};
// Looks up a folded province name ("prey veng", "tay ninh", "svay rieng").
const Province* FindProvince(std::string_view folded);
inline constexpr int kMaxProvinceWords = 4;

// Military and police ranks as folded word sequences ("lt gen") and their
// full forms ("Lieutenant General"), longest first.
struct Rank {
  std::vector<std::string> words;
  std::string_view full;
};
const std::vector<Rank>& Ranks();

// Vietnamese family names (the closed set the naming system draws from).
bool IsVietnameseSurname(std::string_view folded);

// Words that may open an honorific chain before a Khmer name
// ("samdech", "techo", "pichey", "sena", "akka", "moha").
bool IsKhmerHonorificWord(std::string_view folded);

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_GAZETTEER_H_
