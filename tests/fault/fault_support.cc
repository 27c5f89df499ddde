#include "tests/fault/fault_support.h"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"

namespace accord::fault {
namespace {

using accord::v1::Article;
using accord::v1::Change;
using accord::v1::IngestArticleRequest;
using accord::v1::IngestArticleResponse;
using accord::v1::IngestArticlesResponse;
using google::protobuf::util::MessageDifferencer;

std::vector<std::string> SupportsOf(const accord::v1::ArticleExtraction& extraction) {
  std::vector<std::string> names;
  for (const auto& o : extraction.officials()) names.push_back(o.name());
  for (const auto& p : extraction.plans()) names.push_back(p.name());
  for (const auto& c : extraction.checkpoints()) names.push_back(c.name());
  return names;
}

// The resource name a change is about.
std::string NameOf(const Change& change) {
  switch (change.change_case()) {
    case Change::kArticle:
      return change.article().name();
    case Change::kOfficial:
      return change.official().name();
    case Change::kPlan:
      return change.plan().name();
    case Change::kCheckpoint:
      return change.checkpoint().name();
    case Change::kDeletedName:
      return change.deleted_name();
    default:
      return "";
  }
}

// The article ids a record change lists; nullptr for articles and deletions.
// records.proto: a record's article_ids holds at most this many, the smallest ids.
constexpr int kRecordArticleIds = 32;

const google::protobuf::RepeatedPtrField<std::string>* ArticleIdsOf(const Change& change) {
  switch (change.change_case()) {
    case Change::kOfficial:
      return &change.official().article_ids();
    case Change::kPlan:
      return &change.plan().article_ids();
    case Change::kCheckpoint:
      return &change.checkpoint().article_ids();
    default:
      return nullptr;
  }
}

// The fields a client sets, compared between what was sent and what is stored.
bool SameContent(const Article& sent, const Article& stored, std::string* why) {
  if (sent.url() != stored.url()) *why = "url";
  else if (sent.title() != stored.title()) *why = "title";
  else if (sent.source() != stored.source()) *why = "source";
  else if (!MessageDifferencer::Equals(sent.published_on(), stored.published_on())) *why = "published_on";
  else if (sent.text() != stored.text()) *why = "text";
  else return true;
  return false;
}

}  // namespace

std::chrono::system_clock::time_point DeadlineIn(absl::Duration d) {
  return std::chrono::system_clock::now() + std::chrono::milliseconds(absl::ToInt64Milliseconds(d));
}

uint64_t TestSeed() {
  uint64_t seed = 0;
  const char* env = std::getenv("ACCORD_FAULT_SEED");
  if (env == nullptr || !absl::SimpleAtoi(env, &seed)) seed = std::random_device{}() % 1000000000;
  std::cout << "[ fault    ] seed " << seed << " (replay with ACCORD_FAULT_SEED=" << seed << ")" << std::endl;
  ::testing::Test::RecordProperty("seed", std::to_string(seed));
  return seed;
}

std::string LogTail(const std::string& path, int lines) {
  std::ifstream in(path);
  std::deque<std::string> tail;
  std::string line;
  while (std::getline(in, line)) {
    tail.push_back(line);
    if (static_cast<int>(tail.size()) > lines) tail.pop_front();
  }
  return absl::StrCat("--- last lines of ", path, " ---\n", absl::StrJoin(tail, "\n"), "\n---");
}

std::string LogLinesWith(const std::string& path, const std::string& needle, int max, bool last) {
  std::ifstream in(path);
  std::deque<std::string> found;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(needle) == std::string::npos) continue;
    if (!last && static_cast<int>(found.size()) >= max) break;
    found.push_back(line);
    if (static_cast<int>(found.size()) > max) found.pop_front();
  }
  return absl::StrJoin(found, "\n");
}

Article ArticleSource::Article(uint64_t index) const {
  const size_t bytes = 600 + (index * 7919) % 3000;
  accord::v1::Article article = bench::ArticleGenerator(seed_, bytes).Generate(index);
  if (index % 9 == 4) {
    article.clear_url();
    // Its id comes from its text: keep every text distinct.
    article.set_text(absl::StrCat(article.text(), "\n\nDispatch reference ", seed_, "-", index, "."));
  }
  return article;
}

