// Query RPC benchmark against a no-op baseline, measured in the same run.
//
// The driver fills a replica store with --articles generated articles and
// the officials, plans and checkpoints they name, then for each server
// (baseline: a QueryService answering at once with canned responses of the
// same shape and size, on the same server runner and threading; then the
// real accord-query server on that store) starts it as a child process pinned to CPU 0, and drives it from
// CPU 1 with --in_flight concurrent callback calls for --seconds per method:
// GetOfficial, ListOfficials page 20 and page 50 with a country filter.
// Prints QPS, the ratio real/no-op (targets: Get >= 0.8, List page 20 >=
// 0.5), and p99 latency at half the real server's Get throughput (target <= 2 ms).
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "accord/v1/query_service.grpc.pb.h"
#include "bench/bench_util.h"
#include "grpcpp/grpcpp.h"
#include "query_service/query_server.h"
#include "query_service/store/replica_store.h"
#include "shared/server/server_runner.h"
#include "shared/text/fold.h"

ABSL_FLAG(int, articles, 100000, "Articles in the replica store");
ABSL_FLAG(double, seconds, 5, "Seconds per measured run");
ABSL_FLAG(int, in_flight, 64, "Concurrent calls in flight");
ABSL_FLAG(std::string, serve, "", "(internal) run a server: real or noop");
ABSL_FLAG(std::string, data_dir, "", "(internal) the replica data dir for --serve=real");
ABSL_FLAG(std::string, port_file, "", "(internal) where the server writes its port");

namespace accord::bench {
namespace {

using namespace accord::v1;

constexpr int kOfficialsPer = 50;  // one official per 50 articles

std::string OfficialId(int i) { return absl::StrCat("official-", i); }

// Official number i as the store holds it.
Official MakeOfficial(int i) {
  Official o;
  o.set_id(OfficialId(i));
  o.set_name("officials/" + o.id());
  o.set_display_name(absl::StrCat("Person ", i));
  o.set_country_code(i % 2 ? "KH" : "VN");
  Role* role = o.add_roles();
  role->set_title("Minister of Interior");
  role->set_organization("Ministry of Interior");
  role->mutable_first_seen()->set_year(2015 + i % 11);
  role->mutable_last_seen()->set_year(2016 + i % 10);
  for (int k = 0; k < kOfficialsPer; ++k) o.add_article_ids(absl::StrCat("a", i * kOfficialsPer + k));
  return o;
}

// Fills a replica store with generated records, bypassing the feed.
void Populate(const std::string& dir, int articles) {
  auto store = std::move(*query::ReplicaStore::Open(dir + "/replica-1", storage::RocksDbOptions{64 << 20, 64 << 20, false}));
  std::ofstream(dir + "/CURRENT") << "replica-1\n";
  std::mt19937_64 rng(5);
  const int officials = std::max(1, articles / kOfficialsPer);
  uint64_t seq = 0;
  google::protobuf::RepeatedPtrField<Change> batch;
  auto flush = [&] {
    if (!batch.empty()) (void)store->Apply("bench-feed", batch);
    batch.Clear();
  };
  for (int i = 0; i < articles; ++i) {
    Change* c = batch.Add();
    c->set_sequence(++seq);
    Article* a = c->mutable_article();
    a->set_id(absl::StrCat("a", i));
    a->set_name("articles/" + a->id());
    a->set_source(i % 2 ? "Example Wire" : "Border Daily");
    a->mutable_published_on()->set_year(2015 + i % 11);
    a->mutable_published_on()->set_month(1 + i % 12);
    a->mutable_published_on()->set_day(1 + i % 28);
    a->set_text(std::string(3000, 'x'));
    if (batch.size() >= 1000) flush();
  }
  for (int i = 0; i < officials; ++i) {
    Change* c = batch.Add();
    c->set_sequence(++seq);
    *c->mutable_official() = MakeOfficial(i);
    if (batch.size() >= 200) flush();
  }
  flush();
  (void)store->Compact();  // serve a settled store, as after any bulk load
}

// The baseline: the same API answering at once with canned responses of the
// same shape and size as the real server's (so both move the same bytes),
// doing no query work.
class NoopQueryService final : public QueryService::CallbackService {
 public:
  NoopQueryService() {
    official_ = MakeOfficial(1);
    for (int i = 0; i < 50; ++i) {
      if (i < 20) *page20_.add_officials() = MakeOfficial(2 * i + 1);
      *page50_.add_officials() = MakeOfficial(2 * i + 1);
    }
    page20_.set_next_page_token(std::string(60, 'x'));
    page50_.set_next_page_token(std::string(60, 'x'));
  }
  grpc::ServerUnaryReactor* GetOfficial(grpc::CallbackServerContext* c, const GetOfficialRequest*,
                                        Official* response) override {
    *response = official_;
    return Done(c);
  }
  grpc::ServerUnaryReactor* ListOfficials(grpc::CallbackServerContext* c, const ListOfficialsRequest* request,
                                          ListOfficialsResponse* response) override {
    *response = request->page_size() == 20 ? page20_ : page50_;
    return Done(c);
  }

