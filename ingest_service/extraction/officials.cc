#include "ingest_service/extraction/officials.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "ingest_service/extraction/country_mentions.h"
#include "ingest_service/extraction/folding.h"
#include "ingest_service/extraction/gazetteer.h"
#include "ingest_service/extraction/phonotactics.h"

namespace accord::extraction {
namespace {

constexpr size_t kMaxNameWords = 4;
constexpr size_t kMaxTitleTokens = 18;

// Country evidence, most reliable first.
constexpr int kPriorityDemonym = 0;       // "Cambodian Deputy Prime Minister", "his Vietnamese counterpart"
constexpr int kPriorityOrganization = 1;  // "Minister of Public Security", "Royal Cambodian Armed Forces"
constexpr int kPriorityTitleCountry = 2;  // a country word elsewhere in the title
constexpr int kPriorityPhonotactics = 5;

using Tokens = std::vector<Token>;

bool IsWord(const Token& t) { return t.kind == TokenKind::kWord; }
bool IsPunct(const Token& t, char c) { return t.kind == TokenKind::kPunct && t.punct == c; }
uint32_t Classes(const Token& t) { return IsWord(t) ? WordClasses(t.folded) : 0u; }
bool IsHead(const Token& t) { return (Classes(t) & kTitleHead) != 0; }

bool IsCountryWord(const Token& t) {
  return !CountryForName(t.folded).empty() || !CountryForDemonym(t.folded).empty();
}

bool IsHonorificToken(const Token& t) {
  if (!IsWord(t)) return false;
  return (Classes(t) & kHonorific) != 0 || IsKhmerHonorificWord(t.folded);
}

// A weekday abbreviation that is also a name syllable: "Thu" (Tran Anh Thu),
// "Sun" (Sun Chanthol). Such a word is a name word only beside another one.
bool ShortWeekday(const Token& t) { return (Classes(t) & kWeekday) && t.folded.size() <= 4; }

// A word that can be part of a person's name. A word written with diacritics
// ("Thái", "Đức") is never one of the English gazetteer words it folds to.
bool NameWord(const Token& t) {
  if (!IsWord(t) || !t.capitalized || t.all_caps || t.abbrev_dot) return false;
  if (t.text.size() > 24) return false;
  const uint32_t c = Classes(t);
  uint32_t blocking = kTitleHead | kTitleModifier | kOrgWord | kHonorific | kPlaceNoun | kNonOfficialRole |
                      kCounterpart | kRankWord;
  if (!t.non_ascii) blocking |= kMonth | kWeekday;
  if (c & blocking) return !t.non_ascii && (c & blocking) == kWeekday && ShortWeekday(t);
  if (IsKhmerHonorificWord(t.folded)) return false;
  if (!t.non_ascii && IsCountryWord(t)) return false;
  if (!CountryForCapital(t.folded).empty()) return false;
  return true;
}

bool StrictNameWord(const Token& t) {
  return NameWord(t) && (Classes(t) & (kFunctionWord | kClauseWord)) == 0 && !(!t.non_ascii && ShortWeekday(t));
}

struct NameRun {
  size_t first = 0;
  size_t last = 0;
};

// Maximal runs of name words. A capitalised function word ("To", "Do", "An")
// may start a run only inside a sentence and directly before a name word.
std::vector<NameRun> NameRuns(const Tokens& t) {
  std::vector<NameRun> runs;
  size_t i = 0;
  while (i < t.size()) {
    if (!NameWord(t[i])) {
      ++i;
      continue;
    }
    if (!StrictNameWord(t[i])) {
      const bool sentence_start = i == 0 || IsPunct(t[i - 1], '"') || IsPunct(t[i - 1], ':') ||
                                  IsPunct(t[i - 1], '(');
      const bool next_is_name = i + 1 < t.size() && StrictNameWord(t[i + 1]) && !t[i].possessive;
      if (sentence_start || !next_is_name) {
        ++i;
        continue;
      }
    }
    size_t j = i;
    while (j + 1 < t.size() && !t[j].possessive && NameWord(t[j + 1]) && t[j + 1].space_before &&
           j + 1 - i < kMaxNameWords + 2) {
      ++j;
    }
    runs.push_back({i, j});
    i = j + 1;
  }
  return runs;
}

// The longest rank ending at token `end` (inclusive); '-' tokens inside a
// rank are skipped ("Lt.-Gen."). Returns the full rank and sets *first.
std::string_view RankEndingAt(const Tokens& t, long end, long* first) {
  std::string_view best;
  size_t best_words = 0;
  if (end < 0) return best;
  for (const Rank& r : Ranks()) {
    if (r.words.size() <= best_words) continue;
    long k = end;
    long w = static_cast<long>(r.words.size()) - 1;
    while (w >= 0 && k >= 0) {
      if (IsPunct(t[k], '-')) {
        --k;
        continue;
      }
      if (!IsWord(t[k]) || t[k].folded != r.words[w]) break;
      // Full rank words must be capitalised ("General X", not "general X").
      if (!t[k].capitalized && !t[k].abbrev_dot) break;
      --w;
      --k;
    }
    if (w < 0) {
      best = r.full;
      best_words = r.words.size();
      *first = k + 1;
    }
  }
  return best;
}

std::string Singular(std::string_view word) {
  std::string w(word);
  if (w.size() > 3 && (w.back() == 's' || w.back() == 'S')) w.pop_back();
  return w;
}

// A title phrase next to a name: token range, country read from it, and flags.
struct TitlePhrase {
  std::vector<std::pair<size_t, size_t>> titles;  // token ranges, inclusive
  std::string country;
  int country_priority = 100;
  bool counterpart = false;
  bool non_official = false;
  bool plural = false;
};

void NoteCountry(std::string_view code, int priority, TitlePhrase* p) {
  if (!code.empty() && priority < p->country_priority) {
    p->country = std::string(code);
    p->country_priority = priority;
  }
}

// Splits tokens [a, b] at "and" / "," / "&" into titles that each contain a
// title head; segments without a head stay with their neighbour.
void SplitTitles(const Tokens& t, size_t a, size_t b, TitlePhrase* out) {
  std::vector<std::pair<size_t, size_t>> segs;
  size_t start = a;
  for (size_t k = a; k <= b; ++k) {
    const bool cut = (IsWord(t[k]) && (t[k].folded == "and")) || IsPunct(t[k], ',') || IsPunct(t[k], '&');
    if (!cut) continue;
    if (k > start) segs.push_back({start, k - 1});
    start = k + 1;
  }
  if (start <= b) segs.push_back({start, b});
  auto has_head = [&t](std::pair<size_t, size_t> s) {
    for (size_t k = s.first; k <= s.second; ++k) {
      if (IsHead(t[k])) return true;
    }
    return false;
  };
  std::vector<std::pair<size_t, size_t>> merged;
  for (const auto& s : segs) {
    if (!merged.empty() && (!has_head(s) || !has_head(merged.back()))) {
      merged.back().second = s.second;
    } else {
      merged.push_back(s);
    }
  }
  for (auto s : merged) {
    // Trim connectors and leading country words from each title.
    while (s.first <= s.second && IsWord(t[s.first]) &&
           ((Classes(t[s.first]) & kConnector) || IsCountryWord(t[s.first]))) {
      if (IsCountryWord(t[s.first])) {
        std::string_view c = CountryForName(t[s.first].folded);
        if (c.empty()) c = CountryForDemonym(t[s.first].folded);
        NoteCountry(c, kPriorityDemonym, out);
      }
      ++s.first;
    }
    while (s.second > s.first && (IsPunct(t[s.second], '-') ||
                                  (IsWord(t[s.second]) && (Classes(t[s.second]) & kConnector)))) {
      --s.second;
    }
    if (s.first > s.second || !has_head(s)) continue;
    out->titles.push_back(s);
    for (size_t k = s.first; k <= s.second; ++k) {
      if (IsHead(t[k]) && t[k].folded.size() > 3 && t[k].folded.back() == 's' && t[k].folded != "affairs") {
        out->plural = true;
      }
    }
  }
}

// Reads country words anywhere in [a, b] and organisations naming a country.
void CountryFromPhrase(std::string_view phrase_text, const Tokens& t, size_t a, size_t b, TitlePhrase* out) {
  NoteCountry(CountryForOrganization(FoldForMatch(phrase_text)), kPriorityOrganization, out);
  for (size_t k = a; k <= b; ++k) {
    const CountryMatch m = CountryAt(t, k);
    if (m.code.empty() || m.form == CountryForm::kCapital) continue;
    // "Ambassador to Cambodia" names the host, not the official's country.
    if (k > a && IsWord(t[k - 1]) && t[k - 1].folded == "to") continue;
    // "Minister of Public Security of Laos": a country named as the title's
    // owner outranks the ministry's usual country.
    const bool owner = m.form == CountryForm::kName && k > a && IsWord(t[k - 1]) && t[k - 1].folded == "of";
    NoteCountry(m.code, owner ? kPriorityDemonym : kPriorityTitleCountry, out);
  }
}

bool HasNonOfficialRole(const Tokens& t, size_t a, size_t b) {
  for (size_t k = a; k <= b && k < t.size(); ++k) {
    if (Classes(t[k]) & kNonOfficialRole) return true;
  }
  return false;
}

// Number of tokens of a province or capital name ending at token `k`, or 0.
size_t PlaceWordsEndingAt(const Tokens& t, size_t k) {
  std::string key;
  for (size_t n = 1; n <= static_cast<size_t>(kMaxProvinceWords) && n <= k + 1; ++n) {
    const Token& w = t[k + 1 - n];
    if (!IsWord(w) || !w.capitalized) return 0;
    key = n == 1 ? w.folded : w.folded + " " + key;
    if (FindProvince(key) != nullptr || !CountryForCapital(key).empty()) return n;
  }
  return 0;
}

// Number of tokens of a province or capital name starting at token `k`, or 0.
size_t PlaceWordsStartingAt(const Tokens& t, size_t k) {
  std::string key;
  size_t found = 0;
  for (size_t n = 1; n <= static_cast<size_t>(kMaxProvinceWords) && k + n <= t.size(); ++n) {
    const Token& w = t[k + n - 1];
    if (!IsWord(w) || !w.capitalized) break;
    key = n == 1 ? w.folded : key + " " + w.folded;
    if (FindProvince(key) != nullptr || !CountryForCapital(key).empty()) found = n;
  }
  return found;
}

// The title phrase before the name that starts at token `s`; sets *rank.
TitlePhrase TitleBefore(const Document& doc, size_t sentence, const Tokens& t, size_t s, std::string* rank) {
  TitlePhrase out;
  long j = static_cast<long>(s) - 1;
  while (j >= 0 && IsHonorificToken(t[j])) --j;
  long rank_first = -1;
  const std::string_view r = RankEndingAt(t, j, &rank_first);
  if (!r.empty()) {
    *rank = std::string(r);
    j = rank_first - 1;
    while (j >= 0 && IsHonorificToken(t[j])) --j;
  }
  // "Defence Minister, Tea Banh", "his counterpart, X": a comma between a
  // title and the name.
  if (j >= 1 && IsPunct(t[j], ',') && (IsHead(t[j - 1]) || (Classes(t[j - 1]) & kCounterpart))) --j;
  long k = j;
  while (k >= 0 && j - k < static_cast<long>(kMaxTitleTokens)) {
    const Token& tok = t[k];
    if (IsWord(tok)) {
      const uint32_t c = Classes(tok);
      if (c & (kTitleHead | kTitleModifier | kOrgWord | kCounterpart | kConnector)) {
        --k;
        continue;
      }
      if (IsCountryWord(tok)) {
        --k;
        continue;
      }
      if (k >= 1 && !CountryAt(t, k - 1).code.empty() && CountryAt(t, k - 1).length == 2) {
        k -= 2;
        continue;
      }
      // Place names inside a title: "Governor of Tay Ninh Province", "... of Ho Chi Minh City".
      if (tok.folded == "province" || tok.folded == "city" || tok.folded == "district" ||
          tok.folded == "provincial" || tok.folded == "municipal") {
        --k;
        continue;
      }
      const size_t place = PlaceWordsEndingAt(t, static_cast<size_t>(k));
      if (place > 0) {
        k -= static_cast<long>(place);
        continue;
      }
      break;
    }
    if (IsPunct(tok, '-') && !tok.space_before) {
      --k;
      continue;
    }
    if (IsPunct(tok, ',') && k + 1 <= j && k >= 1 && (Classes(t[k + 1]) & (kTitleHead | kTitleModifier)) &&
        (Classes(t[k - 1]) & (kTitleHead | kOrgWord))) {
      --k;
      continue;
    }
    break;
  }
  size_t a = static_cast<size_t>(k + 1);
  if (j < 0 || a > static_cast<size_t>(j)) return out;
  const size_t b = static_cast<size_t>(j);
  // Leading connectors and dashes ("and", "the", a dateline's "--").
  while (a <= b && ((IsWord(t[a]) && (Classes(t[a]) & kConnector) && !IsCountryWord(t[a])) || IsPunct(t[a], '-'))) {
    ++a;
  }
  if (a > b) return out;
  for (size_t x = a; x <= b; ++x) {
    if (Classes(t[x]) & kCounterpart) out.counterpart = true;
  }
  out.non_official = HasNonOfficialRole(t, a, b);
  // Country words at the start ("Cambodian", "Cambodia's", "Viet Nam's").
  size_t x = a;
  while (x <= b) {
    const CountryMatch m = CountryAt(t, x);
    if (m.code.empty()) break;
    NoteCountry(m.code, kPriorityDemonym, &out);
    x += m.length;
  }
  CountryFromPhrase(doc.Span(t[a].begin, t[b].end), t, a, b, &out);
  if (x <= b) SplitTitles(t, x, b, &out);
  (void)sentence;
  return out;
}

// The appositive title after the name that ends at token `e`:
// "X, Minister of Public Security", "X, the head of border affairs of ...".
TitlePhrase TitleAfter(const Document& doc, const Tokens& t, size_t e) {
  TitlePhrase out;
  size_t p = e + 1;
  if (p < t.size() && IsPunct(t[p], '(')) {
    size_t q = p + 1;
    while (q < t.size() && q < p + 8 && !IsPunct(t[q], ')')) ++q;
    if (q < t.size() && IsPunct(t[q], ')')) p = q + 1;
  }
  if (p >= t.size() || !IsPunct(t[p], ',')) return out;
  ++p;
  while (p < t.size() && IsWord(t[p]) &&
         (t[p].folded == "the" || t[p].folded == "a" || t[p].folded == "an" || t[p].folded == "his" ||
          t[p].folded == "her" || t[p].folded == "its" || t[p].folded == "their")) {
    ++p;
  }
  size_t start = p;
  while (start < t.size()) {
    const CountryMatch m = CountryAt(t, start);
    if (m.code.empty()) break;
    NoteCountry(m.code, kPriorityDemonym, &out);
    start += m.length;
  }
  size_t q = start;
  bool next_person = false;
  while (q < t.size() && q - start < kMaxTitleTokens) {
    const Token& tok = t[q];
    if (tok.kind == TokenKind::kPunct) {
      if (IsPunct(tok, '-') || IsPunct(tok, '\'') || IsPunct(tok, '&')) {
        ++q;
        continue;
      }
      break;
    }
    const uint32_t c = Classes(tok);
    if (tok.folded == "and") {
      if (q + 1 < t.size() && (Classes(t[q + 1]) & (kTitleHead | kTitleModifier | kOrgWord))) {
        ++q;
        continue;
      }
      break;
    }
    if ((c & kClauseWord) && !(c & (kTitleHead | kOrgWord))) break;
    // A rank or a person's name ends the phrase: "A, Vietnamese Minister B" is B's title.
    long rank_first = -1;
    if (tok.capitalized && (c & kRankWord) && !RankEndingAt(t, static_cast<long>(q), &rank_first).empty() &&
        q + 1 < t.size() && NameWord(t[q + 1])) {
      next_person = true;
      break;
    }
    if (StrictNameWord(tok)) {
      const size_t place = PlaceWordsStartingAt(t, q);
      if (place > 0) {
        q += place;
        continue;
      }
      if (q + 1 < t.size() && NameWord(t[q + 1]) && !(Classes(t[q - 1]) & kConnector)) next_person = true;
      break;
    }
    ++q;
  }
  // Non-official roles anywhere in the clause ("director of the Asian Vision Institute").
  {
    size_t r = start;
    while (r < t.size() && r - start < kMaxTitleTokens && !IsPunct(t[r], ',') && !IsPunct(t[r], '.') &&
           !IsPunct(t[r], ';')) {
      if (Classes(t[r]) & kNonOfficialRole) out.non_official = true;
      ++r;
    }
  }
  if (next_person) return out;
  if (q == start) return out;
  const size_t b = q - 1;
  out.non_official = out.non_official || HasNonOfficialRole(t, start, b);
  // A title head must come early, after only modifiers and organisation words.
  bool head_found = false;
  for (size_t k = start; k <= b && k < start + 5; ++k) {
    if (IsHead(t[k])) {
      head_found = true;
      break;
    }
    const uint32_t c = Classes(t[k]);
    if (!(c & (kTitleModifier | kOrgWord | kConnector)) && !IsCountryWord(t[k]) && !IsPunct(t[k], '-')) break;
  }
  if (!head_found) return out;
  CountryFromPhrase(doc.Span(t[start].begin, t[b].end), t, start, b, &out);
  SplitTitles(t, start, b, &out);
  return out;
}

// "Ministry of X" for "Minister of X" / "X Minister"; the named body after
// the last "of" for other titles ("... of the Royal Cambodian Armed Forces").
std::string OrganizationOf(const Document& doc, const Tokens& t, size_t a, size_t b) {
  long of = -1;
  for (size_t k = a; k <= b; ++k) {
    if (IsWord(t[k]) && t[k].folded == "of") of = static_cast<long>(k);
  }
  size_t head = b + 1;
  for (size_t k = a; k <= b; ++k) {
    if (IsHead(t[k])) {
      head = k;
      break;
    }
  }
  // "Prime Minister" heads a government, not a ministry.
  const bool minister = head <= b && (t[head].folded == "minister" || t[head].folded == "ministers") &&
                        !(head > a && t[head - 1].folded == "prime");
  if (of >= 0 && static_cast<size_t>(of) < b) {
    if (minister && head + 1 <= b && IsWord(t[head + 1]) && t[head + 1].folded == "of" && head + 2 <= b) {
      return "Ministry of " + std::string(doc.Span(t[head + 2].begin, t[b].end));
    }
    // The first "of" that introduces an institution, else the last named body.
    std::string named;
    for (size_t k = a; k < b; ++k) {
      if (!IsWord(t[k]) || t[k].folded != "of") continue;
      size_t s = k + 1;
      if (IsWord(t[s]) && t[s].folded == "the" && s < b) ++s;
      if (!t[s].capitalized) continue;
      const std::string body(doc.Span(t[s].begin, t[b].end));
      static constexpr std::string_view kInstitutions[] = {
          "ministry", "department", "general", "commissariat", "command", "committee", "office", "council",
          "army", "police", "party", "government", "royal", "national", "people", "border", "provincial",
          "central", "military", "secretariat", "directorate", "gendarmerie"};
      for (std::string_view inst : kInstitutions) {
        if (t[s].folded == inst) return body;
      }
      if (named.empty()) named = body;
    }
    return named;
  }
  if (minister && head > a) {
    size_t s = head;
    while (s > a && (Classes(t[s - 1]) & kOrgWord) && !(WordClasses(t[s - 1].folded) & kHonorific)) --s;
    if (s < head) return "Ministry of " + std::string(doc.Span(t[s].begin, t[head - 1].end));
  }
  return {};
}

bool IsPlaceName(const Tokens& t, const NameRun& r) {
  std::string key;
  for (size_t k = r.first; k <= r.last; ++k) {
    if (!key.empty()) key += ' ';
    key += t[k].folded;
  }
  if (!CountryForName(key).empty() || !CountryForCapital(key).empty() || FindProvince(key) != nullptr) {
    return true;
  }
  // Followed by a place or organisation noun: "Ho Chi Minh City", "Asian Vision Institute".
  if (r.last + 1 < t.size() && !t[r.last].possessive && IsWord(t[r.last + 1]) &&
      (Classes(t[r.last + 1]) & kPlaceNoun) && t[r.last + 1].capitalized) {
    return true;
  }
  return false;
}

struct Candidate {
  size_t sentence;
  NameRun run;
  std::string rank;
  TitlePhrase before;
  TitlePhrase after;
};

class Builder {
 public:
  explicit Builder(const Document& doc) : doc_(doc) {}