void AckLedger::Record(const Article& sent, const IngestArticleResponse& response, int64_t index) {
  absl::MutexLock lock(&mu_);
  max_sequence_ = std::max(max_sequence_, response.sequence());
  std::vector<std::string> supports = SupportsOf(response.extraction());
  auto [it, added] = acked_.try_emplace(response.article_id());
  AckedArticle& a = it->second;
  if (added) {
    a.id = response.article_id();
    a.name = response.name();
    a.index = index;
    a.sent = sent;
    a.supports = std::move(supports);
    if (index >= 0 && ArticleSource::Deletable(static_cast<uint64_t>(index))) deletable_.push_back(a.id);
  } else {
    std::string why;
    if (!SameContent(a.sent, sent, &why)) {
      contradictions_.push_back(absl::StrCat(a.name, ": acknowledged again for an article with another ", why));
    } else if (a.supports != supports) {
      contradictions_.push_back(absl::StrCat(a.name, ": acknowledged first with records [",
                                             absl::StrJoin(a.supports, ", "), "], later with [",
                                             absl::StrJoin(supports, ", "), "]"));
    }
    if (a.state != AckedArticle::State::kPresent) {
      contradictions_.push_back(absl::StrCat(a.name, ": acknowledged again after a delete (deletable articles are ",
                                             "never resent)"));
    }
  }
  if (response.name() != a.name) {
    contradictions_.push_back(absl::StrCat("article ", a.id, " acknowledged with name ", response.name()));
  }
  a.sequence = std::max(a.sequence, response.sequence());
  ++a.acks;
}

std::optional<AckedArticle> AckLedger::ClaimForDelete(std::mt19937_64& rng) {
  absl::MutexLock lock(&mu_);
  std::vector<AckedArticle*> candidates;
  for (const std::string& id : deletable_) {
    AckedArticle& a = acked_.at(id);
    if (a.state == AckedArticle::State::kPresent || a.state == AckedArticle::State::kDeleteInDoubt) {
      candidates.push_back(&a);
    }
  }
  if (candidates.empty()) return std::nullopt;
  AckedArticle* a = candidates[rng() % candidates.size()];
  AckedArticle claimed = *a;  // with the state it had: present, or delete in doubt
  a->state = AckedArticle::State::kDeleting;
  return claimed;
}

void AckLedger::DeleteAcknowledged(const std::string& id, uint64_t sequence) {
  absl::MutexLock lock(&mu_);
  AckedArticle& a = acked_.at(id);
  a.state = AckedArticle::State::kDeleted;
  a.delete_sequence = sequence;
  max_sequence_ = std::max(max_sequence_, sequence);
}

void AckLedger::DeleteFoundNothing(const std::string& id) {
  absl::MutexLock lock(&mu_);
  acked_.at(id).state = AckedArticle::State::kDeleted;
}

void AckLedger::DeleteInDoubt(const std::string& id) {
  absl::MutexLock lock(&mu_);
  acked_.at(id).state = AckedArticle::State::kDeleteInDoubt;
}

size_t AckLedger::deleted() const {
  absl::MutexLock lock(&mu_);
  size_t n = 0;
  for (const auto& [id, a] : acked_) n += a.state == AckedArticle::State::kDeleted;
  return n;
}

std::vector<AckedArticle> AckLedger::Snapshot() const {
  absl::MutexLock lock(&mu_);
  std::vector<AckedArticle> out;
  out.reserve(acked_.size());
  for (const auto& [id, a] : acked_) out.push_back(a);
  return out;
}

size_t AckLedger::size() const {
  absl::MutexLock lock(&mu_);
  return acked_.size();
}

uint64_t AckLedger::max_sequence() const {
  absl::MutexLock lock(&mu_);
  return max_sequence_;
}

std::vector<std::string> AckLedger::contradictions() const {
  absl::MutexLock lock(&mu_);
  return contradictions_;
}

IngestLoad::IngestLoad(std::shared_ptr<grpc::Channel> channel, ArticleSource* source, AckLedger* ledger,
                       LoadOptions options)
    : stub_(accord::v1::IngestService::NewStub(channel)), source_(source), ledger_(ledger), options_(options) {}

