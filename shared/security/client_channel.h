// A client's connection to an Accord service: the channel (plaintext or TLS,
// see tls_credentials.h) and the bearer token it presents, if any.
#ifndef ACCORD_SHARED_SECURITY_CLIENT_CHANNEL_H_
#define ACCORD_SHARED_SECURITY_CLIENT_CHANNEL_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/channel_arguments.h"
#include "shared/security/tls_credentials.h"

namespace accord::security {

struct ClientSecurity {
  ClientTlsFiles tls;
  std::string token_file;  // empty = no bearer token
};

struct ClientChannel {
  std::shared_ptr<grpc::Channel> channel;
  std::string bearer_token;  // empty = none

  // Adds "authorization: Bearer TOKEN" to `context` when there is a token.
  void Authorize(grpc::ClientContext* context) const {
    if (!bearer_token.empty()) context->AddMetadata("authorization", "Bearer " + bearer_token);
  }
};

// A channel to `target` (HOST:PORT) with `args`. Errors name the flags: the
// TLS ones by `tls_flag_prefix` (e.g. "tls" gives "tls_ca_file: ..."), the
// token file by `token_flag`.
absl::StatusOr<ClientChannel> MakeClientChannel(const std::string& target, const ClientSecurity& security,
                                                const std::string& tls_flag_prefix, const std::string& token_flag,
                                                grpc::ChannelArguments args = {});

}  // namespace accord::security

#endif  // ACCORD_SHARED_SECURITY_CLIENT_CHANNEL_H_