 private:
  static grpc::ServerUnaryReactor* Done(grpc::CallbackServerContext* c) {
    auto* r = c->DefaultReactor();
    r->Finish(grpc::Status::OK);
    return r;
  }
  Official official_;
  ListOfficialsResponse page20_, page50_;
};

void Pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu % std::max(1u, std::thread::hardware_concurrency()), &set);
  sched_setaffinity(0, sizeof(set), &set);
}

int Serve() {
  server::BlockTerminationSignals();
  const std::string mode = absl::GetFlag(FLAGS_serve);
  std::unique_ptr<query::QueryServer> real;
  NoopQueryService noop;
  std::unique_ptr<server::ServerRunner> runner;
  int port = 0;
  if (mode == "real") {
    query::QueryServerOptions o;
    o.data_dir = absl::GetFlag(FLAGS_data_dir);
    o.ingest_target = "127.0.0.1:1";  // nothing to follow: the store is filled already
    o.server.log_calls = false;
    real = std::move(*query::QueryServer::BuildAndStart(o));
    port = real->port();
  } else {
    server::ServerOptions o;
    o.log_calls = false;
    runner = std::move(*server::ServerRunner::Start(o, {{QueryService::service_full_name(), &noop}}));
    port = runner->port();
  }
  std::ofstream(absl::GetFlag(FLAGS_port_file)) << port << "\n";
  server::WaitForTerminationSignal();
  return 0;
}

enum class Method { kGet, kList20, kList50 };

struct Result {
  double qps = 0;
  std::vector<absl::Duration> latencies;
};

// One call of `method`; `done` runs with its status when it completes.
void Issue(QueryService::Stub* stub, Method method, std::mt19937_64& rng, int officials,
           std::function<void(bool ok)> done) {
  auto* context = new grpc::ClientContext;
  if (method == Method::kGet) {
    auto* request = new GetOfficialRequest;
    auto* response = new Official;
    request->set_name("officials/" + OfficialId(static_cast<int>(rng() % officials)));
    stub->async()->GetOfficial(context, request, response, [=](grpc::Status s) {
      done(s.ok());
      delete context;
      delete request;
      delete response;
    });
  } else {
    auto* request = new ListOfficialsRequest;
    auto* response = new ListOfficialsResponse;
    request->set_page_size(method == Method::kList20 ? 20 : 50);
    request->set_country_code(rng() % 2 ? "KH" : "VN");
    stub->async()->ListOfficials(context, request, response, [=](grpc::Status s) {
      done(s.ok());
      delete context;
      delete request;
      delete response;
    });
  }
}

// Closed loop: `in_flight` calls always outstanding, for `seconds`.
Result Saturate(QueryService::Stub* stub, Method method, int officials) {
  const int in_flight = absl::GetFlag(FLAGS_in_flight);
  const absl::Duration length = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  std::atomic<bool> stop{false};
  std::atomic<int64_t> completed{0}, failed{0};
  std::atomic<int> outstanding{0};
  std::mt19937_64 rng(9);
  absl::Mutex mu;
  std::function<void()> next = [&] {
    outstanding++;
    uint64_t seed;
    {
      absl::MutexLock lock(&mu);
      seed = rng();
    }
    std::mt19937_64 local(seed);
    Issue(stub, method, local, officials, [&](bool ok) {
      (ok ? completed : failed)++;
      outstanding--;
      if (!stop) next();
    });
  };
  // Warm up, then measure.
  for (int i = 0; i < in_flight; ++i) next();
  absl::SleepFor(absl::Milliseconds(500));
  const int64_t before = completed;
  const absl::Time start = absl::Now();
  absl::SleepFor(length);
  const int64_t after = completed;
  const absl::Time end = absl::Now();
  stop = true;
  while (outstanding > 0) absl::SleepFor(absl::Milliseconds(1));
  if (failed > 0) std::cerr << failed << " calls failed\n";
  Result r;
  r.qps = (after - before) / absl::ToDoubleSeconds(end - start);
  return r;
}