  OfficialsResult Run() {
    const auto& sentences = doc_.sentences();
    std::vector<std::vector<NameRun>> runs(sentences.size());
    for (size_t s = 0; s < sentences.size(); ++s) runs[s] = NameRuns(sentences[s].tokens);
    // Pass 1: full names with a title, rank or counterpart context.
    int referent = -1;  // the official named last, whom "his counterpart" answers
    size_t referent_sentence = 0;
    for (size_t s = 0; s < sentences.size(); ++s) {
      const Tokens& t = sentences[s].tokens;
      int previous_official = -1;
      bool previous_plural = false;
      std::vector<std::string> previous_titles;
      size_t previous_last = 0;
      for (const NameRun& run : runs[s]) {
        const size_t words = run.last - run.first + 1;
        if (words < 2 || words > kMaxNameWords || IsPlaceName(t, run)) {
          previous_official = -1;
          continue;
        }
        Candidate c{s, run, "", {}, {}};
        c.before = TitleBefore(doc_, s, t, run.first, &c.rank);
        c.after = TitleAfter(doc_, t, run.last);
        const bool excluded = c.before.non_official || c.after.non_official;
        bool official = !excluded && (!c.rank.empty() || !c.before.titles.empty() || !c.after.titles.empty() ||
                                      c.before.counterpart);
        std::vector<std::string> inherited;
        // "Prime Ministers A and B": B shares the plural title.
        if (!official && !excluded && previous_official >= 0 && previous_plural && run.first >= 2 &&
            previous_last + 2 == run.first && IsWord(t[run.first - 1]) && t[run.first - 1].folded == "and") {
          official = true;
          inherited = previous_titles;
        }
        if (!official) {
          previous_official = -1;
          continue;
        }
        last_titles_.clear();
        const int idx = AddCandidate(c);
        for (const std::string& title : inherited) AddRole(idx, title, "", s);
        if (c.before.counterpart && c.before.titles.empty() && c.after.titles.empty() && referent >= 0 &&
            referent != idx && referent_sentence + 1 >= s) {
          InheritCounterpartTitle(referent, idx, s);
        }
        referent = idx;
        referent_sentence = s;
        previous_titles = inherited.empty() ? last_titles_ : inherited;
        previous_official = idx;
        previous_plural = c.before.plural;
        previous_last = run.last;
      }
    }
    // Pass 2: every mention, full or short, of a known official.
    BuildShortForms();
    for (size_t s = 0; s < sentences.size(); ++s) {
      const Tokens& t = sentences[s].tokens;
      for (const NameRun& run : runs[s]) ResolveMention(s, t, run);
    }
    FinishCountries();
    return std::move(result_);
  }

