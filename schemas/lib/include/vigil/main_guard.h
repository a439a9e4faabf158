#pragma once
// The one catch site of both binaries: runs a main body and maps whatever escapes it to a message
// on stderr and the shared exit code (see errors.h). Header-only, so vigil_schema itself does not
// depend on Xapian; both binaries link it anyway.

#include <xapian.h>

#include <exception>
#include <string>

#include "vigil/errors.h"
#include "vigil/log.h"

namespace vigil {

// Returns body()'s exit code, or: 2 for ConfigError, 3 for RuntimeError, Xapian::Error and any
// other exception. `xapian_hint` is printed after a Xapian error (what the user can check).
template <typename Body>
int run_guarded(const Logger& log, const std::string& xapian_hint, Body&& body) {
  try {
    return body();
  } catch (const ConfigError& e) {
    log.error(e.what(), e.hint());
    return kExitUsage;
  } catch (const RuntimeError& e) {
    log.error(e.what(), e.hint());
    return kExitRuntime;
  } catch (const Xapian::Error& e) {
    log.error("index error: " + e.get_description(), xapian_hint);
    return kExitRuntime;
  } catch (const std::exception& e) {
    log.error(e.what());
    return kExitRuntime;
  } catch (...) {
    log.error("unexpected failure");
    return kExitRuntime;
  }
}

}  // namespace vigil
