import { commune, only, type Row, type Rows, type Whose } from './matrix';

/** Reports: province staff read their own province only (another province is 403), admins any. */
const province = (whose: Whose) => commune(whose).provinceCode;
const reportRow = (path: string, extra = ''): Row => ({
  scoped: true,
  probe: async (_w, whose) => ({ method: 'GET', path: `${path}?province=${province(whose)}${extra}` }),
  expect: only({ staff: [200, 403], otherStaff: [403, 200], admin: 200 }),
});

export const reportRows: Rows = {
  'GET /api/reports/figures': reportRow('/api/reports/figures', '&period=month&at=2026-11'),
  'GET /api/reports/communes': reportRow('/api/reports/communes', '&period=year&at=2026'),
  'GET /api/reports/series': reportRow('/api/reports/series', '&figure=orders_sold&period=month&at=2026-11&granularity=week'),
  'GET /api/reports/funnel': reportRow('/api/reports/funnel', '&by=agent'),
  'GET /api/reports/top': reportRow('/api/reports/top', '&by=seller&period=month&at=2026-11&limit=5'),
};
