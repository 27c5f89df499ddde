// gRPC C++ 1.51 answers a request that does not parse (malformed protobuf,
// or a string field holding invalid UTF-8) with UNIMPLEMENTED and an empty
// message (grpc/grpc#30454), which tells a client nothing true. This server
// interceptor rewrites exactly that case, for methods the server does
// implement, into INVALID_ARGUMENT naming the request type and the reasons.
#ifndef ACCORD_SHARED_SERVER_PARSE_ERROR_STATUS_H_
#define ACCORD_SHARED_SERVER_PARSE_ERROR_STATUS_H_

#include <string>

#include "grpcpp/support/server_interceptor.h"

namespace accord::server {

class ParseErrorStatusFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override;
};

// The full name of the request message of gRPC method path "/pkg.Service/Method",
// from the generated descriptors linked into the binary; empty when unknown.
std::string RequestTypeOf(const char* method_path);

// The INVALID_ARGUMENT message for a request of message type `type` that does not parse.
std::string UnparsableRequestMessage(const std::string& type);

}  // namespace accord::server

#endif  // ACCORD_SHARED_SERVER_PARSE_ERROR_STATUS_H_
