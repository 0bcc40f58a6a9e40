import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReportFormat } from '@liaison/report';
import { type Command, Option } from 'commander';
import { CommandError } from '../errors.ts';
import type { Io } from '../io.ts';

const formats = ['pdf', 'html', 'csv', 'json', 'all'] as const;

/**
 * `liaison report --period FY2025 --format pdf|html|csv|json|all --out DIR`: the meeting report of
 * a period, from published statistics releases only. Every file is rendered before any is
 * written, and each is written under a temporary name then renamed: a failure leaves no half file.
 */
export function registerReport(cli: Command, io: Io): void {
  cli
    .command('report')
    .description('The meeting report of a period from published statistics releases: PDF, HTML, CSV (one per table) or JSON')
    .requiredOption('--period <period>', 'fiscal year FY2025 (2025-04…2026-03) or fiscal quarter 2025Q3 (2025-10…2025-12)')
    .addOption(new Option('--format <format>', 'what to write').choices([...formats]).default('pdf'))
    .requiredOption('--out <dir>', 'folder to write into (created when missing)')
    .option('--json', 'print the files written as JSON')
    .action(async (o: { period: string; format: (typeof formats)[number]; out: string; json?: boolean }) => {
      // Loaded here, not at the program's start: the other commands need no charts, browser or stats.
      const { buildReport, parseReportPeriod, ReportError, renderFiles, renderHtml } = await import('@liaison/report');
      const { renderPdf } = await import('@liaison/report/pdf');
      const { statsReleaseSource } = await import('@liaison/report/stats');
      const { commandDatabase, env } = await import('@liaison/platform');
      try {
        parseReportPeriod(o.period);
      } catch (err) {
        if (err instanceof ReportError) throw new CommandError(`--period: ${err.message}`, 2);
        throw err;
      }
      const wanted: ReportFormat[] = o.format === 'all' ? ['pdf', 'html', 'csv', 'json'] : [o.format];
      const database = commandDatabase(env());
      const files: { name: string; content: string | Buffer }[] = [];
      try {
        io.err(`report ${o.period}: reading the published releases…`);
        const model = await buildReport(statsReleaseSource(database.db), o.period).catch((err) => {
          throw err instanceof ReportError ? new CommandError(`report refused: ${err.message}`, 1) : err;
        });
        for (const format of wanted) {
          io.err(`report ${o.period}: rendering ${format}…`);
          if (format === 'pdf') files.push({ name: `report-${model.period.id}.pdf`, content: await renderPdf(renderHtml(model)) });
          else files.push(...renderFiles(model, format));
        }
      } finally {
        await database.close();
      }
      const dir = resolve(o.out);
      mkdirSync(dir, { recursive: true });
      const written: string[] = [];
      try {
        for (const f of files) {
          writeFileSync(join(dir, `.${f.name}.part`), f.content);
          written.push(f.name);
        }
        for (const name of written) renameSync(join(dir, `.${name}.part`), join(dir, name));
      } catch (err) {
        for (const name of written) rmSync(join(dir, `.${name}.part`), { force: true });
        throw err;
      }
      const paths = files.map((f) => join(dir, f.name));
      io.out(o.json ? JSON.stringify({ period: o.period, files: paths }) : paths.join('\n'));
    });
}
