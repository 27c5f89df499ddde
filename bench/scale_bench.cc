// Scale benchmark: the real binaries (accord-ingest, accord-query) as child
// processes, at growing store sizes. For each N in --sizes it ingests
// generated articles up to N (8 concurrent IngestArticles streams), then
// measures: ingest throughput for that step, GetOfficial and ListOfficials
// p99 against the replica (paced), disk bytes per article of each service,
// the replica's RSS, and each service's start-up time on that store (exec to
// SERVING). The baseline is the first size: query p99 at the largest size is
// printed as a ratio to it (target <= 2x from 10k to 1M), with RSS (target
// < 1 GiB at 1M) and start-up (target < 2 s).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "accord/v1/query_service.grpc.pb.h"
#include "bench/article_generator.h"
#include "bench/bench_util.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"

ABSL_FLAG(std::string, sizes, "10000,100000", "Store sizes to measure at, ascending (e.g. 10000,100000,1000000)");
ABSL_FLAG(std::string, bin_dir, "build", "The build directory holding the binaries");
ABSL_FLAG(int, query_samples, 2000, "Paced queries per measurement");

namespace accord::bench {
namespace {

struct Child {
  pid_t pid = -1;
  int port = 0;
};

Child Spawn(const std::string& binary, std::vector<std::string> args, const std::string& port_file,
            const std::string& log) {
  std::filesystem::remove(port_file);
  args.insert(args.begin(), binary);
  args.push_back("--port_file=" + port_file);
  args.push_back("--listen=127.0.0.1:0");
  Child c;
  c.pid = fork();
  if (c.pid == 0) {
    freopen(log.c_str(), "a", stderr);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  for (int i = 0; i < 6000 && c.port == 0; ++i) {
    std::ifstream in(port_file);
    if (!(in >> c.port)) absl::SleepFor(absl::Milliseconds(5));
  }
  return c;
}

void Stop(Child& c) {
  if (c.pid > 0) {
    kill(c.pid, SIGTERM);
    waitpid(c.pid, nullptr, 0);
  }
  c.pid = -1;
}

std::shared_ptr<grpc::Channel> Channel(int port) {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetMaxReceiveMessageSize(64 << 20);
  return grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials(), args);
}

// Time from now until `service` reports SERVING on `port`.
absl::Duration TimeToServing(int port, const std::string& service) {
  const absl::Time start = absl::Now();
  auto health = grpc::health::v1::Health::NewStub(Channel(port));
  while (absl::Now() - start < absl::Minutes(10)) {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    if (health->Check(&context, request, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(2));
  }
  const absl::Duration waited = absl::Now() - start;
  if (waited >= absl::Minutes(10)) std::cerr << service << " on port " << port << " never reported SERVING\n";
  return waited;
}

uint64_t DiskBytes(const std::string& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  }
  return total;
}

uint64_t RssBytes(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      uint64_t kb = 0;
      absl::SimpleAtoi(absl::StripAsciiWhitespace(absl::string_view(line).substr(6, line.size() - 9)), &kb);
      return kb * 1024;
    }
  }
  return 0;
}

// Ingests articles [from, to) over 8 IngestArticles streams; returns articles/s.
double IngestRange(int port, uint64_t from, uint64_t to) {
  ArticleGenerator generator(21, 5000);
  std::atomic<uint64_t> next{from};
  std::atomic<uint64_t> rejected{0};
  std::atomic<int> broken_streams{0};
  const absl::Time start = absl::Now();
  std::vector<std::thread> streams;
  for (int s = 0; s < 8; ++s) {
    streams.emplace_back([&] {
      auto stub = accord::v1::IngestService::NewStub(Channel(port));
      grpc::ClientContext context;
      auto stream = stub->IngestArticles(&context);
      std::thread reader([&] {
        accord::v1::IngestArticlesResponse response;
        while (stream->Read(&response)) {
          if (response.has_error()) ++rejected;
        }
      });
      for (uint64_t i = next++; i < to; i = next++) {
        accord::v1::IngestArticleRequest request;
        *request.mutable_article() = generator.Generate(i);
        if (!stream->Write(request)) break;
      }
      stream->WritesDone();
      reader.join();
      if (!stream->Finish().ok()) ++broken_streams;
    });
  }
  for (auto& t : streams) t.join();
  // A benchmark of failures is no benchmark: say so next to the figure.
  if (rejected > 0 || broken_streams > 0) {
    std::cerr << rejected << " articles rejected, " << broken_streams << " ingest streams failed\n";
  }
  return (to - from - rejected) / absl::ToDoubleSeconds(absl::Now() - start);
}

