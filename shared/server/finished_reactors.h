// Streaming reactors that end their call at once with a status: what a
// streaming handler returns when it refuses the call (not authorized, over a
// limit). Each owns itself and is deleted when gRPC is done with it.
#ifndef ACCORD_SHARED_SERVER_FINISHED_REACTORS_H_
#define ACCORD_SHARED_SERVER_FINISHED_REACTORS_H_

#include "grpcpp/support/server_callback.h"
#include "grpcpp/support/status.h"

namespace accord::server {

template <typename Request, typename Response>
class FinishedBidiReactor final : public grpc::ServerBidiReactor<Request, Response> {
 public:
  explicit FinishedBidiReactor(const grpc::Status& status) { this->Finish(status); }
  void OnDone() override { delete this; }
};

template <typename Response>
class FinishedWriteReactor final : public grpc::ServerWriteReactor<Response> {
 public:
  explicit FinishedWriteReactor(const grpc::Status& status) { this->Finish(status); }
  void OnDone() override { delete this; }
};

}  // namespace accord::server

#endif  // ACCORD_SHARED_SERVER_FINISHED_REACTORS_H_
