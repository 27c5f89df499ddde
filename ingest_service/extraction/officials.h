// Finds government, military, police and party officials in a document.
// A capitalised name of two to four words is an official when a title stands
// before it ("Cambodian Deputy Prime Minister and Minister of Interior X",
// "Defence Minister Gen. X"), after it ("X, Minister of Public Security";
// "X, the head of border affairs of the Royal Cambodian Armed Forces"), a
// rank precedes it ("Senior Lieutenant General X"), or it is someone's
// counterpart ("his Vietnamese counterpart X"). Analysts, researchers,
// fellows, experts and journalists are never officials. Honorifics
// (Samdech, H.E., Dr.) are not part of names; ranks are kept apart from
// titles. Short later references ("Sokha and Lam", "Gen. Lich") resolve to
// the full name. The country comes from demonyms and possessives, then from
// organisations in the title, then from name phonotactics.
#ifndef ACCORD_INGEST_SERVICE_EXTRACTION_OFFICIALS_H_
#define ACCORD_INGEST_SERVICE_EXTRACTION_OFFICIALS_H_

#include <string>
#include <vector>

#include "ingest_service/extraction/document.h"

namespace accord::extraction {

struct FoundRole {
  std::string title;         // as written: "Minister of Public Security"
  std::string organization;  // "Ministry of Public Security", may be empty
  int sentence = 0;
};

struct FoundOfficial {
  std::string display_name;               // as written, diacritics kept
  std::vector<std::string> folded_words;  // "luong", "tam", "quang"
  std::string rank;                       // full form: "Lieutenant General"
  std::string country;                    // ISO alpha-2 or empty
  int country_priority = 100;             // lower is more reliable
  std::vector<FoundRole> roles;
  std::vector<std::string> aliases;  // other forms seen: ASCII folding, short forms
  std::vector<EvidenceRef> evidence;
};

// One place where an official is named, fully or by a short form.
struct OfficialMention {
  int sentence = 0;
  int official = 0;         // index into OfficialsResult::officials
  size_t first_token = 0;   // name tokens, inclusive
  size_t last_token = 0;
};

struct OfficialsResult {
  std::vector<FoundOfficial> officials;
  std::vector<OfficialMention> mentions;  // in text order
};

// Stateless and thread-safe; linear in the number of tokens.
OfficialsResult FindOfficials(const Document& doc);

}  // namespace accord::extraction

#endif  // ACCORD_INGEST_SERVICE_EXTRACTION_OFFICIALS_H_
