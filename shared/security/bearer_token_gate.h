// Guards a group of RPCs with bearer tokens ("authorization: Bearer TOKEN"
// in the call's metadata). A gate made without a token file lets every call
// through; one made from a file accepts exactly the file's tokens, compared
// in constant time. Statuses name the header and the RPC group, never a
// token. Thread-safe (immutable after construction).
#ifndef ACCORD_SHARED_SECURITY_BEARER_TOKEN_GATE_H_
#define ACCORD_SHARED_SECURITY_BEARER_TOKEN_GATE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"

namespace accord::security {

class BearerTokenGate {
 public:
  // A gate that lets everything through.
  static std::unique_ptr<BearerTokenGate> Open();
  // A gate for `group` (e.g. "writes"; used in statuses) accepting the tokens
  // of `token_file`. An empty path makes an open gate.
  static absl::StatusOr<std::unique_ptr<BearerTokenGate>> FromFile(const std::string& group,
                                                                   const std::string& token_file);

  bool open() const { return tokens_.empty(); }

  // OK when the gate is open or `authorization` is "Bearer <an accepted
  // token>" (scheme case-insensitive). UNAUTHENTICATED when no bearer
  // credentials came; PERMISSION_DENIED when they are not accepted.
  grpc::Status Check(std::string_view authorization, bool present) const;
  // Check on the call's "authorization" metadata.
  grpc::Status Check(const grpc::ServerContextBase& context) const;

 private:
  BearerTokenGate(std::string group, std::vector<std::string> tokens)
      : group_(std::move(group)), tokens_(std::move(tokens)) {}

  std::string group_;
  std::vector<std::string> tokens_;
};

}  // namespace accord::security

#endif  // ACCORD_SHARED_SECURITY_BEARER_TOKEN_GATE_H_
