#!/usr/bin/python3
"""Writes a synthetic year of hourly meteorology in twinlab's meteorology CSV format.

    /usr/bin/python3 scripts/make_site_year_met.py > scenarios/examples/data/site_year_met.csv

Method (docs/dispersion.md, "A synthetic year"): 8 760 hours of 2025 in local standard time (UTC+01:00) at a
lowland site near 51 N, every draw from one seeded NumPy generator (seed 14), so the file is reproducible:
- cloud cover (oktas 0..8): a Markov chain whose hourly transition weights fall with the jump (stay 8, +-1 2,
  +-2 0.5, +-3 0.1) and lean towards 6 oktas in winter and 4 in summer;
- temperature at 2 m: 10 degC + 8 K seasonal cosine (warmest on 20 July) + a diurnal cosine peaking at 15:00
  whose amplitude (5 K) shrinks with cloud (to 1.5 K under overcast), + AR(1) weather noise (lag-1 0.97,
  0.35 K innovations);
- wind speed at 10 m: log-normal AR(1) (lag-1 0.93) around 3.6 m/s, 10 % stronger in winter and 25 % stronger
  in the afternoon than at night; light-wind hours below 0.5 m/s occur and are calms;
- wind direction: a prevailing south-westerly (235 deg) plus a mean-reverting random walk (lag-1 0.97,
  12 deg steps), wrapped to [0, 360);
- missing records: 20 bursts of 1-6 hours flagged missing=1 (instrument outages), and one 3-hour gap with no
  rows at all (a logger restart), both of which twinlab skips and counts.
"""
import sys

import numpy as np

SEED = 14
HOURS = 8760
rng = np.random.default_rng(SEED)
hour_of_day = np.arange(HOURS) % 24
day_of_year = np.arange(HOURS) // 24 + 1
season = np.cos(2 * np.pi * (day_of_year - 201) / 365.0)  # +1 on 20 July, -1 in mid-January

# Cloud cover: Markov chain over 0..8 oktas.
levels = np.arange(9)
jump_weight = {0: 8.0, 1: 2.0, 2: 0.5, 3: 0.1}
cloud = np.empty(HOURS, dtype=int)
state = 6
for t in range(HOURS):
    centre = 5.0 - 1.0 * season[t]
    w = np.array([jump_weight.get(abs(j - state), 0.0) for j in levels])
    w *= np.exp(-0.08 * (levels - centre) ** 2)
    state = rng.choice(levels, p=w / w.sum())
    cloud[t] = state

# Temperature.
noise = np.empty(HOURS)
x = 0.0
for t in range(HOURS):
    x = 0.97 * x + rng.normal(0.0, 0.35)
    noise[t] = x
diurnal_amplitude = 5.0 - 3.5 * cloud / 8.0
temperature = 10.0 + 8.0 * season + diurnal_amplitude * np.cos(2 * np.pi * (hour_of_day - 15) / 24.0) + noise

# Wind speed.
log_speed = np.empty(HOURS)
y = 0.0
for t in range(HOURS):
    y = 0.93 * y + rng.normal(0.0, 0.22)
    log_speed[t] = y
speed = 3.6 * np.exp(log_speed - 0.5 * 0.22**2 / (1 - 0.93**2)) * (1.0 - 0.10 * season) \
    * (1.0 + 0.125 * np.cos(2 * np.pi * (hour_of_day - 15) / 24.0))

# Wind direction.
direction = np.empty(HOURS)
d = 0.0
for t in range(HOURS):
    d = 0.97 * d + rng.normal(0.0, 12.0)
    direction[t] = (235.0 + d) % 360.0

missing = np.zeros(HOURS, dtype=int)
for start in rng.integers(24, HOURS - 24, size=20):
    missing[start:start + rng.integers(1, 7)] = 1
absent = set(range(5000, 5003))  # a 3-hour logger restart: no rows

out = sys.stdout
out.write("# Synthetic year of hourly meteorology for scenarios/examples/site_year.yaml, written by\n")
out.write("# scripts/make_site_year_met.py (seed 14; method in its docstring and docs/dispersion.md). Not measured data.\n")
out.write("time,wind_speed@10m[m/s],wind_direction[deg],temperature@2m[degC],cloud_cover[oktas],missing\n")
for t in range(HOURS):
    if t in absent:
        continue
    day = str(np.datetime64("2025-01-01") + np.timedelta64(int(t // 24), "D"))
    stamp = f"{day}T{t % 24:02d}:00+01:00"
    if missing[t]:
        out.write(f"{stamp},,,,,1\n")
    else:
        out.write(f"{stamp},{speed[t]:.2f},{direction[t]:.0f},{temperature[t]:.1f},{cloud[t]},0\n")
