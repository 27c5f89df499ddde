// Starts the real accord-ingest and accord-query binaries for integration
// tests, on 127.0.0.1 port 0, with data dirs under a test's temp dir.
#ifndef ACCORD_TESTS_TESTING_SERVICE_PROCESSES_H_
#define ACCORD_TESTS_TESTING_SERVICE_PROCESSES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "accord/v1/ingest_service.grpc.pb.h"
#include "accord/v1/query_service.grpc.pb.h"
#include "grpcpp/channel.h"
#include "tests/testing/subprocess.h"

namespace accord::testing {

// One running service binary and a channel to it.
struct ServiceProcess {
  std::unique_ptr<Subprocess> process;
  int port = 0;
  std::shared_ptr<grpc::Channel> channel;
};

// Starts `binary` with `args` plus --listen (127.0.0.1:`port`, 0 = any) and
// --port_file; waits until it listens. port == 0 in the result on failure.
ServiceProcess StartService(const std::string& binary, std::vector<std::string> args, const std::string& work_dir,
                            const std::string& name, int port = 0);

// Polls grpc.health.v1 Check(`service`) until SERVING or the timeout; true when serving.
bool WaitForServing(const std::shared_ptr<grpc::Channel>& channel, const std::string& service, absl::Duration timeout);

// Every record the query service holds, each list in its API order, as
// deterministic serialized bytes: equal digests mean equal replicas.
std::vector<std::string> QueryDigest(accord::v1::QueryService::Stub& stub);

}  // namespace accord::testing

#endif  // ACCORD_TESTS_TESTING_SERVICE_PROCESSES_H_
