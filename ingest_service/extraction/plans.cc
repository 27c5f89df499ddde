#include "ingest_service/extraction/plans.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "ingest_service/extraction/country_mentions.h"
#include "ingest_service/extraction/entity_ids.h"
#include "ingest_service/extraction/folding.h"
#include "ingest_service/extraction/patterns.h"
#include "re2/set.h"

namespace accord::extraction {
namespace {

using accord::v1::PlanKind;

// Words that may stand between a year and the plan noun: "the 2024 security cooperation plan".
constexpr char kAdjectives[] =
    R"((?:(?:security|defen[cs]e|military|police|border|economic|trade|cooperation|co-operation|collaboration|)"
    R"(bilateral|trilateral|joint|annual|yearly|action|master|work|working|comprehensive|strategic|)"
    R"(law[- ]enforcement|crime[- ]prevention|new|renewed|next|overall|general|detailed|implementation|)"
    R"(management|enforcement|crime|prevention|control|protection|liaison|patrol|exchange|information|drug|)"
    R"(narcotics|anti-drug|anti-crime|public|people's|investment|connectivity|transport|development|)"
    R"(friendship|partnership|mutual|legal|assistance|extradition|demarcation|marker|three-year|five-year|)"
    R"(two-year|multi-year|long-term|medium-term|tripartite|bilateral|regional)\s+){0,6})";
constexpr char kNoun[] =
    R"((?:plans?|protocols?|agreements?|memorand(?:um|a) of understanding|mous?|programmes?|programs?))";
constexpr char kYear[] = R"(((?:19|20)\d\d))";

constexpr size_t kReviewWindow = 50;    // bytes before a mention searched for look-back words
constexpr int kEventSearchBack = 3;     // sentences before a signing searched for its plan
constexpr int kEventDateWindow = 2;     // sentences around a signing searched for a meeting date
constexpr long kMeetingSearch = 40;     // sentences searched for the date of the meeting a signing names

int ToYear(const re2::StringPiece& s) {
  if (s.size() != 4) return 0;
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string_view View(const re2::StringPiece& p) { return std::string_view(p.data(), p.size()); }

// Plan kind from words, in the scorer's precedence: defence, security, border, economic.
PlanKind KindOfFolded(std::string_view folded, bool allow_border) {
  auto has = [folded](std::string_view w) {
    size_t pos = 0;
    while ((pos = folded.find(w, pos)) != std::string_view::npos) {
      const bool left = pos == 0 || folded[pos - 1] == ' ';
      const size_t end = pos + w.size();
      const bool right = end == folded.size() || folded[end] == ' ';
      if (left && right) return true;
      pos = end;
    }
    return false;
  };
  for (std::string_view w : {"defence", "defense", "military", "army"}) {
    if (has(w)) return accord::v1::PLAN_KIND_DEFENCE;
  }
  for (std::string_view w : {"security", "police", "crime", "crimes", "drug", "drugs", "interior",
                             "law enforcement"}) {
    if (has(w)) return accord::v1::PLAN_KIND_SECURITY;
  }
  if (allow_border) {
    for (std::string_view w : {"border", "demarcation", "boundary"}) {
      if (has(w)) return accord::v1::PLAN_KIND_BORDER;
    }
  }
  for (std::string_view w : {"economic", "economy", "trade", "transport", "investment", "connectivity",
                             "commerce"}) {
    if (has(w)) return accord::v1::PLAN_KIND_ECONOMIC;
  }
  return accord::v1::PLAN_KIND_UNSPECIFIED;
}

// Whether folded text names a border force: "border guard(s)", "border
// protection", "border police", "border defence force".
bool HasBorderForce(std::string_view folded) {
  for (std::string_view w : {"border guard", "border protection", "border police", "border defence force",
                             "border defense force"}) {
    const size_t at = folded.find(w);
    if (at != std::string_view::npos && (at == 0 || folded[at - 1] == ' ')) return true;
  }
  return false;
}

// Instrument type of a plan title without a year ("mou", "agreement",
// "protocol", "treaty"), or empty.
std::string InstrumentOf(std::string_view title) {
  const std::string f = FoldForMatch(title);
  if (f.rfind("memorandum of understanding", 0) == 0 || f.rfind("memoranda of understanding", 0) == 0 ||
      f.rfind("mou", 0) == 0) {
    return "mou";
  }
  for (std::string_view w : {"agreement", "protocol", "treaty", "accord"}) {
    if (f.rfind(w, 0) == 0) return std::string(w);
  }
  return {};
}

// The article's dominant kind by counting kind words over all sentences.
PlanKind ArticleKind(const Document& doc) {
  enum : uint8_t { kDefence = 1, kSecurity = 2, kEconomic = 4, kBorder = 8 };
  static const auto* const kKindWords = new std::unordered_map<std::string_view, uint8_t>{
      {"defence", kDefence}, {"defense", kDefence}, {"military", kDefence}, {"army", kDefence},
      {"security", kSecurity}, {"police", kSecurity}, {"crime", kSecurity}, {"crimes", kSecurity},
      {"drug", kSecurity}, {"interior", kSecurity}, {"economic", kEconomic}, {"economy", kEconomic},
      {"trade", kEconomic}, {"investment", kEconomic}, {"connectivity", kEconomic}, {"border", kBorder},
      {"demarcation", kBorder}};
  int defence = 0, security = 0, economic = 0, border = 0;
  for (const Sentence& s : doc.sentences()) {
    for (const Token& t : s.tokens) {
      const auto it = kKindWords->find(t.folded);
      if (it == kKindWords->end()) continue;
      defence += (it->second & kDefence) != 0;
      security += (it->second & kSecurity) != 0;
      economic += (it->second & kEconomic) != 0;
      border += (it->second & kBorder) != 0;
    }
  }
  if (defence == 0 && security == 0 && economic == 0) {
    return border > 0 ? accord::v1::PLAN_KIND_BORDER : accord::v1::PLAN_KIND_OTHER;
  }
  if (defence >= security && defence >= economic) return accord::v1::PLAN_KIND_DEFENCE;
  if (security >= economic) return accord::v1::PLAN_KIND_SECURITY;
  return accord::v1::PLAN_KIND_ECONOMIC;
}

struct Mention {
  size_t sentence = 0;
  size_t begin = 0;  // absolute normalised offsets
  size_t end = 0;
  std::string title;
  int year = 0;
  int start_year = 0;
  int end_year = 0;
  PlanKind phrase_kind = accord::v1::PLAN_KIND_UNSPECIFIED;
  bool review = false;
  bool yearly_form = false;  // a year-bearing plan phrase (not a look-back paraphrase)
  std::string rule;
  float confidence = 0;
};

std::string Key(const Mention& m) {
  if (m.year || m.start_year || m.end_year) {
    return std::to_string(m.year) + "/" + std::to_string(m.start_year) + "/" + std::to_string(m.end_year);
  }
  return "t/" + Slugify(m.title);
}

std::string CleanTitle(std::string_view raw) {
  std::string_view t = raw;
  for (std::string_view lead : {"the ", "The ", "their ", "Their ", "its ", "a ", "an ", "new ", "renewed "}) {
    if (t.substr(0, lead.size()) == lead) t.remove_prefix(lead.size());
  }
  while (!t.empty() && (t.back() == ' ' || t.back() == ',' || t.back() == '.')) t.remove_suffix(1);
  return std::string(t);
}

}  // namespace

struct PlanFinder::Patterns {
  std::unique_ptr<RE2> period_before, year_before, year_after, to_year, that_of, review_coop, yearless;
  std::unique_ptr<RE2> review_context, sign_verb, witness_by, witness_subject, two_titles, event_noun;
  std::unique_ptr<RE2> past_signing, side_clause, weekday, relative_year, titled_year, titled_instrument;
  std::unique_ptr<RE2> two_people, relative_pronoun;
  std::unique_ptr<RE2> relative_day;
  std::vector<std::pair<accord::v1::FocusArea, std::unique_ptr<RE2>>> focus;
  // The focus patterns in one set (index i is focus[i]): one pass per sentence.
  std::unique_ptr<RE2::Set> focus_set;
};

PlanFinder::PlanFinder() : p_(std::make_unique<Patterns>()) {}
PlanFinder::~PlanFinder() = default;

absl::StatusOr<std::unique_ptr<const PlanFinder>> PlanFinder::Create() {
  std::unique_ptr<PlanFinder> f(new PlanFinder());
  Patterns& p = *f->p_;
  const std::string adj = kAdjectives, noun = kNoun, year = kYear;
  std::vector<std::pair<std::string, std::unique_ptr<RE2>*>> specs = {
      {R"((?i)\b)" + year + R"(\s*(?:-|to|and)\s*)" + year + R"(\s+(?:period\s+)?)" + adj + noun + R"(\b)",
       &p.period_before},
      {R"((?i)\b(?:the|their|its|this|that|our|a|an|new|both)\s+)" + year + R"(\s+)" + adj + noun + R"(\b)",
       &p.year_before},
      {R"((?i)\b)" + adj + noun + R"((?:\s+(?:on|of|in)\s+(?:[\p{L}'-]+\s+){0,5}?[\p{L}'-]+)?)" +
           R"(\s+(?:for|covering)\s+(?:the\s+)?(?:years?\s+|period\s+(?:of\s+)?)?)" +
           year + R"((?:\s*(?:-|to|until|through|and)\s*)" + year + R"()?(?:\s+period)?)",
       &p.year_after},
      {R"(\b((?:(?i:master)\s+)?(?:Plan|Strategy|Protocol|Agreement|Programme|Program|Roadmap)\b[^.;:!?"\d]{0,120}?)"
       R"(\b(?:to|until|till|through|towards)\s+((?:19|20)\d\d))\b)",
       &p.to_year},
      {R"((?i)\b(?:that|those|the one)\s+of\s+((?:19|20)\d\d)\b)", &p.that_of},
      {R"((?i)\b(this|next|last)\s+year'?s\s+)" + adj + noun + R"(\b)", &p.relative_year},
      {R"(\b((?:Memorandum of Understanding|MoU|MOU|Agreement|Protocol|Treaty|Accord))\s+)"
       R"((?:on|for|regarding|concerning|of)\s+((?:(?:\p{Lu}[\p{L}'-]*|and|of|in|on|for|the|to|with|against)\s+){0,14})"
       R"(\p{Lu}[\p{L}'-]*)\b)",
       &p.titled_instrument},
      {R"(\b((?:[A-Z][a-z]+\s+){0,4}(?:Plan|Protocol|Programme|Program))\s+((?:19|20)\d\d)(?:\s*-\s*((?:19|20)\d\d))?\b)",
       &p.titled_year},
      {R"((?i)\b(?:results?|implementation|outcomes?|review|achievements?|evaluation)\s+of\s+)"
       R"((?:the\s+|their\s+|its\s+)?((?:19|20)\d\d)\s+(?:(?:security|defen[cs]e|military|bilateral|joint)\s+)?)"
       R"((?:cooperation|co-operation)\b)",
       &p.review_coop},
      {R"((?i)\b(memorand(?:um|a) of understanding|mous?|agreements?|protocols?|treaty|accord)\s+)"
       R"((?:on|regarding|concerning|for)\s+((?:[\p{L}'-]+\s+){0,14}?[\p{L}'-]+))"
       R"((?:\s+(?:between|with|during|at|which|that|was|were|is|are|will|by|signed|as|and\s+the|last|)"
       R"(yesterday|today|earlier|this)\b|\s+(?:on|in)\s+(?-i:\p{Lu}|\d)|\s*[,.;:()\x22]|\s*$))",
       &p.yearless},
      {R"((?i)(?:review(?:ed|ing|s)?(?:\s+of)?|results?\s+of|implement(?:ation|ing|ed)?(?:\s+of)?|)"
       R"(outcomes?\s+of|achievements?\s+of|similar\s+to|carry(?:ing)?\s+out|carried\s+out|contents?\s+(?:of|in)|)"
       R"(last\s+year'?s?|previous|prior|former|spoke\s+highly\s+of|evaluat\w*(?:\s+of)?|summar\w*(?:\s+of)?|)"
       R"(assess\w*(?:\s+of)?)\s+(?:(?:the|their|its|this|that|all)\s+)?$)",
       &p.review_context},
      {R"((?i)\b(sign(?:ed|ing|s)?|inked|inking|initial(?:l)?ed|renew(?:ed|s|ing)?)\b)", &p.sign_verb},
      {R"((?i)\b(?:witness(?:ed|ing)?\s+by|in\s+the\s+(?:presence|witness)\s+of|presence\s+of|)"
       R"(under\s+the\s+(?:auspices|witness)\s+of)\b)",
       &p.witness_by},
      {R"((?i)\bwitness(?:ed|ing)?\s+(?:the\s+)?(?:signing|exchange|inking|ceremony))", &p.witness_subject},
      {R"((?i),\s*signed\s+(?:in|on|back|last|earlier|years|at|between)\b|)"
       R"(\b(?:previously|already|earlier|originally|once)\s+signed\b)",
       &p.past_signing},
      {R"((?i)(?:,\s*|\s)(?:as|while|when|whereas|after\s+which)\s)", &p.side_clause},
      {R"((?i)\b(?:on|last|this|late|early)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
       &p.weekday},
      {R"((?i)\b(yesterday|today|this\s+morning|this\s+afternoon|earlier\s+today)\b)", &p.relative_day},
      {R"((?i)\b(?:the\s+)?(?:two|both|three)\s+((?:[\p{L}-]+\s+){0,3}?)(ministers|generals|commanders|chiefs|heads|)"
       R"(governors|ambassadors|secretaries|presidents|chairmen|directors)\b)",
       &p.two_titles},
      {R"((?i)\b(?:the\s+)?(two|three)\s+(?:sides|officers|officials|leaders|delegation\s+heads|generals)\b)",
       &p.two_people},
      {R"((?i)(?:,\s*|\s)(which|that)\s)", &p.relative_pronoun},
      {R"((?i)\b(talks|meeting|meetings|conference|session|visit|ceremony|dialogue|summit|consultation|)"
       R"(consultations|discussions|negotiations)\b)",
       &p.event_noun},
  };
  for (auto& [pattern, target] : specs) {
    absl::Status s = CompilePattern("plan", pattern, target);
    if (!s.ok()) return s;
  }
  const std::vector<std::pair<accord::v1::FocusArea, std::string>> focus = {
      {accord::v1::FOCUS_AREA_DRUG_TRAFFICKING, R"((?i)\b(?:drugs?|narcotics?)\b)"},
      {accord::v1::FOCUS_AREA_HUMAN_TRAFFICKING,
       R"((?i)\b(?:human|people|women and children)\s+trafficking|trafficking in persons)"},
      {accord::v1::FOCUS_AREA_ONLINE_FRAUD, R"((?i)\b(?:online|cyber[- ]enabled|telecom)\s+(?:fraud|scams?)|scam)"},
      {accord::v1::FOCUS_AREA_ILLEGAL_GAMBLING, R"((?i)\bgambling\b)"},
      {accord::v1::FOCUS_AREA_BORDER_DEMARCATION, R"((?i)\bdemarcat\w*|marker planting|boundary markers?)"},
      {accord::v1::FOCUS_AREA_BORDER_CHECKPOINTS,
       R"((?i)\bborder\s+(?:checkpoints?|gates?|crossings?)|liaison offices?)"},
      {accord::v1::FOCUS_AREA_INTELLIGENCE_SHARING,
       R"((?i)\bintelligence|information[- ](?:sharing|exchange)|(?:sharing|exchange|exchanging) (?:of )?information|hotlines?)"},
      {accord::v1::FOCUS_AREA_TRAINING, R"((?i)\btraining\b|human resources?|capacity[- ]building)"},
      {accord::v1::FOCUS_AREA_PANDEMIC_CONTROL, R"((?i)\bcovid|pandemic|epidemic)"},
      {accord::v1::FOCUS_AREA_TRANSNATIONAL_CRIME,
       R"((?i)\btransnational crimes?|cross-border (?:crimes?|offen\w+)|organi[sz]ed crime)"},
      {accord::v1::FOCUS_AREA_BORDER_PATROLS, R"((?i)\bpatrols?\b|border (?:checks|control))"},
      {accord::v1::FOCUS_AREA_CYBERCRIME, R"((?i)\bcyber[- ]?crimes?|technological crimes?|high[- ]tech crimes?)"},
      {accord::v1::FOCUS_AREA_SMUGGLING, R"((?i)\bsmuggl\w+|contraband)"},
      {accord::v1::FOCUS_AREA_TERRORISM, R"((?i)\bterror\w*)"},
      {accord::v1::FOCUS_AREA_MILITARY_EXCHANGES,
       R"((?i)\bdelegation exchanges|military exchanges|defen[cs]e policy dialogue|exchange of (?:military )?delegations)"},
      {accord::v1::FOCUS_AREA_WAR_REMAINS, R"((?i)\bremains\b|martyrs)"},
      {accord::v1::FOCUS_AREA_TRADE, R"((?i)\btrade\b)"},
      {accord::v1::FOCUS_AREA_INFRASTRUCTURE, R"((?i)\binfrastructure|expressway|railway|rail link)"},
  };
  for (const auto& [area, pattern] : focus) {
    std::unique_ptr<RE2> re;
    absl::Status s = CompilePattern("plan", pattern, &re);
    if (!s.ok()) return s;
    p.focus.emplace_back(area, std::move(re));
  }
  p.focus_set = std::make_unique<RE2::Set>(PatternOptions(), RE2::UNANCHORED);
  for (const auto& [area, pattern] : focus) {
    std::string error;
    if (p.focus_set->Add(pattern, &error) < 0) return absl::InternalError("bad focus pattern: " + error);
  }
  if (!p.focus_set->Compile()) return absl::InternalError("focus patterns do not compile as a set");
  return std::unique_ptr<const PlanFinder>(std::move(f));
}