 private:
  int FindBySlug(const std::string& slug) const {
    auto it = by_slug_.find(slug);
    return it == by_slug_.end() ? -1 : it->second;
  }

  int AddCandidate(const Candidate& c) {
    const Tokens& t = doc_.sentences()[c.sentence].tokens;
    const std::string display(doc_.TokenSpan(c.sentence, c.run.first, c.run.last));
    const std::string slug = Slugify(display);
    int idx = FindBySlug(slug);
    if (idx < 0) {
      idx = static_cast<int>(officials_.size());
      FoundOfficial o;
      o.display_name = display;
      for (size_t k = c.run.first; k <= c.run.last; ++k) o.folded_words.push_back(t[k].folded);
      officials_.push_back(std::move(o));
      by_slug_[slug] = idx;
    }
    FoundOfficial& o = officials_[idx];
    // Prefer the form written with diacritics.
    bool has_marks = false;
    for (size_t k = c.run.first; k <= c.run.last; ++k) has_marks = has_marks || t[k].non_ascii;
    bool shown_ascii = true;
    for (char ch : o.display_name) shown_ascii = shown_ascii && static_cast<unsigned char>(ch) < 0x80;
    if (has_marks && o.display_name != display && shown_ascii) {
      AddAlias(idx, o.display_name);
      o.display_name = display;
    }
    if (!c.rank.empty() && o.rank.empty()) o.rank = c.rank;
    for (const TitlePhrase* p : {&c.before, &c.after}) {
      for (const auto& [a, b] : p->titles) {
        std::string title(doc_.TokenSpan(c.sentence, a, b));
        // "Prime Ministers A and B": each holds "Prime Minister".
        if (p->plural && IsHead(t[b]) && t[b].folded.size() > 3 && t[b].folded.back() == 's') {
          title = Singular(title);
        }
        AddRole(idx, title, OrganizationOf(doc_, t, a, b), c.sentence);
        last_titles_.push_back(title);
      }
      if (!p->country.empty() && p->country_priority < o.country_priority) {
        o.country = p->country;
        o.country_priority = p->country_priority;
        o.evidence.push_back({static_cast<int>(c.sentence), "country_code",
                              p->country_priority == kPriorityDemonym ? "official.country.demonym"
                                                                      : "official.country.organization",
                              p->country_priority == kPriorityDemonym ? 0.9f : 0.8f});
      }
    }
    std::string rule;
    float confidence;
    if (!c.before.titles.empty()) {
      rule = "official.title_before_name";
      confidence = 0.9f;
    } else if (!c.after.titles.empty()) {
      rule = "official.title_after_name";
      confidence = 0.85f;
    } else if (c.before.counterpart) {
      rule = "official.counterpart";
      confidence = 0.75f;
    } else if (!c.rank.empty()) {
      rule = "official.rank_before_name";
      confidence = 0.75f;
    } else {
      rule = "official.shared_plural_title";
      confidence = 0.7f;
    }
    if (!c.rank.empty() && rule != "official.rank_before_name") confidence = std::min(1.0f, confidence + 0.05f);
    o.evidence.push_back({static_cast<int>(c.sentence), "display_name", rule, confidence});
    if (!c.before.titles.empty() || !c.after.titles.empty()) {
      o.evidence.push_back({static_cast<int>(c.sentence), "roles", rule, confidence});
    }
    if (!c.rank.empty()) o.evidence.push_back({static_cast<int>(c.sentence), "rank", "official.rank", 0.85f});
    return idx;
  }