// Paced query latencies (p99) of Get and List against the replica.
std::pair<absl::Duration, absl::Duration> QueryP99(int port, uint64_t min_sequence) {
  auto stub = accord::v1::QueryService::NewStub(Channel(port));
  // Official names to ask for: the first page of the index.
  std::vector<std::string> names;
  {
    grpc::ClientContext context;
    accord::v1::ListOfficialsRequest request;
    request.set_page_size(500);
    request.set_min_sequence(min_sequence);
    accord::v1::ListOfficialsResponse response;
    if (stub->ListOfficials(&context, request, &response).ok()) {
      for (const auto& o : response.officials()) names.push_back(o.name());
    }
  }
  if (names.empty()) return {};
  std::vector<absl::Duration> get, list;
  int failed = 0;  // failed calls are counted, not timed
  std::mt19937_64 rng(4);
  const int samples = absl::GetFlag(FLAGS_query_samples);
  for (int i = 0; i < samples; ++i) {
    const absl::Time due = absl::Now() + absl::Microseconds(500);  // about 2,000 calls/s, one at a time
    {
      grpc::ClientContext context;
      accord::v1::GetOfficialRequest request;
      request.set_name(names[rng() % names.size()]);
      accord::v1::Official response;
      const absl::Time t = absl::Now();
      if (stub->GetOfficial(&context, request, &response).ok()) {
        get.push_back(absl::Now() - t);
      } else {
        ++failed;
      }
    }
    {
      grpc::ClientContext context;
      accord::v1::ListOfficialsRequest request;
      request.set_page_size(20);
      request.set_country_code(rng() % 2 ? "KH" : "VN");
      accord::v1::ListOfficialsResponse response;
      const absl::Time t = absl::Now();
      if (stub->ListOfficials(&context, request, &response).ok()) {
        list.push_back(absl::Now() - t);
      } else {
        ++failed;
      }
    }
    if (absl::Now() < due) absl::SleepFor(due - absl::Now());
  }
  if (failed > 0) std::cerr << failed << " query calls failed and were left out of the p99\n";
  return {Percentile(get, 99), Percentile(list, 99)};
}

}  // namespace
}  // namespace accord::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  using namespace accord::bench;
  const std::string bin = absl::GetFlag(FLAGS_bin_dir);
  const std::string ingest_bin = bin + "/ingest_service/accord-ingest";
  const std::string query_bin = bin + "/query_service/accord-query";
  const std::string dir = MakeTempDir("scale");
  std::cout << absl::StrFormat("cores: %u; generated ~5 KB articles; data under %s\n",
                               std::thread::hardware_concurrency(), dir);
  std::cout << absl::StrFormat("%10s %12s %12s %12s %10s %10s %12s %12s %12s\n", "articles", "ingest/s",
                               "get p99 ms", "list p99 ms", "ingest B/a", "query B/a", "query RSS MB",
                               "ingest start", "query start");
  uint64_t done = 0;
  double first_get = 0, first_list = 0;
  for (absl::string_view size_text : absl::StrSplit(absl::GetFlag(FLAGS_sizes), ',')) {
    uint64_t size = 0;
    if (!absl::SimpleAtoi(size_text, &size) || size <= done) continue;
    // Start both on the store as it is: the start-up times.
    const absl::Time t0 = absl::Now();
    Child ingest = Spawn(ingest_bin, {"--data_dir=" + dir + "/ingest"}, dir + "/ingest.port", dir + "/ingest.log");
    const absl::Duration ingest_start = (absl::Now() - t0) + TimeToServing(ingest.port, "");
    const absl::Time t1 = absl::Now();
    Child query = Spawn(query_bin, {"--data_dir=" + dir + "/query", absl::StrCat("--ingest=127.0.0.1:", ingest.port)},
                        dir + "/query.port", dir + "/query.log");
    const absl::Duration query_start = (absl::Now() - t1) + TimeToServing(query.port, "accord.v1.QueryService");

    const double rate = IngestRange(ingest.port, done, size);
    done = size;
    // Wait until the replica holds the last article (its name from a validate_only ingest).
    {
      auto istub = accord::v1::IngestService::NewStub(Channel(ingest.port));
      auto qstub = accord::v1::QueryService::NewStub(Channel(query.port));
      accord::v1::IngestArticleRequest last;
      *last.mutable_article() = ArticleGenerator(21, 5000).Generate(size - 1);
      last.set_validate_only(true);
      accord::v1::IngestArticleResponse named;
      grpc::ClientContext ic;
      if (istub->IngestArticle(&ic, last, &named).ok()) {
        const absl::Time deadline = absl::Now() + absl::Minutes(30);
        accord::v1::Article article;
        accord::v1::GetArticleRequest request;
        request.set_name(named.name());
        while (absl::Now() < deadline) {
          grpc::ClientContext context;
          if (qstub->GetArticle(&context, request, &article).ok()) break;
          absl::SleepFor(absl::Milliseconds(50));
        }
      }
    }
    const auto [get_p99, list_p99] = QueryP99(query.port, 0);
    if (first_get == 0) {
      first_get = absl::ToDoubleMilliseconds(get_p99);
      first_list = absl::ToDoubleMilliseconds(list_p99);
    }
    std::cout << absl::StrFormat("%10llu %12.0f %12.3f %12.3f %10.0f %10.0f %12.0f %11.2fs %11.2fs\n",
                                 static_cast<unsigned long long>(size), rate, absl::ToDoubleMilliseconds(get_p99),
                                 absl::ToDoubleMilliseconds(list_p99),
                                 static_cast<double>(DiskBytes(dir + "/ingest")) / size,
                                 static_cast<double>(DiskBytes(dir + "/query")) / size, RssBytes(query.pid) / 1e6,
                                 absl::ToDoubleSeconds(ingest_start), absl::ToDoubleSeconds(query_start));
    if (first_get > 0) {
      std::cout << absl::StrFormat("%10s p99 vs the first size: get %.2fx, list %.2fx (target <= 2x)\n", "",
                                   absl::ToDoubleMilliseconds(get_p99) / first_get,
                                   absl::ToDoubleMilliseconds(list_p99) / first_list);
    }
    std::cout << std::flush;  // each size as it is measured: a 1M run takes a while
    Stop(query);
    Stop(ingest);
  }
  RemoveTree(dir);
  return 0;
}
