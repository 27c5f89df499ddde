#include "shared/server/call_logger.h"

#include <cstring>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "grpcpp/server_context.h"
#include "shared/log/log.h"

namespace accord::server {
namespace {

class CallLogger final : public grpc::experimental::Interceptor {
 public:
  explicit CallLogger(grpc::experimental::ServerRpcInfo* info) : info_(info), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      const char* method = info_->method();
      // Health probes come every few seconds: log them only when they fail.
      const bool probe = method != nullptr && std::strncmp(method, "/grpc.health.v1.", 16) == 0;
      if (!probe || !status.ok()) {
        ACCORD_LOG(Info) << absl::StrFormat("rpc=%s status=%s ms=%.2f peer=%s", method ? method : "?",
                                            StatusCodeName(status.error_code()),
                                            absl::ToDoubleMilliseconds(absl::Now() - start_),
                                            info_->server_context()->peer());
      }
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  absl::Time start_;
};

}  // namespace

grpc::experimental::Interceptor* CallLoggerFactory::CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) {
  return new CallLogger(info);
}

const char* StatusCodeName(int code) {
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "ALREADY_EXISTS",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  return code >= 0 && code < 17 ? kNames[code] : "UNKNOWN_CODE";
}

}  // namespace accord::server
