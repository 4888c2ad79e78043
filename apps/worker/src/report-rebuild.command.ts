import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, InfrastructureModule } from '@nss/server-core';
import { ReportingCoreModule, ReportRebuild, type RebuildReport } from '@nss/reporting-api';

/** `--province 19` (or `--province=19`), `--apply`. */
export function parseRebuildArgs(argv: string[]): { provinceCode?: string; apply: boolean } {
  const apply = argv.includes('--apply');
  const i = argv.findIndex((a) => a === '--province' || a.startsWith('--province='));
  const arg = i >= 0 ? argv[i] : undefined;
  const provinceCode = arg?.includes('=') ? arg.split('=')[1] : i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !/^\d{2}$/.test(provinceCode ?? '')) throw new Error(`--province needs a 2-digit code, got "${provinceCode ?? ''}"`);
  return { ...(provinceCode ? { provinceCode } : {}), apply };
}

export function formatRebuildReport(report: RebuildReport): string {
  const lines = [
    `Báo cáo dựng lại / report rebuild${report.provinceCode ? ` — tỉnh/province ${report.provinceCode}` : ''}: ${report.events} events, deltas live ${report.deltas.live} / rebuilt ${report.deltas.rebuilt}`,
  ];
  const drifted = report.drift.length + report.topDrift.length > 0;
  if (!drifted) lines.push('Không lệch / no drift');
  for (const d of report.drift) lines.push(`  lệch/drift ${d.provinceCode} ${d.figure}: live ${d.live}, rebuilt ${d.rebuilt} (${d.daysDiffering} days differ)`);
  for (const d of report.topDrift) lines.push(`  lệch/drift ${d.provinceCode} top products/sellers: ${d.daysDiffering} days differ`);
  if (report.applied) lines.push('Đã thay bằng bản dựng lại / rebuilt rollups applied');
  else if (drifted) lines.push('Chưa áp dụng (thêm --apply) / not applied (add --apply)');
  return `${lines.join('\n')}\n`;
}

/**
 * `node dist/apps/worker/main.js report:rebuild [--province 19] [--apply]`: recomputes the report rollups from the
 * source events, prints the drift, and swaps them in with `--apply`. Exit code 1 when drift was found and not applied.
 */
export async function runReportRebuild(config: AppConfig, argv: string[]): Promise<number> {
  const options = parseRebuildArgs(argv);
  @Module({ imports: [InfrastructureModule.forRoot(config), ReportingCoreModule] })
  class ReportRebuildCommandModule {}
  const app = await NestFactory.createApplicationContext(ReportRebuildCommandModule, { logger: ['error', 'warn'] });
  try {
    const report = await app.get(ReportRebuild).run(options);
    process.stdout.write(formatRebuildReport(report));
    return report.drift.length + report.topDrift.length && !report.applied ? 1 : 0;
  } finally {
    await app.close();
  }
}