  void AddRole(int idx, const std::string& title, const std::string& org, size_t sentence) {
    FoundOfficial& o = officials_[idx];
    const std::string folded = FoldForMatch(title);
    if (folded.empty()) return;
    for (FoundRole& r : o.roles) {
      const std::string existing = FoldForMatch(r.title);
      if (existing == folded) return;
      // A shorter form of a known title ("Minister" after "Minister of Public Security").
      if (existing.find(folded) != std::string::npos) return;
      if (folded.find(existing) != std::string::npos) {
        r.title = title;
        if (!org.empty()) r.organization = org;
        return;
      }
    }
    o.roles.push_back({title, org, static_cast<int>(sentence)});
  }

  // "Prime Minister Hun Manet ... his Vietnamese counterpart X": X holds the
  // same office when the referent holds exactly one and it is not tied to
  // another country's ministry ("Minister of Interior" is Cambodia's).
  void InheritCounterpartTitle(int referent, int idx, size_t sentence) {
    const FoundOfficial& r = officials_[referent];
    if (r.roles.size() != 1) return;
    const FoundRole role = r.roles.front();
    const std::string_view owner = CountryForOrganization(FoldForMatch(role.title));
    FoundOfficial& o = officials_[idx];
    if (!owner.empty() && owner != o.country) return;
    if (o.country.empty() || o.country == r.country) return;
    AddRole(idx, role.title, role.organization, sentence);
    o.evidence.push_back({static_cast<int>(sentence), "roles", "official.counterpart_title", 0.7f});
  }