// Open loop at `qps`: latency of each call.
Result Paced(QueryService::Stub* stub, Method method, int officials, double qps) {
  const absl::Duration length = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  const absl::Duration gap = absl::Seconds(1) / qps;
  std::atomic<int> outstanding{0};
  absl::Mutex mu;
  Result r;
  int failed = 0;  // guarded by mu
  std::mt19937_64 rng(3);
  const absl::Time start = absl::Now();
  for (int64_t i = 0;; ++i) {
    const absl::Time due = start + gap * i;
    if (due - start > length) break;
    const absl::Time now = absl::Now();
    if (now < due) absl::SleepFor(due - now);
    outstanding++;
    const absl::Time sent = absl::Now();
    Issue(stub, method, rng, officials, [&, sent](bool ok) {
      const absl::Duration latency = absl::Now() - sent;
      absl::MutexLock lock(&mu);
      if (ok) {
        r.latencies.push_back(latency);
      } else {
        ++failed;  // counted, not timed
      }
      outstanding--;
    });
  }
  while (outstanding > 0) absl::SleepFor(absl::Milliseconds(1));
  if (failed > 0) std::cerr << failed << " paced calls failed and were left out of the latencies\n";
  r.qps = r.latencies.size() / absl::ToDoubleSeconds(length);
  return r;
}

// Starts this binary as a server pinned to CPU 0; returns its pid and port.
std::pair<pid_t, int> Spawn(const std::string& mode, const std::string& dir) {
  const std::string port_file = absl::StrCat(dir, "/", mode, ".port");
  const pid_t pid = fork();
  if (pid == 0) {
    Pin(0);
    const std::string exe = "/proc/self/exe";
    std::vector<std::string> args = {exe, "--serve=" + mode, "--data_dir=" + dir, "--port_file=" + port_file};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  for (int i = 0; i < 3000; ++i) {
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) return {pid, port};
    absl::SleepFor(absl::Milliseconds(10));
  }
  return {pid, 0};
}

}  // namespace
}  // namespace accord::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  using namespace accord::bench;
  if (!absl::GetFlag(FLAGS_serve).empty()) return Serve();

  const int articles = absl::GetFlag(FLAGS_articles);
  const int officials = std::max(1, articles / kOfficialsPer);
  const std::string dir = MakeTempDir("query");
  const absl::Time fill_start = absl::Now();
  Populate(dir, articles);
  std::cout << absl::StrFormat("cores: %u; server pinned to CPU 0, load generator to CPU 1; %d in flight; %.0f s per run\n",
                               std::thread::hardware_concurrency(), absl::GetFlag(FLAGS_in_flight),
                               absl::GetFlag(FLAGS_seconds));
  std::cout << absl::StrFormat("store: %d articles, %d officials (filled in %.1f s)\n\n", articles, officials,
                               absl::ToDoubleSeconds(absl::Now() - fill_start));
  Pin(1);
  const std::vector<std::pair<Method, const char*>> methods = {
      {Method::kGet, "GetOfficial"}, {Method::kList20, "ListOfficials page 20, country filter"},
      {Method::kList50, "ListOfficials page 50, country filter"}};
  std::map<std::string, std::vector<double>> qps;
  for (const std::string mode : {"noop", "real"}) {
    auto [pid, port] = Spawn(mode, dir);
    if (port == 0) {
      std::cerr << "the " << mode << " server did not start\n";
      return 1;
    }
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto stub = accord::v1::QueryService::NewStub(
        grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), args));
    for (const auto& [method, name] : methods) qps[mode].push_back(Saturate(stub.get(), method, officials).qps);
    // Open loop at half of this server's own Get throughput.
    const double half_rate = qps[mode][0] / 2;
    Result half = Paced(stub.get(), Method::kGet, officials, half_rate);
    std::cout << absl::StrFormat("%-5s GetOfficial at half load (%.0f/s): p50 %.3f ms, p99 %.3f ms%s\n", mode,
                                 half_rate, absl::ToDoubleMilliseconds(Percentile(half.latencies, 50)),
                                 absl::ToDoubleMilliseconds(Percentile(half.latencies, 99)),
                                 mode == std::string("real") ? " (target p99 <= 2 ms)" : "");
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
  }
  const double targets[] = {0.8, 0.5, 0};
  for (size_t i = 0; i < methods.size(); ++i) {
    std::cout << absl::StrFormat("%-40s no-op %8.0f/s | real %8.0f/s | real/no-op %.2f%s\n", methods[i].second,
                                 qps["noop"][i], qps["real"][i], qps["real"][i] / qps["noop"][i],
                                 targets[i] > 0 ? absl::StrFormat(" (target >= %.1f)", targets[i]) : "");
  }
  RemoveTree(dir);
  return 0;
}
