// Wires the extraction steps together: normalisation and furniture removal
// (Document), the article date, officials, plans and checkpoints, then turns
// what they found into accord.v1 records with ids, names and evidence.
#include "ingest_service/extraction/extractor.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "ingest_service/extraction/checkpoints.h"
#include "ingest_service/extraction/dates.h"
#include "ingest_service/extraction/document.h"
#include "ingest_service/extraction/entity_ids.h"
#include "ingest_service/extraction/officials.h"
#include "ingest_service/extraction/plans.h"
#include "shared/text/utf8.h"

namespace accord::extraction {
namespace {

using accord::v1::Article;
using accord::v1::ArticleExtraction;

// Adds evidence once per (sentence, field, rule), up to kMaxEvidencePerRecord
// items on the record; returns the highest confidence of all of `refs`.
template <typename Record>
float AddEvidence(const Document& doc, const std::vector<EvidenceRef>& refs, Record* record) {
  std::set<std::tuple<int, std::string, std::string>> seen;
  float best = 0;
  for (const EvidenceRef& ref : refs) {
    if (!seen.insert({ref.sentence, ref.field, ref.rule}).second) continue;
    best = std::max(best, ref.confidence);
    if (record->evidence_size() >= kMaxEvidencePerRecord) continue;
    *record->add_evidence() = doc.MakeEvidence(ref);
  }
  return best;
}

// Adds the size of the record just added to `records` to `*total`; when that
// passes kMaxRecordBytesPerKind, removes the record and returns false.
template <typename Record>
bool WithinBudget(google::protobuf::RepeatedPtrField<Record>* records, size_t* total) {
  const size_t size = records->Get(records->size() - 1).ByteSizeLong();
  if (*total + size > kMaxRecordBytesPerKind) {
    records->RemoveLast();
    return false;
  }
  *total += size;
  return true;
}

class ExtractorImpl final : public Extractor {
 public:
  ExtractorImpl(std::unique_ptr<const DateFinder> dates, std::unique_ptr<const PlanFinder> plans,
                std::unique_ptr<const CheckpointFinder> checkpoints)
      : dates_(std::move(dates)), plans_(std::move(plans)), checkpoints_(std::move(checkpoints)) {}

  ArticleExtraction Extract(const Article& article) const override {
    ArticleExtraction out = ExtractRecords(article);
#if defined(__GLIBC__)
    // A long article's working set (mostly tokens, ~70 bytes each: a megabyte
    // of punctuation is a million of them) is freed by now, but glibc keeps
    // it in the calling thread's arena for reuse. With one arena per ingest
    // worker that adds up to workers x tens of MiB that the process keeps
    // for good; give it back.
    if (article.text().size() >= kTrimAfterTextBytes) malloc_trim(0);
#endif
    return out;
  }

 private:
  // Articles at least this long are followed by malloc_trim.
  static constexpr size_t kTrimAfterTextBytes = 256 << 10;

  ArticleExtraction ExtractRecords(const Article& article) const {
    // Offsets refer to article.text(); an invalid text is repaired first
    // (the interface requires valid UTF-8, so this only guards against misuse).
    std::string repaired;
    std::string_view text = article.text();
    if (!text::IsValidUtf8(text)) {
      repaired = text::RepairUtf8(text);
      text = repaired;
    }
    Document doc(article.id(), text, article.published_on());
    if (article.published_on().year() == 0) doc.set_article_date(dates_->FindDateLine(doc.text()));

    ArticleExtraction out;
    out.set_article_id(article.id());
    if (doc.article_date().year() > 0) *out.mutable_article_date() = doc.article_date();

    const OfficialsResult officials = FindOfficials(doc);
    std::vector<std::string> official_ids;
    for (const FoundOfficial& o : officials.officials) official_ids.push_back(OfficialId(o.display_name));
    AddOfficials(doc, officials, official_ids, &out);
    // Participants whose official did not fit keep their display name only.
    std::set<std::string> kept;
    for (const accord::v1::Official& o : out.officials()) kept.insert(o.id());
    for (std::string& id : official_ids) {
      if (!id.empty() && kept.count(id) == 0) id.clear();
    }
    AddPlans(doc, officials, official_ids, plans_->Find(doc, officials, *dates_), &out);
    AddCheckpoints(doc, checkpoints_->Find(doc), &out);
    return out;
  }

