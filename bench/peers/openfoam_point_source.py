"""OpenFOAM side of bench/bench_eulerian_openfoam.sh: the steady point source in a uniform wind with isotropic K
of bench/bench_eulerian_accuracy.cpp, as a scalarTransportFoam case, and its error against the same exact
solution.

Case (identical to the twinlab run of bench_eulerian_accuracy on the same h): cells of h x h x h metres,
nx = round(180 / h), ny = nz = round(40 / h), x from -10 m, y and z from 0; u = 5 m/s along x, DT = 1 m^2/s;
q = 1 kg/s in the cell that holds (0, 0, 0) (fvOptions scalarSemiImplicitSource, volumeMode absolute); west
face fixedValue 0 (clean inflow), east zeroGradient (outflow), ground, south, north and top zeroGradient with
no normal wind (no flux: the mirror planes of the exact image solution). Implicit Euler (OpenFOAM's default
for this solver) with equal steps deltaT <= courant h / u to t = 40 s, PBiCGStab + DILU to an absolute normalised
residual of 1e-8 per step. Error: relative L2 over the cells 60 m to 120 m downwind of the source cell's centre
against the exact steady solution summed over the images (2 n W, 2 m W), |n|, |m| <= 2, W = 40 m, source at
(x of the source cell's centre, 0, 0) with 4 q (the two closed planes through it).

    /usr/bin/python3 bench/peers/openfoam_point_source.py write CASE_DIR H SCHEME COURANT
    /usr/bin/python3 bench/peers/openfoam_point_source.py error CASE_DIR H     -> prints "CELLS REL_L2"
    /usr/bin/python3 bench/peers/openfoam_point_source.py table TWINLAB_FILE OPENFOAM_FILE
SCHEME is an OpenFOAM divergence scheme for div(phi,T): "limitedLinear 1" or "linear".
TWINLAB_FILE / OPENFOAM_FILE rows: "LABEL H CELLS CPU_S REL_L2" (the table is CPU at equal error).
"""
import glob
import math
import os
import sys

import numpy as np

U, K, Q, W, X0, LENGTH, T_END = 5.0, 1.0, 1.0, 40.0, -10.0, 180.0, 40.0

HEADER = """FoamFile
{{
    version     2.0;
    format      ascii;
    class       {cls};
    object      {obj};
}}
"""


def grid(h):
    nx, nyz = int(round(LENGTH / h)), int(round(W / h))
    i_src = min(int((0.0 - X0) / h), nx - 1)  # StructuredGrid::locate
    return nx, nyz, i_src