void IngestLoad::Start() {
  for (int i = 0; i < options_.unary_clients; ++i) threads_.emplace_back([this, i] { UnaryClient(i); });
  for (int i = 0; i < options_.stream_clients; ++i) threads_.emplace_back([this, i] { StreamClient(i); });
  for (int i = 0; i < options_.delete_clients; ++i) threads_.emplace_back([this, i] { DeleteClient(i); });
}

void IngestLoad::Stop() {
  stop_.store(true);
  for (std::thread& t : threads_) t.join();
  threads_.clear();
}

Article IngestLoad::Pick(std::mt19937_64& rng, int64_t* index) {
  const uint64_t issued = source_->issued();
  if (issued > 0 && static_cast<int>(rng() % 100) < options_.resend_percent) {
    uint64_t earlier = rng() % issued;
    if (ArticleSource::Deletable(earlier)) earlier = earlier > 0 ? earlier - 1 : source_->NextIndex();
    *index = static_cast<int64_t>(earlier);
  } else {
    *index = static_cast<int64_t>(source_->NextIndex());
  }
  return source_->Article(static_cast<uint64_t>(*index));
}

void IngestLoad::Failed(const std::string& what, int code, const std::string& message) {
  absl::MutexLock lock(&mu_);
  if (expect_failures_.load()) {
    expected_.emplace_back(code, absl::StrCat(what, ": code ", code, ": ", message));
  } else {
    unexpected_.push_back(absl::StrCat(what, ": code ", code, ": ", message));
  }
}

bool IngestLoad::Pause() {
  if (expect_failures_.load()) {
    // The server is going away: do not spin on refused connections.
    absl::SleepFor(absl::Milliseconds(20));
  } else if (options_.pace > absl::ZeroDuration()) {
    absl::SleepFor(options_.pace);
  }
  return !stop_.load();
}

void IngestLoad::UnaryClient(int client) {
  std::mt19937_64 rng(options_.seed * 7919 + static_cast<uint64_t>(client));
  while (!stop_.load()) {
    IngestArticleRequest request;
    int64_t index = -1;
    *request.mutable_article() = Pick(rng, &index);
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(options_.rpc_timeout));
    IngestArticleResponse response;
    const bool sent_before = !expect_failures_.load();
    const grpc::Status status = stub_->IngestArticle(&context, request, &response);
    if (status.ok()) {
      ledger_->Record(request.article(), response, index);
      acked_.fetch_add(1);
      if (sent_before && expect_failures_.load()) acked_across_.fetch_add(1);
    } else {
      Failed("IngestArticle", status.error_code(), status.error_message());
    }
    if (!Pause()) return;
  }
}

void IngestLoad::StreamClient(int client) {
  std::mt19937_64 rng(options_.seed * 104729 + static_cast<uint64_t>(client));
  while (!stop_.load()) {
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(options_.rpc_timeout));
    auto stream = stub_->IngestArticles(&context);
    std::vector<Article> sent;
    std::vector<int64_t> indexes;
    std::vector<bool> sent_before;  // written before ExpectFailures
    bool broken = false;
    size_t read = 0;
    auto read_one = [&]() {
      IngestArticlesResponse response;
      if (!stream->Read(&response)) return false;
      ++read;
      if (response.index() >= sent.size()) {
        Failed("IngestArticles", -1, absl::StrCat("result for index ", response.index(), " of ", sent.size()));
      } else if (response.has_result()) {
        ledger_->Record(sent[response.index()], response.result(), indexes[response.index()]);
        acked_.fetch_add(1);
        if (sent_before[response.index()] && expect_failures_.load()) acked_across_.fetch_add(1);
      } else {
        Failed("IngestArticles item", response.error().code(), response.error().message());
      }
      return true;
    };
    while (!broken && !stop_.load() && static_cast<int>(sent.size()) < options_.stream_length) {
      const int window = std::min<int>(options_.stream_window, options_.stream_length - static_cast<int>(sent.size()));
      for (int i = 0; i < window; ++i) {
        IngestArticleRequest request;
        int64_t index = -1;
        *request.mutable_article() = Pick(rng, &index);
        sent.push_back(request.article());
        indexes.push_back(index);
        sent_before.push_back(!expect_failures_.load());
        if (!stream->Write(request)) {
          broken = true;
          break;
        }
      }
      while (!broken && read < sent.size()) {
        if (!read_one()) broken = true;
      }
    }
    stream->WritesDone();
    while (read_one()) {
    }
    const grpc::Status status = stream->Finish();
    if (!status.ok()) {
      Failed("IngestArticles", status.error_code(), status.error_message());
    } else if (read != sent.size()) {
      Failed("IngestArticles", -1, absl::StrCat("stream ended OK after ", read, " results for ", sent.size(),
                                                " articles"));
    }
    if (!Pause()) return;
  }
}

