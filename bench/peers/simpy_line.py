"""SimPy peer of bench_line: the same five-station serial line written the ordinary SimPy 2.3 way.

Five machines in series, each with exponential processing times of mean 1 s; unlimited raw material in front
of the first; a buffer of 5 parts in front of every other machine; a machine that finishes holds its part
until the buffer downstream has room (blocking after service). One SimPy process per machine, one Level
per buffer. Counts station services (completed processing times) and parts leaving the last machine up to
the horizon.

Run by build/bench/bench_line with Debian's /usr/bin/python3 (python3-simpy 2.3):
    /usr/bin/python3 bench/peers/simpy_line.py HORIZON_S SEED
Prints one line: "SERVICES PARTS_OUT THROUGHPUT_PER_S THROUGHPUT_STDERR CPU_S", where CPU_S is the process
CPU time of the simulation alone (interpreter start-up and imports excluded) and THROUGHPUT_STDERR is the
standard error of the throughput from 20 batch means.
"""
import random
import sys
import time

from SimPy.Simulation import Level, Process, activate, hold, get, put, initialize, now, simulate

STATIONS = 5
BUFFER = 5
MEAN_S = 1.0
BATCHES = 20


class Counts:
    def __init__(self, horizon_s):
        self.services = 0
        self.parts_out = 0
        self.batch_parts = [0] * BATCHES
        self.batch_s = horizon_s / BATCHES


class Machine(Process):
    def __init__(self, inbound, outbound, draw, counts):
        Process.__init__(self)
        self.inbound, self.outbound, self.draw, self.counts = inbound, outbound, draw, counts

    def work(self):
        while True:
            if self.inbound is not None:
                yield get, self, self.inbound, 1
            yield hold, self, self.draw()
            self.counts.services += 1
            if self.outbound is not None:
                yield put, self, self.outbound, 1
            else:
                self.counts.parts_out += 1
                self.counts.batch_parts[min(int(now() / self.counts.batch_s), BATCHES - 1)] += 1


def run(horizon_s, seed):
    rng = random.Random(seed)
    rate = 1.0 / MEAN_S
    draw = lambda: rng.expovariate(rate)  # noqa: E731 (one shared stream, as in the C++ baseline)
    counts = Counts(horizon_s)
    initialize()
    buffers = [Level(capacity=BUFFER, initialBuffered=0) for _ in range(STATIONS - 1)]
    for i in range(STATIONS):
        m = Machine(buffers[i - 1] if i > 0 else None, buffers[i] if i < STATIONS - 1 else None, draw, counts)
        activate(m, m.work())
    simulate(until=horizon_s)
    return counts


def main():
    horizon_s, seed = float(sys.argv[1]), int(sys.argv[2])
    t0 = time.process_time()
    counts = run(horizon_s, seed)
    cpu_s = time.process_time() - t0
    rates = [n / counts.batch_s for n in counts.batch_parts]
    mean = sum(rates) / BATCHES
    stderr = (sum((r - mean) ** 2 for r in rates) / (BATCHES - 1) / BATCHES) ** 0.5
    print(counts.services, counts.parts_out, counts.parts_out / horizon_s, stderr, cpu_s)


if __name__ == "__main__":
    main()
