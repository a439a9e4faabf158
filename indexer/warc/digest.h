#pragma once
// SHA-1 digests in the form WARC writers (Heritrix, wget, warcio) put in WARC-Block-Digest and
// WARC-Payload-Digest: "sha1:" followed by the 20-byte digest in RFC 4648 base32 (32 letters and
// digits, no padding needed). SHA-1 comes from OpenSSL's libcrypto.

#include <string>
#include <string_view>

namespace vigil::warc {

// An incremental SHA-1. Throws RuntimeError when libcrypto cannot provide one (out of memory).
// Not copyable; one object per digest; not thread-safe.
class Sha1 {
 public:
  Sha1();
  ~Sha1();
  Sha1(const Sha1&) = delete;
  Sha1& operator=(const Sha1&) = delete;
  Sha1(Sha1&&) = delete;
  Sha1& operator=(Sha1&&) = delete;

  void update(std::string_view data);
  // "sha1:" + base32 of the digest of everything updated so far. Call once.
  std::string finish_labelled();

 private:
  void* context_;  // EVP_MD_CTX, kept out of this header
};

// RFC 4648 base32 (alphabet A-Z 2-7, '=' padding to a multiple of 8 characters).
std::string base32(std::string_view bytes);

// "sha1:" + base32(SHA-1(data)).
std::string sha1_label(std::string_view data);

}  // namespace vigil::warc
