#include "shared/security/client_channel.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "shared/security/token_file.h"

namespace accord::security {

absl::StatusOr<ClientChannel> MakeClientChannel(const std::string& target, const ClientSecurity& security,
                                                const std::string& tls_flag_prefix, const std::string& token_flag,
                                                grpc::ChannelArguments args) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      MakeChannelCredentials(security.tls, tls_flag_prefix, &args);
  if (!credentials.ok()) return credentials.status();
  ClientChannel result;
  if (!security.token_file.empty()) {
    absl::StatusOr<std::string> token = ReadClientToken(security.token_file);
    if (!token.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(token_flag, ": ", token.status().message()));
    }
    result.bearer_token = std::move(*token);
  }
  result.channel = grpc::CreateCustomChannel(target, *credentials, args);
  return result;
}

}  // namespace accord::security
