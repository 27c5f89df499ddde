// The query service's request validation and the query engine behind it.
// The first byte picks one of the eight QueryService requests; the rest is
// that request on the wire (ParseFromArray), run by QueryEngine against a
// small replica store in a temp dir (the records of tests/unit/query). Each
// call must return OK, INVALID_ARGUMENT or (Get) NOT_FOUND. A List that
// returns a next_page_token is followed page by page: every token the engine
// issued must be accepted, and no record may come twice; the filters that
// can be checked on the records returned are.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "accord/v1/query_service.pb.h"
#include "query_service/query/query_engine.h"
#include "query_service/store/replica_store.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/proto_checks.h"
#include "tests/testing/temp_dir.h"
#include "tests/unit/query/replica_fixture.h"

namespace accord::fuzz {
namespace {

using query::testing::ChangeList;
using query::testing::D;
using query::testing::MakeArticle;
using query::testing::MakeOfficial;
using query::testing::MakePlan;

accord::v1::BorderCheckpoint MakeCheckpoint() {
  accord::v1::BorderCheckpoint c;
  c.set_id("moc-bai--bavet");
  c.set_name("checkpoints/moc-bai--bavet");
  c.set_display_name("Moc Bai - Bavet");
  auto* vn = c.add_sides();
  vn->set_country_code("VN");
  vn->set_name("Moc Bai");
  vn->set_province("Tây Ninh");
  auto* kh = c.add_sides();
  kh->set_country_code("KH");
  kh->set_name("Bavet");
  kh->set_province("Svay Rieng");
  c.set_type(accord::v1::CHECKPOINT_TYPE_INTERNATIONAL);
  c.set_status(accord::v1::CHECKPOINT_STATUS_OPERATIONAL);
  c.add_article_ids("a1");
  return c;
}

struct Fixture {
  accord::testing::TempDir dir;
  std::unique_ptr<query::ReplicaStore> store;
  query::PageTokenCodec tokens{absl::Hours(1)};
  std::unique_ptr<query::QueryEngine> engine;

