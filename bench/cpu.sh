# Sourced by the order benches: CPU time (clock ticks) a JVM and an embedded PostgreSQL used, so a run can report
# milliseconds of CPU per order. Unlike orders/s, that figure hardly moves when other work shares the machine, so
# two builds can be compared on a busy machine (docs/benchmarks.md, "CPU per order").
TICK_MS=$(awk "BEGIN{print 1000 / $(getconf CLK_TCK)}")
# utime + stime of one process
proc_ticks() { [ -r "/proc/$1/stat" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }
# the postmaster of a data directory with its children: the live ones, and the ones already exited (cutime, cstime)
pg_ticks() {
  local pm t
  pm=$(head -1 "$1/postmaster.pid")
  t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
  for c in $(pgrep -P "$pm"); do t=$((t + $(proc_ticks "$c"))); done
  echo "$t"
}
# ms of CPU per unit: $1 ticks, $2 units
per() { awk "BEGIN{printf \"%.2f\", $1 * $TICK_MS / ($2 > 0 ? $2 : 1)}"; }