  void AddAlias(int idx, const std::string& alias) {
    FoundOfficial& o = officials_[idx];
    if (alias.empty() || alias == o.display_name) return;
    if (std::find(o.aliases.begin(), o.aliases.end(), alias) == o.aliases.end()) o.aliases.push_back(alias);
  }

  // Short forms: a single name word matching exactly one official's words.
  void BuildShortForms() {
    for (size_t i = 0; i < officials_.size(); ++i) {
      for (const std::string& w : officials_[i].folded_words) {
        auto [it, inserted] = short_forms_.emplace(w, static_cast<int>(i));
        if (!inserted && it->second != static_cast<int>(i)) it->second = -1;
      }
    }
  }

  int MatchShortForm(const std::string& folded) const {
    auto it = short_forms_.find(folded);
    return it == short_forms_.end() ? -1 : it->second;
  }

  void ResolveMention(size_t s, const Tokens& t, const NameRun& run) {
    const size_t words = run.last - run.first + 1;
    int idx = -1;
    size_t first = run.first, last = run.last;
    if (words >= 2 && words <= kMaxNameWords) {
      idx = FindBySlug(Slugify(doc_.TokenSpan(s, first, last)));
      if (idx >= 0) {
        const std::string written(doc_.TokenSpan(s, first, last));
        AddAlias(idx, written);
      }
    }
    if (idx < 0 && words <= 2) {
      // "Sokha and Lam", "Gen. Lich": each word may be a short form.
      for (size_t k = run.first; k <= run.last; ++k) {
        const int m = MatchShortForm(t[k].folded);
        if (m < 0) continue;
        AddAlias(m, std::string(t[k].text));
        std::string rank;
        if (k == run.first) {
          long rf = -1;
          long j = static_cast<long>(k) - 1;
          while (j >= 0 && IsHonorificToken(t[j])) --j;
          const std::string_view r = RankEndingAt(t, j, &rf);
          if (!r.empty() && officials_[m].rank.empty()) officials_[m].rank = std::string(r);
        }
        result_.mentions.push_back({static_cast<int>(s), m, k, k});
      }
      return;
    }
    if (idx >= 0) result_.mentions.push_back({static_cast<int>(s), idx, first, last});
  }

