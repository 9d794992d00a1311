#include "viz/render_window.hpp"

#include <stdexcept>

#include <vtkImageData.h>
#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkWindowToImageFilter.h>

#include "base/atomic_file.hpp"
#include "viz/offscreen_display.hpp"

namespace twinlab::viz {

vtkSmartPointer<vtkRenderWindow> make_offscreen_window(int width_px, int height_px) {
  ensure_display();
  auto window = vtkSmartPointer<vtkRenderWindow>::New();
  window->SetOffScreenRendering(1);
  window->SetMultiSamples(0);
  window->SetSize(width_px, height_px);
  return window;
}

vtkSmartPointer<vtkRenderer> add_renderer(vtkRenderWindow* window, double x0, double y0, double x1, double y1) {
  auto renderer = vtkSmartPointer<vtkRenderer>::New();
  renderer->SetViewport(x0, y0, x1, y1);
  renderer->SetBackground(kWhite[0], kWhite[1], kWhite[2]);
  window->AddRenderer(renderer);
  return renderer;
}

void write_window_png(vtkRenderWindow* window, const std::filesystem::path& path) {
  window->Render();
  auto grab = vtkSmartPointer<vtkWindowToImageFilter>::New();
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();
  grab->ReadFrontBufferOff();
  grab->Update();
  base::write_file_atomically(path, [&](const std::filesystem::path& temporary) {
    auto writer = vtkSmartPointer<vtkPNGWriter>::New();
    writer->SetFileName(temporary.string().c_str());
    writer->SetInputConnection(grab->GetOutputPort());
    writer->Write();
    if (writer->GetErrorCode() != 0) throw std::runtime_error("cannot write the PNG " + path.string());
  });
}

}  // namespace twinlab::viz
