#include "tests/testing/fake_extractor.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "shared/text/fold.h"

namespace accord::testing {
namespace {

accord::v1::Evidence MakeEvidence(const accord::v1::Article& article, size_t start, size_t end) {
  accord::v1::Evidence e;
  e.set_article_id(article.id());
  e.set_sentence(article.text().substr(start, end - start));
  e.set_start(static_cast<uint32_t>(start));
  e.set_end(static_cast<uint32_t>(end));
  e.set_rule("fake");
  e.set_confidence(1.0f);
  return e;
}

accord::v1::PlanKind KindOf(const std::string& word) {
  if (word == "security") return accord::v1::PLAN_KIND_SECURITY;
  if (word == "defence") return accord::v1::PLAN_KIND_DEFENCE;
  if (word == "economic") return accord::v1::PLAN_KIND_ECONOMIC;
  if (word == "border") return accord::v1::PLAN_KIND_BORDER;
  return accord::v1::PLAN_KIND_OTHER;
}

accord::v1::CheckpointStatus StatusOf(const std::string& word) {
  if (word == "planned") return accord::v1::CHECKPOINT_STATUS_PLANNED;
  if (word == "agreed") return accord::v1::CHECKPOINT_STATUS_AGREED;
  if (word == "upgraded") return accord::v1::CHECKPOINT_STATUS_UPGRADED;
  if (word == "closed") return accord::v1::CHECKPOINT_STATUS_CLOSED;
  return accord::v1::CHECKPOINT_STATUS_OPERATIONAL;
}

}  // namespace

accord::v1::ArticleExtraction FakeExtractor::Extract(const accord::v1::Article& article) const {
  accord::v1::ArticleExtraction out;
  out.set_article_id(article.id());
  *out.mutable_article_date() = article.published_on();
  const std::string& text = article.text();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    std::vector<std::string> parts;
    for (absl::string_view p : absl::StrSplit(line.substr(line.find(':') + 1), '|')) {
      parts.emplace_back(absl::StripAsciiWhitespace(p));
    }
    if (absl::StartsWith(line, "official:") && parts.size() == 2) {
      auto* o = out.add_officials();
      o->set_id(text::Slugify(parts[0]));
      o->set_name("officials/" + o->id());
      o->set_display_name(parts[0]);
      o->set_country_code(parts[1]);
      auto* role = o->add_roles();
      role->set_title("Minister");
      *role->mutable_first_seen() = article.published_on();
      *role->mutable_last_seen() = article.published_on();
      role->add_article_ids(article.id());
      *o->add_evidence() = MakeEvidence(article, start, end);
      o->add_article_ids(article.id());
    } else if (absl::StartsWith(line, "plan:") && parts.size() == 2) {
      auto* p = out.add_plans();
      p->set_kind(KindOf(parts[0]));
      p->set_year(std::stoi(parts[1]));
      p->set_id(absl::StrCat(parts[0], "-kh-vn-", parts[1]));
      p->set_name("plans/" + p->id());
      p->add_parties()->set_country_code("KH");
      p->add_parties()->set_country_code("VN");
      *p->add_evidence() = MakeEvidence(article, start, end);
      p->add_article_ids(article.id());
    } else if (absl::StartsWith(line, "checkpoint:") && parts.size() == 3) {
      auto* c = out.add_checkpoints();
      c->set_id(text::Slugify(parts[0]) + "--" + text::Slugify(parts[1]));
      c->set_name("checkpoints/" + c->id());
      c->set_display_name(parts[0] + " - " + parts[1]);
      c->add_sides()->set_name(parts[0]);
      c->add_sides()->set_name(parts[1]);
      c->set_status(StatusOf(parts[2]));
      auto* obs = c->add_status_history();
      obs->set_status(c->status());
      *obs->mutable_seen_on() = article.published_on();
      obs->set_article_id(article.id());
      *c->add_evidence() = MakeEvidence(article, start, end);
      c->add_article_ids(article.id());
    }
    start = end + 1;
  }
  return out;
}

}  // namespace accord::testing
