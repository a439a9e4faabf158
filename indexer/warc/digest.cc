#include "warc/digest.h"

#include <openssl/evp.h>

#include <cstdint>

#include "vigil/errors.h"

namespace vigil::warc {

Sha1::Sha1() : context_(EVP_MD_CTX_new()) {
  auto* context = static_cast<EVP_MD_CTX*>(context_);
  if (context == nullptr || EVP_DigestInit_ex(context, EVP_sha1(), nullptr) != 1) {
    EVP_MD_CTX_free(context);
    throw RuntimeError("libcrypto cannot compute SHA-1 digests");
  }
}

Sha1::~Sha1() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_)); }

void Sha1::update(std::string_view data) {
  if (EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(context_), data.data(), data.size()) != 1) {
    throw RuntimeError("libcrypto failed computing a SHA-1 digest");
  }
}

std::string Sha1::finish_labelled() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(context_), digest, &size) != 1) {
    throw RuntimeError("libcrypto failed computing a SHA-1 digest");
  }
  std::string out = "sha1:";
  out += base32(std::string_view(reinterpret_cast<const char*>(digest), size));
  return out;
}

std::string base32(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve((bytes.size() + 4) / 5 * 8);
  std::uint32_t buffer = 0;  // holds fewer than 13 pending bits
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kAlphabet[(buffer >> bits) & 0x1F];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 0x1F];
  while (out.size() % 8 != 0) out += '=';
  return out;
}

std::string sha1_label(std::string_view data) {
  Sha1 sha1;
  sha1.update(data);
  return sha1.finish_labelled();
}

}  // namespace vigil::warc
