// A server interceptor that logs one line per call when it ends:
//   rpc=/accord.v1.QueryService/GetOfficial status=NOT_FOUND ms=0.41 peer=ipv4:127.0.0.1:50512
// Request contents (article text, tokens) are never logged.
#ifndef ACCORD_SHARED_SERVER_CALL_LOGGER_H_
#define ACCORD_SHARED_SERVER_CALL_LOGGER_H_

#include "grpcpp/support/server_interceptor.h"

namespace accord::server {

class CallLoggerFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;
};

// The canonical name of a status code: "OK", "INVALID_ARGUMENT", ...
const char* StatusCodeName(int code);

}  // namespace accord::server

#endif  // ACCORD_SHARED_SERVER_CALL_LOGGER_H_
