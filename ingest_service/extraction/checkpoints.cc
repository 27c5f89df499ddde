#include "ingest_service/extraction/checkpoints.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "ingest_service/extraction/country_mentions.h"
#include "ingest_service/extraction/entity_ids.h"
#include "ingest_service/extraction/folding.h"
#include "ingest_service/extraction/gazetteer.h"
#include "ingest_service/extraction/phonotactics.h"
#include "ingest_service/extraction/tokens.h"
#include "ingest_service/extraction/patterns.h"
#include "re2/re2.h"

namespace accord::extraction {
namespace {

using accord::v1::CheckpointStatus;
using accord::v1::CheckpointType;

constexpr size_t kLookBehind = 240;  // bytes before a checkpoint noun searched for names
constexpr size_t kLookAhead = 200;   // bytes after it searched for "at A-B" and provinces
constexpr size_t kMaxSideWords = 4;

constexpr char kWord[] = R"(\p{Lu}[\p{L}\p{M}']*)";

std::string_view View(const re2::StringPiece& p) { return std::string_view(p.data(), p.size()); }

CheckpointType TypeOf(std::string_view folded) {
  if (folded == "international") return accord::v1::CHECKPOINT_TYPE_INTERNATIONAL;
  if (folded == "main" || folded == "bilateral" || folded == "national") return accord::v1::CHECKPOINT_TYPE_MAIN;
  if (folded == "secondary" || folded == "auxiliary" || folded == "local" || folded == "sub" ||
      folded == "minor") {
    return accord::v1::CHECKPOINT_TYPE_SECONDARY;
  }
  return accord::v1::CHECKPOINT_TYPE_UNSPECIFIED;
}

bool IsTypeOrNounWord(std::string_view f) {
  return TypeOf(f) != accord::v1::CHECKPOINT_TYPE_UNSPECIFIED || f == "border" || f == "checkpoint" ||
         f == "checkpoints" || f == "gate" || f == "gates" || f == "crossing" || f == "port" || f == "pair";
}

// A cleaned side: leading function words, countries and possessive
// provinces removed ("The", "Cambodia's", "Tay Ninh's"), trailing type words
// removed. Returns false when nothing name-like is left.
bool CleanSide(std::string_view raw, std::string* name, std::string* province, std::string* country) {
  std::vector<Token> t = Tokenize(raw, 0);
  size_t a = 0, b = t.size();
  while (a < b) {
    const Token& w = t[a];
    if (w.kind != TokenKind::kWord) {
      ++a;
      continue;
    }
    const CountryMatch m = CountryAt(t, a);
    if (!m.code.empty()) {
      *country = std::string(m.code);
      a += m.length;
      continue;
    }
    if (HasClass(w.folded, kFunctionWord | kConnector) || !w.capitalized) {
      ++a;
      continue;
    }
    // "Tay Ninh's Moc Bai": a possessive province.
    bool took = false;
    std::string key;
    for (size_t n = 0; n < static_cast<size_t>(kMaxProvinceWords) && a + n < b; ++n) {
      if (n) key += ' ';
      key += t[a + n].folded;
      if (t[a + n].possessive) {
        if (const Province* p = FindProvince(key)) {
          *province = std::string(p->name);
          *country = std::string(p->country);
          a += n + 1;
          took = true;
        }
        break;
      }
    }
    if (!took) break;
  }
  while (b > a && (t[b - 1].kind != TokenKind::kWord || IsTypeOrNounWord(t[b - 1].folded))) --b;
  if (a >= b || b - a > kMaxSideWords) return false;
  for (size_t k = a; k < b; ++k) {
    if (t[k].kind != TokenKind::kWord || !t[k].capitalized) return false;
  }
  *name = std::string(raw.substr(t[a].begin, t[b - 1].end - t[a].begin));
  const std::string folded = FoldForMatch(*name);
  // Countries, capitals, provinces and demonyms alone are not gate names.
  if (!CountryForName(folded).empty() || !CountryForDemonym(folded).empty()) return false;
  if (HasClass(folded, kFunctionWord | kTitleHead | kOrgWord | kMonth)) return false;
  return true;
}

// "the A border gate in X province, opposite Cambodia's B border gate in Y
// province": two single gates of different countries named in one sentence
// with a facing word between them are one checkpoint pair. The second record
// is folded into the first (and left without sides, to be dropped).
void PairFacingGates(std::string_view st, const std::vector<std::pair<size_t, size_t>>& singles, const RE2& facing,
                     std::vector<FoundCheckpoint>* out, std::map<std::string, size_t>* by_id) {
  if (singles.size() != 2 || singles[0].first == singles[1].first) return;
  FoundCheckpoint& a = (*out)[singles[0].first];
  FoundCheckpoint& b = (*out)[singles[1].first];
  if (a.sides.size() != 1 || b.sides.size() != 1) return;
  if (a.sides[0].country.empty() || a.sides[0].country == b.sides[0].country) return;
  const size_t from = std::min(singles[0].second, singles[1].second);
  const size_t to = std::max(singles[0].second, singles[1].second);
  const re2::StringPiece between(st.data() + from, to - from);
  if (!RE2::PartialMatch(between, facing)) return;
  by_id->erase(CheckpointId({a.sides[0].name}));
  by_id->erase(CheckpointId({b.sides[0].name}));
  a.sides.push_back(b.sides[0]);
  a.display_name = a.sides[0].name + " - " + a.sides[1].name;
  if (a.type == accord::v1::CHECKPOINT_TYPE_UNSPECIFIED) a.type = b.type;
  if (a.status == accord::v1::CHECKPOINT_STATUS_UNSPECIFIED) a.status = b.status;
  for (const EvidenceRef& e : b.evidence) a.evidence.push_back(e);
  b.sides.clear();
  (*by_id)[CheckpointId({a.sides[0].name, a.sides[1].name})] = singles[0].first;
}

}  // namespace

struct CheckpointFinder::Patterns {
  std::unique_ptr<RE2> noun, list_before, single_before, list_after, pair;
  std::unique_ptr<RE2> agreed, planned, closed, upgraded, operational, upgrade_to, facing;
  std::unique_ptr<RE2> reopened, as_type, clause_break, and_pair_before;
};

CheckpointFinder::CheckpointFinder() : p_(std::make_unique<Patterns>()) {}
CheckpointFinder::~CheckpointFinder() = default;

// Offsets of every clause break in `text`, in order.
void ForEachBreak(const RE2& re, const re2::StringPiece& text, std::vector<size_t>* out) {
  size_t pos = 0;
  re2::StringPiece m;
  while (pos < text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    const size_t at = static_cast<size_t>(m.data() - text.data());
    out->push_back(at);
    pos = std::max(at + m.size(), at + 1);
  }
}

// RE2's \s.
bool IsRe2Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// `text` without trailing RE2 whitespace and, when `comma`, one trailing
// comma followed by whitespace.
std::string_view TrimEnd(std::string_view text, bool comma) {
  while (!text.empty() && IsRe2Space(text.back())) text.remove_suffix(1);
  if (comma && !text.empty() && text.back() == ',') {
    text.remove_suffix(1);
    while (!text.empty() && IsRe2Space(text.back())) text.remove_suffix(1);
  }
  return text;
}

// Whether `text` can end with a gate side: a name word (letter, mark or
// apostrophe; any non-ASCII byte may be one) or a bracketed province. A
// necessary condition of the look-behind patterns, checked before running them.
bool CanEndWithSide(std::string_view text) {
  if (text.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(text.back());
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' || c == ')';
}

// "Chrey Thom (Kandal)" -> ("Chrey Thom", "Kandal").
std::pair<std::string_view, std::string_view> SplitProvince(std::string_view side) {
  const size_t paren = side.find('(');
  if (paren == std::string_view::npos) return {side, {}};
  const size_t close = side.find(')', paren);
  std::string_view name = side.substr(0, paren);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  return {name, side.substr(paren + 1, close == std::string_view::npos ? std::string_view::npos : close - paren - 1)};
}

absl::StatusOr<std::unique_ptr<const CheckpointFinder>> CheckpointFinder::Create() {
  std::unique_ptr<CheckpointFinder> f(new CheckpointFinder());
  Patterns& p = *f->p_;
  const std::string w = kWord;
  const std::string name = w + "(?: " + w + "){0,3}";
  const std::string side = name + R"((?:\s*\([^()]{2,40}\))?)";
  const std::string pair = side + R"(\s*-\s*)" + side;
  const std::string list = pair + R"((?:\s*,\s*)" + pair + R"()*(?:\s*,?\s+and\s+)" + pair + ")?";
  const std::vector<std::pair<std::string, std::unique_ptr<RE2>*>> specs = {
      {R"((?i)\b(?:(international|main|secondary|auxiliary|local|bilateral|national|sub|minor)\s+)?)"
       R"((border\s+(?:checkpoints?|check\s+points?|gates?|crossings?|crossing\s+points?|ports?|posts?)|)"
       R"(checkpoints?|check\s+points?|gates?|crossing\s+points?)\b)",
       &p.noun},
      {"(" + list + R"()\s*(?:,\s*)?$)", &p.list_before},
      {"(" + side + R"()\s*$)", &p.single_before},
      {R"(^\s*(?:at|of|between|named|called)\s+(?:the\s+)?()" + list + "|" + side + ")", &p.list_after},
      {"(" + name + R"()(?:\s*\(([^()]{2,40})\))?\s*-\s*()" + name + R"()(?:\s*\(([^()]{2,40})\))?)", &p.pair},
      {R"((?i)\b(?:agree[sd]?|agreement|approv\w+|consent\w*)\s+(?:to|on)\s+(?:\w+\s+){0,3}?)"
       R"((?:open|upgrad|establish|build|launch|set\s+up|elevat|recogni))",
       &p.agreed},
      {R"((?i)\b(?:plan(?:s|ned|ning)?\s+to|will|would|to\s+be|propos\w*|consider\w*|prepar\w*|expected\s+to|)"
       R"(aim\w*\s+to|seek\w*\s+to|soon)\b[^.]{0,40}?\b(?:re-?open|open|upgrad|establish|launch|build|inaugurat|operat))",
       &p.planned},
      {R"((?i)\b(?:clos(?:ed|ure|ing|es)|shut(?:\s+down)?|suspend\w*)\b)", &p.closed},
      {R"((?i)\b(?:upgrad(?:ed|ing|e|es)|elevat(?:ed|ing))\b)", &p.upgraded},
      {R"((?i)\b(?:open(?:ed|ing|s)?|re-?open\w*|inaugurat\w+|operationali[sz]\w+|operational|)"
       R"(began\s+operati\w+|went\s+into\s+operation|put\s+into\s+(?:operation|use)|came\s+into\s+operation|)"
       R"(launch(?:ed)?|operating|in\s+operation|handl(?:ed|es|ing))\b)",
       &p.operational},
      {R"((?i)\bupgrad\w*[^.]{0,160}?\bto\s+(?:an?\s+|the\s+)?(international|main))", &p.upgrade_to},
      {R"((?i)\b(?:opposite|facing|paired\s+with|across\s+from|counterpart|twin)\b)", &p.facing},
      {R"((?i)\bre-?open(?:ed|s|ing)?\b)", &p.reopened},
      {R"((?i)\bas\s+(?:an?\s+)?(international|main|secondary|auxiliary)\s+(?:border\s+)?(?:gate|checkpoint|crossing))",
       &p.as_type},
      {R"((?i)(?:;|,\s+(?:and|while|whereas|but)\s|\swhile\s))", &p.clause_break},
      {"(" + name + R"(\s*\([^()]{2,40}\))\s+and\s+()" + name + R"(\s*\([^()]{2,40}\))\s*$)", &p.and_pair_before},
  };
  for (const auto& [pattern, target] : specs) {
    absl::Status s = CompilePattern("checkpoint", pattern, target);
    if (!s.ok()) return s;
  }
  return std::unique_ptr<const CheckpointFinder>(std::move(f));
}

std::vector<FoundCheckpoint> CheckpointFinder::Find(const Document& doc) const {
  const Patterns& p = *p_;
  // Status from the verbs of a text: agreement and plans first, then a
  // reopening (which beats a mention of the closure it ends), closure,
  // upgrade, operation.
  auto StatusOfText = [](const Patterns& p, const re2::StringPiece& text) {
    if (RE2::PartialMatch(text, *p.agreed)) return accord::v1::CHECKPOINT_STATUS_AGREED;
    if (RE2::PartialMatch(text, *p.planned)) return accord::v1::CHECKPOINT_STATUS_PLANNED;
    if (RE2::PartialMatch(text, *p.reopened)) return accord::v1::CHECKPOINT_STATUS_OPERATIONAL;
    if (RE2::PartialMatch(text, *p.closed)) return accord::v1::CHECKPOINT_STATUS_CLOSED;
    if (RE2::PartialMatch(text, *p.upgraded)) return accord::v1::CHECKPOINT_STATUS_UPGRADED;
    if (RE2::PartialMatch(text, *p.operational)) return accord::v1::CHECKPOINT_STATUS_OPERATIONAL;
    return accord::v1::CHECKPOINT_STATUS_UNSPECIFIED;
  };
  std::vector<FoundCheckpoint> out;
  std::map<std::string, size_t> by_id;
  const std::vector<std::string> main = doc.MainCountries();
  std::string partner;  // the article's main non-Vietnamese country
  for (const std::string& c : main) {
    if (c != "VN" && partner.empty()) partner = c;
  }
  if (partner.empty()) partner = "KH";

  for (size_t s = 0; s < doc.sentences().size(); ++s) {
    const std::string_view st = doc.SentenceText(s);
    const re2::StringPiece sp(st.data(), st.size());
    // Single gates of this sentence with the offset of their noun, for "A, opposite B" pairing.
    std::vector<std::pair<size_t, size_t>> singles;  // (checkpoint index, noun offset)

    // The sentence's status, from its verbs.
    CheckpointStatus status = accord::v1::CHECKPOINT_STATUS_UNSPECIFIED;
    bool status_known = false;
    auto status_of = [&]() {
      if (status_known) return status;
      status_known = true;
      status = StatusOfText(p, sp);
      return status;
    };
    // Clause breaks (", while", ", and", ";"): a gate's status comes from
    // its own clause, so two gates in one sentence keep their own verbs.
    // Found when the sentence's first gate noun is.
    std::vector<size_t> breaks;
    bool breaks_known = false;
    // The type an "upgraded to an international gate" phrase of the
    // sentence names; found once, only when the sentence says "upgrad".
    std::optional<CheckpointType> upgraded_to;
    auto upgraded_to_type = [&]() {
      if (!upgraded_to) {
        upgraded_to = accord::v1::CHECKPOINT_TYPE_UNSPECIFIED;
        re2::StringPiece ut[2];
        if (PatternCues(st).MayContain("upgrad") && p.upgrade_to->Match(sp, 0, sp.size(), RE2::UNANCHORED, ut, 2)) {
          upgraded_to = TypeOf(FoldForMatch(View(ut[1])));
        }
      }
      return *upgraded_to;
    };
    size_t previous_noun_end = 0;

    size_t pos = 0;
    re2::StringPiece g[3];
    while (pos < sp.size() && p.noun->Match(sp, pos, sp.size(), RE2::UNANCHORED, g, 3)) {
      const size_t nb = static_cast<size_t>(g[0].data() - st.data());
      const size_t ne = nb + g[0].size();
      pos = std::max(ne, nb + 1);
      CheckpointType type = TypeOf(FoldForMatch(View(g[1])));

      // Names before the noun: a list of pairs, or one side.
      const size_t from = nb > kLookBehind ? nb - kLookBehind : 0;
      const re2::StringPiece before(st.data() + from, nb - from);
      re2::StringPiece m[2];
      std::string_view names;
      size_t names_begin = 0;
      bool single = false;
      re2::StringPiece ap[3];
      std::vector<std::vector<std::pair<std::string_view, std::string_view>>> groups;
      // Cheap necessary conditions first: each look-behind pattern ends with a
      // side, a pair list holds a '-', a bracketed pair ends with ')'.
      const std::string_view before_end = TrimEnd(View(before), false);
      const std::string_view before_list_end = TrimEnd(View(before), true);
      const bool may_end_with_side = CanEndWithSide(before_end);
      if (may_end_with_side && before_end.back() == ')' &&
          p.and_pair_before->Match(before, 0, before.size(), RE2::UNANCHORED, ap, 3)) {
        // "Khanh Binh (An Giang) and Chrey Thom (Kandal) border gate pair".
        names = std::string_view(ap[1].data(), ap[2].data() + ap[2].size() - ap[1].data());
        names_begin = static_cast<size_t>(ap[1].data() - st.data());
        groups.push_back({SplitProvince(View(ap[1])), SplitProvince(View(ap[2]))});
      } else if (CanEndWithSide(before_list_end) && before_list_end.find('-') != std::string_view::npos &&
                 p.list_before->Match(before, 0, before.size(), RE2::UNANCHORED, m, 2)) {
        names = View(m[1]);
        names_begin = static_cast<size_t>(m[1].data() - st.data());
      } else if (may_end_with_side && p.single_before->Match(before, 0, before.size(), RE2::UNANCHORED, m, 2)) {
        names = View(m[1]);
        names_begin = static_cast<size_t>(m[1].data() - st.data());
        single = true;
      }
      size_t tail_from = ne;
      if (!names.empty()) {
        // A chain "A - B - C ..." is a route.
        size_t k = names_begin;
        while (k > 0 && st[k - 1] == ' ') --k;
        if (k > 0 && st[k - 1] == '-') continue;
      } else {
        const size_t to = std::min(st.size(), ne + kLookAhead);
        const re2::StringPiece after(st.data() + ne, to - ne);
        if (!p.list_after->Match(after, 0, after.size(), RE2::ANCHOR_START, m, 2)) continue;
        names = View(m[1]);
        tail_from = static_cast<size_t>(m[1].data() - st.data()) + m[1].size();
        single = names.find('-') == std::string_view::npos;
        names_begin = static_cast<size_t>(m[1].data() - st.data());
      }

      // Raw sides: (name, province in brackets).
      if (!groups.empty()) {
        // Already split.
      } else if (single) {
        std::string_view n = names;
        std::string_view prov;
        const size_t paren = n.find('(');
        if (paren != std::string_view::npos) {
          const size_t close = n.find(')', paren);
          prov = n.substr(paren + 1, close == std::string_view::npos ? std::string_view::npos : close - paren - 1);
          n = n.substr(0, paren);
        }
        groups.push_back({{n, prov}});
      } else {
        const re2::StringPiece ns(names.data(), names.size());
        size_t q = 0;
        re2::StringPiece pg[5];
        while (q < ns.size() && p.pair->Match(ns, q, ns.size(), RE2::UNANCHORED, pg, 5)) {
          groups.push_back({{View(pg[1]), View(pg[2])}, {View(pg[3]), View(pg[4])}});
          q = static_cast<size_t>(pg[0].data() - ns.data()) + std::max<size_t>(pg[0].size(), 1);
        }
      }
      // Provinces named after the names: "in the province of X and the neighbouring province of Y".
      std::vector<const Province*> tail_provinces;
      {
        const size_t to = std::min(st.size(), tail_from + kLookAhead);
        size_t stop = to;
        const re2::StringPiece rest(st.data() + tail_from, to - tail_from);
        re2::StringPiece next_noun;
        if (p.noun->Match(rest, 0, rest.size(), RE2::UNANCHORED, &next_noun, 1)) {
          stop = static_cast<size_t>(next_noun.data() - st.data());
        }
        const std::vector<Token> tail = Tokenize(st.substr(tail_from, stop - tail_from), 0);
        for (size_t i = 0; i < tail.size(); ++i) {
          if (tail[i].kind != TokenKind::kWord || !tail[i].capitalized) continue;
          std::string key;
          for (size_t n = 0; n < static_cast<size_t>(kMaxProvinceWords) && i + n < tail.size(); ++n) {
            if (tail[i + n].kind != TokenKind::kWord) break;
            if (n) key += ' ';
            key += tail[i + n].folded;
            if (const Province* pr = FindProvince(key)) {
              tail_provinces.push_back(pr);
              i += n;
              break;
            }
          }
        }
      }
      // This gate's clause: from the last break (or the previous gate) before
      // its names to the next break (or the next gate noun) after its noun.
      if (!breaks_known) {
        ForEachBreak(*p.clause_break, sp, &breaks);
        breaks_known = true;
      }
      const bool first_gate = previous_noun_end == 0;
      bool last_gate = true;
      size_t clause_lo = previous_noun_end, clause_hi = st.size();
      for (size_t b : breaks) {
        if (b <= names_begin) clause_lo = std::max(clause_lo, b);
        if (b >= ne && b < clause_hi) clause_hi = b;
      }
      {
        re2::StringPiece next_noun;
        if (p.noun->Match(sp, ne, sp.size(), RE2::UNANCHORED, &next_noun, 1)) {
          clause_hi = std::min(clause_hi, static_cast<size_t>(next_noun.data() - st.data()));
          last_gate = false;
        }
      }
      previous_noun_end = ne;
      const CheckpointStatus clause_status =
          StatusOfText(p, re2::StringPiece(st.data() + clause_lo, clause_hi - clause_lo));
      if (type == accord::v1::CHECKPOINT_TYPE_UNSPECIFIED) {
        re2::StringPiece at[2];
        if (p.as_type->Match(sp, ne, sp.size(), RE2::UNANCHORED, at, 2)) type = TypeOf(FoldForMatch(View(at[1])));
      }
      if (type == accord::v1::CHECKPOINT_TYPE_UNSPECIFIED || clause_status == accord::v1::CHECKPOINT_STATUS_UPGRADED) {
        if (const CheckpointType t = upgraded_to_type(); t != accord::v1::CHECKPOINT_TYPE_UNSPECIFIED) type = t;
      }

      for (const auto& group : groups) {
        std::vector<FoundSide> sides;
        std::vector<bool> guessed;
        bool ok = true;
        for (const auto& [raw_name, raw_prov] : group) {
          FoundSide side;
          if (!CleanSide(raw_name, &side.name, &side.province, &side.country)) {
            ok = false;
            break;
          }
          if (!raw_prov.empty()) {
            if (const Province* pr = FindProvince(FoldForMatch(raw_prov))) {
              side.province = std::string(pr->name);
              side.country = std::string(pr->country);
            } else {
              const std::string_view c = CountryForName(FoldForMatch(raw_prov));
              if (!c.empty()) side.country = std::string(c);
            }
          }
          // A side named like a province is a province, not a gate.
          if (FindProvince(FoldForMatch(side.name)) != nullptr && group.size() == 1) {
            ok = false;
            break;
          }
          sides.push_back(std::move(side));
        }
        if (!ok || sides.empty()) continue;
        // Provinces after the names, matched to sides by country when possible.
        for (FoundSide& side : sides) {
          guessed.push_back(false);
          if (!side.country.empty()) continue;
          const NameOrigin origin = ClassifyPlaceName(FoldForMatch(side.name));
          if (origin == NameOrigin::kVietnamese) side.country = "VN";
          else if (origin == NameOrigin::kNotVietnamese) side.country = partner;
          guessed.back() = true;
        }
        for (const Province* pr : tail_provinces) {
          FoundSide* target = nullptr;
          for (FoundSide& side : sides) {
            if (side.province.empty() && side.country == pr->country) {
              target = &side;
              break;
            }
          }
          if (target == nullptr && sides.size() == 2 && tail_provinces.size() == 2) {
            for (size_t i = 0; i < sides.size(); ++i) {
              if (sides[i].province.empty() && tail_provinces[i] == pr) target = &sides[i];
            }
          }
          if (target == nullptr && sides.size() == 1 && sides[0].province.empty()) target = &sides[0];
          if (target != nullptr) {
            target->province = std::string(pr->name);
            target->country = std::string(pr->country);
            guessed[target - sides.data()] = false;
          }
        }
        // Two sides of a pair are in two countries.
        if (sides.size() == 2 && sides[0].country == sides[1].country && !sides[0].country.empty()) {
          const size_t flip = guessed[1] ? 1 : (guessed[0] ? 0 : 2);
          if (flip < 2) sides[flip].country = sides[flip].country == "VN" ? partner : "VN";
        }
        std::vector<std::string> side_names;
        for (const FoundSide& side : sides) side_names.push_back(side.name);
        const std::string id = CheckpointId(side_names);
        if (id.empty()) continue;
        // The clause's verb, else the sentence's when no other gate competes.
        const CheckpointStatus st_now = clause_status != accord::v1::CHECKPOINT_STATUS_UNSPECIFIED ||
                                                !(first_gate && last_gate)
                                            ? clause_status
                                            : status_of();
        auto it = by_id.find(id);
        size_t idx;
        if (it == by_id.end()) {
          idx = out.size();
          by_id[id] = idx;
          FoundCheckpoint c;
          c.display_name = sides.size() == 2 ? sides[0].name + " - " + sides[1].name : sides[0].name;
          c.sides = sides;
          out.push_back(std::move(c));
        } else {
          idx = it->second;
          for (size_t i = 0; i < sides.size() && i < out[idx].sides.size(); ++i) {
            if (out[idx].sides[i].province.empty()) out[idx].sides[i].province = sides[i].province;
          }
        }
        if (sides.size() == 1) singles.push_back({idx, nb});
        FoundCheckpoint& c = out[idx];
        const float conf = single ? 0.7f : 0.85f;
        c.evidence.push_back({static_cast<int>(s), "sides", single ? "checkpoint.single_gate" : "checkpoint.pair",
                              conf});
        if (c.type == accord::v1::CHECKPOINT_TYPE_UNSPECIFIED && type != accord::v1::CHECKPOINT_TYPE_UNSPECIFIED) {
          c.type = type;
          c.evidence.push_back({static_cast<int>(s), "type", "checkpoint.type_word", 0.8f});
        }
        if (c.status == accord::v1::CHECKPOINT_STATUS_UNSPECIFIED &&
            st_now != accord::v1::CHECKPOINT_STATUS_UNSPECIFIED) {
          c.status = st_now;
          c.evidence.push_back({static_cast<int>(s), "status",
                                clause_status != accord::v1::CHECKPOINT_STATUS_UNSPECIFIED ? "checkpoint.status_clause"
                                                                                          : "checkpoint.status_verb",
                                0.7f});
        }
      }
    }
    PairFacingGates(st, singles, *p.facing, &out, &by_id);
  }
  out.erase(std::remove_if(out.begin(), out.end(), [](const FoundCheckpoint& c) { return c.sides.empty(); }),
            out.end());
  return out;
}

}  // namespace accord::extraction
