import { vnDay } from '@nss/report-figures';
import { all, commune, only, type Row, type Rows, type Whose, type World } from './matrix';

/** Reports: province staff read their own province only (another province is 403), admins any. */
const province = (whose: Whose) => commune(whose).provinceCode;
const reportRow = (path: string, extra = ''): Row => ({
  scoped: true,
  probe: async (_w, whose) => ({ method: 'GET', path: `${path}?province=${province(whose)}${extra}` }),
  expect: only({ staff: [200, 403], otherStaff: [403, 200], admin: 200 }),
});

/**
 * The monthly report (still queued) of the resource's province, stored once: its staff and admins see it, the staff
 * of another province get 404 (an export of someone else does not exist for them).
 */
async function monthlyExport(w: World, whose: Whose): Promise<string> {
  const id = `monthly:${province(whose)}:2026-10:pdf`;
  await w.api.connection.collection('report_exports').updateOne(
    { _id: id as never },
    {
      $setOnInsert: {
        kind: 'monthly',
        format: 'pdf',
        status: 'queued',
        provinceCode: province(whose),
        communeKey: null,
        period: { kind: 'month', key: '2026-10', from: '2026-10-01', to: '2026-10-31' },
        requestedByUserId: null,
        progress: { done: 0, total: 0 },
        storageKey: `reports/matrix${province(whose)}/bao-cao.pdf`,
        fileName: 'Báo cáo 2026-10.pdf',
        sizeBytes: null,
        error: null,
        createdAt: new Date(),
        startedAt: null,
        finishedAt: null,
        lockFence: null,
      },
    },
    { upsert: true },
  );
  return id;
}

const month = () => vnDay(new Date()).slice(0, 7);

export const reportRows: Rows = {
  'GET /api/reports/figures': reportRow('/api/reports/figures', '&period=month&at=2026-11'),
  'GET /api/reports/communes': reportRow('/api/reports/communes', '&period=year&at=2026'),
  'GET /api/reports/series': reportRow('/api/reports/series', '&figure=orders_sold&period=month&at=2026-11&granularity=week'),
  'GET /api/reports/funnel': reportRow('/api/reports/funnel', '&by=agent'),
  'GET /api/reports/top': reportRow('/api/reports/top', '&by=seller&period=month&at=2026-11&limit=5'),
  // Exports: asking is scoped like the figures (403 for another province); a stranger's export is 404.
  'POST /api/reports/exports': {
    scoped: true,
    probe: async (_w, whose) => ({ method: 'POST', path: '/api/reports/exports', body: { province: province(whose), format: 'csv', period: 'month', at: '2026-11' } }),
    expect: only({ staff: [202, 403], otherStaff: [403, 202], admin: 202 }),
  },
  'GET /api/reports/exports': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/reports/exports' }),
    expect: only({ staff: 200, otherStaff: 200, admin: 200 }),
  },
  'GET /api/reports/exports/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/reports/exports/${await monthlyExport(w, whose)}` }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'GET /api/reports/exports/{id}/file': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/reports/exports/${await monthlyExport(w, whose)}/file` }),
    // Still queued: 409 (not ready) for whoever may see it.
    expect: only({ staff: [409, 404], otherStaff: [404, 409], admin: 409 }),
  },
  // Open data: public aggregates.
  'GET /api/open-data': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/open-data' }), expect: all(200) },
  'GET /api/open-data/{province}/{file}': {
    scoped: true,
    probe: async (_w, whose) => ({ method: 'GET', path: `/api/open-data/${province(whose)}/${month()}.json` }),
    expect: all(200),
  },
};
