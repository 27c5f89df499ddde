// Builds feed changes for replica and query-engine tests.
#ifndef ACCORD_TESTS_UNIT_QUERY_REPLICA_FIXTURE_H_
#define ACCORD_TESTS_UNIT_QUERY_REPLICA_FIXTURE_H_

#include <string>
#include <vector>

#include "accord/v1/ingest_service.pb.h"
#include "shared/text/fold.h"

namespace accord::query::testing {

inline accord::v1::Date D(int y, int m = 0, int d = 0) {
  accord::v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

inline accord::v1::Official MakeOfficial(const std::string& display, const std::string& country,
                                         const std::string& org, accord::v1::Date seen,
                                         std::vector<std::string> articles = {}) {
  accord::v1::Official o;
  o.set_id(text::Slugify(display));
  o.set_name("officials/" + o.id());
  o.set_display_name(display);
  o.add_aliases(text::FoldForMatch(display));
  o.set_country_code(country);
  auto* role = o.add_roles();
  role->set_title("Minister");
  role->set_organization(org);
  *role->mutable_first_seen() = seen;
  *role->mutable_last_seen() = seen;
  for (const auto& a : articles) o.add_article_ids(a);
  return o;
}

inline accord::v1::CooperationPlan MakePlan(const std::string& id, accord::v1::PlanKind kind, int year, int start,
                                            int end, std::vector<std::string> countries,
                                            std::vector<std::string> signatories = {}) {
  accord::v1::CooperationPlan p;
  p.set_id(id);
  p.set_name("plans/" + id);
  p.set_kind(kind);
  p.set_year(year);
  p.set_start_year(start);
  p.set_end_year(end);
  for (const auto& c : countries) p.add_parties()->set_country_code(c);
  for (const auto& s : signatories) {
    auto* sig = p.add_signatories();
    sig->set_official_id(text::Slugify(s));
    sig->set_display_name(s);
  }
  return p;
}

inline accord::v1::Article MakeArticle(const std::string& id, accord::v1::Date published, const std::string& source) {
  accord::v1::Article a;
  a.set_id(id);
  a.set_name("articles/" + id);
  a.set_text("text of " + id);
  a.set_source(source);
  *a.mutable_published_on() = published;
  return a;
}

// Appends changes with contiguous sequences after `*last`.
class ChangeList {
 public:
  explicit ChangeList(uint64_t after = 0) : last_(after) {}
  ChangeList& Add(const accord::v1::Official& o) { *Next()->mutable_official() = o; return *this; }
  ChangeList& Add(const accord::v1::CooperationPlan& p) { *Next()->mutable_plan() = p; return *this; }
  ChangeList& Add(const accord::v1::BorderCheckpoint& c) { *Next()->mutable_checkpoint() = c; return *this; }
  // `supports`: names of the records the article backs (Change.supports).
  ChangeList& Add(const accord::v1::Article& a, std::vector<std::string> supports = {}) {
    auto* c = Next();
    *c->mutable_article() = a;
    for (auto& s : supports) c->add_supports(s);
    return *this;
  }
  ChangeList& Delete(const std::string& name) { Next()->set_deleted_name(name); return *this; }
  const google::protobuf::RepeatedPtrField<accord::v1::Change>& changes() const { return changes_; }
  uint64_t last() const { return last_; }

 private:
  accord::v1::Change* Next() {
    auto* c = changes_.Add();
    c->set_sequence(++last_);
    return c;
  }
  uint64_t last_;
  google::protobuf::RepeatedPtrField<accord::v1::Change> changes_;
};

}  // namespace accord::query::testing

#endif  // ACCORD_TESTS_UNIT_QUERY_REPLICA_FIXTURE_H_