void IngestLoad::DeleteClient(int client) {
  std::mt19937_64 rng(options_.seed * 15485863 + static_cast<uint64_t>(client));
  while (!stop_.load()) {
    std::optional<AckedArticle> victim = ledger_->ClaimForDelete(rng);
    if (!victim.has_value()) {
      absl::SleepFor(absl::Milliseconds(5));
      continue;
    }
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(options_.rpc_timeout));
    accord::v1::DeleteArticleRequest request;
    request.set_name(victim->name);
    accord::v1::DeleteArticleResponse response;
    const grpc::Status status = stub_->DeleteArticle(&context, request, &response);
    if (status.ok()) {
      ledger_->DeleteAcknowledged(victim->id, response.sequence());
      deletes_acked_.fetch_add(1);
    } else if (status.error_code() == grpc::StatusCode::NOT_FOUND &&
               victim->state == AckedArticle::State::kDeleteInDoubt) {
      ledger_->DeleteFoundNothing(victim->id);  // the unanswered delete had happened
    } else if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      // An acknowledged article that was never deleted: a lost write, whenever it shows.
      ledger_->DeleteInDoubt(victim->id);
      absl::MutexLock lock(&mu_);
      unexpected_.push_back(absl::StrCat("DeleteArticle ", victim->name, ": NOT_FOUND for an acknowledged article ",
                                         "never deleted: ", status.error_message()));
    } else {
      ledger_->DeleteInDoubt(victim->id);
      Failed(absl::StrCat("DeleteArticle ", victim->name), status.error_code(), status.error_message());
    }
    // Deletes are rarer than ingests.
    absl::SleepFor(std::max(options_.pace, absl::Milliseconds(10)));
  }
}

std::vector<std::string> IngestLoad::unexpected_failures() const {
  absl::MutexLock lock(&mu_);
  return unexpected_;
}

std::map<int, int> IngestLoad::expected_failures() const {
  absl::MutexLock lock(&mu_);
  std::map<int, int> by_code;
  for (const auto& [code, message] : expected_) ++by_code[code];
  return by_code;
}

std::vector<std::string> IngestLoad::failures_outside(const std::vector<grpc::StatusCode>& allowed) const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> out;
  for (const auto& [code, message] : expected_) {
    if (std::find(allowed.begin(), allowed.end(), static_cast<grpc::StatusCode>(code)) == allowed.end()) {
      out.push_back(message);
    }
  }
  return out;
}

FeedCheck ReadWholeFeed(accord::v1::IngestService::Stub& stub, absl::Duration timeout) {
  FeedCheck feed;
  grpc::ClientContext context;
  context.set_deadline(DeadlineIn(timeout));
  auto reader = stub.WatchChanges(&context, accord::v1::WatchChangesRequest());
  accord::v1::WatchChangesResponse response;
  bool first = true;
  uint64_t expected = 1;
  bool done = false;
  while (!done && reader->Read(&response)) {
    if (first) {
      feed.head = response.head_sequence();
      feed.first_kept = response.first_kept_sequence();
      feed.feed_id = response.feed_id();
      first = false;
    }
    for (const Change& change : response.changes()) {
      if (change.sequence() != expected) {
        feed.problems.push_back(absl::StrCat("feed: expected sequence ", expected, ", got ", change.sequence()));
        expected = change.sequence();
      }
      ++expected;
      ++feed.changes;
      const std::string name = NameOf(change);
      if (change.has_article() && !feed.article_sequence.emplace(name, change.sequence()).second &&
          feed.latest.count(name) > 0 && feed.latest[name].has_article()) {
        feed.problems.push_back(absl::StrCat("feed: ", name, " stored again at ", change.sequence(),
                                             " without a delete in between"));
      }
      feed.latest[name] = change;
    }
    if (expected > feed.head) done = true;
  }
  context.TryCancel();
  const grpc::Status status = reader->Finish();
  if (first) {
    feed.problems.push_back(absl::StrCat("feed: no first response: ", status.error_code(), " ",
                                         status.error_message()));
  } else if (!done) {
    feed.problems.push_back(absl::StrCat("feed: ended at sequence ", expected - 1, " before the head ", feed.head,
                                         ": ", status.error_code(), " ", status.error_message()));
  }
  if (feed.first_kept > 1) feed.problems.push_back(absl::StrCat("feed: first kept sequence is ", feed.first_kept));
  return feed;
}

