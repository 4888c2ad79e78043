import { aPhone, aVerificationCode } from '../accounts.factory';
import { consent, sellerBody } from '../onboarding.factory';
import { all, commune, duplicateCase, only, pendingSeller, seller, type Rows } from './matrix';

/** Onboarding: sellers, registration cases, handover, training, funnel. */
export const onboardingRows: Rows = {
  // ── Onboarding ──
  'POST /api/sellers/self-register': {
    scoped: false,
    probe: async (w) => {
      const body = sellerBody();
      return { method: 'POST', path: '/api/sellers/self-register', body: { ...body, code: await aVerificationCode(w.api, body.phone), password: 'mat-khau-dai-hon' } };
    },
    expect: all(201),
  },
  'POST /api/sellers': {
    scoped: true,
    probe: async (_w, whose) => ({ method: 'POST', path: '/api/sellers', body: { ...sellerBody({}, commune(whose)), consent: consent() } }),
    // A receipt that says nothing of what became of the registration (a duplicate goes to staff as a case).
    expect: only({ agent: [202, 403], otherAgent: [403, 202] }),
  },
  'GET /api/registration-cases': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/registration-cases' }),
    expect: only({ staff: 200, otherStaff: 200, admin: 200 }),
  },
  'GET /api/registration-cases/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/registration-cases/${await duplicateCase(w, whose)}` }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'POST /api/registration-cases/{id}/resolve': {
    scoped: true,
    probe: async (w, whose) => ({
      method: 'POST',
      path: `/api/registration-cases/${await duplicateCase(w, whose)}/resolve`,
      body: { reason: 'Đã gọi điện cho hộ: hồ sơ trùng' },
    }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'GET /api/sellers': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/sellers' }),
    expect: only({ agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 }),
  },
  'GET /api/sellers/me': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/sellers/me' }), expect: only({ seller: 200, otherSeller: 200 }) },
  'POST /api/sellers/handover/claim': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/sellers/handover/claim', body: { phone: aPhone(), code: '000000', newPassword: 'mat-khau-moi-dai' } }),
    expect: all(400),
  },
  'GET /api/sellers/{id}': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'GET', path: `/api/sellers/${seller(w, whose).seller.id}` }),
    expect: only({
      seller: [200, 404],
      otherSeller: 404,
      agent: [200, 404],
      otherAgent: [404, 200],
      staff: [200, 404],
      otherStaff: [404, 200],
      admin: 200,
    }),
  },
  'POST /api/sellers/{id}/verify': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/sellers/${(await pendingSeller(w, whose)).seller.id}/verify`, body: { decision: 'approve' } }),
    expect: only({ staff: [200, 404], otherStaff: [404, 200], admin: 200 }),
  },
  'POST /api/sellers/{id}/handover': {
    scoped: true,
    probe: async (w, whose) => ({ method: 'POST', path: `/api/sellers/${(await pendingSeller(w, whose)).seller.id}/handover` }),
    expect: only({ agent: [202, 404], otherAgent: [404, 202] }),
  },
  'POST /api/training-sessions': {
    scoped: true,
    probe: async (_w, whose) => ({
      method: 'POST',
      path: '/api/training-sessions',
      body: { date: '2026-11-20', communeCode: commune(whose).communeCode, topics: ['Bán hàng trực tuyến'], attendees: [{ name: 'Lò Văn Học' }] },
    }),
    // Another province's commune is a field error: the agent may only record sessions of its own province.
    expect: only({ agent: [201, 400], otherAgent: [400, 201] }),
  },
  'GET /api/training-sessions': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/training-sessions' }),
    expect: only({ agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 }),
  },
  'GET /api/onboarding/funnel': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/onboarding/funnel' }),
    expect: only({ agent: 200, otherAgent: 200, staff: 200, otherStaff: 200, admin: 200 }),
  },

};
