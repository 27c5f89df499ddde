#include "shared/security/bearer_token_gate.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "shared/security/token_file.h"

namespace accord::security {

std::unique_ptr<BearerTokenGate> BearerTokenGate::Open() {
  return std::unique_ptr<BearerTokenGate>(new BearerTokenGate("", {}));
}

absl::StatusOr<std::unique_ptr<BearerTokenGate>> BearerTokenGate::FromFile(const std::string& group,
                                                                           const std::string& token_file) {
  if (token_file.empty()) return Open();
  absl::StatusOr<std::vector<std::string>> tokens = ReadTokenFile(token_file);
  if (!tokens.ok()) return tokens.status();
  return std::unique_ptr<BearerTokenGate>(new BearerTokenGate(group, std::move(*tokens)));
}

grpc::Status BearerTokenGate::Check(std::string_view authorization, bool present) const {
  if (open()) return grpc::Status::OK;
  constexpr absl::string_view kScheme = "bearer ";
  absl::string_view header(authorization.data(), authorization.size());
  if (!present || header.size() <= kScheme.size() ||
      !absl::EqualsIgnoreCase(header.substr(0, kScheme.size()), kScheme)) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        absl::StrCat("authorization: ", group_, " need the metadata \"authorization: Bearer TOKEN\""));
  }
  const absl::string_view presented = absl::StripAsciiWhitespace(header.substr(kScheme.size()));
  // Compare against every accepted token, so the time does not tell which one matched.
  bool accepted = false;
  for (const std::string& token : tokens_) {
    accepted |= ConstantTimeEquals(std::string_view(presented.data(), presented.size()), token);
  }
  if (!accepted) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                        absl::StrCat("authorization: the bearer token is not accepted for ", group_));
  }
  return grpc::Status::OK;
}

grpc::Status BearerTokenGate::Check(const grpc::ServerContextBase& context) const {
  if (open()) return grpc::Status::OK;
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return Check("", false);
  return Check(std::string_view(it->second.data(), it->second.size()), true);
}

}  // namespace accord::security
