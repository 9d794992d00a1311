#pragma once
// Internal to viz/ (includes VTK): an off-screen render window on the display ensure_display() provides,
// and writing what it shows to a PNG file atomically.
#include <filesystem>

#include <vtkSmartPointer.h>

class vtkRenderWindow;
class vtkRenderer;

namespace twinlab::viz {

inline constexpr double kWhite[3] = {1.0, 1.0, 1.0};

// width x height pixels, off-screen, no multisampling (pixels are reproducible). Throws RenderUnavailable.
vtkSmartPointer<vtkRenderWindow> make_offscreen_window(int width_px, int height_px);

// A renderer over the viewport (normalised [x0, y0, x1, y1], origin bottom left) with a white background.
vtkSmartPointer<vtkRenderer> add_renderer(vtkRenderWindow* window, double x0, double y0, double x1, double y1);

// Renders the window and writes its RGB pixels as a PNG (temporary name, then rename).
void write_window_png(vtkRenderWindow* window, const std::filesystem::path& path);

}  // namespace twinlab::viz
