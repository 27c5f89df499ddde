// The one place absl::Status becomes grpc::Status.
#ifndef ACCORD_SHARED_RPC_GRPC_STATUS_H_
#define ACCORD_SHARED_RPC_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace accord::rpc {

// Same code (the canonical codes are shared), same message.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The reverse, for clients of Accord's own services.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace accord::rpc

#endif  // ACCORD_SHARED_RPC_GRPC_STATUS_H_