def write_case(case, h, scheme, courant):
    nx, nyz, i_src = grid(h)
    x1, yz1 = X0 + nx * h, nyz * h
    xs = X0 + (i_src + 0.5) * h
    dt = T_END / math.ceil(T_END / (courant * h / U) - 1e-9)  # equal steps ending at T_END, Courant <= courant
    files = {
        "system/blockMeshDict": ("dictionary", f"""convertToMeters 1;
vertices ( ({X0} 0 0) ({x1} 0 0) ({x1} {yz1} 0) ({X0} {yz1} 0)
           ({X0} 0 {yz1}) ({x1} 0 {yz1}) ({x1} {yz1} {yz1}) ({X0} {yz1} {yz1}) );
blocks ( hex (0 1 2 3 4 5 6 7) ({nx} {nyz} {nyz}) simpleGrading (1 1 1) );
edges ();
boundary
(
    west   {{ type patch; faces ((0 4 7 3)); }}
    east   {{ type patch; faces ((1 2 6 5)); }}
    south  {{ type patch; faces ((0 1 5 4)); }}
    north  {{ type patch; faces ((3 7 6 2)); }}
    ground {{ type patch; faces ((0 3 2 1)); }}
    top    {{ type patch; faces ((4 5 6 7)); }}
);
mergePatchPairs ();
"""),
        "system/controlDict": ("dictionary", f"""application scalarTransportFoam;
startFrom startTime; startTime 0; stopAt endTime; endTime {T_END}; deltaT {dt!r};
writeControl runTime; writeInterval {T_END}; purgeWrite 0; writeFormat ascii; writePrecision 12;
writeCompression off; timeFormat general; timePrecision 8; runTimeModifiable false;
"""),
        "system/fvSchemes": ("dictionary", f"""ddtSchemes {{ default Euler; }}
gradSchemes {{ default Gauss linear; }}
divSchemes {{ default none; div(phi,T) Gauss {scheme}; }}
laplacianSchemes {{ default none; laplacian(DT,T) Gauss linear corrected; }}
interpolationSchemes {{ default linear; }}
snGradSchemes {{ default corrected; }}
"""),
        "system/fvSolution": ("dictionary", """solvers { T { solver PBiCGStab; preconditioner DILU; tolerance 1e-08; relTol 0; } }
SIMPLE { nNonOrthogonalCorrectors 0; }
"""),
        "constant/transportProperties": ("dictionary", f"DT {K};\n"),
        "constant/fvOptions": ("dictionary", f"""pointSource
{{
    type scalarSemiImplicitSource;
    active yes;
    scalarSemiImplicitSourceCoeffs
    {{
        timeStart 0; duration 1e9;
        selectionMode points;
        points (({xs!r} {0.5 * h!r} {0.5 * h!r}));
        volumeMode absolute;
        injectionRateSuSp {{ T ({Q} 0); }}
    }}
}}
"""),
        "0/U": ("volVectorField", f"""dimensions [0 1 -1 0 0 0 0];
internalField uniform ({U} 0 0);
boundaryField {{ ".*" {{ type fixedValue; value uniform ({U} 0 0); }} }}
"""),
        "0/T": ("volScalarField", """dimensions [0 0 0 0 0 0 0];
internalField uniform 0;
boundaryField
{
    west { type fixedValue; value uniform 0; }
    east { type zeroGradient; }
    "(south|north|ground|top)" { type zeroGradient; }
}
"""),
    }
    for path, (cls, body) in files.items():
        full = os.path.join(case, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(HEADER.format(cls=cls, obj=os.path.basename(path)) + body)


def exact(x, y, z):
    """Steady point source of 4 Q in free space (tests/sim/transport_exact_solutions.hpp), summed over images."""
    c = np.zeros_like(x)
    for n in range(-2, 3):
        for m in range(-2, 3):
            yy, zz = y - 2 * n * W, z - 2 * m * W
            rho = np.sqrt((x * x + yy * yy + zz * zz) / K)
            c += 4.0 * Q / (4.0 * math.pi * K ** 1.5 * rho) * np.exp(U * (x - math.sqrt(K) * rho) / (2.0 * K))
    return c


def read_field(case):
    times = [d for d in glob.glob(os.path.join(case, "*")) if os.path.isfile(os.path.join(d, "T"))]
    latest = max(times, key=lambda d: float(os.path.basename(d)))
    text = open(os.path.join(latest, "T")).read()
    body = text.split("internalField", 1)[1]
    if body.lstrip().startswith("uniform"):
        raise SystemExit("T is uniform: the run did nothing")
    head, rest = body.split("(", 1)
    n = int(head.split()[-1])
    return float(os.path.basename(latest)), np.array(rest.split(")", 1)[0].split(), dtype=float)[:n]


def error(case, h):
    nx, nyz, i_src = grid(h)
    t, c = read_field(case)
    if abs(t - T_END) > 1e-6:
        raise SystemExit(f"last written time {t} is not {T_END}")
    c = c.reshape(nyz, nyz, nx)  # [k][j][i]: blockMesh numbers x fastest, then y, then z
    xs = X0 + (i_src + 0.5) * h
    xc = X0 + (np.arange(nx) + 0.5) * h - xs
    yc = (np.arange(nyz) + 0.5) * h
    zz, yy, xx = np.meshgrid(yc, yc, xc, indexing="ij")
    mask = (xx >= 60.0) & (xx <= 120.0)
    e = exact(xx[mask], yy[mask], zz[mask])
    rel = math.sqrt(np.sum((c[mask] - e) ** 2) / np.sum(e * e))
    print(nx * nyz * nyz, rel)


def cpu_at(rows, err):
    """CPU s at a given error by log-log interpolation between the two grid levels that bracket it."""
    rows = sorted(rows, key=lambda r: -r[2])
    for a, b in zip(rows, rows[1:]):
        if (a[2] - err) * (b[2] - err) <= 0.0 and a[2] != b[2]:
            t = math.log(err / a[2]) / math.log(b[2] / a[2])
            return math.exp(math.log(a[1]) + t * math.log(b[1] / a[1]))
    return float("nan")


def table(twinlab_file, openfoam_file):
    def rows(path):
        out = {}
        for line in open(path):
            p = line.split()
            if len(p) == 5:
                out.setdefault(p[0], []).append((float(p[1]), float(p[3]), float(p[4])))  # h, cpu, error
        return out

    tw = rows(twinlab_file)
    of = rows(openfoam_file) if os.path.exists(openfoam_file) else {}
    labels = sorted(tw)
    print(f"{'OpenFOAM scheme':<16} {'h [m]':>6} {'rel. L2':>10} {'OpenFOAM CPU s':>15}" +
          "".join(f" {l + ' CPU s':>23} {'ratio':>7}" for l in labels))
    for scheme, runs in of.items():
        for h, cpu, err in runs:
            line = f"{scheme:<16} {h:>6.2f} {err:>10.3e} {cpu:>15.3f}"
            for l in labels:
                t = cpu_at(tw[l], err)
                line += f" {t:>23.4f} {cpu / t:>6.1f}x" if t == t else f" {'outside its levels':>23} {'-':>7}"
            print(line)
    print("ratio = OpenFOAM CPU s / twinlab CPU s at OpenFOAM's error (twinlab interpolated log-log between the "
          "two of its grid levels that bracket that error)")


def main():
    cmd = sys.argv[1]
    if cmd == "write":
        write_case(sys.argv[2], float(sys.argv[3]), sys.argv[4], float(sys.argv[5]))
    elif cmd == "error":
        error(sys.argv[2], float(sys.argv[3]))
    elif cmd == "table":
        table(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