AckCheck VerifyAcknowledged(accord::v1::IngestService::Stub& stub, const AckLedger& ledger) {
  AckCheck check;
  for (const std::string& c : ledger.contradictions()) check.problems.push_back(c);
  check.feed = ReadWholeFeed(stub, absl::Seconds(60));
  for (const std::string& p : check.feed.problems) check.problems.push_back(p);
  const FeedCheck& feed = check.feed;
  for (const AckedArticle& a : ledger.Snapshot()) {
    bool ok = true;
    auto problem = [&](const std::string& what) {
      check.problems.push_back(absl::StrCat(a.name, " (acknowledged at ", a.sequence, "): ", what));
      ok = false;
    };
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(absl::Seconds(10)));
    accord::v1::GetArticleRequest get;
    get.set_name(a.name);
    Article stored;
    const grpc::Status status = stub.GetArticle(&context, get, &stored);
    if (!status.ok() && status.error_code() != grpc::StatusCode::NOT_FOUND) {
      problem(absl::StrCat("GetArticle: code ", status.error_code(), ": ", status.error_message()));
      continue;
    }
    const bool found = status.ok();
    if (a.sequence > feed.head) problem(absl::StrCat("acknowledged beyond the feed's head ", feed.head));
    auto latest = feed.latest.find(a.name);
    auto seq = feed.article_sequence.find(a.name);
    if (seq == feed.article_sequence.end() || latest == feed.latest.end()) {
      problem("no article change on the feed");
      continue;
    }
    if (seq->second > a.sequence) {
      problem(absl::StrCat("its article change has sequence ", seq->second, ", after its acknowledged sequence"));
    }
    using State = AckedArticle::State;
    const bool deleted = a.state == State::kDeleted;
    const bool either = a.state == State::kDeleteInDoubt || a.state == State::kDeleting;
    if (!found && !deleted && !either) {
      problem("GetArticle: NOT_FOUND, yet never deleted");
      continue;
    }
    if (found && deleted) problem(absl::StrCat("still there after its delete was acknowledged at ", a.delete_sequence));
    if (found != latest->second.has_article()) {
      problem(absl::StrCat("GetArticle ", found ? "finds it" : "does not find it", " but the feed's latest change for it (",
                           latest->second.sequence(), ") ", latest->second.has_article() ? "stores" : "deletes", " it"));
      continue;
    }
    if (!found) {
      if (deleted && a.delete_sequence > 0 && latest->second.sequence() > a.delete_sequence) {
        problem(absl::StrCat("its deletion has sequence ", latest->second.sequence(), ", after the delete's ",
                             a.delete_sequence));
      }
      for (const std::string& record : a.supports) {
        auto r = feed.latest.find(record);
        const google::protobuf::RepeatedPtrField<std::string>* ids =
            r == feed.latest.end() ? nullptr : ArticleIdsOf(r->second);
        if (ids != nullptr && std::find(ids->begin(), ids->end(), a.id) != ids->end()) {
          problem(absl::StrCat("deleted, yet its record ", record, " still lists it"));
        }
      }
      if (ok) ++check.verified;
      continue;
    }
    std::string why;
    if (stored.id() != a.id || stored.name() != a.name) problem(absl::StrCat("GetArticle returned ", stored.name()));
    if (!SameContent(a.sent, stored, &why)) problem(absl::StrCat("stored with another ", why, " than was sent"));
    if (!MessageDifferencer::Equals(latest->second.article(), stored)) problem("the feed's article differs from GetArticle's");
    const std::vector<std::string> supports(latest->second.supports().begin(), latest->second.supports().end());
    if (supports != a.supports) {
      problem(absl::StrCat("the feed says it supports [", absl::StrJoin(supports, ", "), "], acknowledged [",
                           absl::StrJoin(a.supports, ", "), "]"));
    }
    for (const std::string& record : a.supports) {
      auto r = feed.latest.find(record);
      const google::protobuf::RepeatedPtrField<std::string>* ids =
          r == feed.latest.end() ? nullptr : ArticleIdsOf(r->second);
      if (ids == nullptr) {
        problem(absl::StrCat("its record ", record, " is missing on the feed"));
      } else if (std::find(ids->begin(), ids->end(), a.id) == ids->end() &&
                 (ids->size() < kRecordArticleIds || a.id < ids->Get(ids->size() - 1))) {
        // A record lists the kRecordArticleIds smallest ids of its articles.
        problem(absl::StrCat("its record ", record, " does not list it"));
      }
    }
    if (ok) ++check.verified;
  }
  return check;
}

