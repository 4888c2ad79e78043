import { Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { ApiError, ReportExportDto, ReportExportListDto, ReportFiguresDto } from '@nss/contracts';
import { vnDay } from '@nss/report-figures';
import { MonthlyReports, ReportExportRunner, ReportExportsWorkerModule, ReportIngest, ReportingCoreModule } from '@nss/reporting-api';
import { InfrastructureModule } from '@nss/server-core';
import { anAccount, type CreatedAccount } from '../support/accounts.factory';
import { aListing, anOrder, aShop } from '../support/orders.factory';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * Report exports on the real database, Redis and media folder: the API accepts a request (scoped to the caller's
 * province), the worker's runner (ReportExportsWorkerModule, run by hand here) builds it with visible progress, and
 * the file downloads with its Vietnamese name: the XLSX read back with exceljs, the PDF's text through pdftotext, the
 * CSV with its BOM. A build that dies half-way and runs again ends with one export and one file; the monthly report
 * exists once per province and month, and each staff member is told once.
 */
describe('report exports: worker-made files with progress, the monthly report (real FerretDB/MongoDB and Redis)', () => {
  let api: TestApi;
  let worker: TestingModule;
  let runner: ReportExportRunner;
  let staff: CreatedAccount;
  let staffB: CreatedAccount;
  let otherStaff: CreatedAccount;
  let admin: CreatedAccount;
  const month = vnDay(new Date()).slice(0, 7);

  beforeAll(async () => {
    api = await startTestApi();
    @Module({ imports: [InfrastructureModule.forRoot(api.config), ReportingCoreModule, ReportExportsWorkerModule] })
    class ReportingWorkerOnly {}
    worker = await Test.createTestingModule({ imports: [ReportingWorkerOnly] }).compile();
    runner = worker.get(ReportExportRunner);
    staff = await anAccount().withRole('province_staff').inProvince('19').create(api);
    staffB = await anAccount().withRole('province_staff').inProvince('19').create(api);
    otherStaff = await anAccount().withRole('province_staff').inProvince('04').create(api);
    admin = await anAccount().withRole('admin').create(api);
    // A little activity in Thái Nguyên this month: a shop, a listing, two COD orders (3 items of 500 g).
    const shop = await aShop(api);
    const product = await aListing(api, shop, { stock: 20, priceVnd: 150_000, netWeightGrams: 500 });
    const buyer = await anAccount().create(api);
    await anOrder(api, buyer, product, 'cod', 1);
    await anOrder(api, buyer, product, 'cod', 2);
    if (!(await worker.get(ReportIngest).runOnce())) throw new Error('the ingest lock was busy');
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const ask = (token: string, body: Record<string, unknown>) => api.request<ReportExportDto & ApiError>({ method: 'POST', url: '/api/reports/exports', token, body });
  const status = (id: string, token = staff.accessToken) => api.request<ReportExportDto & ApiError>({ method: 'GET', url: `/api/reports/exports/${encodeURIComponent(id)}`, token });
  /** The file as bytes (the test client's `body` is text). */
  const download = async (id: string, token = staff.accessToken) => {
    const res = await api.app.inject({ method: 'GET', url: `/api/reports/exports/${encodeURIComponent(id)}/file`, headers: { authorization: `Bearer ${token}` } });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, json: () => JSON.parse(res.body) as ApiError };
  };
  const filesUnder = (dir: string): string[] => {
    try {
      return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    } catch {
      return [];
    }
  };
  const reportFiles = () => filesUnder(join(api.config.MEDIA_DIR, 'reports'));

  it('refuses another province to province staff (403) and keeps an export hidden from everyone but its owner (404)', async () => {
    const refused = await ask(staff.accessToken, { province: '04', format: 'pdf', period: 'month' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/tỉnh mình/);
    const bad = await ask(staff.accessToken, { format: 'docx', period: 'month' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('format');

    const accepted = await ask(staff.accessToken, { format: 'csv', period: 'month' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ kind: 'request', format: 'csv', status: 'queued', provinceCode: '19', period: { kind: 'month', key: month }, progress: { done: 0, percent: 0 } });
    for (const token of [otherStaff.accessToken, admin.accessToken]) {
      expect((await status(accepted.body.id, token)).status).toBe(404);
      expect((await download(accepted.body.id, token)).status).toBe(404);
    }
    expect((await status('0123456789abcdef01234567')).status).toBe(404);
    // Not an export id at all (a path, an upper-case id): refused at the door, naming the parameter.
    for (const bad of ['../../etc', accepted.body.id.toUpperCase(), 'monthly:19:2026-13:pdf']) {
      const refused = await status(bad);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('"path":"id"');
    }
    // Not made yet: 409 with a message in both languages.
    const early = await download(accepted.body.id);
    expect(early.status).toBe(409);
    expect(early.json()).toMatchObject({ code: 'EXPORT_NOT_READY', message: expect.stringMatching(/chưa lập xong/), messageEn: expect.stringMatching(/not ready/) });
  });

  it('builds an XLSX with its progress visible step by step, and it reads back with the dashboard’s figures', async () => {
    const asked = await ask(staff.accessToken, { format: 'xlsx', period: 'month' });
    expect(asked.status).toBe(202);
    const seen: Array<[string, number]> = [];
    expect(await runner.run(asked.body.id, { afterStep: async () => void seen.push([(await status(asked.body.id)).body.status, (await status(asked.body.id)).body.progress.percent]) })).toBe('done');
    // Progress goes up at every step, the export is running until the last one, then done at 100 %.
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen.slice(0, -1).every(([s]) => s === 'running')).toBe(true);
    expect(seen.map(([, p]) => p)).toEqual([...seen.map(([, p]) => p)].sort((a, b) => a - b));
    expect(new Set(seen.map(([, p]) => p)).size).toBe(seen.length);
    expect(seen.at(-1)).toEqual(['done', 100]);

    const done = await status(asked.body.id);
    expect(done.body).toMatchObject({ status: 'done', fileName: `Báo cáo Tỉnh Thái Nguyên ${month}.xlsx`, progress: { percent: 100 } });
    const file = await download(asked.body.id);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Bao cao Tinh Thai Nguyen ${month}.xlsx"; filename*=UTF-8''${encodeURIComponent(`Báo cáo Tỉnh Thái Nguyên ${month}.xlsx`)}`,
    );
    expect(file.bytes.length).toBe(done.body.sizeBytes);

    const book = new Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp (Summary)', 'Xã phường (Communes)', 'Theo thời gian (Series)', 'Phễu (Funnel)']);
    const figures = await api.request<ReportFiguresDto>({ method: 'GET', url: '/api/reports/figures?period=month', token: staff.accessToken });
    const cells = book.getWorksheet('Tổng hợp (Summary)')?.getSheetValues().flat().map(String) ?? [];
    expect(cells).toContain(figures.body.summary.vi);
    expect(figures.body.figures.find((f) => f.name === 'orders_sold')?.value).toBe(2);
    const communes = book.getWorksheet('Xã phường (Communes)');
    const tanCuong = communes?.getSheetValues().find((row) => Array.isArray(row) && row.some((v) => String(v).includes('Tân Cương')));
    expect(tanCuong).toBeDefined();
  });

  it('makes a PDF whose text opens with the Vietnamese paragraph, and a CSV of the communes with a BOM', async () => {
    const pdfAsked = await ask(staff.accessToken, { format: 'pdf', period: 'month' });
    const csvAsked = await ask(staff.accessToken, { format: 'csv', period: 'month', commune: '05503' });
    expect([pdfAsked.status, csvAsked.status]).toEqual([202, 202]);
    expect(await runner.run(pdfAsked.body.id)).toBe('done');
    expect(await runner.run(csvAsked.body.id)).toBe('done');

    const pdf = await download(pdfAsked.body.id);
    expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    const path = join(mkdtempSync(join(tmpdir(), 'nss-export-')), 'report.pdf');
    writeFileSync(path, pdf.bytes);
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ').trim();
    const figures = await api.request<ReportFiguresDto>({ method: 'GET', url: '/api/reports/figures?period=month', token: staff.accessToken });
    expect(figures.body.summary.vi).toMatch(/^Trong tháng \d{2}\/\d{4}, toàn tỉnh/);
    expect(text.startsWith(figures.body.summary.vi)).toBe(true);

    const csv = await download(csvAsked.body.id);
    expect([csv.status, csv.headers['content-type']]).toEqual([200, 'text/csv; charset=utf-8']);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    // A commune report: the header, the commune's row (Tân Cương) and the province total.
    expect(lines.some((l) => l.includes('Tân Cương'))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(String(csv.headers['content-disposition'])).toContain("filename*=UTF-8''");
  });

  it('finishes an export once when its build died half-way and ran again: one record, one file', async () => {
    const asked = await ask(staff.accessToken, { format: 'xlsx', period: 'range', from: `${month}-01`, to: vnDay(new Date()) });
    expect(asked.status).toBe(202);
    const before = reportFiles().length;
    const crash = new Error('worker killed');
    await expect(runner.run(asked.body.id, { afterStep: async (done) => { if (done === 3) throw crash; } })).rejects.toBe(crash);
    const halfway = await status(asked.body.id);
    expect(halfway.body).toMatchObject({ status: 'running', progress: { done: 3 } });
    expect(halfway.body.progress.percent).toBeGreaterThan(0);
    expect(halfway.body.progress.percent).toBeLessThan(100);
    expect((await download(asked.body.id)).status).toBe(409);

    expect(await runner.run(asked.body.id)).toBe('done');
    // A third run (a retried job, the sweep) finds it done and changes nothing.
    const doneAt = (await status(asked.body.id)).body.finishedAt;
    expect(await runner.run(asked.body.id)).toBe('skipped');
    expect((await status(asked.body.id)).body).toMatchObject({ status: 'done', finishedAt: doneAt });
    expect(await api.connection.collection('report_exports').countDocuments({ _id: asked.body.id as never })).toBe(1);
    const after = reportFiles();
    expect(after.length).toBe(before + 1);
    expect(after.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await download(asked.body.id)).status).toBe(200);
  });

  it('makes last month’s report once per province with staff, tells each active staff member once, and lists it to that province only', async () => {
    const disabled = await anAccount().withRole('province_staff').inProvince('19').create(api);
    await api.connection.collection('users').updateOne({ phone: disabled.user.phone }, { $set: { status: 'disabled' } });
    const monthly = worker.get(MonthlyReports);
    const firstDay = new Date(`${month}-01T08:00:00+07:00`);
    const previous = vnDay(new Date(firstDay.getTime() - 86_400_000)).slice(0, 7);

    expect(await monthly.run(new Date(`${month}-02T08:00:00+07:00`))).toEqual({ month: null, created: [] });
    const first = await monthly.run(firstDay);
    const second = await monthly.run(new Date(firstDay.getTime() + 3_600_000));
    const ids = ['04', '19'].flatMap((p) => [`monthly:${p}:${previous}:pdf`, `monthly:${p}:${previous}:xlsx`]);
    expect(first).toEqual({ month: previous, created: ids });
    expect(second).toEqual({ month: previous, created: [] });
    expect(await api.connection.collection('report_exports').countDocuments({ kind: 'monthly' })).toBe(4);

    // Each build runs twice (a retry, the sweep): still one message per active staff member.
    for (const id of [...ids, ...ids]) await runner.run(id);
    const messages = await api.connection.collection('notification_messages').find({ template: 'report.monthly_ready' }).toArray();
    // Every active staff member of the two provinces (ours, and those the listing factory made to approve products).
    const active = await api.connection.collection('users').find({ role: 'province_staff', status: 'active' }).toArray();
    const phones = messages.map((m) => m['phone'] as string);
    expect(phones.sort()).toEqual(active.map((u) => u['phone'] as string).sort());
    expect(phones).toEqual(expect.arrayContaining([staff.user.phone, staffB.user.phone, otherStaff.user.phone]));
    expect(phones).not.toContain(disabled.user.phone);

    const mine = await api.request<ReportExportListDto>({ method: 'GET', url: '/api/reports/exports', token: staff.accessToken });
    expect(mine.status).toBe(200);
    const listed = mine.body.items.map((e) => e.id);
    expect(listed).toEqual(expect.arrayContaining([`monthly:19:${previous}:pdf`, `monthly:19:${previous}:xlsx`]));
    expect(listed.filter((id) => id.startsWith('monthly:04:'))).toEqual([]);
    expect(mine.body.items.map((e) => e.createdAt)).toEqual([...mine.body.items.map((e) => e.createdAt)].sort().reverse());
    expect((await status(`monthly:04:${previous}:pdf`)).status).toBe(404);
    expect((await status(`monthly:04:${previous}:pdf`, admin.accessToken)).body).toMatchObject({ kind: 'monthly', status: 'done', provinceCode: '04' });
    const theirs = await api.request<ReportExportListDto>({ method: 'GET', url: '/api/reports/exports', token: otherStaff.accessToken });
    expect(theirs.body.items.map((e) => e.id).sort()).toEqual([`monthly:04:${previous}:pdf`, `monthly:04:${previous}:xlsx`]);
  });
});