  Fixture() {
    storage::RocksDbOptions rocks;
    rocks.block_cache_bytes = 1 << 20;
    rocks.memtable_budget_bytes = 1 << 20;
    rocks.sync_writes = false;
    auto opened = query::ReplicaStore::Open(dir.Sub("replica"), rocks);
    FUZZ_CHECK(opened.ok()) << opened.status().ToString();
    store = std::move(*opened);
    ChangeList c;
    c.Add(MakeArticle("a1", D(2024, 1, 23), "Khmer Times"), {"officials/sar-sokha", "checkpoints/moc-bai--bavet"})
        .Add(MakeArticle("a2", D(2025, 2, 19), "Viet Nam News"), {"officials/luong-tam-quang", "officials/sar-sokha"})
        .Add(MakeArticle("a3", D(2021, 1, 8), "VNA"), {"officials/tea-banh", "plans/defence-kh-vn-2021"})
        .Add(MakeOfficial("Lương Tam Quang", "VN", "Ministry of Public Security", D(2025, 2, 19), {"a2"}))
        .Add(MakeOfficial("Sar Sokha", "KH", "Ministry of Interior", D(2024, 1, 23), {"a1", "a2"}))
        .Add(MakeOfficial("Tea Banh", "KH", "Ministry of National Defence", D(2021, 1, 8), {"a3"}))
        .Add(MakePlan("security-kh-vn-2024", accord::v1::PLAN_KIND_SECURITY, 2024, 0, 0, {"KH", "VN"},
                      {"Sar Sokha", "To Lam"}))
        .Add(MakePlan("defence-kh-vn-2020-2024", accord::v1::PLAN_KIND_DEFENCE, 0, 2020, 2024, {"KH", "VN"}))
        .Add(MakePlan("defence-kh-vn-2021", accord::v1::PLAN_KIND_DEFENCE, 2021, 0, 0, {"KH", "VN"},
                      {"Tea Banh", "Ngo Xuan Lich"}))
        .Add(MakePlan("economic-la-vn-2030", accord::v1::PLAN_KIND_ECONOMIC, 0, 0, 2030, {"LA", "VN"}))
        .Add(MakeCheckpoint());
    const absl::Status applied = store->Apply("feed-1", c.changes());
    FUZZ_CHECK(applied.ok()) << applied.ToString();
    query::QueryLimits limits;
    limits.default_page_size = 2;
    limits.max_page_size = 3;
    limits.max_scanned_per_page = 4;
    engine = std::make_unique<query::QueryEngine>(&tokens, limits);
  }
};

Fixture& F() {
  static Fixture fixture;  // closed and its temp dir removed at exit
  return fixture;
}

void CheckError(const absl::Status& s, bool get) {
  FUZZ_CHECK(absl::IsInvalidArgument(s) || (get && absl::IsNotFound(s))) << s.ToString();
}

template <typename Record>
void CheckGot(const absl::StatusOr<Record>& got, const std::string& name) {
  if (!got.ok()) return CheckError(got.status(), true);
  FUZZ_CHECK(got->name() == name) << "asked for " << name << ", got " << got->name();
}

// Follows a List's pages; `check` checks each page's records against the request.
template <typename Request, typename Response>
void FollowPages(Request request, absl::StatusOr<Response> (query::QueryEngine::*list)(const query::ReplicaStore&,
                                                                                     const Request&) const,
                 void (*check)(const Request&, const Response&, std::set<std::string>* seen)) {
  std::set<std::string> seen;
  for (int page = 0; page < 64; ++page) {
    const absl::StatusOr<Response> response = (F().engine.get()->*list)(*F().store, request);
    if (!response.ok()) {
      FUZZ_CHECK(page == 0) << "page " << page << " refused the engine's own token: " << response.status().ToString();
      return CheckError(response.status(), false);
    }
    check(request, *response, &seen);
    if (response->next_page_token().empty()) return;
    request.set_page_token(response->next_page_token());
  }
  FUZZ_CHECK(false) << "more than 64 pages over a store of a dozen records";
}

bool SameCountry(const std::string& a, const std::string& b) { return absl::AsciiStrToUpper(a) == absl::AsciiStrToUpper(b); }

void CheckOfficials(const accord::v1::ListOfficialsRequest& r, const accord::v1::ListOfficialsResponse& response,
                    std::set<std::string>* seen) {
  for (const auto& o : response.officials()) {
    FUZZ_CHECK(seen->insert(o.id()).second) << o.id() << " came twice";
    FUZZ_CHECK(r.country_code().empty() || SameCountry(o.country_code(), r.country_code()))
        << o.id() << " is not from " << r.country_code();
  }
}

void CheckPlans(const accord::v1::ListCooperationPlansRequest& r,
                const accord::v1::ListCooperationPlansResponse& response, std::set<std::string>* seen) {
  for (const auto& p : response.plans()) {
    FUZZ_CHECK(seen->insert(p.id()).second) << p.id() << " came twice";
    FUZZ_CHECK(r.kind() == 0 || p.kind() == r.kind()) << p.id() << " is not of kind " << r.kind();
  }
}

void CheckCheckpoints(const accord::v1::ListBorderCheckpointsRequest& r,
                      const accord::v1::ListBorderCheckpointsResponse& response, std::set<std::string>* seen) {
  for (const auto& c : response.checkpoints()) {
    FUZZ_CHECK(seen->insert(c.id()).second) << c.id() << " came twice";
    FUZZ_CHECK(r.type() == 0 || c.type() == r.type()) << c.id() << " is not of type " << r.type();
    FUZZ_CHECK(r.status() == 0 || c.status() == r.status()) << c.id() << " has not status " << r.status();
  }
}

void CheckArticles(const accord::v1::ListArticlesRequest& r, const accord::v1::ListArticlesResponse& response,
                   std::set<std::string>* seen) {
  for (const auto& a : response.articles()) {
    FUZZ_CHECK(seen->insert(a.id()).second) << a.id() << " came twice";
    if (r.published_from().year() != 0) {
      FUZZ_CHECK(a.published_on().year() >= r.published_from().year()) << a.id() << " published before the range";
    }
    if (r.published_to().year() != 0) {
      FUZZ_CHECK(a.published_on().year() <= r.published_to().year()) << a.id() << " published after the range";
    }
  }
}

template <typename Request>
bool Parse(const uint8_t* data, size_t size, Request* request) {
  return request->ParseFromArray(data, static_cast<int>(size));
}

}  // namespace
}  // namespace accord::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  accord::fuzz::SilenceProtobufLogs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace accord;
  using query::QueryEngine;
  if (size == 0) return 0;
  const uint8_t which = data[0] % 8;
  ++data;
  --size;
  fuzz::Fixture& f = fuzz::F();
  switch (which) {
    case 0: {
      accord::v1::GetOfficialRequest r;
      if (fuzz::Parse(data, size, &r)) fuzz::CheckGot(f.engine->GetOfficial(*f.store, r), r.name());
      break;
    }
    case 1: {
      accord::v1::GetCooperationPlanRequest r;
      if (fuzz::Parse(data, size, &r)) fuzz::CheckGot(f.engine->GetCooperationPlan(*f.store, r), r.name());
      break;
    }
    case 2: {
      accord::v1::GetBorderCheckpointRequest r;
      if (fuzz::Parse(data, size, &r)) fuzz::CheckGot(f.engine->GetBorderCheckpoint(*f.store, r), r.name());
      break;
    }
    case 3: {
      accord::v1::GetArticleRequest r;
      if (fuzz::Parse(data, size, &r)) fuzz::CheckGot(f.engine->GetArticle(*f.store, r), r.name());
      break;
    }
    case 4: {
      accord::v1::ListOfficialsRequest r;
      if (fuzz::Parse(data, size, &r)) fuzz::FollowPages(r, &QueryEngine::ListOfficials, fuzz::CheckOfficials);
      break;
    }
    case 5: {
      accord::v1::ListCooperationPlansRequest r;
      if (fuzz::Parse(data, size, &r)) fuzz::FollowPages(r, &QueryEngine::ListCooperationPlans, fuzz::CheckPlans);
      break;
    }
    case 6: {
      accord::v1::ListBorderCheckpointsRequest r;
      if (fuzz::Parse(data, size, &r)) {
        fuzz::FollowPages(r, &QueryEngine::ListBorderCheckpoints, fuzz::CheckCheckpoints);
      }
      break;
    }
    case 7: {
      accord::v1::ListArticlesRequest r;
      if (fuzz::Parse(data, size, &r)) fuzz::FollowPages(r, &QueryEngine::ListArticles, fuzz::CheckArticles);
      break;
    }
  }
  return 0;
}
