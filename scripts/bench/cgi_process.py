#!/usr/bin/env python3
"""Times vigil-search as a bare CGI process, without a web server: for each query of a query file,
runs the binary REPEAT times with the CGI environment (GATEWAY_INTERFACE, REQUEST_METHOD=GET,
QUERY_STRING=q=..., VIGIL_CONFIG) and measures each run's wall time and CPU time (user + system,
from wait4). Prints "key value" lines: runs, errors (a run that exits non-zero or answers a status
other than 2xx), wall and CPU median and p95 in ms (nearest rank, as query.sh), and the mean CPU
time.

    cgi_process.py [--param NAME] [--env NAME=VALUE]... [--samples FILE] BINARY VIGIL_CONFIG
                   QUERY_FILE REPEAT [EXTRA_PARAMETERS]
    cgi_process.py --summarise FILE

--param names the query's parameter (default q; Omega's is P), --env adds to the environment
(e.g. OMEGA_CONFIG_FILE for Omega's CGI, which scripts/bench/omega.sh times the same way).
--samples appends each run's wall and CPU ms and whether it failed ("12.3 11.9 0") to FILE;
--summarise prints the same lines as a run from such a file, over every run it holds. Two
engines timed in alternating passes into two files (scripts/bench/compare.sh) see the same
machine: a slower minute of a shared host slows both.

Exit codes: 0 done (errors are counted, not fatal), 2 usage error.
"""
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse


def percentile(values, p):
    """Nearest rank, as scripts/bench/query.sh and tests/bench/percentile.h."""
    ordered = sorted(values)
    return ordered[int(p * (len(ordered) - 1) + 0.5)] if ordered else 0.0


def status_of(output):
    """The HTTP status a CGI answer declares: its Status header, else 200."""
    head = output.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    for line in head.splitlines():
        if line.lower().startswith(b"status:"):
            return int(line.split()[1])
    return 200


def report(wall, cpu, errors, first_error):
    """Prints the summary lines of a set of runs."""
    print(f"runs {len(wall)}")
    print(f"errors {errors}")
    for name, values in (("wall", wall), ("cpu", cpu)):
        print(f"{name}_median_ms {percentile(values, 0.5):.2f}")
        print(f"{name}_p95_ms {percentile(values, 0.95):.2f}")
    # The mean CPU time bounds the throughput: at most cores * 1000 / mean requests per second.
    print(f"cpu_mean_ms {sum(cpu) / len(cpu) if cpu else 0:.2f}")
    if first_error:
        print(f"first_error {first_error}")


def summarise(path):
    """The summary of the runs a --samples file holds."""
    wall, cpu, errors = [], [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) != 3:
                continue
            wall.append(float(fields[0]))
            cpu.append(float(fields[1]))
            errors += int(fields[2])
    report(wall, cpu, errors, None)
    return 0


def main():
    args, param, added, samples = sys.argv[1:], "q", {}, None
    if len(args) == 2 and args[0] == "--summarise":
        return summarise(args[1])
    while args and args[0] in ("--param", "--env", "--samples") and len(args) >= 2:
        if args[0] == "--param":
            param = args[1]
        elif args[0] == "--samples":
            samples = args[1]
        elif "=" in args[1]:
            name, value = args[1].split("=", 1)
            added[name] = value
        else:
            args = []
            break
        args = args[2:]
    if len(args) not in (4, 5) or not args[3].isdigit() or int(args[3]) < 1:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    binary, config, query_file, repeat = args[0], args[1], args[2], int(args[3])
    extra = "&" + args[4] if len(args) == 5 and args[4] else ""
    with open(query_file, encoding="utf-8") as f:
        queries = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "GATEWAY_INTERFACE": "CGI/1.1",
        "REQUEST_METHOD": "GET",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SCRIPT_NAME": "/search",
        "REMOTE_ADDR": "127.0.0.1",
        "VIGIL_CONFIG": config,
    }
    env.update(added)
    wall, cpu, errors, first_error = [], [], 0, None
    stderr = tempfile.TemporaryFile()
    for query in queries:
        env["QUERY_STRING"] = param + "=" + urllib.parse.quote_plus(query) + extra
        for _ in range(repeat):
            start = time.perf_counter()
            # stderr goes to a file, so a chatty run cannot block on a full pipe; wait4 (not
            # communicate, which reaps the child) gives the CPU time.
            stderr.seek(0)
            stderr.truncate()
            child = subprocess.Popen([binary], env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=stderr)
            out = child.stdout.read()
            _, exit_status, usage = os.wait4(child.pid, 0)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((usage.ru_utime + usage.ru_stime) * 1000)
            child.returncode = os.waitstatus_to_exitcode(exit_status)
            status = status_of(out)
            failed = child.returncode != 0 or not 200 <= status <= 299
            if samples:
                with open(samples, "a", encoding="utf-8") as f:
                    f.write(f"{wall[-1]:.3f} {cpu[-1]:.3f} {int(failed)}\n")
            if failed:
                errors += 1
                if first_error is None:
                    stderr.seek(0)
                    first_error = f"'{query}': exit code {child.returncode}, status {status}: " \
                        + stderr.read().decode(errors="replace").strip()[:300]
    report(wall, cpu, errors, first_error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