namespace {

// Calls fn(groups) for each non-overlapping match of `re` in `text`.
template <typename Fn>
void ForEachMatch(const RE2& re, std::string_view text, int groups, Fn&& fn) {
  const re2::StringPiece input(text.data(), text.size());
  std::vector<re2::StringPiece> g(groups + 1);
  size_t pos = 0;
  while (pos < input.size() && re.Match(input, pos, input.size(), RE2::UNANCHORED, g.data(), groups + 1)) {
    fn(g);
    const size_t b = static_cast<size_t>(g[0].data() - input.data());
    pos = std::max(b + g[0].size(), b + 1);
  }
}

bool FoldedEquals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// Whether `cues` allow an instrument (kNoun's and the instrument patterns'
// words: memorandum, MoU, agreement, protocol, treaty, accord).
bool MayNameInstrument(const PatternCues& cues) {
  for (std::string_view w : {"memorand", "mou", "agreement", "protocol", "treaty", "accord"}) {
    if (cues.MayContain(w)) return true;
  }
  return false;
}

// Whether `cues` allow a kNoun word (an instrument, plan, programme).
bool MayNamePlanNoun(const PatternCues& cues) {
  return MayNameInstrument(cues) || cues.MayContain("plan") || cues.MayContain("program");
}

// A date that opens the sentence after a place name: "PHNOM PENH, March 6 - ...".
bool IsDateline(std::string_view sentence, const DateMention& d) {
  if (d.begin > 40) return false;
  std::string_view prefix = sentence.substr(0, d.begin);
  while (!prefix.empty() && prefix.back() == ' ') prefix.remove_suffix(1);
  if (prefix.empty() || prefix.back() != ',') return false;
  for (size_t i = 0; i + 1 < prefix.size(); ++i) {
    const bool word_start = i == 0 || prefix[i - 1] == ' ' || prefix[i - 1] == '(';
    if (word_start && prefix[i] >= 'a' && prefix[i] <= 'z') return false;
  }
  return true;
}

// Whether folded `title` holds `wanted` as its own head: "the two ministers"
// are the "Minister of Interior", not a "Deputy Minister" or "Prime Minister".
bool TitleHeadedBy(std::string_view title, std::string_view wanted) {
  static constexpr std::string_view kLesser[] = {"deputy", "vice", "prime", "assistant", "former"};
  size_t at = title.find(wanted);
  while (at != std::string_view::npos) {
    const bool word_start = at == 0 || title[at - 1] == ' ';
    bool lesser = false;
    if (word_start && at > 0) {
      const std::string_view before = title.substr(0, at - 1);
      const size_t sp = before.rfind(' ');
      const std::string_view prev = sp == std::string_view::npos ? before : before.substr(sp + 1);
      for (std::string_view l : kLesser) lesser = lesser || prev == l;
    }
    if (word_start && !lesser) return true;
    at = title.find(wanted, at + 1);
  }
  return false;
}

// `anchor` moved by `days`.
accord::v1::Date AddDays(const accord::v1::Date& anchor, int days) {
  const absl::CivilDay d = absl::CivilDay(anchor.year(), anchor.month(), anchor.day()) + days;
  accord::v1::Date out;
  out.set_year(static_cast<int32_t>(d.year()));
  out.set_month(d.month());
  out.set_day(d.day());
  return out;
}

// The latest `weekday` on or before `anchor`.
accord::v1::Date WeekdayOnOrBefore(const accord::v1::Date& anchor, std::string_view weekday) {
  static constexpr std::string_view kDays[] = {"monday", "tuesday", "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  int want = -1;
  for (int i = 0; i < 7; ++i) {
    if (kDays[i] == weekday) want = i;
  }
  accord::v1::Date out;
  if (want < 0) return out;
  const absl::CivilDay day(anchor.year(), anchor.month(), anchor.day());
  const int have = static_cast<int>(absl::GetWeekday(day));  // Monday == 0
  const int back = (have - want + 7) % 7;
  const absl::CivilDay d = day - back;
  out.set_year(static_cast<int32_t>(d.year()));
  out.set_month(d.month());
  out.set_day(d.day());
  return out;
}

bool Overlaps(const std::vector<Mention>& ms, size_t sentence, size_t b, size_t e) {
  for (auto it = ms.rbegin(); it != ms.rend() && it->sentence == sentence; ++it) {
    if (b < it->end && it->begin < e) return true;
  }
  return false;
}

}  // namespace

std::vector<FoundPlan> PlanFinder::Find(const Document& doc, const OfficialsResult& officials,
                                        const DateFinder& dates) const {
  const Patterns& p = *p_;
  const auto& sentences = doc.sentences();
  // The focus areas (indexes into p.focus) each sentence names, found once per sentence.
  std::vector<std::optional<std::vector<int>>> focus_cache(sentences.size());
  auto focus_of = [&](size_t s) -> const std::vector<int>& {
    std::optional<std::vector<int>>& areas = focus_cache[s];
    if (!areas) {
      areas.emplace();
      const std::string_view st = doc.SentenceText(s);
      const re2::StringPiece text(st.data(), st.size());
      RE2::Set::ErrorInfo error;
      if (!p.focus_set->Match(text, &*areas, &error) && error.kind != RE2::Set::kNoError) {
        // The set's DFA ran out of memory: the patterns one by one.
        areas->clear();
        for (size_t i = 0; i < p.focus.size(); ++i) {
          if (RE2::PartialMatch(text, *p.focus[i].second)) areas->push_back(static_cast<int>(i));
        }
      }
    }
    return *areas;
  };
  std::vector<Mention> mentions;
  bool article_has_yearly = false;

  for (size_t s = 0; s < sentences.size(); ++s) {
    const std::string_view st = doc.SentenceText(s);
    const size_t base = sentences[s].begin;
    const size_t first_of_sentence = mentions.size();
    auto add = [&](size_t b, size_t e, std::string title, int year, int start, int end, const std::string& rule,
                   float confidence, bool yearly_form) {
      if (Overlaps(mentions, s, base + b, base + e)) return;
      Mention m;
      m.sentence = s;
      m.begin = base + b;
      m.end = base + e;
      m.title = CleanTitle(title);
      m.year = year;
      m.start_year = start;
      m.end_year = end;
      m.phrase_kind = KindOfFolded(FoldForMatch(m.title), true);
      m.rule = rule;
      m.confidence = confidence;
      m.yearly_form = yearly_form;
      // Look-back words shortly before the mention.
      const size_t from = b > kReviewWindow ? b - kReviewWindow : 0;
      m.review = RE2::PartialMatch(re2::StringPiece(st.data() + from, b - from), *p.review_context);
      mentions.push_back(std::move(m));
    };
    auto offset = [&st](const re2::StringPiece& g) { return static_cast<size_t>(g.data() - st.data()); };
    // Cheap necessary conditions, so that patterns which cannot match are not run.
    const PatternCues cues(st);
    const bool has_year = cues.HasYear();

    if (has_year) {
      ForEachMatch(*p.period_before, st, 2, [&](const std::vector<re2::StringPiece>& g) {
        const int a = ToYear(g[1]), b = ToYear(g[2]);
        if (a >= b) return;
        add(offset(g[0]), offset(g[0]) + g[0].size(), std::string(View(g[0])), 0, a, b, "plan.period_before_noun",
            0.85f, true);
      });
      ForEachMatch(*p.year_after, st, 2, [&](const std::vector<re2::StringPiece>& g) {
        const int a = ToYear(g[1]);
        const int b = g[2].empty() ? 0 : ToYear(g[2]);
        if (b > a) {
          add(offset(g[0]), offset(g[0]) + g[0].size(), std::string(View(g[0])), 0, a, b, "plan.noun_for_period",
              0.9f, true);
        } else {
          add(offset(g[0]), offset(g[0]) + g[0].size(), std::string(View(g[0])), a, 0, 0, "plan.noun_for_year",
              0.9f, true);
        }
      });
      ForEachMatch(*p.year_before, st, 1, [&](const std::vector<re2::StringPiece>& g) {
        const size_t b = offset(g[1]);
        const size_t e = offset(g[0]) + g[0].size();
        add(b, e, std::string(st.substr(b, e - b)), ToYear(g[1]), 0, 0, "plan.year_before_noun", 0.85f, true);
      });
      ForEachMatch(*p.titled_year, st, 3, [&](const std::vector<re2::StringPiece>& g) {
        const int a = ToYear(g[2]);
        const int b = g[3].empty() ? 0 : ToYear(g[3]);
        add(offset(g[0]), offset(g[0]) + g[0].size(), std::string(View(g[0])), b > a ? 0 : a, b > a ? a : 0,
            b > a ? b : 0, "plan.titled_year", 0.85f, true);
      });
    }
    if (doc.article_date().year() > 0 && MayNamePlanNoun(cues)) {
      ForEachMatch(*p.relative_year, st, 1, [&](const std::vector<re2::StringPiece>& g) {
        const std::string which = FoldForMatch(View(g[1]));
        const int year = doc.article_date().year() + (which == "next" ? 1 : which == "last" ? -1 : 0);
        std::string title(View(g[0]));
        const size_t cut = title.find("s ");
        title = std::to_string(year) + (cut == std::string::npos ? "" : title.substr(cut + 1));
        add(offset(g[0]), offset(g[0]) + g[0].size(), title, year, 0, 0, "plan.relative_year", 0.7f, true);
      });
    }
    if (has_year) {
      ForEachMatch(*p.to_year, st, 2, [&](const std::vector<re2::StringPiece>& g) {
        add(offset(g[0]), offset(g[0]) + g[0].size(), std::string(View(g[0])), 0, 0, ToYear(g[2]),
            "plan.titled_to_year", 0.8f, true);
      });
    }
    if (MayNameInstrument(cues)) {
      ForEachMatch(*p.titled_instrument, st, 2, [&](const std::vector<re2::StringPiece>& g) {
        const size_t b = offset(g[0]);
        const size_t e = offset(g[2]) + g[2].size();
        add(b, e, std::string(st.substr(b, e - b)), 0, 0, 0, "plan.titled_instrument", 0.75f, false);
      });
      {
        const bool signing = RE2::PartialMatch(re2::StringPiece(st.data(), st.size()), *p.sign_verb);
        ForEachMatch(*p.yearless, st, 2, [&](const std::vector<re2::StringPiece>& g) {
          const bool titled = !g[1].empty() && (g[1][0] >= 'A' && g[1][0] <= 'Z');
          if (!signing && !titled) return;
          const size_t b = offset(g[0]);
          const size_t e = offset(g[2]) + g[2].size();
          add(b, e, std::string(st.substr(b, e - b)), 0, 0, 0, "plan.signed_instrument", 0.65f, false);
        });
      }
    }
    for (size_t i = first_of_sentence; i < mentions.size(); ++i) {
      if (mentions[i].yearly_form && (mentions[i].year || mentions[i].start_year)) article_has_yearly = true;
    }
  }
  // Look-back paraphrases count only in articles about yearly/period plans.
  if (article_has_yearly) {
    const size_t count = mentions.size();
    std::vector<std::vector<size_t>> initial(sentences.size());
    for (size_t i = 0; i < count; ++i) initial[mentions[i].sentence].push_back(i);
    for (size_t s = 0; s < sentences.size(); ++s) {
      const std::string_view st = doc.SentenceText(s);
      // Both look-back patterns need a year.
      if (!PatternCues(st).HasYear()) continue;
      const size_t base = sentences[s].begin;
      std::vector<Mention> found;
      auto overlaps_any = [&](size_t b, size_t e) {
        for (size_t i : initial[s]) {
          if (b < mentions[i].end && mentions[i].begin < e) return true;
        }
        return false;
      };
      std::string anchor_title;
      PlanKind anchor_kind = accord::v1::PLAN_KIND_UNSPECIFIED;
      bool has_anchor = false;
      for (size_t i : initial[s]) {
        if (mentions[i].yearly_form) {
          anchor_title = mentions[i].title;
          anchor_kind = mentions[i].phrase_kind;
          has_anchor = true;
          break;
        }
      }
      ForEachMatch(*p.review_coop, st, 1, [&](const std::vector<re2::StringPiece>& g) {
        const size_t b = static_cast<size_t>(g[0].data() - st.data());
        if (overlaps_any(base + b, base + b + g[0].size())) return;
        Mention m;
        m.sentence = s;
        m.begin = base + b;
        m.end = base + b + g[0].size();
        m.title = std::string(View(g[1])) + " cooperation";
        m.year = ToYear(g[1]);
        m.phrase_kind = KindOfFolded(FoldForMatch(View(g[0])), false);
        m.review = true;
        m.rule = "plan.review_of_year";
        m.confidence = 0.6f;
        found.push_back(std::move(m));
      });
      if (has_anchor) {
        ForEachMatch(*p.that_of, st, 1, [&](const std::vector<re2::StringPiece>& g) {
          const size_t b = static_cast<size_t>(g[0].data() - st.data());
          if (overlaps_any(base + b, base + b + g[0].size())) return;
          Mention m;
          m.sentence = s;
          m.begin = base + b;
          m.end = base + b + g[0].size();
          m.year = ToYear(g[1]);
          const size_t space = anchor_title.find(' ');
          m.title = std::to_string(m.year) + (space == std::string::npos ? "" : anchor_title.substr(space));
          m.phrase_kind = anchor_kind;
          m.review = true;
          m.rule = "plan.that_of_year";
          m.confidence = 0.6f;
          found.push_back(std::move(m));
        });
      }
      for (Mention& m : found) mentions.push_back(std::move(m));
    }
    std::stable_sort(mentions.begin(), mentions.end(),
                     [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  }
  if (mentions.empty()) return {};

  // A headline names the body's instrument in other words ("MoU on border
  // trade" for "memorandum of understanding on trade and investment
  // cooperation"): a year-less headline mention takes the title of the
  // body's first year-less mention of the same instrument.
  for (Mention& head : mentions) {
    if (head.sentence != 0 || head.year || head.start_year || head.end_year) continue;
    const std::string type = InstrumentOf(head.title);
    if (type.empty()) continue;
    for (const Mention& body : mentions) {
      if (body.sentence == 0 || body.year || body.start_year || body.end_year) continue;
      if (InstrumentOf(body.title) != type) continue;
      head.title = body.title;
      head.phrase_kind = body.phrase_kind;
      head.rule = "plan.headline_instrument";
      break;
    }
  }

  // Merge mentions into plans.
  const PlanKind article_kind = ArticleKind(doc);
  std::vector<FoundPlan> plans;
  std::map<std::string, size_t> by_key;
  std::vector<int> kind_level;  // 0 phrase, 1 sentence, 2 article
  std::vector<int> mention_plan(mentions.size());
  std::vector<std::vector<size_t>> plan_sentences;
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    PlanKind kind = m.phrase_kind;
    int level = 0;
    if (kind == accord::v1::PLAN_KIND_UNSPECIFIED) {
      std::string folded;
      for (const Token& t : sentences[m.sentence].tokens) {
        folded += t.folded;
        folded += ' ';
      }
      if (!folded.empty()) folded.pop_back();
      // A plan between border guard forces is a border plan, whatever ranks
      // ("Police General") or parent bodies the sentence also names.
      kind = HasBorderForce(folded) ? accord::v1::PLAN_KIND_BORDER : KindOfFolded(folded, false);
      level = 1;
    }
    if (kind == accord::v1::PLAN_KIND_UNSPECIFIED) {
      kind = article_kind;
      level = 2;
    }
    const std::string key = Key(m);
    auto it = by_key.find(key);
    size_t idx;
    if (it == by_key.end()) {
      idx = plans.size();
      by_key[key] = idx;
      FoundPlan plan;
      plan.title = m.title;
      plan.year = m.year;
      plan.start_year = m.start_year;
      plan.end_year = m.end_year;
      plan.kind = kind;
      plans.push_back(std::move(plan));
      kind_level.push_back(level);
      plan_sentences.emplace_back();
    } else {
      idx = it->second;
      if (level < kind_level[idx]) {
        plans[idx].kind = kind;
        kind_level[idx] = level;
      }
      // Prefer a title written as a proper plan name over a paraphrase.
      if (!m.review && mentions[i].yearly_form && m.rule != "plan.review_of_year" &&
          plans[idx].title.find("cooperation") == 0) {
        plans[idx].title = m.title;
      }
    }
    mention_plan[i] = static_cast<int>(idx);
    plan_sentences[idx].push_back(m.sentence);
    plans[idx].evidence.push_back({static_cast<int>(m.sentence), "title", m.rule, m.confidence});
    if (level <= 1) {
      plans[idx].evidence.push_back(
          {static_cast<int>(m.sentence), "kind", level == 0 ? "plan.kind.phrase" : "plan.kind.sentence", 0.8f});
    }
  }

  // Mentions per sentence, for signing events.
  std::vector<std::vector<size_t>> by_sentence(sentences.size());
  for (size_t i = 0; i < mentions.size(); ++i) by_sentence[mentions[i].sentence].push_back(i);
  std::vector<std::vector<const OfficialMention*>> officials_in(sentences.size());
  for (const OfficialMention& om : officials.mentions) officials_in[om.sentence].push_back(&om);

  // Dates and meeting nouns per sentence (for "after the talks" signings).
  std::vector<std::vector<DateMention>> sentence_dates(sentences.size());
  std::vector<std::vector<std::string>> sentence_events(sentences.size());
  const accord::v1::Date& article_date = doc.article_date();
  for (size_t s = 0; s < sentences.size(); ++s) {
    const std::string_view st = doc.SentenceText(s);
    for (DateMention& d : dates.FindAll(st)) {
      if (d.date.day() == 0) continue;
      // The article's own date line is not an event date.
      if (s == 0 && d.begin < DateFinder::kDateLinePrefix && IsFullDate(article_date) &&
          d.date.SerializeAsString() == article_date.SerializeAsString()) {
        continue;
      }
      sentence_dates[s].push_back(d);
    }
    ForEachMatch(*p.event_noun, st, 1, [&](const std::vector<re2::StringPiece>& g) {
      std::string w = FoldForMatch(View(g[1]));
      if (w.size() > 1 && w.back() == 's' && w != "talks" && w != "discussions" && w != "negotiations" &&
          w != "consultations") {
        w.pop_back();
      }
      sentence_events[s].push_back(w);
    });
  }

  auto add_unique = [](std::vector<int>* v, int x) {
    if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
  };

  int last_target = -1;
  for (size_t s = 0; s < sentences.size(); ++s) {
    const std::string_view st = doc.SentenceText(s);
    const re2::StringPiece sp(st.data(), st.size());
    // The first signing verb that is not a participle about an earlier signing (", signed in 2019").
    size_t verb_at = std::string_view::npos;
    ForEachMatch(*p.sign_verb, st, 1, [&](const std::vector<re2::StringPiece>& g) {
      if (verb_at != std::string_view::npos) return;
      const size_t at = static_cast<size_t>(g[0].data() - st.data());
      const size_t from = at > 24 ? at - 24 : 0;
      re2::StringPiece past;
      const re2::StringPiece window(st.data() + from, std::min(st.size(), at + 24) - from);
      if (p.past_signing->Match(window, 0, window.size(), RE2::UNANCHORED, &past, 1) &&
          static_cast<size_t>(past.data() - st.data()) + past.size() > at &&
          static_cast<size_t>(past.data() - st.data()) <= at) {
        return;
      }
      verb_at = at;
    });
    if (verb_at == std::string_view::npos) continue;
    // The plan this signing refers to. "The signing" without "of X" refers
    // back to the signing already being reported.
    int target = -1;
    const bool nominal = verb_at >= 4 && FoldedEquals(st.substr(verb_at - 4, 4), "the ") &&
                         FoldedEquals(st.substr(verb_at, 7), "signing");
    if (nominal) {
      const size_t after = verb_at + 7;
      for (size_t i : by_sentence[s]) {
        const size_t at = mentions[i].begin - sentences[s].begin;
        if (at >= after && at <= after + 12 && !mentions[i].review) target = mention_plan[i];
      }
      if (target < 0) target = last_target;
    }
    for (size_t i : by_sentence[s]) {
      if (target >= 0) break;
      if (!mentions[i].review) {
        target = mention_plan[i];
        break;
      }
    }
    const long order[] = {-1, 1, -2, -3};
    for (long d : order) {
      if (target >= 0) break;
      if (-d > kEventSearchBack) break;
      const long ns = static_cast<long>(s) + d;
      if (ns < 0 || ns >= static_cast<long>(sentences.size())) continue;
      const auto& list = by_sentence[ns];
      for (size_t k = 0; k < list.size(); ++k) {
        const size_t i = d < 0 ? list[list.size() - 1 - k] : list[k];
        if (!mentions[i].review) {
          target = mention_plan[i];
          break;
        }
      }
    }
    // "the 2025 plan ..., which A and B signed on ...": a plan named in a
    // look-back is the one signed when a relative pronoun ties it to the
    // verb; only officials after the pronoun sign.
    size_t signers_from = 0;
    for (size_t i : by_sentence[s]) {
      if (target >= 0) break;
      if (!mentions[i].review) continue;
      const size_t end = mentions[i].end - sentences[s].begin;
      if (end > verb_at) continue;
      re2::StringPiece rel;
      const re2::StringPiece between(st.data() + end, verb_at - end);
      if (p.relative_pronoun->Match(between, 0, between.size(), RE2::UNANCHORED, &rel, 1)) {
        target = mention_plan[i];
        signers_from = static_cast<size_t>(rel.data() - st.data());
      }
    }
    if (target < 0) continue;
    last_target = target;
    FoundPlan& plan = plans[target];

    // Witness clauses: after "witnessed by"/"in the presence of", or the subject of "witnessed the signing".
    size_t witness_from = st.size(), witness_subject_end = 0;
    {
      re2::StringPiece m;
      if (p.witness_by->Match(sp, 0, sp.size(), RE2::UNANCHORED, &m, 1)) {
        witness_from = static_cast<size_t>(m.data() - st.data());
      }
      if (p.witness_subject->Match(sp, 0, sp.size(), RE2::UNANCHORED, &m, 1)) {
        witness_subject_end = static_cast<size_t>(m.data() - st.data());
      }
    }
    // "..., as Prime Minister X received Y": a side clause after the verb names no signatory.
    size_t side_clause_at = st.size();
    {
      re2::StringPiece m;
      if (p.side_clause->Match(sp, verb_at, sp.size(), RE2::UNANCHORED, &m, 1)) {
        side_clause_at = static_cast<size_t>(m.data() - st.data());
      }
    }
    const size_t base = sentences[s].begin;
    bool named = false;
    for (const OfficialMention* om : officials_in[s]) {
      const size_t pos = sentences[s].tokens[om->first_token].begin - base;
      const bool witness = pos >= witness_from || pos < witness_subject_end;
      if (!witness && (pos >= side_clause_at || pos < signers_from)) continue;
      if (witness) {
        add_unique(&plan.witnesses, om->official);
        plan.evidence.push_back({static_cast<int>(s), "witnesses", "plan.witness_clause", 0.75f});
      } else {
        add_unique(&plan.signatories, om->official);
        named = true;
      }
    }
    // "the two Defence Ministers signed": officials holding that title.
    if (!named) {
      ForEachMatch(*p.two_titles, st, 2, [&](const std::vector<re2::StringPiece>& g) {
        const std::string qualifier = FoldForMatch(View(g[1]));
        std::string head = FoldForMatch(View(g[2]));
        if (head == "chairmen") head = "chairman";
        else if (head == "secretaries") head = "secretary";
        else if (!head.empty() && head.back() == 's') head.pop_back();
        const std::string wanted = qualifier.empty() ? head : qualifier + " " + head;
        for (size_t o = 0; o < officials.officials.size(); ++o) {
          const FoundOfficial& off = officials.officials[o];
          bool match = head == "general" && off.rank.find("General") != std::string::npos;
          for (const FoundRole& r : off.roles) {
            if (TitleHeadedBy(FoldForMatch(r.title), wanted)) match = true;
          }
          if (match) {
            add_unique(&plan.signatories, static_cast<int>(o));
            named = true;
          }
        }
      });
    }
    // "the two officers signed": the officials of different countries named
    // in the nearest sentence before, when there are exactly that many.
    if (!named) {
      re2::StringPiece g[2];
      if (p.two_people->Match(sp, 0, verb_at, RE2::UNANCHORED, g, 2)) {
        const size_t want = FoldedEquals(View(g[1]), "three") ? 3 : 2;
        for (long d = 1; d <= 2 && !named && static_cast<long>(s) - d >= 0; ++d) {
          std::vector<int> found;
          std::vector<std::string> countries;
          for (const OfficialMention* om : officials_in[static_cast<size_t>(s) - d]) {
            const std::string& c = officials.officials[om->official].country;
            if (std::find(found.begin(), found.end(), om->official) != found.end()) continue;
            found.push_back(om->official);
            if (!c.empty() && std::find(countries.begin(), countries.end(), c) == countries.end()) countries.push_back(c);
          }
          if (found.empty()) continue;
          if (found.size() != want || countries.size() != want) break;
          for (int o : found) add_unique(&plan.signatories, o);
          named = true;
          plan.evidence.push_back({static_cast<int>(s - d), "signatories", "plan.two_sides_before", 0.65f});
        }
      }
    }
    if (named) plan.evidence.push_back({static_cast<int>(s), "signatories", "plan.signing_sentence", 0.8f});

    // Signing date: in the sentence (a weekday counts back from the article's
    // date and beats a dateline), else the date of the meeting it refers to.
    if (plan.signed_on.year() == 0 || plan.signed_on.day() == 0) {
      const DateMention* found = nullptr;
      const DateMention* dateline = nullptr;
      for (const DateMention& d : sentence_dates[s]) {
        if (IsDateline(st, d)) {
          if (dateline == nullptr) dateline = &d;
        } else if (found == nullptr) {
          found = &d;
        }
      }
      DateMention weekday_date;
      if (found == nullptr && IsFullDate(article_date)) {
        re2::StringPiece wd[2];
        if (p.weekday->Match(sp, 0, sp.size(), RE2::UNANCHORED, wd, 2)) {
          weekday_date.date = WeekdayOnOrBefore(article_date, FoldForMatch(View(wd[1])));
          if (weekday_date.date.year() > 0) found = &weekday_date;
        }
        // "yesterday" is the day before the article's date; "today" is that date.
        if (found == nullptr && p.relative_day->Match(sp, 0, sp.size(), RE2::UNANCHORED, wd, 2)) {
          const bool before = FoldedEquals(View(wd[1]).substr(0, 9), "yesterday");
          weekday_date.date = AddDays(article_date, before ? -1 : 0);
          found = &weekday_date;
        }
      }
      if (found == nullptr) found = dateline;
      int found_sentence = static_cast<int>(s);
      if (found == nullptr) {
        // Nearest sentence naming the same meeting noun with a date.
        long best = -1;
        for (const std::string& noun : sentence_events[s]) {
          for (long d = 1; d <= kMeetingSearch; ++d) {
            for (long ns : {static_cast<long>(s) - d, static_cast<long>(s) + d}) {
              if (ns < 0 || ns >= static_cast<long>(sentences.size()) || sentence_dates[ns].empty()) continue;
              const auto& ev = sentence_events[ns];
              if (std::find(ev.begin(), ev.end(), noun) != ev.end()) {
                best = ns;
                break;
              }
            }
            if (best >= 0) break;
          }
          if (best >= 0) break;
        }
        if (best < 0) {
          for (long d = 1; d <= kEventDateWindow && best < 0; ++d) {
            for (long ns : {static_cast<long>(s) - d, static_cast<long>(s) + d}) {
              if (ns < 0 || ns >= static_cast<long>(sentences.size())) continue;
              if (!sentence_dates[ns].empty() && !sentence_events[ns].empty()) {
                best = ns;
                break;
              }
            }
          }
        }
        if (best >= 0) {
          found = &sentence_dates[best].front();
          found_sentence = static_cast<int>(best);
        }
      }
      if (found != nullptr) {
        accord::v1::Date anchor = article_date;
        if (anchor.year() == 0) {
          anchor.set_year(plan.year ? plan.year : (plan.start_year ? plan.start_year : plan.end_year));
        }
        const accord::v1::Date resolved = ResolveDate(found->date, anchor);
        if (resolved.year() > 0) {
          plan.signed_on = resolved;
          plan.evidence.push_back({found_sentence, "signed_on", "plan.signing_date", 0.75f});
          if (found_sentence != static_cast<int>(s)) {
            plan.evidence.push_back({static_cast<int>(s), "signed_on", "plan.signing_refers_to_meeting", 0.65f});
          }
        }
      }
    }
    plan_sentences[target].push_back(s);
  }

  // Parties and focus areas.
  std::vector<std::string> pool = doc.countries().Top(4, 1);
  std::vector<std::string> main = doc.MainCountries();
  if (main.size() < 2) main = doc.countries().Top(2, 1);
  // Too few countries named: the officials' countries complete the parties.
  for (const FoundOfficial& o : officials.officials) {
    if (main.size() >= 2) break;
    if (!o.country.empty() && std::find(main.begin(), main.end(), o.country) == main.end()) {
      main.push_back(o.country);
    }
  }
  for (size_t i = 0; i < plans.size(); ++i) {
    FoundPlan& plan = plans[i];
    std::vector<std::string> from_text;
    bool trilateral = false;
    for (size_t s : plan_sentences[i]) {
      for (const std::string& c : CountriesIn(sentences[s].tokens)) {
        if (std::find(pool.begin(), pool.end(), c) != pool.end() &&
            std::find(from_text.begin(), from_text.end(), c) == from_text.end()) {
          from_text.push_back(c);
        }
      }
      for (const Token& t : sentences[s].tokens) trilateral = trilateral || t.folded == "trilateral";
    }
    std::vector<std::string> from_signatories;
    for (int o : plan.signatories) {
      const std::string& c = officials.officials[o].country;
      if (!c.empty() && std::find(from_signatories.begin(), from_signatories.end(), c) == from_signatories.end()) {
        from_signatories.push_back(c);
      }
    }
    if (from_signatories.size() >= 2) {
      plan.parties = from_signatories;
    } else if (from_text.size() >= 2) {
      plan.parties = from_text;
    } else if (trilateral) {
      plan.parties = doc.countries().Top(3, 1);
    } else {
      plan.parties = main;
    }
    std::sort(plan.parties.begin(), plan.parties.end());
    std::vector<size_t> ss = plan_sentences[i];
    std::sort(ss.begin(), ss.end());
    ss.erase(std::unique(ss.begin(), ss.end()), ss.end());
    std::vector<bool> in_plan(p.focus.size(), false);
    for (size_t s : ss) {
      for (size_t area : focus_of(s)) in_plan[area] = true;
    }
    for (size_t area = 0; area < p.focus.size(); ++area) {
      if (in_plan[area]) plan.focus_areas.push_back(p.focus[area].first);
    }
  }
  return plans;
}

}  // namespace accord::extraction