std::string Describe(const std::vector<std::string>& problems, size_t max) {
  std::vector<std::string> shown(problems.begin(), problems.begin() + std::min(max, problems.size()));
  return absl::StrCat(problems.size(), " problem(s):\n  ", absl::StrJoin(shown, "\n  "),
                      problems.size() > max ? "\n  ..." : "");
}

uint64_t FeedHead(accord::v1::IngestService::Stub& stub) {
  grpc::ClientContext context;
  context.set_deadline(DeadlineIn(absl::Seconds(10)));
  accord::v1::WatchChangesRequest request;
  request.set_max_batch(1);
  auto reader = stub.WatchChanges(&context, request);
  accord::v1::WatchChangesResponse response;
  const uint64_t head = reader->Read(&response) ? response.head_sequence() : 0;
  context.TryCancel();
  reader->Finish();
  return head;
}

grpc::Status WaitForApplied(accord::v1::QueryService::Stub& stub, uint64_t sequence, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  grpc::Status last(grpc::StatusCode::DEADLINE_EXCEEDED, "never asked");
  while (absl::Now() < deadline) {
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(std::min(absl::Seconds(10), std::max(absl::Seconds(1), deadline - absl::Now()))));
    accord::v1::ListArticlesRequest request;
    request.set_page_size(1);
    request.set_min_sequence(sequence);
    accord::v1::ListArticlesResponse response;
    last = stub.ListArticles(&context, request, &response);
    if (last.ok()) return last;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return last;
}

int64_t CountArticles(accord::v1::QueryService::Stub& stub) {
  accord::v1::ListArticlesRequest request;
  request.set_page_size(500);
  int64_t count = 0;
  do {
    grpc::ClientContext context;
    context.set_deadline(DeadlineIn(absl::Seconds(30)));
    accord::v1::ListArticlesResponse response;
    if (!stub.ListArticles(&context, request, &response).ok()) return -1;
    count += response.articles_size();
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return count;
}

std::vector<std::string> IngestBatch(accord::v1::IngestService::Stub& stub, ArticleSource& source, AckLedger& ledger,
                                     int count) {
  std::vector<std::string> problems;
  grpc::ClientContext context;
  context.set_deadline(DeadlineIn(absl::Seconds(120)));
  auto stream = stub.IngestArticles(&context);
  std::vector<Article> sent;
  int read = 0;
  auto read_one = [&]() {
    IngestArticlesResponse response;
    if (!stream->Read(&response)) return false;
    ++read;
    if (response.index() < sent.size() && response.has_result()) {
      ledger.Record(sent[response.index()], response.result());
    } else {
      problems.push_back(absl::StrCat("result ", response.index(), ": code ", response.error().code(), ": ",
                                      response.error().message()));
    }
    return true;
  };
  constexpr int kWindow = 32;
  for (int i = 0; i < count; ++i) {
    IngestArticleRequest request;
    *request.mutable_article() = source.Article(source.NextIndex());
    sent.push_back(request.article());
    if (!stream->Write(request)) break;
    if (static_cast<int>(sent.size()) - read >= kWindow && !read_one()) break;
  }
  stream->WritesDone();
  while (read_one()) {
  }
  const grpc::Status status = stream->Finish();
  if (!status.ok()) problems.push_back(absl::StrCat("IngestArticles: code ", status.error_code(), ": ", status.error_message()));
  if (read != count) problems.push_back(absl::StrCat("IngestArticles: ", read, " results for ", count, " articles"));
  return problems;
}

}  // namespace accord::fault
