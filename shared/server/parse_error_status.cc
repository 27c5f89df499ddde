#include "shared/server/parse_error_status.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace accord::server {
namespace {

class ParseErrorStatus final : public grpc::experimental::Interceptor {
 public:
  explicit ParseErrorStatus(grpc::experimental::ServerRpcInfo* info) : info_(info) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED && status.error_message().empty()) {
        const std::string type = RequestTypeOf(info_->method());
        if (!type.empty()) {
          methods->ModifySendStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, UnparsableRequestMessage(type)));
        }
      }
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
};

}  // namespace

std::string RequestTypeOf(const char* method_path) {
  if (method_path == nullptr || method_path[0] != '/') return "";
  std::string name(method_path + 1);
  const size_t slash = name.find('/');
  if (slash == std::string::npos) return "";
  name[slash] = '.';
  const google::protobuf::MethodDescriptor* method =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(name);
  return method == nullptr ? "" : method->input_type()->full_name();
}

grpc::experimental::Interceptor* ParseErrorStatusFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new ParseErrorStatus(info);
}

std::string UnparsableRequestMessage(const std::string& type) {
  return absl::StrCat("request: does not parse as ", type,
                      " (malformed protobuf, or a string field that is not valid UTF-8)");
}

}  // namespace accord::server
