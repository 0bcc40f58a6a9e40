/**
 * Builds a synthetic fiscal year the way the stats service will: twelve monthly releases, each
 * protected alone, then the yearly release linked to all twelve (frozen), with the manifest and an
 * outside re-check. Prints timings and the information lost, against the naive whole-row rule.
 *
 *   pnpm --filter @liaison/disclosure bench [seed] [casesPerMonth] [coarse|full]
 */
import { auditIntervals, type CellStatus, manifest, naiveRowSuppression, type PlacedTable, protect, verifyManifest } from '../src/index.ts';
import { COARSE_MONTHLY, fiscalYear, periodSystem, yearSystem, yearTables } from './fixtures.ts';

const seed = Number(process.argv[2] ?? 2025);
const casesPerMonth = Number(process.argv[3] ?? 1500);
// `coarse`: monthly releases publish four body tables, the year all eleven; `full`: months as the year.
const monthly = process.argv[4] ?? 'coarse';
const fy = fiscalYear(seed, casesPerMonth, monthly === 'full' ? undefined : COARSE_MONTHLY);

// Wall time and this process's CPU time: on a shared, busy machine the CPU time is the steadier figure.
let cpu0 = process.cpuUsage();
const ms = (t0: number) => {
  const cpu = process.cpuUsage(cpu0);
  cpu0 = process.cpuUsage();
  return `${(performance.now() - t0).toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`;
};
const line = (label: string, s: { cells: number; primary: number; secondary: number; suppressedCount: number }, total: number) =>
  `${label.padEnd(34)} cells ${String(s.cells).padStart(6)}  primary ${String(s.primary).padStart(5)}  secondary ${String(s.secondary).padStart(5)}  hidden count ${String(s.suppressedCount).padStart(7)} (${((100 * s.suppressedCount) / total).toFixed(1)} % of ${total})`;

const monthStatus: Map<string, CellStatus>[] = [];
let monthsTime = 0;
const monthsCpu = process.cpuUsage();
const monthTotals = { cells: 0, primary: 0, secondary: 0, suppressedCount: 0 };
const naiveTotals = { cells: 0, primary: 0, secondary: 0, suppressedCount: 0 };
let naiveUnsafe = 0;
let countTotal = 0;
for (const m of fy.months) {
  const system = periodSystem(m.prefix, m.tables);
  const t0 = performance.now();
  const protection = await protect(system);
  monthsTime += performance.now() - t0;
  monthStatus.push(protection.status);
  const placed: PlacedTable[] = m.tables.map((table) => ({ prefix: m.prefix, table }));
  const naive = await naiveRowSuppression(system, placed);
  for (const key of ['cells', 'primary', 'secondary', 'suppressedCount'] as const) {
    monthTotals[key] += protection.stats[key];
    naiveTotals[key] += naive.stats[key];
  }
  naiveUnsafe += naive.underProtected.length;
  countTotal += system.cells.reduce((a, c) => a + c.value, 0);
}
const monthsCpuUsed = process.cpuUsage(monthsCpu);
console.log(
  `twelve monthly releases (${fy.months[0]!.tables.length} tables each, ${casesPerMonth} cases a month): protect ${monthsTime.toFixed(0)} ms in all (CPU of the whole loop with the baseline ${((monthsCpuUsed.user + monthsCpuUsed.system) / 1000).toFixed(0)} ms)`,
);
console.log(line('  protect (LP heuristic)', monthTotals, countTotal));
console.log(line('  naive whole-row rule', naiveTotals, countTotal));
console.log(`  naive rule leaves ${naiveUnsafe} hidden cells narrower than their protection level`);

const system = yearSystem(fy, monthStatus);
const newCells = system.cells.filter((c) => !c.frozen);
const yearCount = newCells.reduce((a, c) => a + c.value, 0);
let t0 = performance.now();
cpu0 = process.cpuUsage();
const protection = await protect(system);
const protectTime = ms(t0);
const own = { cells: newCells.length, primary: 0, secondary: 0, suppressedCount: 0 };
for (const c of newCells) {
  const s = protection.status.get(c.id);
  if (s === 'primary') own.primary++;
  if (s === 'secondary') own.secondary++;
  if (s !== 'published') own.suppressedCount += c.value;
}
console.log(
  `yearly release (${fy.year.tables.length} tables, ${newCells.length} cells, linked to ${system.cells.length - newCells.length} cells of the 12 months; ${system.constraints.length} constraints): protect ${protectTime}`,
);
console.log(line('  protect: the year’s own cells', own, yearCount));

const naive = await naiveRowSuppression(
  system,
  yearTables(fy).filter((p) => p.prefix === fy.year.prefix),
);
const naiveOwn = { cells: newCells.length, primary: 0, secondary: 0, suppressedCount: 0 };
for (const c of newCells) {
  const s = naive.status.get(c.id);
  if (s === 'primary') naiveOwn.primary++;
  if (s === 'secondary') naiveOwn.secondary++;
  if (s !== 'published') naiveOwn.suppressedCount += c.value;
}
console.log(line('  naive whole-row rule', naiveOwn, yearCount));
console.log(`  naive rule leaves ${naive.underProtected.length} hidden cells narrower than their protection level`);

t0 = performance.now();
cpu0 = process.cpuUsage();
const m = manifest({ system, protection, audience: 'public', tables: yearTables(fy), release: fy.year.prefix });
const json = JSON.stringify(m);
const manifestTime = ms(t0);
t0 = performance.now();
cpu0 = process.cpuUsage();
const check = await verifyManifest(JSON.parse(json));
console.log(
  `manifest ${(json.length / 1024).toFixed(0)} KiB in ${manifestTime}; verifyManifest ${ms(t0)}: ${check.ok ? 'ok' : check.problems.slice(0, 5).join('; ')}`,
);
t0 = performance.now();
cpu0 = process.cpuUsage();
await auditIntervals(system, protection.status);
console.log(`auditIntervals alone (yearly system): ${ms(t0)}`);
