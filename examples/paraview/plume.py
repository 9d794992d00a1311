"""ParaView: a dispersion run's ground-level concentration with its sources and sensors.

    pvpython examples/paraview/plume.py RUN_DIR [--model plume|eulerian] [--screenshot plume.png]

(or ParaView's Python shell: `exec(open("examples/paraview/plume.py").read())` after setting sys.argv).
Loads RUN_DIR/vtk/ of `twinlab run` (docs/data-format.md, "vtk/"): the plume model's ground-level series
(plume.pvd; plume_statistics.vti when only statistics were kept), or the Eulerian model's 3-D series
(eulerian.pvd) sliced at its lowest cell layer; colours it by concentration on a log scale with a colour bar
in the files' units (kg m-3, the field data `concentration_units`); shows the sources and sensors of sites.vtp
as labelled points; steps through the simulated seconds of the .pvd. Needs ParaView (Debian: paraview). Not
run by the tests (ParaView is not installed there): the file and array names it relies on are the constants
below, checked against a real run by tests/e2e/test_paraview_files.py, which also compiles this file.
"""
import argparse
import pathlib

# Names in a run's vtk/ folder this script relies on.
PLUME_SERIES = "plume.pvd"
PLUME_STATISTICS = "plume_statistics.vti"
EULERIAN_SERIES = "eulerian.pvd"
SITES = "sites.vtp"
CONCENTRATION = "concentration"            # point data of plume frames, cell data of Eulerian frames
STATISTICS_ARRAY = "concentration_max"     # point data of plume_statistics.vti
CONCENTRATION_UNITS = "concentration_units"  # field data: the units of the concentration arrays
SITE_NAME = "name"                         # point data of sites.vtp
SITE_KIND = "kind"                         # point data of sites.vtp: "source" or "receptor"
SITE_KINDS = ("source", "receptor")


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=pathlib.Path, help="output directory of `twinlab run` (holds vtk/)")
    parser.add_argument("--model", choices=("plume", "eulerian"), default="plume")
    parser.add_argument("--screenshot", type=pathlib.Path, help="save the last frame as a PNG and exit")
    return parser.parse_args(argv)


def concentration_source(simple, vtk_dir, model):
    """(pipeline object, association, array) of the ground-level concentration."""
    if model == "eulerian":
        series = simple.PVDReader(FileName=str(vtk_dir / EULERIAN_SERIES))
        series.UpdatePipeline()
        bounds = series.GetDataInformation().GetBounds()
        ground = simple.Slice(Input=simple.CellDatatoPointData(Input=series))
        ground.SliceType = "Plane"
        ground.SliceType.Normal = [0.0, 0.0, 1.0]
        ground.SliceType.Origin = [0.0, 0.0, bounds[4] + 1e-3 * (bounds[5] - bounds[4])]  # lowest layer
        return ground, "POINTS", CONCENTRATION
    if (vtk_dir / PLUME_SERIES).exists():
        return simple.PVDReader(FileName=str(vtk_dir / PLUME_SERIES)), "POINTS", CONCENTRATION
    return simple.XMLImageDataReader(FileName=[str(vtk_dir / PLUME_STATISTICS)]), "POINTS", STATISTICS_ARRAY


def main(argv=None):
    args = arguments(argv)
    from paraview import servermanager, simple  # pvpython only: imported here so the constants load anywhere

    vtk_dir = args.run / "vtk"
    view = simple.GetActiveViewOrCreate("RenderView")
    field, association, array = concentration_source(simple, vtk_dir, args.model)
    shown = simple.Show(field, view)
    simple.ColorBy(shown, (association, array))
    lut = simple.GetColorTransferFunction(array)
    lut.UseLogScale = 1
    shown.SetScalarBarVisibility(view, True)
    bar = simple.GetScalarBar(lut, view)
    bar.Title = f"{array} [kg m-3]"

    sites = simple.XMLPolyDataReader(FileName=[str(vtk_dir / SITES)])
    points = simple.Show(sites, view)
    points.SetRepresentationType("Points")
    points.PointSize = 12
    points.RenderPointsAsSpheres = 1
    simple.ColorBy(points, ("POINTS", SITE_KIND))
    kinds = simple.GetColorTransferFunction(SITE_KIND)  # a text array: one colour per kind
    kinds.InterpretValuesAsCategories = 1
    kinds.Annotations = [k for kind in SITE_KINDS for k in (kind, kind)]
    kinds.IndexedColors = [1.0, 0.0, 0.0, 1.0, 1.0, 1.0]  # sources red, sensors white
    data = servermanager.Fetch(sites)
    names = data.GetPointData().GetAbstractArray(SITE_NAME)
    for i in range(data.GetNumberOfPoints()):  # a label beside each source and sensor
        x, y, z = data.GetPoint(i)
        label = simple.Text(Text=names.GetValue(i))
        text = simple.Show(label, view)
        text.TextPropMode = "Billboard 3D Text"
        text.BillboardPosition = [x, y, z + 20.0]
        text.FontSize = 14

    view.InteractionMode = "2D"
    view.CameraPosition = [0.0, 0.0, 1.0]
    view.CameraViewUp = [0.0, 1.0, 0.0]
    simple.ResetCamera(view)
    scene = simple.GetAnimationScene()
    scene.UpdateAnimationUsingDataTimeSteps()  # the .pvd's times: simulated seconds
    if args.screenshot:
        scene.AnimationTime = scene.EndTime
        simple.SaveScreenshot(str(args.screenshot), view, ImageResolution=[1200, 800])
        return
    simple.Render(view)
    simple.Interact(view)


if __name__ == "__main__":
    main()