  void AddOfficials(const Document& doc, const OfficialsResult& found, const std::vector<std::string>& ids,
                    ArticleExtraction* out) const {
    std::map<std::string, accord::v1::Official*> by_id;
    for (size_t i = 0; i < found.officials.size(); ++i) {
      const FoundOfficial& f = found.officials[i];
      if (ids[i].empty()) continue;
      accord::v1::Official* o;
      auto it = by_id.find(ids[i]);
      if (it != by_id.end()) {
        o = it->second;
      } else {
        o = out->add_officials();
        by_id[ids[i]] = o;
        o->set_id(ids[i]);
        o->set_name(OfficialResourceName(ids[i]));
        o->set_display_name(f.display_name);
        o->set_country_code(f.country);
        o->set_rank(f.rank);
        o->add_article_ids(doc.article_id());
      }
      for (const std::string& a : f.aliases) {
        if (a != o->display_name() && std::find(o->aliases().begin(), o->aliases().end(), a) == o->aliases().end()) {
          o->add_aliases(a);
        }
      }
      for (const FoundRole& r : f.roles) {
        accord::v1::Role* role = o->add_roles();
        role->set_title(r.title);
        role->set_organization(r.organization);
        role->set_country_code(f.country);
        if (doc.article_date().year() > 0) {
          *role->mutable_first_seen() = doc.article_date();
          *role->mutable_last_seen() = doc.article_date();
        }
        role->add_article_ids(doc.article_id());
      }
      o->set_confidence(std::max(o->confidence(), AddEvidence(doc, f.evidence, o)));
    }
    // An official's record grows with each mention, so the budget is checked once all are in.
    size_t total = 0;
    int fit = 0;
    for (; fit < out->officials_size(); ++fit) {
      const size_t size = out->officials(fit).ByteSizeLong();
      if (total + size > kMaxRecordBytesPerKind) break;
      total += size;
    }
    out->mutable_officials()->DeleteSubrange(fit, out->officials_size() - fit);
  }

  void AddPlans(const Document& doc, const OfficialsResult& officials, const std::vector<std::string>& ids,
                const std::vector<FoundPlan>& plans, ArticleExtraction* out) const {
    std::set<std::string> emitted;
    size_t total = 0;
    for (const FoundPlan& f : plans) {
      const std::string id = PlanId(f.kind, f.parties, f.year, f.start_year, f.end_year, f.title);
      if (!emitted.insert(id).second) continue;
      accord::v1::CooperationPlan* p = out->add_plans();
      p->set_id(id);
      p->set_name(PlanResourceName(id));
      p->set_title(f.title);
      p->set_kind(f.kind);
      p->set_year(f.year);
      p->set_start_year(f.start_year);
      p->set_end_year(f.end_year);
      for (const std::string& code : f.parties) {
        accord::v1::Party* party = p->add_parties();
        party->set_country_code(code);
        // The signatory's organisation names the party when the article gives it.
        for (int o : f.signatories) {
          const FoundOfficial& off = officials.officials[o];
          if (off.country != code) continue;
          for (const FoundRole& r : off.roles) {
            if (!r.organization.empty() && party->organization().empty()) party->set_organization(r.organization);
          }
        }
      }
      for (int o : f.signatories) {
        accord::v1::PlanParticipant* s = p->add_signatories();
        s->set_official_id(ids[o]);
        s->set_display_name(officials.officials[o].display_name);
      }
      for (int o : f.witnesses) {
        if (std::find(f.signatories.begin(), f.signatories.end(), o) != f.signatories.end()) continue;
        accord::v1::PlanParticipant* w = p->add_witnesses();
        w->set_official_id(ids[o]);
        w->set_display_name(officials.officials[o].display_name);
      }
      if (f.signed_on.year() > 0) *p->mutable_signed_on() = f.signed_on;
      for (accord::v1::FocusArea a : f.focus_areas) p->add_focus_areas(a);
      p->add_article_ids(doc.article_id());
      p->set_confidence(AddEvidence(doc, f.evidence, p));
      if (!WithinBudget(out->mutable_plans(), &total)) break;
    }
  }

  void AddCheckpoints(const Document& doc, const std::vector<FoundCheckpoint>& found, ArticleExtraction* out) const {
    std::set<std::string> emitted;
    size_t total = 0;
    for (const FoundCheckpoint& f : found) {
      std::vector<std::string> names;
      for (const FoundSide& s : f.sides) names.push_back(s.name);
      const std::string id = CheckpointId(names);
      if (id.empty() || !emitted.insert(id).second) continue;
      accord::v1::BorderCheckpoint* c = out->add_checkpoints();
      c->set_id(id);
      c->set_name(CheckpointResourceName(id));
      c->set_display_name(f.display_name);
      for (const FoundSide& s : f.sides) {
        accord::v1::CheckpointSide* side = c->add_sides();
        side->set_country_code(s.country);
        side->set_name(s.name);
        side->set_province(s.province);
      }
      c->set_type(f.type);
      c->set_status(f.status);
      if (f.status != accord::v1::CHECKPOINT_STATUS_UNSPECIFIED) {
        accord::v1::StatusObservation* obs = c->add_status_history();
        obs->set_status(f.status);
        if (doc.article_date().year() > 0) *obs->mutable_seen_on() = doc.article_date();
        obs->set_article_id(doc.article_id());
      }
      c->add_article_ids(doc.article_id());
      c->set_confidence(AddEvidence(doc, f.evidence, c));
      if (!WithinBudget(out->mutable_checkpoints(), &total)) break;
    }
  }

  std::unique_ptr<const DateFinder> dates_;
  std::unique_ptr<const PlanFinder> plans_;
  std::unique_ptr<const CheckpointFinder> checkpoints_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<const Extractor>> Extractor::Create() {
  auto dates = DateFinder::Create();
  if (!dates.ok()) return dates.status();
  auto plans = PlanFinder::Create();
  if (!plans.ok()) return plans.status();
  auto checkpoints = CheckpointFinder::Create();
  if (!checkpoints.ok()) return checkpoints.status();
  return std::unique_ptr<const Extractor>(
      new ExtractorImpl(std::move(*dates), std::move(*plans), std::move(*checkpoints)));
}

}  // namespace accord::extraction
