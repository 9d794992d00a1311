#pragma once
// A display for VTK's render windows. Debian's VTK 9.1 renders through X only (no EGL or OSMesa build), and
// its X window aborts the process when no X server answers. ensure_display() is called before any window is
// made: when $DISPLAY names a server that answers it is used; otherwise a private virtual server (Xvfb) is
// started on a free display number, $DISPLAY is pointed at it, and it is stopped when the process exits.
// $TWINLAB_XVFB names the Xvfb program (default "Xvfb", looked up on PATH).
#include <stdexcept>
#include <string>

namespace twinlab::viz {

// Thrown when no display can be had: the message is one line saying why and what to install or set.
class RenderUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Returns once a display answers (at most one Xvfb is started per process); throws RenderUnavailable.
void ensure_display();

// "" when ensure_display() would succeed, else its message (for tests that must skip, not fail).
std::string display_problem();

}  // namespace twinlab::viz
