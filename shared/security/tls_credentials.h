// TLS for Accord's servers and clients, from PEM files named by flags.
// Without a certificate the server is plaintext; with a client CA it requires
// and verifies client certificates (mutual TLS). A client with a CA file uses
// TLS and verifies the server against that CA; with a certificate and key it
// also presents them.
#ifndef ACCORD_SHARED_SECURITY_TLS_CREDENTIALS_H_
#define ACCORD_SHARED_SECURITY_TLS_CREDENTIALS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace accord::security {

struct ServerTlsFiles {
  std::string cert_file;       // PEM certificate chain; empty = plaintext
  std::string key_file;        // PEM private key; required with cert_file
  std::string client_ca_file;  // PEM CA bundle; set = mutual TLS
};

struct ClientTlsFiles {
  std::string ca_file;    // PEM CA bundle to verify the server; empty = plaintext
  std::string cert_file;  // PEM client certificate chain, for mutual TLS
  std::string key_file;   // its private key
  // Name to verify the server's certificate against instead of the target's
  // host (for certificates issued to a DNS name reached by address).
  std::string server_name;
};

// `flag_prefix` names the flags in errors, e.g. "tls" gives "tls_key_file: ...".
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(const ServerTlsFiles& files,
                                                                               const std::string& flag_prefix);

// Credentials for a channel; sets the server-name override in `args` when asked.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(const ClientTlsFiles& files,
                                                                                 const std::string& flag_prefix,
                                                                                 grpc::ChannelArguments* args);

}  // namespace accord::security

#endif  // ACCORD_SHARED_SECURITY_TLS_CREDENTIALS_H_
