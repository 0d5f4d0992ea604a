// The scale benchmark's memory measures (scale.bench.test.ts), from Linux's /proc/self/status.
import fs from 'node:fs';

/** A memory figure of this process in kB: VmRSS (resident now) or VmHWM (resident at peak). */
export function memoryKb(field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`/proc/self/status has no ${field}`);
  return Number(match[1]);
}

/** Resets the peak (VmHWM) to the resident memory of now, so that it measures what follows. */
export function resetPeakMemory() {
  fs.writeFileSync('/proc/self/clear_refs', '5');
}
