#!/usr/bin/env python3
"""Summarises `jfr print --events jdk.ExecutionSample` output: top self frames and top inclusive methods.
Usage: jfr print --events jdk.ExecutionSample rec.jfr | python3 bench/jfr-summary.py [N] [filter-substring]"""
import re, sys
from collections import Counter

top = int(sys.argv[1]) if len(sys.argv) > 1 else 30
only = sys.argv[2] if len(sys.argv) > 2 else None
self_c, incl_c, samples = Counter(), Counter(), 0
stack, in_stack = [], False
def flush():
    global samples
    if stack and (only is None or any(only in f for f in stack)):
        samples += 1
        self_c[stack[0]] += 1
        for f in set(stack):
            incl_c[f] += 1
for line in sys.stdin:
    s = line.strip()
    if s.startswith('stackTrace = ['):
        stack, in_stack = [], True
    elif in_stack and s.startswith(']'):
        in_stack = False; flush(); stack = []
    elif in_stack and s and s != '...':
        stack.append(re.sub(r'\s+line:.*', '', s))
print(f"samples: {samples}")
print("--- self (top frame)")
for f, n in self_c.most_common(top):
    print(f"{100.0 * n / samples:5.1f}%  {f}")
print("--- inclusive (frame anywhere on the stack; JFR keeps the top 64 frames)")
for f, n in incl_c.most_common(top * 3):
    print(f"{100.0 * n / samples:5.1f}%  {f}")
