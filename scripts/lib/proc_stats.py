"""What the benchmarks read of a process in /proc, and their percentile."""

import os


def status_kb(pid, key):
    """A kB line of /proc/PID/status ("VmRSS", "VmHWM"); 0 when absent."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def context_switches(pid, voluntary=True, involuntary=True):
    """Context switches of every thread of PID so far."""
    keys = tuple(k for k, on in (("voluntary_ctxt_switches", voluntary),
                                 ("nonvoluntary_ctxt_switches", involuntary)) if on)
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/status") as f:
            for line in f:
                if line.startswith(keys):
                    total += int(line.split()[1])
    return total


def pct(values, p):
    """The p-th percentile (nearest rank); NaN for no values."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))]
