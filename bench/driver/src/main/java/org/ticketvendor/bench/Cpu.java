package org.ticketvendor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the application, PostgreSQL (the postmaster, its children, and the children it has
 * reaped) and this driver, from {@code /proc/<pid>/stat}, plus the whole machine from {@code /proc/stat}.
 */
final class Cpu {

    /** Clock ticks per second of /proc's times; 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    record Snapshot(long nanos, long app, long postgres, long driver, long machineBusy, long machineTotal) {}

    private final long appPid;
    private final long postmasterPid;
    private final long driverPid = ProcessHandle.current().pid();

    Cpu(long appPid, long postmasterPid) {
        this.appPid = appPid;
        this.postmasterPid = postmasterPid;
    }

    Snapshot snapshot() {
        long[] machine = machine();
        return new Snapshot(
                System.nanoTime(),
                appPid > 0 ? ticks(appPid, false) : -1,
                postmasterPid > 0 ? postgresTicks() : -1,
                ticks(driverPid, false),
                machine[0],
                machine[1]);
    }

    /** Cores used by each party since {@code before}, and their shares of the machine's busy time. */
    Map<String, Object> since(Snapshot before) {
        Snapshot now = snapshot();
        double seconds = (now.nanos() - before.nanos()) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", round(seconds));
        double machineTicks = now.machineTotal() - before.machineTotal();
        double busyTicks = now.machineBusy() - before.machineBusy();
        int cores = Runtime.getRuntime().availableProcessors();
        result.put("machine_busy_cores", round(machineTicks <= 0 ? 0 : busyTicks / machineTicks * cores));
        put(result, "app", before.app(), now.app(), seconds);
        put(result, "postgres", before.postgres(), now.postgres(), seconds);
        put(result, "driver", before.driver(), now.driver(), seconds);
        // Whatever else ran on the machine meanwhile: it competed with the benchmark.
        double ours = 0;
        for (String key : new String[] {"app_cores", "postgres_cores", "driver_cores"}) {
            ours += result.get(key) instanceof Double d ? d : 0;
        }
        result.put("other_processes_cores", round(Math.max(0, (double) result.get("machine_busy_cores") - ours)));
        return result;
    }

    private static void put(Map<String, Object> result, String name, long before, long after, double seconds) {
        if (before < 0 || after < 0 || seconds <= 0) {
            return;
        }
        result.put(name + "_cores", round((after - before) / TICKS / seconds));
    }

    private long postgresTicks() {
        long total = ticks(postmasterPid, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (pid != postmasterPid && parent(pid) == postmasterPid) {
                    total += ticks(pid, false);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    /** utime + stime (+ cutime + cstime: children already reaped), in ticks; 0 when the process is gone. */
    private static long ticks(long pid, boolean withReapedChildren) {
        String[] f = fields(pid);
        if (f == null) {
            return 0;
        }
        // fields after "pid (comm) ": f[0] = state, utime = f[11], stime = f[12], cutime = f[13], cstime = f[14]
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withReapedChildren) {
            t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return t;
    }

    private static long parent(long pid) {
        String[] f = fields(pid);
        return f == null ? -1 : Long.parseLong(f[1]);
    }

    private static String[] fields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