  void FinishCountries() {
    const std::vector<std::string> main = doc_.MainCountries();
    std::string non_vn;
    for (const std::string& c : main) {
      if (c != "VN" && non_vn.empty()) non_vn = c;
    }
    if (non_vn.empty()) non_vn = "KH";
    for (FoundOfficial& o : officials_) {
      const std::string ascii = AsciiFold(o);
      if (ascii != o.display_name) AddAliasTo(&o, ascii);
      if (o.country_priority <= kPriorityTitleCountry) continue;
      bool marks = false;
      for (char ch : o.display_name) marks = marks || static_cast<unsigned char>(ch) >= 0x80;
      const NameOrigin origin = ClassifyName(o.folded_words, marks);
      if (origin == NameOrigin::kVietnamese) {
        o.country = "VN";
      } else if (origin == NameOrigin::kNotVietnamese) {
        o.country = non_vn;
      } else {
        continue;
      }
      o.country_priority = kPriorityPhonotactics;
      if (!o.evidence.empty()) {
        o.evidence.push_back({o.evidence.front().sentence, "country_code", "official.country.phonotactics", 0.6f});
      }
    }
    result_.officials = std::move(officials_);
  }

  static std::string AsciiFold(const FoundOfficial& o) {
    std::string out;
    for (const std::string& w : o.folded_words) {
      if (w.empty()) continue;
      if (!out.empty()) out += ' ';
      std::string x = w;
      if (x[0] >= 'a' && x[0] <= 'z') x[0] = static_cast<char>(x[0] - 'a' + 'A');
      out += x;
    }
    return out;
  }

  static void AddAliasTo(FoundOfficial* o, const std::string& alias) {
    if (alias.empty() || alias == o->display_name) return;
    if (std::find(o->aliases.begin(), o->aliases.end(), alias) == o->aliases.end()) o->aliases.push_back(alias);
  }

  const Document& doc_;
  std::vector<FoundOfficial> officials_;
  std::map<std::string, int> by_slug_;
  std::map<std::string, int> short_forms_;
  std::vector<std::string> last_titles_;  // titles of the candidate added last  // name word -> official, -1 when ambiguous
  OfficialsResult result_;
};

}  // namespace

OfficialsResult FindOfficials(const Document& doc) { return Builder(doc).Run(); }

}  // namespace accord::extraction
